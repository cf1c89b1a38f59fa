// Persistence of the stories stage: story rows and centroids, document frequencies, people's
// decisions (pins), merges. The database is the source of truth; what clustering consults for
// every article is also kept in memory (working-set.ts), and each chunk writes back what changed,
// in one transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import { strongest, type StoryState } from '../stories/cluster.ts';
import { Vector } from '../stories/features.ts';
import { vocabulary } from '../stories/vocabulary.ts';
import type { Database } from './schema.ts';
import { parts } from './parts.ts';

export type Db = Kysely<Database> | Transaction<Database>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const ms = (s: string | null): number | null => (s === null ? null : Date.parse(s));


/** Live story states by id (merged stories resolve to the story that absorbed them). */
export async function loadStories(db: Db, ids: string[]): Promise<StoryState[]> {
  const out: StoryState[] = [];
  for (const part of parts([...new Set(ids)])) {
    const rows = await db.selectFrom('stories').selectAll().where('id', 'in', part).where('merged_into', 'is', null).execute();
    for (const r of rows) {
      const centroid = Vector.of(JSON.parse(r.centroid));
      out.push({
        id: r.id,
        title: r.title,
        titleScore: r.title_score,
        summary: r.summary,
        centroid,
        articleCount: r.article_count,
        sourceCount: r.source_count,
        languages: JSON.parse(r.languages),
        firstAt: ms(r.first_at),
        lastAt: ms(r.last_at),
        firstSeenAt: r.first_seen_at,
        updatedAt: r.updated_at,
        dirty: false,
        indexed: strongest(centroid),
      });
    }
  }
  return out;
}

/** Where a story stands on the home page: fresher first, and among stories of the same days, the
 * ones more independent outlets report (half a day per doubling of sources). */
export function storyRank(s: Pick<StoryState, 'lastAt' | 'updatedAt' | 'sourceCount'>): number {
  const latest = Math.max(s.lastAt ?? 0, Date.parse(s.updatedAt));
  return latest / 86_400_000 + 0.5 * Math.log2(1 + s.sourceCount);
}

/** Where stories were merged: id → the live story it now belongs to. */
export async function resolveMerged(db: Db, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let pending = [...new Set(ids)];
  for (let hop = 0; hop < 8 && pending.length; hop++) {
    const next: string[] = [];
    for (const part of parts(pending)) {
      const rows = await db.selectFrom('stories').select(['id', 'merged_into']).where('id', 'in', part).where('merged_into', 'is not', null).execute();
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

/** Writes the stories that changed; returns them. */
export async function saveStories(trx: Db, stories: StoryState[]): Promise<StoryState[]> {
  const dirty = stories.filter((s) => s.dirty);
  for (const part of parts(dirty, 100)) {
    await trx
      .insertInto('stories')
      .values(
        part.map((s) => ({
          id: s.id,
          title: s.title,
          summary: s.summary,
          title_score: s.titleScore,
          article_count: s.articleCount,
          source_count: s.sourceCount,
          languages: JSON.stringify(s.languages),
          first_at: iso(s.firstAt),
          last_at: iso(s.lastAt),
          first_seen_at: s.firstSeenAt,
          updated_at: s.updatedAt,
          merged_into: null,
          centroid: centroidJson(s.centroid),
          rank: storyRank(s),
        })),
      )
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
  for (const s of dirty) s.dirty = false;
  return dirty;
}

/** A centroid as stored: [[term, weight], …], weights to 5 decimals. */
function centroidJson(c: Vector): string {
  const pairs: Array<[string, number]> = [];
  for (let i = 0; i < c.size; i++) pairs.push([vocabulary.terms[c.ids[i]!]!, Math.round(c.weights[i]! * 1e5) / 1e5]);
  return JSON.stringify(pairs);
}

export async function applyMerges(trx: Db, merges: Array<{ from: string; into: string }>): Promise<void> {
  for (const m of merges) {
    await trx.updateTable('articles').set({ story_id: m.into }).where('story_id', '=', m.from).execute();
    await trx.updateTable('stories').set({ merged_into: m.into }).where('id', '=', m.from).execute();
  }
}

/** Document frequencies of `terms`, and the number of documents counted. */
export async function loadDf(db: Db, terms: string[]): Promise<{ df: Map<string, number>; docs: number }> {
  const df = new Map<string, number>();
  for (const part of parts([...new Set(terms)])) for (const r of await db.selectFrom('term_df').select(['term', 'df']).where('term', 'in', part).execute()) df.set(r.term, r.df);
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'term_df_docs').executeTakeFirst();
  return { df, docs: row ? Number(row.value) : 0 };
}

export async function addDf(trx: Db, counts: Iterable<[string, number]>, docs: number): Promise<void> {
  // One statement for all the terms, their counts passed as one JSON array: written row by row
  // through the query builder, tens of thousands of terms cost more in building statements than
  // in SQLite. In key order, the upserts walk the B-tree's pages once, left to right, instead of
  // landing on random pages of a table as large as the vocabulary.
  await sql`insert into term_df (term, df) select value ->> 0, value ->> 1 from json_each(${JSON.stringify([...counts])}) where true order by 1
    on conflict (term) do update set df = term_df.df + excluded.df`.execute(trx);
  await trx
    .insertInto('meta')
    .values({ key: 'term_df_docs', value: String(docs) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`cast(cast(meta.value as integer) + ${docs} as text)` }))
    .execute();
}

/** People's decisions: article → story it must stay in, whatever clustering says. */
export async function pins(db: Db, articleIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const part of parts(articleIds)) for (const r of await db.selectFrom('article_pins').select(['article_id', 'story_id']).where('article_id', 'in', part).execute()) out.set(r.article_id, r.story_id);
  return out;
}
