// The analysis stage in the store: a durable queue of stories whose newest version is not
// analysed yet, and what analysis found (entities, their mentions and roles, events and their
// participants) as rows. Ingest and people's decisions mark stories in the same transaction as
// the change; a worker claims them, analyses, and replaces the story's rows in one transaction,
// so a worker killed midway leaves the story queued and its previous rows whole. Pages, the API
// and the export only read.
import { sql, type Transaction } from 'kysely';
import type { DateSource, ExportEntity, ExportEvent, ExportQuotation, ExportRole, InferredDate, StoryAnalysis, StoryArticle } from '../types.ts';
import type { Db, SqlDialect } from './dialect.ts';
import { parts } from './parts.ts';
import type { Database } from './schema.ts';

type Trx = Db | Transaction<Database>;

const SEQ_KEY = 'analysis_seq';

/** The version of a story that an analysis is made from: it changes when the story does. */
const versionOf = (s: { updated_at: string; article_count: number }): string => `${s.updated_at}|${s.article_count}`;

/** Attempts compared with an integer column: "any number" fits it. */
const attemptsBound = (n: number): number => Math.min(n, 2 ** 31 - 1);

/** Marks stories for analysis, inside the transaction that changed them. */
export async function markForAnalysis(trx: Trx, storyIds: string[], now = new Date().toISOString()): Promise<void> {
  // In one order, so that two transactions marking the same stories never wait on each other in a cycle.
  const ids = [...new Set(storyIds)].sort();
  for (const part of parts(ids, 300))
    await trx
      .insertInto('analysis_queue')
      .values(part.map((story_id) => ({ story_id, queued_at: now, marks: 1, claimed_until: null, attempts: 0, last_error: null })))
      // The first mark's time is kept: the lag counts from the oldest change not analysed.
      .onConflict((oc) => oc.column('story_id').doUpdateSet({ marks: sql`analysis_queue.marks + 1` }))
      .execute();
}

/** A story taken from the queue by a worker. */
export interface Claim {
  storyId: string;
  marks: number;
  queuedAt: string;
  attempts: number;
}

/** What a worker analyses: the story's version and its original articles (copies repeat their
 * original's sentences: one report counts once), or `gone` when it was merged away or removed. */
export type AnalysisInput = { gone: true } | { gone: false; version: string; articles: StoryArticle[] };

export interface EntityPage {
  entity: ExportEntity;
  stories: Array<{ id: string; title: string; updatedAt: string }>;
  events: ExportEvent[];
  /** Names of the other entities its roles and events mention (organisations above all). */
  names: Map<string, string>;
  /** For an organisation: the roles others hold in it (its office holders), each with its holder. */
  holders: OfficeHolder[];
}

/** A role held in an organisation, with who holds it. */
export interface OfficeHolder extends ExportRole {
  holderId: string;
  holderName: string;
}

export class AnalysisStore {
  private readonly db: Db;
  private readonly dialect: SqlDialect;

  constructor(db: Db, dialect: SqlDialect) {
    this.db = db;
    this.dialect = dialect;
  }

  // ── the queue ───────────────────────────────────────────────────────────────────────────

