// Online clustering: each new article joins the story it is most like, or opens one. "Like" is
// the cosine between the article's term vector and the story's centroid (the sum of its
// members' vectors, strongest terms only), among stories active around the article's date.
// Candidates come from an inverted index (term → stories), so the cost per article depends on
// its own terms, not on how many stories exist. Two stories that an article binds strongly
// together converge: they merge.
import { dot, norm, type Vector } from './features.ts';
import { Vocabulary } from './vocabulary.ts';

/** Terms a story's centroid keeps. */
export const STORY_TERMS = 64;
/** Of those, the strongest ones that lead to the story in the lookup index (term → stories). */
export const INDEX_TERMS = 16;
/** Cosine an article needs to join a story. Measured on the seeds, the demo corpus and
 * timeline-en-dev (see eval/suites/stories.ts and BENCHMARKS.md). */
export const JOIN = 0.3;
/** Two stories both this close to one article, and this close to each other, are one story. */
export const MERGE_ARTICLE = 0.45;
export const MERGE_STORIES = 0.5;
/** Days around a story's first and last article within which JOIN applies; beyond, the cosine
 * needed grows by FARTHER for each doubling of the gap, and past HORIZON_DAYS nothing joins. */
export const WINDOW_DAYS = 10;
export const FARTHER = 0.03;
export const HORIZON_DAYS = 180;
const WINDOW = WINDOW_DAYS * 86_400_000;
const HORIZON = HORIZON_DAYS * 86_400_000;

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
  /** The terms that lead to it in a StoryIndex (its strongest when it last changed). */
  indexed: string[];
}

export interface ClusterInput {
  id: string;
  vector: Vector;
  /** The terms its candidate stories are looked up by: its strongest that are not common. */
  lookup: string[];
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

/** Stories a term leads to: the most recently changed ones holding it among their strongest. */
export const PER_TERM = 5;
/** Candidate stories scored per article: those sharing the most of its lookup terms' weight. Four
 * leave room for the convergence check (the best and the two next); (10, 8) scored twice as many
 * for the same grouping on every eval corpus and on the bench stream (BENCHMARKS.md). */
export const PER_ARTICLE = 4;

/** Story states and a term → stories index over each story's strongest INDEX_TERMS terms (the
 * PER_TERM most recently changed stories per term). Looking candidates up by an article's own
 * terms keeps the cost per article bounded, whatever the number of stories. */
export class StoryIndex {
  readonly stories = new Map<string, StoryState>();
  /** Story ids by term id, least recently changed first (terms that lead nowhere: undefined). */
  private byTerm: Array<string[] | undefined> = [];
  /** The dated span [first, last] (epoch ms) of the indexed stories that have one: what a lookup
   * needs to pass over stories beyond the horizon without reading their state. */
  private readonly spans = new Map<string, [number, number]>();
  /** The latest article time seen (capped at the present), and when the index was last pruned. */
  private latest = -Infinity;
  private prunedAt = -Infinity;

  /** Gives terms their ids (a working set shares its own). */
  private readonly vocabulary: Vocabulary;

  constructor(vocabulary = new Vocabulary()) {
    this.vocabulary = vocabulary;
  }

  /** The stories a term leads to, least recently changed first. */
  storiesOf(term: string): readonly string[] {
    const id = this.vocabulary.find(term);
    return (id >= 0 && this.byTerm[id]) || [];
  }

  /** Rebuilds the term lists from stored stories, most recently changed first, with their
   * strongest terms and dated spans: each term keeps its PER_TERM most recent stories. */
  restore(stories: Iterable<{ id: string; terms: string[]; first: number | null; last: number | null }>): void {
    for (const s of stories) {
      this.span(s.id, s.first, s.last);
      for (const t of s.terms) {
        const ids = this.list(t);
        if (ids.length < PER_TERM) ids.push(s.id);
      }
    }
    // Lists are kept oldest first, so that touching a story is a push at the end.
    for (const ids of this.byTerm) ids?.reverse();
  }

