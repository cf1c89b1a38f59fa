// A story as clustering holds it, the thresholds that decide what joins it, and the rules that
// apply to one story: how like it an article is, what it takes to join it across time, how a
// centroid absorbs an article.
import { byWeight, dot, Vector } from './features.ts';

/** Terms a story's centroid keeps. */
export const STORY_TERMS = 64;
/** Of those, the strongest ones that lead to the story in the lookup index (term → stories). */
export const INDEX_TERMS = 16;
/** Cosine an article needs to join a story. Measured on the seeds, the demo corpus and
 * timeline-en-dev (see eval/suites/stories.ts and BENCHMARKS.md). */
export const JOIN = 0.3;
/** Names as evidence of one story. Two reports of one story a few days apart may tell different
 * angles of it in different words (the delay of a tram line, then the shopkeepers asking to be
 * compensated for it) and have little but their names in common: the line, the authority, the
 * official quoted. Their plain cosine then falls short of JOIN, while lowering JOIN would join
 * articles that share ordinary words. So within the window, and only between dated articles and
 * stories (a page without a date, a product page, is not news of some days), an article joins a
 * story at a cosine of NAMES_FLOOR if it shares at least NAMES_SHARED of its names (terms it
 * capitalises where a sentence does not start, codes of letters and digits) with the story, and
 * those names alone are this close to the story: NAMES_JOIN, the cosine of the article's names
 * (its vector restricted to them) to the centroid. On the eval corpora (eval/suites/stories.ts)
 * it joins only the demo's follow-up (names cosine 0.27-0.29, cosine 0.20-0.25); the nearest miss,
 * two reports of different plane orders a day apart sharing five capitalised words, has a names
 * cosine of 0.19; two undated product pages of one browser (0.25-0.29) are kept apart by the
 * dates. */
export const NAMES_FLOOR = 0.15;
export const NAMES_JOIN = 0.25;
export const NAMES_SHARED = 3;
/** Two stories both this close to one article, and this close to each other, are one story. */
export const MERGE_ARTICLE = 0.45;
export const MERGE_STORIES = 0.5;
/** Days around a story's first and last article within which JOIN applies; beyond, the cosine
 * needed grows by FARTHER for each doubling of the gap, and past HORIZON_DAYS nothing joins. */
export const WINDOW_DAYS = 10;
export const FARTHER = 0.03;
export const HORIZON_DAYS = 180;
export const WINDOW = WINDOW_DAYS * 86_400_000;
export const HORIZON = HORIZON_DAYS * 86_400_000;

export interface StoryState {
  id: string;
  title: string;
  titleScore: number;
  summary: string;
  centroid: Vector;
  articleCount: number;
  sourceCount: number;
  languages: Record<string, number>;
  /** Epoch ms of its earliest and latest dated article; null while it has none. */
  firstAt: number | null;
  lastAt: number | null;
  firstSeenAt: string;
  updatedAt: string;
  /** Changed in this chunk: to be written back. */
  dirty: boolean;
  /** The term ids that lead to it in a StoryIndex (its strongest when it last changed). */
  indexed: number[];
}

export interface ClusterInput {
  id: string;
  vector: Vector;
  /** The term ids of its vector seen as names or codes in it (termCounts). */
  names?: number[];
  /** The term ids its candidate stories are looked up by: its strongest that are not common. */
  lookup: number[];
  /** Epoch ms of its publication, null when unknown (then no time window applies). */
  time: number | null;
  language: string;
  title: string;
  lede: string;
  ingestedAt: string;
  /** The story it must go to: a stored original's story, or a person's decision. */
  forcedStory?: string | null;
  /** An article earlier in the same chunk whose story it must share (its original). */
  follows?: string | null;
  /** Duplicates and versions add no new source and do not move the centroid. */
  copy: boolean;
}

export interface ClusterResult {
  assignments: Map<string, string>;
  /** Stories opened or changed (and still live): to be written back. */
  changed: StoryState[];
  /** from → into: stories absorbed by another in this chunk. */
  merges: Array<{ from: string; into: string }>;
}

/** The term ids of a centroid that lead to its story: its strongest. */
export function strongest(centroid: Vector): number[] {
  return byWeight(centroid, INDEX_TERMS);
}

/** The cosine an article needs to join a story, given how far in time it lies from it: JOIN
 * within the window; beyond it, a little more for each doubling of the distance, so that a long-
 * running story (an aircraft programme, a trial) still gathers its articles months apart when
 * they are clearly about it, while ordinary resemblance does not reach across months. */