  /** Takes up to `limit` queued stories, oldest first, for `leaseMs`: no other worker takes them
   * meanwhile (workers claiming at once take different stories, none waiting for another); if
   * this one dies, they are taken again once the lease has passed. */
  async claim(limit: number, leaseMs: number, maxAttempts: number, now = new Date()): Promise<Claim[]> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const rows = await this.dialect
        .forClaim(
          trx
            .selectFrom('analysis_queue')
            .select(['story_id', 'marks', 'queued_at', 'attempts'])
            .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
            .where('attempts', '<', attemptsBound(maxAttempts))
            .orderBy('queued_at')
            .limit(limit),
        )
        .execute();
      if (!rows.length) return [];
      await trx
        .updateTable('analysis_queue')
        .set((eb) => ({ claimed_until: new Date(now.getTime() + leaseMs).toISOString(), attempts: eb('attempts', '+', 1) }))
        .where('story_id', 'in', rows.map((r) => r.story_id))
        .execute();
      return rows.map((r) => ({ storyId: r.story_id, marks: r.marks, queuedAt: r.queued_at, attempts: r.attempts + 1 }));
    });
  }

  /** The story as it is now, for a worker to analyse. */
  async input(storyId: string): Promise<AnalysisInput> {
    const s = await this.db.selectFrom('stories').select(['updated_at', 'article_count', 'merged_into']).where('id', '=', storyId).executeTakeFirst();
    if (!s || s.merged_into) return { gone: true };
    const rows = await this.db
      .selectFrom('articles')
      .select(['id', 'title', 'text', 'language', 'published_at', 'published_at_source', 'ingested_at', 'url', 'site'])
      .where('story_id', '=', storyId)
      .where('duplicate_of', 'is', null)
      .orderBy('ingested_at')
      .orderBy('input')
      .execute();
    return {
      gone: false,
      version: versionOf(s),
      articles: rows.map((r) => ({
        id: r.id,
        title: r.title,
        text: r.text,
        language: r.language,
        publishedAt: r.published_at,
        publishedAtSource: r.published_at_source as DateSource | null,
        ingestedAt: r.ingested_at,
        url: r.url,
        site: r.site,
      })),
    };
  }

  /** Writes a story's analysis in place of the previous one, and takes it off the queue unless it
   * was marked again meanwhile (then it stays, for the newer version). Returns the analysis seq. */
  async save(claim: Claim, version: string, analysis: StoryAnalysis, now = new Date().toISOString()): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      await clearRows(trx, claim.storyId);
      await writeRows(trx, claim.storyId, analysis);
      const seq = await nextSeq(trx);
      const row = { version, seq, queued_at: claim.queuedAt, analyzed_at: now, inferred_dates: JSON.stringify(analysis.inferredDates) };
      await trx
        .insertInto('analyses')
        .values({ story_id: claim.storyId, ...row })
        .onConflict((oc) => oc.column('story_id').doUpdateSet(row))
        .execute();
      await this.finish(trx, claim);
      return seq;
    });
  }

  /** A story merged away or removed: its analysis goes, and its queue entry. */
  async drop(claim: Claim): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await clearRows(trx, claim.storyId);
      await trx.deleteFrom('analyses').where('story_id', '=', claim.storyId).execute();
      await nextSeq(trx);
      await this.finish(trx, claim);
    });
  }

  /** An analysis that failed: the story is released for another try, with the reason kept. */
  async fail(claim: Claim, error: string): Promise<void> {
    await this.db.updateTable('analysis_queue').set({ claimed_until: null, last_error: error.slice(0, 2000) }).where('story_id', '=', claim.storyId).execute();
  }

  private async finish(trx: Trx, claim: Claim): Promise<void> {
    const done = await trx.deleteFrom('analysis_queue').where('story_id', '=', claim.storyId).where('marks', '=', claim.marks).executeTakeFirst();
    // Marked again while we worked: a newer version waits; release it for the next pass.
    if (!Number(done.numDeletedRows))
      await trx.updateTable('analysis_queue').set({ claimed_until: null, attempts: 0, marks: 1, last_error: null }).where('story_id', '=', claim.storyId).execute();
  }

  /** Stories waiting (not given up on), and the oldest wait. */
  async backlog(maxAttempts: number): Promise<{ stories: number; oldest: string | null; failed: number }> {
    const r = await this.db
      .selectFrom('analysis_queue')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('queued_at').as('oldest')])
      .where('attempts', '<', attemptsBound(maxAttempts))
      .executeTakeFirst();
    const f = await this.db.selectFrom('analysis_queue').select((eb) => eb.fn.countAll<number>().as('n')).where('attempts', '>=', attemptsBound(maxAttempts)).executeTakeFirst();
    return { stories: Number(r?.n ?? 0), oldest: (r?.oldest as string | null) ?? null, failed: Number(f?.n ?? 0) };
  }

  /** The stories among these whose newest version is not analysed yet. */
  async pending(storyIds: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of parts([...new Set(storyIds)])) for (const r of await this.db.selectFrom('analysis_queue').select('story_id').where('story_id', 'in', part).execute()) out.add(r.story_id);
    return out;
  }

  /** Time from a story's change to its analysis, for the analyses written since `sinceIso`. */
  async lags(sinceIso: string): Promise<number[]> {
    const rows = await this.db.selectFrom('analyses').select(['queued_at', 'analyzed_at']).where('analyzed_at', '>=', sinceIso).execute();
    return rows.flatMap((r) => (r.queued_at ? [Date.parse(r.analyzed_at) - Date.parse(r.queued_at)] : []));
  }

  // ── reading what was found ──────────────────────────────────────────────────────────────

  /** The newest analysis position (live pages compare it with what they showed). */
  async seq(): Promise<number> {
    const r = await this.db.selectFrom('meta').select('value').where('key', '=', SEQ_KEY).executeTakeFirst();
    return r ? Number(r.value) : 0;
  }

  /** Stories analysed after a position, optionally only this one. */
  async analysedSince(seq: number, storyId?: string): Promise<string[]> {
    let q = this.db.selectFrom('analyses').select('story_id').where('seq', '>', seq);
    if (storyId) q = q.where('story_id', '=', storyId);
    return (await q.limit(1000).execute()).map((r) => r.story_id);
  }

  /** The dates the analysis inferred for the articles of a story that give none themselves. */
  async inferredDates(storyId: string): Promise<Record<string, InferredDate>> {
    const r = await this.db.selectFrom('analyses').select('inferred_dates').where('story_id', '=', storyId).executeTakeFirst();
    return r ? (JSON.parse(r.inferred_dates) as Record<string, InferredDate>) : {};
  }

  /** The analyses of these stories, as last written. */
  async ofStories(storyIds: string[]): Promise<Map<string, StoryAnalysis>> {
    const out = new Map<string, StoryAnalysis>();
    for (const part of parts([...new Set(storyIds)], 300)) {
      const heads = await this.db.selectFrom('analyses').select(['story_id', 'inferred_dates']).where('story_id', 'in', part).execute();
      if (!heads.length) continue;
      const ids = heads.map((h) => h.story_id);
      for (const h of heads) out.set(h.story_id, { entities: [], events: [], quotations: [], inferredDates: JSON.parse(h.inferred_dates) as Record<string, InferredDate> });
      const entities = await this.db.selectFrom('story_entities').selectAll().where('story_id', 'in', ids).orderBy('story_id').orderBy('position').execute();
      const mentions = await this.db.selectFrom('entity_mentions').selectAll().where('story_id', 'in', ids).orderBy('story_id').orderBy('entity_id').orderBy('position').execute();
      const roles = await this.db.selectFrom('entity_roles').selectAll().where('story_id', 'in', ids).orderBy('story_id').orderBy('position').execute();
      const events = await this.db.selectFrom('events').selectAll().where('story_id', 'in', ids).orderBy('story_id').orderBy('position').execute();
      const participants = await this.db.selectFrom('event_participants').selectAll().where('story_id', 'in', ids).orderBy('story_id').orderBy('position').execute();
      const quotations = await this.db.selectFrom('quotations').selectAll().where('story_id', 'in', ids).orderBy('story_id').orderBy('position').execute();
      const by = <R extends { story_id: string }>(rows: R[]): Map<string, R[]> => {
        const m = new Map<string, R[]>();
        for (const r of rows) (m.get(r.story_id) ?? m.set(r.story_id, []).get(r.story_id)!).push(r);
        return m;
      };
      const [es, ms, rs, evs, ps, qs] = [by(entities), by(mentions), by(roles), by(events), by(participants), by(quotations)];
      for (const id of ids) {
        const a = out.get(id)!;
        a.entities = assembleEntities(es.get(id) ?? [], ms.get(id) ?? [], rs.get(id) ?? []);
        a.events = assembleEvents(evs.get(id) ?? [], ps.get(id) ?? []);
        a.quotations = (qs.get(id) ?? []).map(assembleQuotation);
      }
    }
    return out;
  }

  /** Each story's newest development: its latest dated, past, non-quotation event that still stands (none when it has none). */
  async newestDevelopments(storyIds: string[]): Promise<Map<string, ExportEvent>> {
    const out = new Map<string, ExportEvent>();
    for (const part of parts([...new Set(storyIds)], 300)) {
      // In the analysis's own order: of two developments of one day told by as many sources, the
      // first stays the story's line whichever backend reads it (PostgreSQL returns an unordered
      // select in any order, so the home page and the story's own reading could pick different ones).
      const rows = await this.db.selectFrom('events').selectAll().where('story_id', 'in', part).where('status', 'not in', ['superseded', 'retracted']).orderBy('story_id').orderBy('position').execute();
      const participants = rows.length ? await this.db.selectFrom('event_participants').selectAll().where('story_id', 'in', [...new Set(rows.map((r) => r.story_id))]).orderBy('position').execute() : [];
      const key = (e: ExportEvent): string => e.date.start!;
      const today = new Date().toISOString().slice(0, 10);
      for (const e of assembleEvents(rows, participants)) {
        // "Latest" is a development that happened: dated, and not after the newest report of it
        // (an event dated later than every source that tells it is a plan or an announcement of
        // one, and a story's latest line must not run ahead of its own news), nor after today.
        // Quotations and bare verbs are not developments.
        const reported = e.sources.map((s) => s.reportedAt ?? '').sort().at(-1)?.slice(0, 10) ?? '';
        if (!e.date.start || e.type === 'statement' || e.type === 'other' || !reported || e.date.start.slice(0, 10) > reported || e.date.start.slice(0, 10) > today) continue;
        const best = out.get(e.storyId);
        if (!best || key(e) > key(best) || (key(e) === key(best) && e.sources.length > best.sources.length)) out.set(e.storyId, e);
      }
    }
    return out;
  }

  /** One entity across every live story whose analysis names it (the most recent first). */
  async entityPage(id: string, maxStories = 200): Promise<EntityPage | undefined> {
    if (!/^[\w-]{1,64}$/.test(id)) return undefined;
    const live = await this.db
      .selectFrom('story_entities as se')
      .innerJoin('stories as s', 's.id', 'se.story_id')
      .select(['s.id', 's.title', 's.updated_at'])
      .where('se.entity_id', '=', id)
      .where('s.merged_into', 'is', null)
      .orderBy('s.updated_at', 'desc')
      .limit(maxStories)
      .execute();
    if (!live.length) return undefined;
    const storyIds = live.map((s) => s.id);
    const rows = await this.db.selectFrom('story_entities').selectAll().where('entity_id', '=', id).where('story_id', 'in', storyIds).execute();
    const mentions = await this.db.selectFrom('entity_mentions').selectAll().where('entity_id', '=', id).where('story_id', 'in', storyIds).orderBy('story_id').orderBy('position').execute();
    const roles = await this.db.selectFrom('entity_roles').selectAll().where('entity_id', '=', id).where('story_id', 'in', storyIds).orderBy('story_id').orderBy('position').execute();
    // The stories' order (most recent first) decides the name shown.
    const order = new Map(storyIds.map((s, i) => [s, i]));
    rows.sort((a, b) => order.get(a.story_id)! - order.get(b.story_id)!);
    let entity: ExportEntity | undefined;
    for (const r of rows) {
      const [e] = assembleEntities([r], mentions.filter((m) => m.story_id === r.story_id), roles.filter((x) => x.story_id === r.story_id));
      entity = mergeEntity(entity, e!);
    }
    if (!entity) return undefined;
    const mine = await this.db.selectFrom('event_participants').select(['story_id', 'event_id']).where('entity_id', '=', id).where('story_id', 'in', storyIds).execute();
    const events: ExportEvent[] = [];
    for (const part of parts([...new Set(mine.map((m) => m.story_id))], 100)) {
      const wanted = new Set(mine.map((m) => `${m.story_id}|${m.event_id}`));
      const evs = (await this.db.selectFrom('events').selectAll().where('story_id', 'in', part).orderBy('position').execute()).filter((e) => wanted.has(`${e.story_id}|${e.id}`));
      const ps = await this.db.selectFrom('event_participants').selectAll().where('story_id', 'in', part).orderBy('position').execute();
      events.push(...assembleEvents(evs, ps));
    }
    events.sort((a, b) => (a.date.start ?? '9999').localeCompare(b.date.start ?? '9999'));
    const others = [...new Set([...entity.roles.flatMap((r) => (r.organizationId ? [r.organizationId] : [])), ...events.flatMap((e) => e.participants.map((p) => p.entityId))])];
    const names = new Map<string, string>([[entity.id, entity.name]]);
    for (const part of parts(others)) for (const r of await this.db.selectFrom('story_entities').select(['entity_id', 'name']).where('entity_id', 'in', part).execute()) if (!names.has(r.entity_id)) names.set(r.entity_id, r.name);
    // Office holders: roles in this organisation, from the live stories that report them.
    const held = await this.db
      .selectFrom('entity_roles as r')
      .innerJoin('stories as s', 's.id', 'r.story_id')
      .innerJoin('story_entities as e', (j) => j.onRef('e.story_id', '=', 'r.story_id').onRef('e.entity_id', '=', 'r.entity_id'))
      .select(['r.entity_id', 'e.name', 'r.role', 'r.label', 'r.organization_id', 'r.from_date', 'r.to_date', 'r.interim', 'r.sources'])
      .where('r.organization_id', '=', id)
      .where('s.merged_into', 'is', null)
      .orderBy('r.story_id')
      .orderBy('r.position')
      .limit(2000)
      .execute();
    const holders: OfficeHolder[] = held.map((r) => ({ holderId: r.entity_id, holderName: r.name, role: r.role, label: r.label, organizationId: r.organization_id, from: r.from_date, to: r.to_date, interim: !!r.interim, sources: JSON.parse(r.sources) }));
    for (const h of holders) if (!names.has(h.holderId)) names.set(h.holderId, h.holderName);
    return { entity, stories: live.map((s) => ({ id: s.id, title: s.title, updatedAt: s.updated_at })), events, names, holders };
  }
}