  /** A term's list of stories, made if need be. */
  private list(term: string): string[] {
    const id = this.vocabulary.intern(term);
    // Grown one slot at a time: an array written past its end would turn into a slow dictionary.
    while (this.byTerm.length <= id) this.byTerm.push(undefined);
    return this.byTerm[id] ?? (this.byTerm[id] = []);
  }

  /** Adds a story's state; `index` also makes its terms lead to it (a state loaded only to be
   * scored is already indexed). */
  add(s: StoryState, index = true): void {
    this.stories.set(s.id, s);
    if (index) this.touch(s);
  }

  /** A story changed: its strongest terms lead to it, first among their stories. */
  touch(s: StoryState): void {
    const now = strongest(s.centroid);
    const kept = new Set(now);
    for (const t of s.indexed) if (!kept.has(t)) this.unlink(t, s.id);
    for (const t of now) {
      const ids = this.list(t);
      const at = ids.lastIndexOf(s.id);
      if (at >= 0) ids.splice(at, 1);
      ids.push(s.id);
      if (ids.length > PER_TERM) ids.shift();
    }
    s.indexed = now;
    this.span(s.id, s.firstAt, s.lastAt);
  }

  /** Records a story's dated span (from its state, or from its row when the index is rebuilt). */
  private span(id: string, first: number | null, last: number | null): void {
    if (first === null || last === null) this.spans.delete(id);
    else this.spans.set(id, [first, last]);
  }

  /** Whether a story could still take an article of this time: not past the horizon. */
  private open(id: string, time: number | null): boolean {
    const span = this.spans.get(id);
    return time === null || !span || gap(time, span[0], span[1]) <= HORIZON;
  }

  /** Notes an article's time; once the stream has moved on by a tenth of the horizon, stories
   * that ended more than a horizon before it leave the term lists (and their kept states go):
   * nothing dated now can join them, and left in the lists they would crowd out live stories and
   * cost a read for nothing. The database keeps them; a person can still move articles there. */
  advance(time: number | null): void {
    if (time === null) return;
    this.latest = Math.max(this.latest, Math.min(time, Date.now() + 86_400_000));
    if (this.latest - this.prunedAt < HORIZON / 10) return;
    this.prunedAt = this.latest;
    const closed = (id: string): boolean => {
      const span = this.spans.get(id);
      return !!span && this.latest - span[1] > HORIZON;
    };
    this.byTerm.forEach((ids, term) => {
      const kept = ids?.filter((id) => !closed(id));
      if (kept && kept.length < ids!.length) this.byTerm[term] = kept.length ? kept : undefined;
    });
    for (const id of [...this.spans.keys()]) {
      if (!closed(id)) continue;
      this.spans.delete(id);
      this.stories.delete(id);
    }
  }

  private unlink(term: string, id: string): void {
    const t = this.vocabulary.find(term);
    const ids = t >= 0 ? this.byTerm[t] : undefined;
    const at = ids ? ids.lastIndexOf(id) : -1;
    if (at >= 0) ids!.splice(at, 1);
  }

  remove(id: string): void {
    const s = this.stories.get(id);
    if (s) for (const t of s.indexed) this.unlink(t, id);
    this.stories.delete(id);
    this.spans.delete(id);
  }

  /** Ids of the stories open at this time that share the most of these terms, by the terms' weight
   * in the article (at most PER_ARTICLE): a story that shares only a minor word of the article
   * comes after one that shares its names. */
  lookup(terms: string[], time: number | null, weight: (term: string) => number = () => 1): string[] {
    const hits = new Map<string, number>();
    for (const t of terms) {
      const ids = this.storiesOf(t);
      if (!ids.length) continue;
      const w = weight(t);
      for (const id of ids) hits.set(id, (hits.get(id) ?? 0) + w);
    }
    // Best first; the horizon is checked on the way down, so only for the few that are taken.
    const out: string[] = [];
    for (const [id] of hits.size > 1 ? [...hits].sort((x, y) => y[1] - x[1]) : hits) {
      if (!this.open(id, time)) continue;
      out.push(id);
      if (out.length === PER_ARTICLE) break;
    }
    return out;
  }

