// stories/: which story each article tells. Online clustering over term vectors (cluster.ts),
// with the state in the store and its working part in memory (working-set.ts, owned by whoever
// groups: the pipeline, a recluster): per chunk, the stories its articles could join are found by
// their terms, the chunk is clustered, and what changed is handed back as records to write.
// A person's decision (a pin) always wins; a duplicate or a new version goes with its original.
import type { StoryRecord } from '../types.ts';
import { cluster, type ClusterInput, type StoryState } from './cluster.ts';
import { articleVector, byWeight, termIds, Vector } from './features.ts';
import { toRecord, type StoriesSource, type WorkingSet } from './working-set.ts';
import { vocabulary } from './vocabulary.ts';

export { WorkingSet, type Counts, type CountRows, type StoriesSource } from './working-set.ts';
export type { StoryState } from './cluster.ts';
export { mergeStories, splitStory, moveArticle, recluster, detectSplits, type DecisionStore } from './decisions.ts';

export { termCounts } from './features.ts';

export interface StoryCandidate {
  id: string;
  title: string;
  lede: string;
  language: string;
  publishedAt: string | null;
  ingestedAt: string;
  /** Raw term counts (termCounts), computed with the extraction. */
  terms: Array<[string, number]>;
  /** Of those, the terms seen as names or codes (termCounts). */
  names: string[];
  /** The original this article copies or updates, if any. */
  original: { id: string; storyId: string | null } | null;
}

/** What clustering reads from the store beyond its working set: people's decisions, merges. */
export interface StoriesLookups extends StoriesSource {
  pins(articleIds: string[]): Promise<Map<string, string>>;
  resolveMerged(ids: string[]): Promise<Map<string, string>>;
}

export interface StoryAssignment {
  assignments: Map<string, string>;
  /** Stories opened or changed, as clustering holds them and as the store keeps them. */
  stories: StoryState[];
  records: StoryRecord[];
  merges: Array<{ from: string; into: string }>;
  /** Document frequencies of the chunk's originals: their term ids, end to end. */
  df: { ids: number[]; docs: number };
}

/** Terms per article used to look up candidate stories: the strongest ones find the story. */
const LOOKUP_TERMS = 12;
const COMMON_SHARE = 0.02;

export const storyIdFor = (articleId: string): string => `s${articleId}`;

/** Groups a chunk; `ws` must reflect the store (pipeline/grouping.ts keeps it so). */
export async function assignStories(articles: StoryCandidate[], ws: WorkingSet, store: StoriesLookups, now: string): Promise<StoryAssignment> {
  const { docs } = ws;
  const df = (id: number): number => ws.frequencyOf(id);
  const pinned = await store.pins(articles.map((a) => a.id));
  // Candidate stories are looked up by each article's strongest terms that are not common (a
  // word in a few percent of all articles finds everything and nothing).
  const common = Math.max(20, docs * COMMON_SHARE);
  const inChunk = new Set(articles.map((a) => a.id));
  const counted: number[] = [];
  let originals = 0;
  const inputs: ClusterInput[] = articles.map((a) => {
    const time = a.publishedAt ? Date.parse(a.publishedAt) : NaN;
    // A copy goes where its original is and moves no centroid: its vector is needed only when
    // its original has no story to follow (syndication makes copies a large share of a flood).
    const follows = !!a.original && (pinned.has(a.id) || !!a.original.storyId || inChunk.has(a.original.id));
    const terms = follows ? [] : termIds(a.terms);
    // A copy says nothing new about how common a word is.
    if (!a.original) {
      originals++;
      for (const [id] of terms) counted.push(id);
    }
    const vector = follows ? new Vector() : articleVector(terms, df, docs);
    const names: number[] = [];
    if (!follows) for (const t of a.names) {
      const id = vocabulary.find(t);
      if (id >= 0 && vector.weightOf(id) > 0) names.push(id);
    }
    return {
      id: a.id,
      vector,
      names,
      lookup: lookupTerms(vector, df, common),
      time: Number.isFinite(time) ? time : null,
      language: a.language,
      title: a.title,
      lede: a.lede,
      ingestedAt: a.ingestedAt,
      forcedStory: pinned.get(a.id) ?? a.original?.storyId ?? null,
      follows: pinned.has(a.id) ? null : a.original && !a.original.storyId ? a.original.id : null,
      copy: a.original !== null,
    };
  });
  // Stories a forced article names may have been merged since: follow them to the live one.
  const merged = await store.resolveMerged(inputs.flatMap((a) => (a.forcedStory ? [a.forcedStory] : [])));
  for (const a of inputs) if (a.forcedStory && merged.has(a.forcedStory)) a.forcedStory = merged.get(a.forcedStory)!;

  // Their states are loaded before clustering (after the index has let go of stories past the
  // horizon, so that none goes while the chunk is clustered); stories opened or changed by earlier
  // articles of the chunk are in memory already.
  for (const a of inputs) ws.index.advance(a.time);
  await ws.loadStates(store, [...inputs.flatMap((a) => ws.index.lookupFor(a)), ...inputs.flatMap((a) => (a.forcedStory ? [a.forcedStory] : []))]);
  const { assignments, changed, merges } = cluster(inputs, ws.index, (a) => storyIdFor(a.id), now);
  const written = changed.filter((s) => s.dirty);
  return { assignments, stories: written, records: written.map(toRecord), merges, df: { ids: counted, docs: originals } };
}

/** An article's strongest term ids that are not common, the ones its candidate stories are found
 * by. */
function lookupTerms(vector: Vector, df: (id: number) => number, common: number): number[] {
  const out: number[] = [];
  for (const t of byWeight(vector)) {
    if (df(t) > common) continue;
    out.push(t);
    if (out.length === LOOKUP_TERMS) break;
  }
  return out;
}
