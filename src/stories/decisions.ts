// What people decide about stories, and what the machine re-decides around it.
// A decision is recorded as pins (article → story) that clustering never overrides, so merges,
// splits and moves survive new articles, re-ingestion and a full recluster. After a decision
// the stories involved are rebuilt from their members (centroid, counts, title, dates).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { applyMerges, loadDf, saveStories } from '../store/stories.ts';
import { bumpGeneration, commitGrouping, WorkingSet } from '../store/working-set.ts';
import { newStory, scoreAgainst, StoryIndex, type ClusterInput, type StoryState } from './cluster.ts';
import { articleVector, dot, termCounts, termIds, Vector } from './features.ts';
import { vocabulary } from './vocabulary.ts';
import { assignStories, storyIdFor } from './index.ts';

type Db = Kysely<Database>;

interface Member {
  id: string;
  title: string;
  text: string;
  language: string;
  published_at: string | null;
  ingested_at: string;
  duplicate_of: string | null;
  version_of: string | null;
  story_id: string | null;
}

async function members(db: Db, storyIds: string[]): Promise<Member[]> {
  if (!storyIds.length) return [];
  return db
    .selectFrom('articles')
    .select(['id', 'title', 'text', 'language', 'published_at', 'ingested_at', 'duplicate_of', 'version_of', 'story_id'])
    .where('story_id', 'in', storyIds)
    .orderBy('ingested_at')
    .orderBy('input')
    .execute();
}

const lede = (text: string): string => text.split(/(?<=[.!?…])\s+/u).slice(0, 2).join(' ');

function toInput(m: Member, vector: Vector): ClusterInput {
  const t = m.published_at ? Date.parse(m.published_at) : NaN;
  return { id: m.id, vector, time: Number.isFinite(t) ? t : null, language: m.language, title: m.title, lede: lede(m.text), ingestedAt: m.ingested_at, copy: !!(m.duplicate_of || m.version_of), lookup: [] };
}

/** Recomputes the state of these stories from their member articles; empty ones are removed. */
export async function rebuildStories(db: Db, storyIds: string[], now = new Date().toISOString()): Promise<void> {
  const all = await members(db, storyIds);
  const counts = new Map(all.map((m) => [m.id, termCounts(m.title, m.text)]));
  const { df, docs } = await loadDf(db, [...counts.values()].flatMap((c) => [...c.keys()]));
  const index = new StoryIndex();
  const states = new Map<string, StoryState>();
  for (const m of all) {
    const input = toInput(m, articleVector(termIds(counts.get(m.id)!), (id) => df.get(vocabulary.terms[id]!) ?? 0, docs));
    let s = states.get(m.story_id!);
    if (!s) {
      s = newStory(m.story_id!, input, now);
      states.set(s.id, s);
      index.add(s);
    }
    index.absorb(s, input, input.copy ? -1 : s.centroid.size ? scoreAgainst(input.vector, s) : 1, now);
  }
  await db.transaction().execute(async (trx) => {
    await saveStories(trx, [...states.values()]);
    const empty = storyIds.filter((id) => !states.has(id));
    if (empty.length) await trx.deleteFrom('stories').where('id', 'in', empty).where('merged_into', 'is', null).execute();
    // Working sets (this process's and others') reload what they hold.
    await bumpGeneration(trx);
  });
}

async function pin(db: Db, articleIds: string[], storyId: string, decision: 'merge' | 'split' | 'move'): Promise<void> {
  const decidedAt = new Date().toISOString();
  for (let i = 0; i < articleIds.length; i += 300) {
    const part = articleIds.slice(i, i + 300);
    await db
      .insertInto('article_pins')
      .values(part.map((article_id) => ({ article_id, story_id: storyId, decided_at: decidedAt, decision })))
      .onConflict((oc) => oc.column('article_id').doUpdateSet({ story_id: storyId, decided_at: decidedAt, decision }))
      .execute();
    await db.updateTable('articles').set({ story_id: storyId }).where('id', 'in', part).execute();
  }
  await bumpGeneration(db);
}

async function liveStory(db: Db, id: string): Promise<void> {
  const s = await db.selectFrom('stories').select(['id', 'merged_into']).where('id', '=', id).executeTakeFirst();
  if (!s) throw new Error(`no story ${id}`);
  if (s.merged_into) throw new Error(`story ${id} was merged into ${s.merged_into}`);
}

/** Merges `from` stories into `into`: their articles are pinned to it. */
export async function mergeStories(db: Db, into: string, from: string[]): Promise<void> {
  await liveStory(db, into);
  for (const f of from) await liveStory(db, f);
  const moved = (await members(db, from)).map((m) => m.id);
  await pin(db, moved, into, 'merge');
  // Current members of `into` are pinned too, or a recluster could pull them apart again.
  await pin(db, (await members(db, [into])).map((m) => m.id), into, 'merge');
  await db.transaction().execute(async (trx) => {
    await applyMerges(trx, from.map((f) => ({ from: f, into })));
    await bumpGeneration(trx);
  });
  await rebuildStories(db, [into]);
}

/** Moves the given articles of a story into a new story of their own; returns its id. */
export async function splitStory(db: Db, storyId: string, articleIds: string[]): Promise<string> {
  await liveStory(db, storyId);
  const mine = new Set((await members(db, [storyId])).map((m) => m.id));
  const outside = articleIds.filter((id) => !mine.has(id));
  if (outside.length) throw new Error(`not in story ${storyId}: ${outside.join(', ')}`);
  if (!articleIds.length || articleIds.length === mine.size) throw new Error('a split needs some, not all, of the story’s articles');
  const newId = storyIdFor(articleIds[0]!);
  await pin(db, articleIds, newId, 'split');
  await pin(db, [...mine].filter((id) => !articleIds.includes(id)), storyId, 'split');
  await rebuildStories(db, [storyId, newId]);
  return newId;
}

