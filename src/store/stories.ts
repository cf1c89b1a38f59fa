// What the stories stage keeps in the store: story rows and centroids, document frequencies,
// people's decisions (pins) and merges, flags for a person to look at. The stage holds its working
// part in memory (stories/working-set.ts) and writes back here what changed, in one transaction
// per chunk, with the grouping generation that tells other processes what moved. Each chunk's
// write is logged (grouping_log: the stories it wrote, the document frequencies it counted), so
// that another writer follows it by reading the log rather than everything, and so that counts are
// never held only in memory; the log is folded into term_df from time to time.
import { sql, type Transaction } from 'kysely';
import type { Generation, GroupingLogEntry, GroupingWrite, StoredFrequencies, StoryRecord, TermCounts } from '../types.ts';
import { markForAnalysis } from './analysis.ts';
import type { Db, SqlDialect } from './dialect.ts';
import { parts } from './parts.ts';
import { storyRow, toStoryRecord } from './rows.ts';
import type { Database } from './schema.ts';

type Trx = Db | Transaction<Database>;

const GENERATION_KEY = 'grouping_generation';
/** Documents counted in term_df (the log's since are in its rows). */
const DOCS_KEY = 'term_df_docs';
/** The generation through which the log is folded into term_df. */
const FOLDED_KEY = 'term_df_folded';

/** An article as decisions and reclustering read it. */
export interface MemberArticle {
  id: string;
  title: string;
  text: string;
  language: string;
  publishedAt: string | null;
  ingestedAt: string;
  duplicateOf: string | null;
  versionOf: string | null;
  storyId: string | null;
}

const MEMBER = ['id', 'title', 'text', 'language', 'published_at', 'ingested_at', 'duplicate_of', 'version_of', 'story_id'] as const;
const toMember = (r: Pick<Database['articles'], (typeof MEMBER)[number]>): MemberArticle => ({
  id: r.id,
  title: r.title,
  text: r.text,
  language: r.language,
  publishedAt: r.published_at,
  ingestedAt: r.ingested_at,
  duplicateOf: r.duplicate_of,
  versionOf: r.version_of,
  storyId: r.story_id,
});

export interface SplitFlag {
  storyId: string;
  groups: [string[], string[]];
  similarity: number;
}

async function readMeta(db: Trx, key: string): Promise<number> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

async function writeMeta(db: Trx, key: string, value: number): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key, value: String(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(value) }))
    .execute();
}

/** Announces a change of grouping state, inside the writing transaction (which holds the grouping
 * lock: see SqlDialect.lockGrouping). */
export async function bumpGeneration(trx: Trx): Promise<Generation> {
  const r = await trx
    .insertInto('meta')
    .values({ key: GENERATION_KEY, value: '1' })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`cast(cast(meta.value as integer) + 1 as text)` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  const after = Number(r.value);
  return { before: after - 1, after };
}

const parseCounts = (json: string, docs: number): TermCounts => ({ rows: JSON.parse(json) as Array<[string, number]>, docs });

export class StoriesStore {
  private readonly db: Db;
  private readonly dialect: SqlDialect;

  constructor(db: Db, dialect: SqlDialect) {
    this.db = db;
    this.dialect = dialect;
  }

  /** The grouping generation: it moves whenever any writer changes stories or frequencies. */
  generation(): Promise<number> {
    return readMeta(this.db, GENERATION_KEY);
  }

  /** Document frequencies as stored: term_df, and the log's counts not folded into it yet. */
  async frequencies(): Promise<StoredFrequencies> {
    const folded = await this.db.selectFrom('term_df').select(['term', 'df']).execute();
    const foldedThrough = await readMeta(this.db, FOLDED_KEY);
    const log = await this.db.selectFrom('grouping_log').select(['counts', 'docs']).where('generation', '>', foldedThrough).orderBy('generation').execute();
    return { folded, foldedDocs: await readMeta(this.db, DOCS_KEY), unfolded: log.map((r) => parseCounts(r.counts, r.docs)), foldedThrough };
  }