/** One person or organisation across stories: the same id (type and folded name) everywhere. */
export function mergeEntity(into: ExportEntity | undefined, e: ExportEntity): ExportEntity {
  if (!into) return { ...e, aliases: [...e.aliases], mentions: [...e.mentions], roles: [...e.roles] };
  for (const a of e.aliases) if (!into.aliases.includes(a)) into.aliases.push(a);
  into.mentions.push(...e.mentions);
  const seen = new Set(into.roles.map((r) => JSON.stringify(r)));
  for (const r of e.roles) if (!seen.has(JSON.stringify(r))) into.roles.push(r);
  return into;
}

async function nextSeq(trx: Trx): Promise<number> {
  const r = await trx
    .insertInto('meta')
    .values({ key: SEQ_KEY, value: '1' })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`cast(cast(meta.value as integer) + 1 as text)` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(r.value);
}

async function clearRows(trx: Trx, storyId: string): Promise<void> {
  for (const t of ['story_entities', 'entity_mentions', 'entity_roles', 'events', 'event_participants', 'quotations'] as const) await trx.deleteFrom(t).where('story_id', '=', storyId).execute();
}

async function writeRows(trx: Trx, storyId: string, a: StoryAnalysis): Promise<void> {
  const insert = async <T extends keyof Database>(table: T, rows: Database[T][]): Promise<void> => {
    for (const part of parts(rows, 100)) await trx.insertInto(table).values(part as never).execute();
  };
  await insert(
    'story_entities',
    a.entities.map((e, position) => ({ story_id: storyId, entity_id: e.id, position, name: e.name, type: e.type, aliases: JSON.stringify(e.aliases), typed_by: e.typedBy ?? null })),
  );
  await insert(
    'entity_mentions',
    a.entities.flatMap((e) => e.mentions.map((m, position) => ({ story_id: storyId, entity_id: e.id, position, article_id: m.articleId, text: m.text, start_offset: m.start, end_offset: m.end, cue: m.cue ?? null }))),
  );
  await insert(
    'entity_roles',
    a.entities.flatMap((e) =>
      e.roles.map((r, position) => ({
        story_id: storyId,
        entity_id: e.id,
        position,
        role: r.role,
        label: r.label,
        organization_id: r.organizationId,
        from_date: r.from,
        to_date: r.to,
        interim: r.interim ? 1 : 0,
        sources: JSON.stringify(r.sources),
        from_event: r.fromEvent ?? null,
        to_event: r.toEvent ?? null,
        status: r.status ?? null,
      })),
    ),
  );
  await insert(
    'events',
    a.events.map((e, position) => ({
      story_id: storyId,
      id: e.id,
      position,
      type: e.type,
      summary: e.summary,
      date_start: e.date.start,
      date_end: e.date.end,
      date_precision: e.date.precision,
      date_text: e.date.text,
      status: e.status,
      superseded_by: e.supersededBy,
      contradicts: JSON.stringify(e.contradicts),
      sources: JSON.stringify(e.sources),
      trigger: e.trigger ?? null,
      position_label: e.position ?? null,
    })),
  );
  await insert(
    'event_participants',
    a.events.flatMap((e) => e.participants.map((p, position) => ({ story_id: storyId, event_id: e.id, position, entity_id: p.entityId, role: p.role }))),
  );
  await insert(
    'quotations',
    (a.quotations ?? []).map((q, position) => ({ story_id: storyId, id: q.id, position, speaker_id: q.speakerId, speaker: q.speaker, text: q.text, article_id: q.articleId, sentence: q.sentence, reported_at: q.reportedAt, cue: q.cue })),
  );
}