export function required(s: StoryState, time: number | null): number {
  if (time === null || s.firstAt === null || s.lastAt === null) return JOIN;
  const far = gap(time, s.firstAt, s.lastAt);
  if (far <= WINDOW) return JOIN;
  if (far > HORIZON) return Infinity;
  return JOIN + FARTHER * Math.log2(far / WINDOW);
}

/** Whether an article whose cosine to a story is `score` (below what `required` asks) joins it by
 * the names they share (NAMES_FLOOR, NAMES_SHARED, NAMES_JOIN). */
export function joinsByNames(a: Pick<ClusterInput, 'vector' | 'names' | 'time'>, s: StoryState, score: number): boolean {
  if (score < NAMES_FLOOR || !a.names || a.names.length < NAMES_SHARED) return false;
  if (a.time === null || s.firstAt === null || s.lastAt === null || gap(a.time, s.firstAt, s.lastAt) > WINDOW) return false;
  let shared = 0;
  let dotNames = 0;
  let normNames = 0;
  for (const t of a.names) {
    const w = a.vector.weightOf(t);
    const c = s.centroid.weightOf(t);
    normNames += w * w;
    if (c > 0) {
      shared++;
      dotNames += w * c;
    }
  }
  return shared >= NAMES_SHARED && dotNames / ((s.centroid.norm() || 1) * Math.sqrt(normNames)) >= NAMES_JOIN;
}

/** How far a time lies outside a story's span [first, last] (0 inside it). */
export function gap(time: number, first: number, last: number): number {
  return time < first ? first - time : time > last ? time - last : 0;
}

/** The cosine of a unit article vector to a story's centroid. */
export function scoreAgainst(v: Vector, s: StoryState): number {
  return dot(v, s.centroid) / (s.centroid.norm() || 1);
}

/** Where a centroid and the vector added to it are merged: reused between calls. */
let mergedIds = new Int32Array(256);
let mergedWeights = new Float64Array(256);
let sorted = new Float64Array(256);

/** Adds `v` into a centroid and keeps its STORY_TERMS strongest terms (of terms tied at the last
 * place, the lower ids), in place: a story absorbs an article every few articles, and a new
 * centroid each time was garbage the collector had to find among long-lived states. */
export function addInto(c: Vector, v: Vector): void {
  if (mergedIds.length < c.size + v.size) {
    const n = 2 * (c.size + v.size);
    [mergedIds, mergedWeights, sorted] = [new Int32Array(n), new Float64Array(n), new Float64Array(n)];
  }
  const ids = mergedIds;
  const w = mergedWeights;
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < c.size || j < v.size) {
    const x = i < c.size ? c.ids[i]! : 0x7fffffff;
    const y = j < v.size ? v.ids[j]! : 0x7fffffff;
    ids[k] = x <= y ? x : y;
    w[k++] = (x <= y ? c.weights[i++]! : 0) + (y <= x ? v.weights[j++]! : 0);
  }
  if (k > STORY_TERMS) {
    sorted.set(w.subarray(0, k));
    const nth = sorted.subarray(0, k).sort()[k - STORY_TERMS]!;
    let ties = STORY_TERMS;
    for (let x = 0; x < k; x++) if (w[x]! > nth) ties--;
    let m = 0;
    for (let x = 0; x < k; x++) {
      if (w[x]! > nth || (w[x] === nth && ties-- > 0)) {
        ids[m] = ids[x]!;
        w[m++] = w[x]!;
      }
    }
    k = m;
  }
  c.assign(ids, w, k, STORY_TERMS);
}

export function mainLanguage(languages: Record<string, number>): string {
  let best = 'und';
  let n = 0;
  for (const [l, c] of Object.entries(languages)) if (c > n || (c === n && l < best)) [best, n] = [l, c];
  return best;
}

export function newStory(id: string, a: ClusterInput, now: string): StoryState {
  return {
    id,
    title: a.title,
    titleScore: -1,
    summary: a.lede,
    centroid: new Vector(STORY_TERMS),
    articleCount: 0,
    sourceCount: 0,
    languages: {},
    firstAt: null,
    lastAt: null,
    firstSeenAt: a.ingestedAt,
    updatedAt: now,
    dirty: true,
    indexed: [],
  };
}