  /** Every document frequency, and the number of documents counted. */
  async termFrequencies(): Promise<{ rows: Array<{ term: string; df: number }>; docs: number }> {
    const f = await this.frequencies();
    const df = new Map(f.folded.map((r) => [r.term, r.df]));
    for (const c of f.unfolded) for (const [t, n] of c.rows) df.set(t, (df.get(t) ?? 0) + n);
    return { rows: [...df].map(([term, n]) => ({ term, df: n })), docs: f.unfolded.reduce((n, c) => n + c.docs, f.foldedDocs) };
  }

  /** Document frequencies of some terms, and the number of documents counted. */
  async termFrequenciesOf(terms: string[]): Promise<{ df: Map<string, number>; docs: number }> {
    const wanted = new Set(terms);
    const df = new Map<string, number>();
    for (const part of parts([...wanted])) for (const r of await this.db.selectFrom('term_df').select(['term', 'df']).where('term', 'in', part).execute()) df.set(r.term, r.df);
    const foldedThrough = await readMeta(this.db, FOLDED_KEY);
    let docs = await readMeta(this.db, DOCS_KEY);
    for (const r of await this.db.selectFrom('grouping_log').select(['counts', 'docs']).where('generation', '>', foldedThrough).execute()) {
      docs += r.docs;
      for (const [t, n] of parseCounts(r.counts, r.docs).rows) if (wanted.has(t)) df.set(t, (df.get(t) ?? 0) + n);
    }
    return { df, docs };
  }

  /** What grouping writes logged after a generation, in order, and where the log is folded
   * through. A generation moved without a log entry (a person's decision) is a gap: whoever
   * follows the log then reads everything again. */
  async logSince(generation: number): Promise<{ entries: GroupingLogEntry[]; foldedThrough: number }> {
    const rows = await this.db.selectFrom('grouping_log').select(['generation', 'docs', 'counts', 'stories']).where('generation', '>', generation).orderBy('generation').execute();
    return {
      entries: rows.map((r) => ({ generation: r.generation, counts: parseCounts(r.counts, r.docs), stories: JSON.parse(r.stories) as string[] })),
      foldedThrough: await readMeta(this.db, FOLDED_KEY),
    };
  }

  /** The most recently updated live stories: what the term index of clustering starts from. */
  async recent(limit: number): Promise<Array<Pick<StoryRecord, 'id' | 'centroid' | 'firstAt' | 'lastAt'>>> {
    const rows = await this.db.selectFrom('stories').select(['id', 'centroid', 'first_at', 'last_at']).where('merged_into', 'is', null).orderBy('updated_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, centroid: JSON.parse(r.centroid), firstAt: r.first_at, lastAt: r.last_at }));
  }

  /** Live stories by id (a merged story is not live: see resolveMerged). */
  async load(ids: string[]): Promise<StoryRecord[]> {
    const out: StoryRecord[] = [];
    for (const part of parts([...new Set(ids)])) {
      const rows = await this.db.selectFrom('stories').selectAll().where('id', 'in', part).where('merged_into', 'is', null).execute();
      for (const r of rows) out.push(toStoryRecord(r));
    }
    return out;
  }

  /** Where stories were merged: id → the live story it now belongs to. */
  async resolveMerged(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    let pending = [...new Set(ids)];
    for (let hop = 0; hop < 8 && pending.length; hop++) {
      const next: string[] = [];
      for (const part of parts(pending)) {
        const rows = await this.db.selectFrom('stories').select(['id', 'merged_into']).where('id', 'in', part).where('merged_into', 'is not', null).execute();
        for (const r of rows) {
          out.set(r.id, r.merged_into!);
          next.push(r.merged_into!);
        }
      }
      pending = next;
    }
    for (const [k] of out) {
      let v = out.get(k)!;
      while (out.has(v)) v = out.get(v)!;
      out.set(k, v);
    }
    return out;
  }

  /** People's decisions: article → story it must stay in, whatever clustering says. */
  async pins(articleIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of parts(articleIds)) for (const r of await this.db.selectFrom('article_pins').select(['article_id', 'story_id']).where('article_id', 'in', part).execute()) out.set(r.article_id, r.story_id);
    return out;
  }

