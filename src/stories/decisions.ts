// What people decide about stories, and what the machine re-decides around it.
// A decision is recorded as pins (article → story) that clustering never overrides, so merges,
// splits and moves survive new articles, re-ingestion and a full recluster. After a decision
// the stories involved are rebuilt from their members (centroid, counts, title, dates).
import type { Generation, GroupingWrite, StoryRecord } from '../types.ts';
import { newStory, scoreAgainst, StoryIndex, type ClusterInput, type StoryState } from './cluster.ts';
import { articleVector, dot, termCounts, termIds, Vector } from './features.ts';
import { vocabulary } from './vocabulary.ts';
import { assignStories, storyIdFor, type StoriesLookups } from './index.ts';
import { toRecord, WorkingSet } from './working-set.ts';

/** An article as decisions read it. */
interface Member {
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

/** What decisions read and write in the store (its stories part). */
export interface DecisionStore extends StoriesLookups {
  generation(): Promise<number>;
  members(storyIds: string[]): Promise<Member[]>;
  assertLive(id: string): Promise<void>;
  storyOfArticle(articleId: string): Promise<{ storyId: string | null } | undefined>;
  pin(articleIds: string[], storyId: string, decision: 'merge' | 'split' | 'move'): Promise<void>;
  merge(merges: Array<{ from: string; into: string }>): Promise<void>;
  replace(stories: StoryRecord[], empty: string[]): Promise<void>;
  termFrequenciesOf(terms: string[]): Promise<{ df: Map<string, number>; docs: number }>;
  forgetAll(): Promise<void>;
  articlesInOrder(offset: number, limit: number): Promise<Member[]>;
  commit(g: GroupingWrite, assignments: Map<string, string>): Promise<Generation>;
  liveCount(): Promise<number>;
  withSources(min: number): Promise<string[]>;
  flagSplit(f: { storyId: string; groups: [string[], string[]]; similarity: number }, now: string): Promise<void>;
}

const lede = (text: string): string => text.split(/(?<=[.!?…])\s+/u).slice(0, 2).join(' ');

function toInput(m: Member, vector: Vector): ClusterInput {
  const t = m.publishedAt ? Date.parse(m.publishedAt) : NaN;
  return { id: m.id, vector, time: Number.isFinite(t) ? t : null, language: m.language, title: m.title, lede: lede(m.text), ingestedAt: m.ingestedAt, copy: !!(m.duplicateOf || m.versionOf), lookup: [] };
}

/** Recomputes the state of these stories from their member articles; empty ones are removed. */
export async function rebuildStories(store: DecisionStore, storyIds: string[], now = new Date().toISOString()): Promise<void> {
  const all = await store.members(storyIds);
  const counts = new Map(all.map((m) => [m.id, termCounts(m.title, m.text)]));
  const { df, docs } = await store.termFrequenciesOf([...counts.values()].flatMap((c) => [...c.keys()]));
  const index = new StoryIndex();
  const states = new Map<string, StoryState>();
  for (const m of all) {
    const input = toInput(m, articleVector(termIds(counts.get(m.id)!), (id) => df.get(vocabulary.terms[id]!) ?? 0, docs));
    let s = states.get(m.storyId!);
    if (!s) {
      s = newStory(m.storyId!, input, now);
      states.set(s.id, s);
      index.add(s);
    }
    index.absorb(s, input, input.copy ? -1 : s.centroid.size ? scoreAgainst(input.vector, s) : 1, now);
  }
  // The write moves the grouping generation: working sets (this process's and others') reload.
  await store.replace([...states.values()].map(toRecord), storyIds.filter((id) => !states.has(id)));
}

/** Merges `from` stories into `into`: their articles are pinned to it. */
export async function mergeStories(store: DecisionStore, into: string, from: string[]): Promise<void> {
  await store.assertLive(into);
  for (const f of from) await store.assertLive(f);
  const moved = (await store.members(from)).map((m) => m.id);
  await store.pin(moved, into, 'merge');
  // Current members of `into` are pinned too, or a recluster could pull them apart again.
  await store.pin((await store.members([into])).map((m) => m.id), into, 'merge');
  await store.merge(from.map((f) => ({ from: f, into })));
  await rebuildStories(store, [into]);
}

/** Moves the given articles of a story into a new story of their own; returns its id. */
export async function splitStory(store: DecisionStore, storyId: string, articleIds: string[]): Promise<string> {
  await store.assertLive(storyId);
  const mine = new Set((await store.members([storyId])).map((m) => m.id));
  const outside = articleIds.filter((id) => !mine.has(id));
  if (outside.length) throw new Error(`not in story ${storyId}: ${outside.join(', ')}`);
  if (!articleIds.length || articleIds.length === mine.size) throw new Error('a split needs some, not all, of the story’s articles');
  const newId = storyIdFor(articleIds[0]!);
  await store.pin(articleIds, newId, 'split');
  await store.pin([...mine].filter((id) => !articleIds.includes(id)), storyId, 'split');
  await rebuildStories(store, [storyId, newId]);
  return newId;
}

/** Moves one article to another story. */
export async function moveArticle(store: DecisionStore, articleId: string, storyId: string): Promise<void> {
  await store.assertLive(storyId);
  const a = await store.storyOfArticle(articleId);
  if (!a) throw new Error(`no article ${articleId}`);
  await store.pin([articleId], storyId, 'move');
  await rebuildStories(store, [storyId, ...(a.storyId && a.storyId !== storyId ? [a.storyId] : [])]);
}

/** Forgets every story and clusters all stored articles again, in the order they came, honouring
 * people's decisions (pins). Used after a change of method; returns the number of stories. A
 * pipeline's grouping state in another process reloads (the generation moved). */
export async function recluster(store: DecisionStore, onProgress?: (done: number) => void): Promise<number> {
  await store.forgetAll();
  // Every frequency is recounted, into a working set of its own.
  const ws = new WorkingSet();
  await ws.load(store);
  let generation = await store.generation();
  const storyOf = new Map<string, string>();
  let offset = 0;
  for (;;) {
    const rows = await store.articlesInOrder(offset, 256);
    if (!rows.length) break;
    offset += rows.length;
    const now = new Date().toISOString();
    const grouped = await assignStories(
      rows.map((r) => {
        const originalId = r.duplicateOf ?? r.versionOf;
        return {
          id: r.id,
          title: r.title,
          lede: lede(r.text),
          language: r.language,
          publishedAt: r.publishedAt,
          ingestedAt: r.ingestedAt,
          ...(() => {
            const names = new Set<string>();
            return { terms: [...termCounts(r.title, r.text, names)], names: [...names] };
          })(),
          original: originalId ? { id: originalId, storyId: storyOf.get(originalId) ?? null } : null,
        };
      }),
      ws,
      store,
      now,
    );
    const fold = ws.foldWith(grouped.df);
    const g = await store.commit({ stories: grouped.records, merges: grouped.merges, counts: ws.chunkRows(grouped.df), fold }, grouped.assignments);
    // Nobody else should write stories during a recluster; if someone did, start over from the store.
    const stale = g.before !== generation;
    ws.committed(grouped.stories, grouped.df, fold !== null, stale, g.after);
    if (stale) await ws.load(store);
    generation = g.after;
    for (const m of grouped.merges) for (const [a, s] of storyOf) if (s === m.from) storyOf.set(a, m.into);
    for (const [a, s] of grouped.assignments) storyOf.set(a, s);
    onProgress?.(offset);
  }
  return store.liveCount();
}

/** Cosine below which the two halves of a story are two stories. */
const SPLIT_BELOW = 0.2;

/** Stories whose original articles fall into two groups that have little in common: flagged for
 * a person to split (or not). Two-means on the members' vectors, seeded by the least alike pair. */
export async function detectSplits(store: DecisionStore, now = new Date().toISOString()): Promise<Array<{ storyId: string; groups: [string[], string[]]; similarity: number }>> {
  const flags: Array<{ storyId: string; groups: [string[], string[]]; similarity: number }> = [];
  for (const id of await store.withSources(4)) {
    const ms = (await store.members([id])).filter((m) => !m.duplicateOf && !m.versionOf);
    const counts = ms.map((m) => termCounts(m.title, m.text));
    const { df, docs } = await store.termFrequenciesOf(counts.flatMap((c) => [...c.keys()]));
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
    await store.flagSplit({ storyId: id, groups: g, similarity: sim }, now);
  }
  return flags;
}
