// The term → stories index that finds, for each article, the few stories it could join: the cost
// per article depends on its own terms, not on how many stories exist.
import { addInto, gap, HORIZON, INDEX_TERMS, joinsByNames, mainLanguage, required, scoreAgainst, strongest, type ClusterInput, type StoryState } from './story-state.ts';
import { grown, resized } from '../util/typed-arrays.ts';
import { vocabulary } from './vocabulary.ts';

/** Stories a term leads to: the most recently changed ones holding it among their strongest. */
export const PER_TERM = 5;
/** Candidate stories scored per article: those sharing the most of its lookup terms' weight. Four
 * leave room for the convergence check (the best and the two next); (10, 8) scored twice as many
 * for the same grouping on every eval corpus and on the bench stream (BENCHMARKS.md). */
export const PER_ARTICLE = 4;

/** Story states and a term → stories index over each story's strongest INDEX_TERMS terms (the
 * PER_TERM most recently changed stories per term). Looking candidates up by an article's own
 * terms keeps the cost per article bounded, whatever the number of stories.
 *
 * Inside, a story in the term lists is a small integer (a slot) with its id and dated span in
 * arrays: a lookup adds up weights in a typed array instead of a map keyed by long ids, and what
 * it found is kept with the article until one of its terms' lists changes (clustering looks each
 * article up twice: once to read the states it needs, once to score them). */
export class StoryIndex {
  readonly stories = new Map<string, StoryState>();
  /** By term id: its list of slots, least recently changed first, in its PER_TERM places of
   * `lists`, with its length (an array per term made hundreds of thousands of small objects for
   * the collector to walk); and the clock when the list last changed (doubles: a count of changes
   * that a long run could take past 2³¹). */
  private lists = new Int32Array(1024 * PER_TERM);
  private lengths = new Uint8Array(1024);
  private changedAt = new Float64Array(1024);
  private clock = 1;
  /** By slot: the story, its dated span [first, last] in epoch ms (NaN: undated), the lists it is
   * in (a slot is freed at 0), and a lookup's running weight with the lookup it belongs to. */
  private ids: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  private first = new Float64Array(1024).fill(NaN);
  private last = new Float64Array(1024).fill(NaN);
  private refs = new Int32Array(1024);
  private weight = new Float64Array(1024);
  private lookedUp = new Int32Array(1024);
  private lookups = 0;
  /** What each article's lookup found, and when. */
  private readonly found = new WeakMap<object, { at: number; ids: string[] }>();
  /** The latest article time seen (capped at the present), and when the index was last pruned. */
  private latest = -Infinity;
  private prunedAt = -Infinity;

  /** The stories a term leads to, least recently changed first. */
  storiesOf(term: string): string[] {
    const t = vocabulary.find(term);
    const out: string[] = [];
    for (let i = 0; t >= 0 && i < (this.lengths[t] ?? 0); i++) out.push(this.ids[this.lists[t * PER_TERM + i]!]!);
    return out;
  }

  /** Rebuilds the term lists from stored stories, most recently changed first, with their
   * strongest terms and dated spans: each term keeps its PER_TERM most recent stories. */
  restore(stories: Iterable<{ id: string; terms: number[]; first: number | null; last: number | null }>): void {
    for (const s of stories) {
      for (const t of s.terms) {
        this.mark(t);
        if (this.lengths[t]! < PER_TERM) this.lists[t * PER_TERM + this.lengths[t]!++] = this.hold(s.id, s.first, s.last);
      }
    }
    // Lists are kept oldest first, so that touching a story is a push at the end.
    for (let t = 0; t < this.lengths.length; t++) if (this.lengths[t]! > 1) this.lists.subarray(t * PER_TERM, t * PER_TERM + this.lengths[t]!).reverse();
  }

  /** Marks a term's list as changing (making room for it if need be). */
  private mark(t: number): void {
    if (t >= this.lengths.length) {
      this.lengths = grown(this.lengths, t);
      this.lists = resized(this.lists, this.lengths.length * PER_TERM);
      this.changedAt = resized(this.changedAt, this.lengths.length);
    }
    this.changedAt[t] = this.clock++;
  }

  /** Where a slot is in a term's list (-1: not there). */
  private place(t: number, slot: number): number {
    for (let i = (t < this.lengths.length ? this.lengths[t]! : 0) - 1; i >= 0; i--) if (this.lists[t * PER_TERM + i] === slot) return i;
    return -1;
  }

  /** Takes the slot at place `at` out of a term's list (the list's own hold on it is the caller's). */
  private cut(t: number, at: number): void {
    const base = t * PER_TERM;
    this.lists.copyWithin(base + at, base + at + 1, base + this.lengths[t]!);
    this.lengths[t]!--;
  }

