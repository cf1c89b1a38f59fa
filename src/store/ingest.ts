// What the ingest pipeline reads and writes: inputs already stored, the statistical clutter
// signal (short lines per site), the lookups of dedupe (body fingerprints, URLs, recent
// signatures), and a chunk's whole result in one transaction.
//
// Dedupe and clustering decide from what is stored, so two writers deciding at once from the
// same state would both open a story for one report, or count one input twice. A chunk is
// therefore decided and written inside one transaction that holds the grouping lock (`grouping`):
// writers take turns, each starting from what the one before it wrote.
import { sql, type Transaction } from 'kysely';
import type { ArticleRow, Generation, GroupingWrite, RawInput, StoredInput } from '../types.ts';
import type { Db, SqlDialect } from './dialect.ts';
import { parts } from './parts.ts';
import { articleRow, inputRow } from './rows.ts';
import type { Database } from './schema.ts';
import { bumpGeneration, StoriesStore } from './stories.ts';

const REPROCESS_KEY = 'reprocess';

/** Inside a grouping transaction: the store's lookups bound to it, and the write of a chunk. */
export interface GroupingTx {
  ingest: IngestStore;
  stories: StoriesStore;
  /** Inputs, articles and grouping, in this transaction. */
  save(batch: Batch): Promise<Generation>;
}

/** A chunk's result: inputs verbatim, their articles, and what grouping decided. */
export interface Batch extends GroupingWrite {
  inputs: StoredInput[];
  articles: ArticleRow[];
}

/** A stored original and the story it is in. */
export interface Original {
  id: string;
  storyId: string | null;
}

/** The latest original at a URL, with what a version comparison needs. */
export interface PriorVersion extends Original {
  title: string;
  /** JSON of its blocks. */
  blocks: string;
  signature: Uint8Array | null;
}

export class IngestStore {
  /** Lines known to occur in two distinct documents of their site (site → line hashes): that can
   * never change, so they are neither read nor written again. Bounded by the boilerplate of the
   * sites seen, a few hundred lines each. */
  private readonly recurring = new Map<string, Set<string>>();

  private readonly db: Db;
  private readonly dialect: SqlDialect;
  private readonly stories: StoriesStore;

  constructor(db: Db, dialect: SqlDialect, stories: StoriesStore) {
    this.db = db;
    this.dialect = dialect;
    this.stories = stories;
  }

  /** The ids among `ids` that are already stored: those inputs were ingested before. */
  async knownInputs(ids: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (const part of parts(ids, 500)) {
      const rows = await this.db.selectFrom('inputs').select('id').where('id', 'in', part).execute();
      for (const r of rows) known.add(r.id);
    }
    return known;
  }

  /** The ids among `ids` whose input has its article (`storyline reprocess` rebuilds them). */
  async knownArticles(ids: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (const part of parts(ids, 500)) for (const r of await this.db.selectFrom('articles').select('id').where('id', 'in', part).execute()) known.add(r.id); // an article's id is its input's
    return known;
  }