  /** An article's candidate story ids: looked up by its lookup terms at its time, weighed by the
   * terms' weight in its vector. */
  lookupFor(a: Pick<ClusterInput, 'lookup' | 'time' | 'vector'>): string[] {
    return this.lookup(a.lookup, a.time, (t) => a.vector.get(t) ?? 0);
  }

  /** The article's candidate stories open at its time, best cosine first. */
  candidates(a: ClusterInput): Array<{ story: StoryState; score: number }> {
    const out: Array<{ story: StoryState; score: number }> = [];
    for (const id of this.lookupFor(a)) {
      const s = this.stories.get(id);
      if (!s) continue; // merged away
      const score = dot(a.vector, s.centroid) / (norm(s.centroid) || 1);
      if (score >= required(s, a.time)) out.push({ story: s, score });
    }
    return out.sort((x, y) => y.score - x.score);
  }

  /** Adds an article to a story: counts, languages, dates, and (for originals) the centroid. */
  absorb(s: StoryState, a: ClusterInput, score: number, now: string): void {
    s.articleCount++;
    if (!a.copy) s.sourceCount++;
    s.languages[a.language] = (s.languages[a.language] ?? 0) + 1;
    if (a.time !== null) {
      s.firstAt = s.firstAt === null ? a.time : Math.min(s.firstAt, a.time);
      s.lastAt = s.lastAt === null ? a.time : Math.max(s.lastAt, a.time);
    }
    s.updatedAt = now;
    s.dirty = true;
    if (a.copy) return;
    addInto(s.centroid, a.vector);
    this.touch(s);
    // The title and summary come from the most central article of the main language.
    const main = mainLanguage(s.languages);
    if (a.language === main && score > s.titleScore) {
      s.title = a.title;
      s.summary = a.lede;
      s.titleScore = score;
    }
  }