function assembleQuotation(r: Database['quotations']): ExportQuotation {
  return { id: r.id, storyId: r.story_id, speakerId: r.speaker_id, speaker: r.speaker, text: r.text, articleId: r.article_id, sentence: r.sentence, reportedAt: r.reported_at, cue: r.cue };
}

function assembleEntities(rows: Database['story_entities'][], mentions: Database['entity_mentions'][], roles: Database['entity_roles'][]): ExportEntity[] {
  const byEntity = new Map<string, ExportEntity>();
  const out = rows.map((r) => {
    const e: ExportEntity = { id: r.entity_id, name: r.name, type: r.type as ExportEntity['type'], aliases: JSON.parse(r.aliases), mentions: [], roles: [] };
    if (r.typed_by) e.typedBy = r.typed_by;
    byEntity.set(r.entity_id, e);
    return e;
  });
  for (const m of mentions) byEntity.get(m.entity_id)?.mentions.push({ articleId: m.article_id, text: m.text, start: m.start_offset, end: m.end_offset, ...(m.cue ? { cue: m.cue } : {}) });
  for (const r of roles) {
    const role: ExportRole = { role: r.role, label: r.label, organizationId: r.organization_id, from: r.from_date, to: r.to_date, interim: !!r.interim, sources: JSON.parse(r.sources), fromEvent: r.from_event ?? null, toEvent: r.to_event ?? null };
    if (r.status === 'superseded') role.status = 'superseded';
    byEntity.get(r.entity_id)?.roles.push(role);
  }
  return out;
}

function assembleEvents(rows: Database['events'][], participants: Database['event_participants'][]): ExportEvent[] {
  const byEvent = new Map<string, ExportEvent>();
  const out = rows.map((r) => {
    const e: ExportEvent = {
      id: r.id,
      storyId: r.story_id,
      type: r.type as ExportEvent['type'],
      summary: r.summary,
      participants: [],
      date: { start: r.date_start, end: r.date_end, precision: r.date_precision as ExportEvent['date']['precision'], text: r.date_text },
      sources: JSON.parse(r.sources),
      status: r.status as ExportEvent['status'],
      supersededBy: r.superseded_by,
      contradicts: JSON.parse(r.contradicts),
      trigger: r.trigger ?? '',
      position: r.position_label ?? null,
    };
    byEvent.set(`${r.story_id}|${r.id}`, e);
    return e;
  });
  for (const p of participants) byEvent.get(`${p.story_id}|${p.event_id}`)?.participants.push({ entityId: p.entity_id, role: p.role as ExportEvent['participants'][number]['role'] });
  return out;
}