  /** Stored inputs in the order they came (by chunk, then by name: files are read in name
   * order), a page at a time after `after` (the last one of the previous page), as raw inputs
   * again. */
  async storedInputs(after: { receivedAt: string; input: string; id: string } | null, limit: number): Promise<Array<RawInput & { id: string; receivedAt: string }>> {
    let q = this.db.selectFrom('inputs').select(['id', 'input', 'kind', 'content_hash', 'bytes', 'site_key', 'url', 'received_at']);
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb('received_at', '>', after.receivedAt),
          eb.and([eb('received_at', '=', after.receivedAt), eb('input', '>', after.input)]),
          eb.and([eb('received_at', '=', after.receivedAt), eb('input', '=', after.input), eb('id', '>', after.id)]),
        ]),
      );
    const rows = await q.orderBy('received_at').orderBy('input').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      input: r.input,
      kind: r.kind as RawInput['kind'],
      bytes: new Uint8Array(r.bytes),
      contentHash: r.content_hash,
      siteKey: r.site_key,
      ...(r.url ? { url: r.url } : {}),
      receivedAt: r.received_at,
    }));
  }

  /** `storyline reprocess`: the run under way (resumed), or a new one begun by forgetting every
   * article and what was derived from them (stories, frequencies, analyses) while the inputs,
   * people's decisions and the site statistics stay. In one transaction under the grouping lock:
   * every writer's grouping state reloads. */
  async beginReprocess(now = new Date().toISOString()): Promise<{ startedAt: string; resumed: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      await this.dialect.lockGrouping(trx);
      const running = await trx.selectFrom('meta').select('value').where('key', '=', REPROCESS_KEY).executeTakeFirst();
      if (running) return { startedAt: (JSON.parse(running.value) as { startedAt: string }).startedAt, resumed: true };
      for (const t of ['story_entities', 'entity_mentions', 'entity_roles', 'events', 'event_participants', 'analyses', 'analysis_queue', 'story_flags', 'stories', 'term_df', 'grouping_log', 'articles'] as const)
        await trx.deleteFrom(t).execute();
      await trx.deleteFrom('meta').where('key', 'in', ['term_df_docs', 'term_df_folded']).execute();
      await trx.insertInto('meta').values({ key: REPROCESS_KEY, value: JSON.stringify({ startedAt: now }) }).execute();
      await bumpGeneration(trx);
      return { startedAt: now, resumed: false };
    });
  }

  /** The reprocess run is over: every input has its article again. */
  async endReprocess(): Promise<void> {
    await this.db.deleteFrom('meta').where('key', '=', REPROCESS_KEY).execute();
  }

  /** When a reprocess run under way began, if one is. */
  async reprocessing(): Promise<string | undefined> {
    const r = await this.db.selectFrom('meta').select('value').where('key', '=', REPROCESS_KEY).executeTakeFirst();
    return r && (JSON.parse(r.value) as { startedAt: string }).startedAt;
  }

  /** The article an input became, if it is stored. */
  async articleOfInput(inputId: string): Promise<{ id: string; storyId: string | null; duplicateOf: string | null } | undefined> {
    const r = await this.db.selectFrom('articles').select(['id', 'story_id', 'duplicate_of']).where('input_id', '=', inputId).executeTakeFirst();
    return r && { id: r.id, storyId: r.story_id, duplicateOf: r.duplicate_of };
  }

  /** Records that short lines occur in documents of a site (the statistical clutter signal) and
   * returns, for each (site, line), the documents (up to two) it is now known in: two distinct
   * documents are all the signal needs. Rows are in document order. Only what changes is written. */
  async recordSiteLines(rows: Array<{ site: string; docKey: string; hash: string }>): Promise<Map<string, Map<string, { first: string; second: string | null }>>> {
    const out = new Map<string, Map<string, { first: string; second: string | null }>>();
    const bySite = new Map<string, string[]>();
    for (const r of rows) if (!this.recurring.get(r.site)?.has(r.hash)) (bySite.get(r.site) ?? bySite.set(r.site, []).get(r.site)!).push(r.hash);
    await this.db.transaction().execute(async (trx) => {
      for (const [site, hashes] of bySite) {
        const known = new Map<string, { first: string; second: string | null }>();
        for (const part of parts([...new Set(hashes)], 500)) {
          const found = await trx.selectFrom('site_lines').select(['line_hash', 'first_doc', 'second_doc']).where('site', '=', site).where('line_hash', 'in', part).execute();
          for (const r of found) known.set(r.line_hash, { first: r.first_doc, second: r.second_doc });
        }
        out.set(site, known);
      }
      // This chunk's documents, in order, after what was stored.
      const changed = new Map<string, { site: string; hash: string; first: string; second: string | null }>();
      for (const r of rows) {
        const known = out.get(r.site);
        if (!known || this.recurring.get(r.site)?.has(r.hash)) continue; // recurring already
        const line = known.get(r.hash);
        if (!line) known.set(r.hash, { first: r.docKey, second: null });
        else if (line.second === null && line.first !== r.docKey) line.second = r.docKey;
        else continue;
        changed.set(`${r.site}\n${r.hash}`, { site: r.site, hash: r.hash, ...known.get(r.hash)! });
      }
      // In key order: two writers recording lines of one site lock the rows they share in the same
      // order, so one waits for the other instead of both waiting on each other (a PostgreSQL
      // deadlock, seen with two `storyline worker` processes).
      const ordered = [...changed.values()].sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
      for (const part of parts(ordered, 300))
        await trx
          .insertInto('site_lines')
          .values(part.map((c) => ({ site: c.site, line_hash: c.hash, first_doc: c.first, second_doc: c.second })))
          // Never back to one document: another process may have recorded a second one meanwhile.
          .onConflict((oc) => oc.columns(['site', 'line_hash']).doUpdateSet({ second_doc: sql`coalesce(site_lines.second_doc, excluded.second_doc)` }))
          .execute();
    });
    for (const [site, known] of out) {
      for (const [hash, line] of known) {
        if (line.second === null) continue;
        (this.recurring.get(site) ?? this.recurring.set(site, new Set()).get(site)!).add(hash);
      }
    }
    // Lines recurring already are reported as such.
    for (const r of rows) {
      if (!this.recurring.get(r.site)?.has(r.hash)) continue;
      const known = out.get(r.site) ?? out.set(r.site, new Map()).get(r.site)!;
      if (!known.has(r.hash)) known.set(r.hash, { first: '', second: '' });
    }
    return out;
  }

  // ── dedupe's lookups ────────────────────────────────────────────────────────────────────

  /** The first stored original with each body fingerprint. */
  async byBodyHash(hashes: string[]): Promise<Map<string, Original>> {
    const out = new Map<string, Original>();
    for (const part of parts([...new Set(hashes)])) {
      const rows = await this.db
        .selectFrom('articles')
        .select(['id', 'body_hash', 'story_id'])
        .where('body_hash', 'in', part)
        .where('duplicate_of', 'is', null)
        .orderBy('ingested_at')
        .orderBy('id')
        .execute();
      for (const r of rows) if (!out.has(r.body_hash)) out.set(r.body_hash, { id: r.id, storyId: r.story_id });
    }
    return out;
  }

  /** The latest stored original at each URL. */
  async latestByUrl(urls: string[]): Promise<Map<string, PriorVersion>> {
    const out = new Map<string, PriorVersion>();
    for (const part of parts([...new Set(urls)])) {
      const rows = await this.db
        .selectFrom('articles')
        .select(['id', 'url', 'story_id', 'title', 'blocks', 'signature'])
        .where('url', 'in', part)
        .where('duplicate_of', 'is', null)
        .orderBy('ingested_at', 'desc')
        .execute();
      for (const r of rows) if (r.url && !out.has(r.url)) out.set(r.url, { id: r.id, storyId: r.story_id, title: r.title, blocks: r.blocks, signature: r.signature });
    }
    return out;
  }

  /** The story each of these stored articles is in. */
  async storiesOf(ids: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (const part of parts([...new Set(ids)])) for (const r of await this.db.selectFrom('articles').select(['id', 'story_id']).where('id', 'in', part).execute()) out.set(r.id, r.story_id);
    return out;
  }

  /** The latest originals' signatures, oldest first. */
  async recentSignatures(limit: number): Promise<Array<{ id: string; signature: Uint8Array }>> {
    return (await this.dialect.recentSignatures(this.db, limit)).reverse();
  }

  /** Originals written after a position in write order, oldest first (what another writer
   * added since a near-duplicate memory was loaded). */
  signaturesSince(seq: number): Promise<Array<{ id: string; signature: Uint8Array; seq: number }>> {
    return this.dialect.signaturesSince(this.db, seq);
  }

  /** The position of the newest article in write order. */
  newestSeq(): Promise<number> {
    return this.dialect.newestArticleSeq(this.db);
  }

  /** Runs `fn` in one transaction holding the grouping lock, with the store's lookups bound to
   * it: what `fn` reads is what the previous writer committed, and nobody else writes grouping
   * state until it commits. All of the chunk is stored, or none. */
  grouping<T>(fn: (tx: GroupingTx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await this.dialect.lockGrouping(trx);
      const stories = new StoriesStore(trx, this.dialect);
      const ingest = new IngestStore(trx, this.dialect, stories);
      return fn({
        ingest,
        stories,
        save: async (batch) => {
          await writeArticles(trx, batch);
          return stories.write(trx, batch);
        },
      });
    });
  }

  /** Writes inputs and articles alone, in a transaction of their own (the stories benchmark times
   * the two writes apart: each commit carries the pages it dirtied). */
  async saveArticles(batch: Pick<Batch, 'inputs' | 'articles'>): Promise<void> {
    await this.db.transaction().execute((trx) => writeArticles(trx, batch));
  }
}

async function writeArticles(trx: Transaction<Database>, batch: Pick<Batch, 'inputs' | 'articles'>): Promise<void> {
  // Queued inputs (store/work.ts) are done in the transaction that stores them: exactly once.
  for (const part of parts(batch.inputs.map((i) => i.id))) await trx.deleteFrom('work').where('kind', '=', 'ingest').where('id', 'in', part).execute();
  for (const part of parts(batch.inputs, 100))
    await trx.insertInto('inputs').values(part.map(inputRow)).onConflict((oc) => oc.column('id').doNothing()).execute();
  for (const part of parts(batch.articles, 100))
    await trx.insertInto('articles').values(part.map(articleRow)).onConflict((oc) => oc.column('id').doNothing()).execute();
}