/** Moves one article to another story. */
export async function moveArticle(db: Db, articleId: string, storyId: string): Promise<void> {
  await liveStory(db, storyId);
  const a = await db.selectFrom('articles').select(['id', 'story_id']).where('id', '=', articleId).executeTakeFirst();
  if (!a) throw new Error(`no article ${articleId}`);
  await pin(db, [articleId], storyId, 'move');
  await rebuildStories(db, [storyId, ...(a.story_id && a.story_id !== storyId ? [a.story_id] : [])]);
}

/** Forgets every story and clusters all stored articles again, in the order they came, honouring
 * people's decisions (pins). Used after a change of method; returns the number of stories. */
export async function recluster(db: Db, onProgress?: (done: number) => void): Promise<number> {
  WorkingSet.of(db).dropCounts(); // every frequency is recounted below
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('stories').execute();
    await trx.deleteFrom('term_df').execute();
    await trx.deleteFrom('story_flags').execute();
    await trx.deleteFrom('meta').where('key', '=', 'term_df_docs').execute();
    await bumpGeneration(trx);
  });
  const storyOf = new Map<string, string>();
  let offset = 0;
  for (;;) {
    const rows = await db
      .selectFrom('articles')
      .select(['id', 'title', 'text', 'language', 'published_at', 'ingested_at', 'duplicate_of', 'version_of'])
      .orderBy('ingested_at')
      .orderBy('input')
      .limit(256)
      .offset(offset)
      .execute();
    if (!rows.length) break;
    offset += rows.length;
    const now = new Date().toISOString();
    const grouped = await assignStories(
      rows.map((r) => {
        const originalId = r.duplicate_of ?? r.version_of;
        return {
          id: r.id,
          title: r.title,
          lede: lede(r.text),
          language: r.language,
          publishedAt: r.published_at,
          ingestedAt: r.ingested_at,
          terms: [...termCounts(r.title, r.text)],
          original: originalId ? { id: originalId, storyId: storyOf.get(originalId) ?? null } : null,
        };
      }),
      db,
      now,
    );
    await commitGrouping(db, grouped, async (trx) => {
      for (const [articleId, storyId] of grouped.assignments) await trx.updateTable('articles').set({ story_id: storyId }).where('id', '=', articleId).execute();
    });
    for (const m of grouped.merges) for (const [a, s] of storyOf) if (s === m.from) storyOf.set(a, m.into);
    for (const [a, s] of grouped.assignments) storyOf.set(a, s);
    onProgress?.(offset);
  }
  const n = await db.selectFrom('stories').select(sql<number>`count(*)`.as('n')).where('merged_into', 'is', null).executeTakeFirst();
  return Number(n?.n ?? 0);
}

/** Cosine below which the two halves of a story are two stories. */
const SPLIT_BELOW = 0.2;

/** Stories whose original articles fall into two groups that have little in common: flagged for
 * a person to split (or not). Two-means on the members' vectors, seeded by the least alike pair. */
export async function detectSplits(db: Db, now = new Date().toISOString()): Promise<Array<{ storyId: string; groups: [string[], string[]]; similarity: number }>> {
  const stories = await db.selectFrom('stories').select('id').where('merged_into', 'is', null).where('source_count', '>=', 4).execute();
  const flags: Array<{ storyId: string; groups: [string[], string[]]; similarity: number }> = [];
  for (const { id } of stories) {
    const ms = (await members(db, [id])).filter((m) => !m.duplicate_of && !m.version_of);
    const counts = ms.map((m) => termCounts(m.title, m.text));
    const { df, docs } = await loadDf(db, counts.flatMap((c) => [...c.keys()]));
    const vs = counts.map((c) => articleVector(termIds(c), (id) => df.get(vocabulary.terms[id]!) ?? 0, docs));
    let [a, b, worst] = [0, 1, Infinity];
    for (let i = 0; i < vs.length; i++) for (let j = i + 1; j < vs.length; j++) { const d = dot(vs[i]!, vs[j]!); if (d < worst) [a, b, worst] = [i, j, d]; }
    let ca: Vector = vs[a]!;
    let cb: Vector = vs[b]!;
    let groups: [number[], number[]] = [[], []];
    for (let round = 0; round < 5; round++) {
      groups = [[], []];
      vs.forEach((v, i) => groups[dot(v, ca) / (ca.norm() || 1) >= dot(v, cb) / (cb.norm() || 1) ? 0 : 1].push(i));
      const sum = (idx: number[]): Vector => { const m = new Map<string, number>(); for (const i of idx) for (const [t, w] of vs[i]!) m.set(t, (m.get(t) ?? 0) + w); return Vector.of(m); };
      ca = sum(groups[0]);
      cb = sum(groups[1]);
    }
    if (groups[0].length < 2 || groups[1].length < 2) continue;
    const sim = dot(ca, cb) / ((ca.norm() || 1) * (cb.norm() || 1));
    if (sim >= SPLIT_BELOW) continue;
    const g: [string[], string[]] = [groups[0].map((i) => ms[i]!.id), groups[1].map((i) => ms[i]!.id)];
    flags.push({ storyId: id, groups: g, similarity: Math.round(sim * 1000) / 1000 });
    await db
      .insertInto('story_flags')
      .values({ story_id: id, kind: 'split', detail: JSON.stringify({ groups: g, similarity: sim }), flagged_at: now })
      .onConflict((oc) => oc.columns(['story_id', 'kind']).doUpdateSet({ detail: JSON.stringify({ groups: g, similarity: sim }), flagged_at: now }))
      .execute();
  }
  return flags;
}