  /** The slot of a story about to enter a list (one more list holds it), with its span. */
  private hold(id: string, first: number | null, last: number | null): number {
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.ids.length;
      if (slot >= this.refs.length) {
        [this.first, this.last, this.weight] = [grown(this.first, slot, NaN), grown(this.last, slot, NaN), grown(this.weight, slot)];
        [this.refs, this.lookedUp] = [grown(this.refs, slot), grown(this.lookedUp, slot)];
      }
      this.ids[slot] = id;
      this.slotOf.set(id, slot);
    }
    this.first[slot] = first ?? NaN;
    this.last[slot] = last ?? NaN;
    this.refs[slot]!++;
    return slot;
  }

  /** One list fewer holds this slot: at none, the slot is free for another story. */
  private release(slot: number): void {
    if (--this.refs[slot]! > 0) return;
    this.slotOf.delete(this.ids[slot]!);
    this.free.push(slot);
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
    for (const t of s.indexed) if (!now.includes(t)) this.unlink(t, s.id);
    for (const t of now) {
      this.mark(t);
      const slot = this.hold(s.id, s.firstAt, s.lastAt);
      const at = this.place(t, slot);
      if (at >= 0) {
        this.cut(t, at);
        this.release(slot);
      }
      if (this.lengths[t] === PER_TERM) {
        this.release(this.lists[t * PER_TERM]!);
        this.cut(t, 0);
      }
      this.lists[t * PER_TERM + this.lengths[t]!++] = slot;
    }
    s.indexed = now;
  }

  /** Whether the story of a slot could still take an article of this time: not past the
   * horizon. */
  private open(slot: number, time: number | null): boolean {
    const first = this.first[slot]!;
    return time === null || Number.isNaN(first) || gap(time, first, this.last[slot]!) <= HORIZON;
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
    const closed = (slot: number): boolean => this.latest - this.last[slot]! > HORIZON; // false when undated (NaN)
    const gone = new Set<string>();
    for (let t = 0; t < this.lengths.length; t++) {
      const base = t * PER_TERM;
      const n = this.lengths[t]!;
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const slot = this.lists[base + i]!;
        if (!closed(slot)) this.lists[base + kept++] = slot;
        else {
          gone.add(this.ids[slot]!);
          this.release(slot);
        }
      }
      if (kept === n) continue;
      this.lengths[t] = kept;
      this.changedAt[t] = this.clock++;
    }
    for (const id of gone) this.stories.delete(id);
  }

  private unlink(t: number, id: string): void {
    const slot = this.slotOf.get(id);
    const at = slot === undefined ? -1 : this.place(t, slot);
    if (at < 0) return;
    this.cut(t, at);
    this.changedAt[t] = this.clock++;
    this.release(slot!);
  }

  remove(id: string): void {
    const s = this.stories.get(id);
    if (s) for (const t of s.indexed) this.unlink(t, id);
    this.stories.delete(id);
  }

  /** Ids of the stories open at this time that share the most of these terms, by the terms' weight
   * in the article (at most PER_ARTICLE): a story that shares only a minor word of the article
   * comes after one that shares its names. */
  lookup(terms: string[], time: number | null, weight: (term: string) => number = () => 1): string[] {
    return this.search(terms.map((t) => vocabulary.find(t)), time, (i) => weight(terms[i]!));
  }

  /** `weight(i)`: the weight of the i-th term id. */
  private search(ids: number[], time: number | null, weight: (i: number) => number): string[] {
    // The lookup's number, as stored in lookedUp (32 bits; never 0, what a new slot holds).
    const run = (this.lookups = ((this.lookups + 1) | 0) || 1);
    const hit: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i]!;
      const n = t >= 0 && t < this.lengths.length ? this.lengths[t]! : 0;
      if (!n) continue;
      const w = weight(i);
      for (let k = t * PER_TERM; k < t * PER_TERM + n; k++) {
        const slot = this.lists[k]!;
        if (this.lookedUp[slot] !== run) {
          this.lookedUp[slot] = run;
          this.weight[slot] = 0;
          hit.push(slot);
        }
        this.weight[slot]! += w;
      }
    }
    // Best first (ties in the order found); the horizon is checked on the way down, so only for
    // the few that are taken.
    if (hit.length > 1) hit.sort((x, y) => this.weight[y]! - this.weight[x]!);
    const out: string[] = [];
    for (const slot of hit) {
      if (!this.open(slot, time)) continue;
      out.push(this.ids[slot]!);
      if (out.length === PER_ARTICLE) break;
    }
    return out;
  }

  /** An article's candidate story ids: looked up by its lookup terms at its time, weighed by the
   * terms' weight in its vector; the same answer as last time for this article while none of its
   * terms' lists changed. */
  lookupFor(a: Pick<ClusterInput, 'lookup' | 'time' | 'vector'>): string[] {
    const last = this.found.get(a);
    if (last && a.lookup.every((t) => (this.changedAt[t] ?? 0) < last.at)) return last.ids;
    const at = this.clock++;
    const ids = this.search(a.lookup, a.time, (i) => a.vector.weightOf(a.lookup[i]!));
    this.found.set(a, { at, ids });
    return ids;
  }

  /** The article's candidate stories open at its time, best cosine first. */
  candidates(a: ClusterInput): Array<{ story: StoryState; score: number }> {
    const out: Array<{ story: StoryState; score: number }> = [];
    for (const id of this.lookupFor(a)) {
      const s = this.stories.get(id);
      if (!s) continue; // merged away
      const score = scoreAgainst(a.vector, s);
      if (score >= required(s, a.time) || joinsByNames(a, s, score)) out.push({ story: s, score });
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