  /** Writes a chunk's grouping inside the caller's transaction (which holds the grouping lock):
   * stories, merges, its log entry and counts (folded into term_df when due), the stories to
   * analyse again, and a new generation. */
  async write(trx: Trx, g: GroupingWrite): Promise<Generation> {
    for (const part of parts(g.stories, 100)) {
      await trx
        .insertInto('stories')
        .values(part.map(storyRow))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            summary: eb.ref('excluded.summary'),
            title_score: eb.ref('excluded.title_score'),
            article_count: eb.ref('excluded.article_count'),
            source_count: eb.ref('excluded.source_count'),
            languages: eb.ref('excluded.languages'),
            first_at: eb.ref('excluded.first_at'),
            last_at: eb.ref('excluded.last_at'),
            updated_at: eb.ref('excluded.updated_at'),
            centroid: eb.ref('excluded.centroid'),
            rank: eb.ref('excluded.rank'),
          })),
        )
        .execute();
    }
    await applyMerges(trx, g.merges);
    await markForAnalysis(trx, [...g.stories.map((s) => s.id), ...g.merges.flatMap((m) => [m.from, m.into])]);
    const generation = await bumpGeneration(trx);
    if (g.counts) {
      await trx
        .insertInto('grouping_log')
        .values({
          generation: generation.after,
          docs: g.counts.docs,
          counts: JSON.stringify(g.counts.rows),
          stories: JSON.stringify([...g.stories.map((s) => s.id), ...g.merges.map((m) => m.from)]),
          written_at: new Date().toISOString(),
        })
        .execute();
    }
    if (g.fold) {
      // Entries folded by the previous fold go now; those folded by this one stay until the next,
      // for writers that have not read them yet.
      const previous = await readMeta(trx, FOLDED_KEY);
      await trx.deleteFrom('grouping_log').where('generation', '<=', previous).execute();
      await this.dialect.addTermCounts(trx as Db, g.fold.rows);
      await writeMeta(trx, DOCS_KEY, (await readMeta(trx, DOCS_KEY)) + g.fold.docs);
      await writeMeta(trx, FOLDED_KEY, generation.after);
    }
    return generation;
  }

  /** Writes a grouping on its own (a recluster's chunk), with the articles' new stories. */
  commit(g: GroupingWrite, assignments: Map<string, string> = new Map()): Promise<Generation> {
    return this.db.transaction().execute(async (trx) => {
      await this.dialect.lockGrouping(trx);
      for (const [articleId, storyId] of assignments) await trx.updateTable('articles').set({ story_id: storyId }).where('id', '=', articleId).execute();
      return this.write(trx, g);
    });
  }

  // ── people's decisions ────────────────────────────────────────────────────────────────

  /** The articles of these stories, in the order they came. */
  async members(storyIds: string[]): Promise<MemberArticle[]> {
    if (!storyIds.length) return [];
    const rows = await this.db.selectFrom('articles').select(MEMBER).where('story_id', 'in', storyIds).orderBy('ingested_at').orderBy('input').execute();
    return rows.map(toMember);
  }

  /** A story that exists and was not merged away, or an error that says which. */
  async assertLive(id: string): Promise<void> {
    const s = await this.db.selectFrom('stories').select(['id', 'merged_into']).where('id', '=', id).executeTakeFirst();
    if (!s) throw new Error(`no story ${id}`);
    if (s.merged_into) throw new Error(`story ${id} was merged into ${s.merged_into}`);
  }

  /** The story an article is in (undefined: no such article). */
  async storyOfArticle(articleId: string): Promise<{ storyId: string | null } | undefined> {
    const a = await this.db.selectFrom('articles').select(['id', 'story_id']).where('id', '=', articleId).executeTakeFirst();
    return a && { storyId: a.story_id };
  }

  /** Records a decision: these articles belong to this story, whatever clustering says. */
  async pin(articleIds: string[], storyId: string, decision: 'merge' | 'split' | 'move'): Promise<void> {
    const decidedAt = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.dialect.lockGrouping(trx);
      for (const part of parts(articleIds, 300)) {
        await trx
          .insertInto('article_pins')
          .values(part.map((article_id) => ({ article_id, story_id: storyId, decided_at: decidedAt, decision })))
          .onConflict((oc) => oc.column('article_id').doUpdateSet({ story_id: storyId, decided_at: decidedAt, decision }))
          .execute();
        await trx.updateTable('articles').set({ story_id: storyId }).where('id', 'in', part).execute();
      }
      await markForAnalysis(trx, [storyId]);
      await bumpGeneration(trx);
    });
  }

  /** Marks stories merged into another. */
  async merge(merges: Array<{ from: string; into: string }>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.dialect.lockGrouping(trx);
      await applyMerges(trx, merges);
      await markForAnalysis(trx, merges.flatMap((m) => [m.from, m.into]));
      await bumpGeneration(trx);
    });
  }

  /** Stories rebuilt from their members; `empty` ones (no member left) are removed. */
  async replace(stories: StoryRecord[], empty: string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.dialect.lockGrouping(trx);
      await this.write(trx, { stories, merges: [], counts: null, fold: null });
      if (empty.length) await trx.deleteFrom('stories').where('id', 'in', empty).where('merged_into', 'is', null).execute();
      await markForAnalysis(trx, empty);
    });
  }

  /** Forgets every story, frequency and flag, before all articles are clustered again. */
  async forgetAll(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.dialect.lockGrouping(trx);
      const gone = await trx.selectFrom('stories').select('id').where('merged_into', 'is', null).execute();
      await trx.deleteFrom('stories').execute();
      await trx.deleteFrom('term_df').execute();
      await trx.deleteFrom('grouping_log').execute();
      await trx.deleteFrom('story_flags').execute();
      await trx.deleteFrom('meta').where('key', 'in', [DOCS_KEY, FOLDED_KEY]).execute();
      await markForAnalysis(trx, gone.map((s) => s.id));
      await bumpGeneration(trx);
    });
  }

  /** All stored articles in the order they came, a page at a time. */
  async articlesInOrder(offset: number, limit: number): Promise<MemberArticle[]> {
    const rows = await this.db.selectFrom('articles').select(MEMBER).orderBy('ingested_at').orderBy('input').limit(limit).offset(offset).execute();
    return rows.map(toMember);
  }

  async liveCount(): Promise<number> {
    const n = await this.db.selectFrom('stories').select((eb) => eb.fn.countAll<number>().as('n')).where('merged_into', 'is', null).executeTakeFirst();
    return Number(n?.n ?? 0);
  }

  /** Live stories with at least this many independent sources (split detection looks at them). */
  async withSources(min: number): Promise<string[]> {
    return (await this.db.selectFrom('stories').select('id').where('merged_into', 'is', null).where('source_count', '>=', min).execute()).map((r) => r.id);
  }

  async flagSplit(f: SplitFlag, now: string): Promise<void> {
    const detail = JSON.stringify({ groups: f.groups, similarity: f.similarity });
    await this.db
      .insertInto('story_flags')
      .values({ story_id: f.storyId, kind: 'split', detail, flagged_at: now })
      .onConflict((oc) => oc.columns(['story_id', 'kind']).doUpdateSet({ detail, flagged_at: now }))
      .execute();
  }

  async flags(): Promise<Array<{ storyId: string; kind: string }>> {
    return (await this.db.selectFrom('story_flags').select(['story_id', 'kind']).execute()).map((r) => ({ storyId: r.story_id, kind: r.kind }));
  }
}

async function applyMerges(trx: Trx, merges: Array<{ from: string; into: string }>): Promise<void> {
  for (const m of merges) {
    await trx.updateTable('articles').set({ story_id: m.into }).where('story_id', '=', m.from).execute();
    await trx.updateTable('stories').set({ merged_into: m.into }).where('id', '=', m.from).execute();
  }
}
