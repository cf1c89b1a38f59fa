// What the stories stage keeps in the store: story rows and centroids, document frequencies,
// people's decisions (pins) and merges, flags for a person to look at. The stage holds its working
// part in memory (stories/working-set.ts) and writes back here what changed, in one transaction
// per chunk, with the grouping generation that tells other processes to reload.
import { sql, type Transaction } from 'kysely';
import type { Generation, GroupingWrite, StoryRecord } from '../types.ts';
import { markForAnalysis } from './analysis.ts';
import type { Db, SqlDialect } from './dialect.ts';
import { parts } from './parts.ts';
import { storyRow, toStoryRecord } from './rows.ts';
import type { Database } from './schema.ts';

type Trx = Db | Transaction<Database>;

const GENERATION_KEY = 'grouping_generation';
const DOCS_KEY = 'term_df_docs';

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

async function readGeneration(db: Trx): Promise<number> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', GENERATION_KEY).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/** Announces a change of grouping state, inside the writing transaction. */
export async function bumpGeneration(trx: Trx): Promise<Generation> {
  const before = await readGeneration(trx);
  await trx
    .insertInto('meta')
    .values({ key: GENERATION_KEY, value: String(before + 1) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(before + 1) }))
    .execute();
  return { before, after: before + 1 };
}

export class StoriesStore {
  private readonly db: Db;
  private readonly dialect: SqlDialect;

  constructor(db: Db, dialect: SqlDialect) {
    this.db = db;
    this.dialect = dialect;
  }

  /** The grouping generation: it moves whenever any writer changes stories or frequencies. */
  generation(): Promise<number> {
    return readGeneration(this.db);
  }

  /** Every document frequency, and the number of documents counted. */
  async termFrequencies(): Promise<{ rows: Array<{ term: string; df: number }>; docs: number }> {
    const rows = await this.db.selectFrom('term_df').select(['term', 'df']).execute();
    return { rows, docs: await this.documentsCounted() };
  }

  /** Document frequencies of some terms, and the number of documents counted. */
  async termFrequenciesOf(terms: string[]): Promise<{ df: Map<string, number>; docs: number }> {
    const df = new Map<string, number>();
    for (const part of parts([...new Set(terms)])) for (const r of await this.db.selectFrom('term_df').select(['term', 'df']).where('term', 'in', part).execute()) df.set(r.term, r.df);
    return { df, docs: await this.documentsCounted() };
  }

  private async documentsCounted(): Promise<number> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', DOCS_KEY).executeTakeFirst();
    return row ? Number(row.value) : 0;
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

  /** Writes a chunk's grouping inside the caller's transaction: stories, merges, frequencies, the
   * stories to analyse again, and a new generation. */
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
    if (g.termCounts) await this.addTermCounts(trx, g.termCounts.rows, g.termCounts.docs);
    await markForAnalysis(trx, [...g.stories.map((s) => s.id), ...g.merges.flatMap((m) => [m.from, m.into])]);
    return bumpGeneration(trx);
  }

  /** Writes a grouping on its own (a recluster's chunk), with the articles' new stories. */
  commit(g: GroupingWrite, assignments: Map<string, string> = new Map()): Promise<Generation> {
    return this.db.transaction().execute(async (trx) => {
      for (const [articleId, storyId] of assignments) await trx.updateTable('articles').set({ story_id: storyId }).where('id', '=', articleId).execute();
      return this.write(trx, g);
    });
  }

  /** Adds document frequencies counted by a process (written when it closes). */
  async writeTermCounts(rows: Array<[string, number]>, docs: number): Promise<void> {
    if (docs) await this.db.transaction().execute((trx) => this.addTermCounts(trx, rows, docs));
  }

  private async addTermCounts(trx: Trx, rows: Array<[string, number]>, docs: number): Promise<void> {
    await this.dialect.addTermCounts(trx as Db, rows);
    await trx
      .insertInto('meta')
      .values({ key: DOCS_KEY, value: String(docs) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`cast(cast(meta.value as integer) + ${docs} as text)` }))
      .execute();
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
      await applyMerges(trx, merges);
      await markForAnalysis(trx, merges.flatMap((m) => [m.from, m.into]));
      await bumpGeneration(trx);
    });
  }

  /** Stories rebuilt from their members; `empty` ones (no member left) are removed. */
  async replace(stories: StoryRecord[], empty: string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.write(trx, { stories, merges: [], termCounts: null });
      if (empty.length) await trx.deleteFrom('stories').where('id', 'in', empty).where('merged_into', 'is', null).execute();
      await markForAnalysis(trx, empty);
    });
  }

  /** Forgets every story, frequency and flag, before all articles are clustered again. */
  async forgetAll(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const gone = await trx.selectFrom('stories').select('id').where('merged_into', 'is', null).execute();
      await trx.deleteFrom('stories').execute();
      await trx.deleteFrom('term_df').execute();
      await trx.deleteFrom('story_flags').execute();
      await trx.deleteFrom('meta').where('key', '=', DOCS_KEY).execute();
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