  /** Moves everything of `from` into `into`. */
  merge(into: StoryState, from: StoryState, now: string): void {
    addInto(into.centroid, from.centroid);
    into.articleCount += from.articleCount;
    into.sourceCount += from.sourceCount;
    for (const [l, n] of Object.entries(from.languages)) into.languages[l] = (into.languages[l] ?? 0) + n;
    if (from.firstAt !== null) into.firstAt = into.firstAt === null ? from.firstAt : Math.min(into.firstAt, from.firstAt);
    if (from.lastAt !== null) into.lastAt = into.lastAt === null ? from.lastAt : Math.max(into.lastAt, from.lastAt);
    if (from.firstSeenAt < into.firstSeenAt) into.firstSeenAt = from.firstSeenAt;
    into.updatedAt = now;
    into.dirty = true;
    this.touch(into);
    this.remove(from.id);
  }
}

/** The terms of a centroid that lead to its story: its strongest. */
export function strongest(centroid: Vector): string[] {
  const top: Array<[string, number]> = [];
  partitionByWeight(centroid, INDEX_TERMS, (t, w) => void top.push([t, w]));
  return top.sort((a, b) => b[1] - a[1]).map(([t]) => t);
}

/** The cosine an article needs to join a story, given how far in time it lies from it: JOIN
 * within the window; beyond it, a little more for each doubling of the distance, so that a long-
 * running story (an aircraft programme, a trial) still gathers its articles months apart when
 * they are clearly about it, while ordinary resemblance does not reach across months. */
function required(s: StoryState, time: number | null): number {
  if (time === null || s.firstAt === null || s.lastAt === null) return JOIN;
  const far = gap(time, s.firstAt, s.lastAt);
  if (far <= WINDOW) return JOIN;
  if (far > HORIZON) return Infinity;
  return JOIN + FARTHER * Math.log2(far / WINDOW);
}

/** How far a time lies outside a story's span [first, last] (0 inside it). */
function gap(time: number, first: number, last: number): number {
  return time < first ? first - time : time > last ? time - last : 0;
}

/** Adds `v` into a centroid and keeps its STORY_TERMS strongest terms, in place: a story absorbs
 * an article every few articles, and copying its centroid each time (a new map, and a pair per
 * term to sort) made garbage the collector had to find among long-lived states. */
function addInto(centroid: Vector, v: Vector): void {
  for (const [t, w] of v) centroid.set(t, (centroid.get(t) ?? 0) + w);
  if (centroid.size <= STORY_TERMS) return;
  const drop: string[] = [];
  partitionByWeight(centroid, STORY_TERMS, () => {}, (t) => void drop.push(t));
  for (const t of drop) centroid.delete(t);
}

/** Weights of a vector, sorted to find its n-th strongest: reused between calls. */
let weights = new Float64Array(256);

/** Calls `keep` for a vector's n strongest terms and `drop` for the others, in the vector's order;
 * of terms tied at the n-th weight, the earlier are kept. */
function partitionByWeight(v: Vector, n: number, keep: (t: string, w: number) => void, drop: (t: string) => void = () => {}): void {
  if (weights.length < v.size) weights = new Float64Array(2 * v.size);
  let i = 0;
  for (const w of v.values()) weights[i++] = w;
  const nth = n >= i ? -Infinity : weights.subarray(0, i).sort()[i - n]!;
  let ties = n;
  for (const w of v.values()) if (w > nth) ties--;
  for (const [t, w] of v) {
    if (w > nth || (w === nth && ties-- > 0)) keep(t, w);
    else drop(t);
  }
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
    centroid: new Map(),
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

/** Assigns a chunk of articles, in order, to the stories of `index` (which it updates). */
export function cluster(articles: ClusterInput[], index: StoryIndex, newId: (a: ClusterInput) => string, now: string): ClusterResult {
  const assignments = new Map<string, string>();
  const merges: Array<{ from: string; into: string }> = [];
  const redirect = new Map<string, string>();
  const touched = new Set<StoryState>();
  const follow = (id: string): string => {
    while (redirect.has(id)) id = redirect.get(id)!;
    return id;
  };
  for (const a of articles) {
    const forced = a.follows && assignments.has(a.follows) ? follow(assignments.get(a.follows)!) : a.forcedStory ? follow(a.forcedStory) : null;
    if (forced) {
      // Decided already (a person's pin, or the original's story): go there, opening it if need be.
      let s = index.stories.get(forced);
      if (!s) index.add((s = newStory(forced, a, now)));
      index.absorb(s, a, a.copy ? -1 : s.centroid.size ? dot(a.vector, s.centroid) / (norm(s.centroid) || 1) : 1, now);
      touched.add(s);
      assignments.set(a.id, s.id);
      continue;
    }
    const ranked = index.candidates(a);
    const best = ranked[0];
    if (best) {
      index.absorb(best.story, a, best.score, now);
      touched.add(best.story);
      assignments.set(a.id, best.story.id);
      // Convergence: this article binds two stories that are about the same thing.
      for (const other of ranked.slice(1, 3)) {
        if (other.score < MERGE_ARTICLE) break;
        const sim = dot(best.story.centroid, other.story.centroid) / ((norm(best.story.centroid) || 1) * (norm(other.story.centroid) || 1));
        if (sim < MERGE_STORIES) continue;
        const [into, from] = best.story.firstSeenAt <= other.story.firstSeenAt ? [best.story, other.story] : [other.story, best.story];
        index.merge(into, from, now);
        touched.add(into);
        redirect.set(from.id, into.id);
        merges.push({ from: from.id, into: into.id });
      }
      continue;
    }
    const s = newStory(newId(a), a, now);
    index.add(s);
    index.absorb(s, a, 1, now);
    touched.add(s);
    assignments.set(a.id, s.id);
  }
  for (const [a, s] of assignments) assignments.set(a, follow(s));
  return { assignments, changed: [...touched].filter((s) => index.stories.get(s.id) === s), merges };
}
