// What clustering consults for every article, kept in memory so that the cost per article does
// not grow with the store: document frequencies by term id, and the recently active stories with
// their term → stories index. The store stays the source of truth: a working set is loaded from
// it when a process starts grouping, and again whenever another writer changed the grouping
// (pipeline/grouping.ts follows the store's grouping generation). Whoever creates a working set
// owns it (the pipeline, a recluster); there is no hidden one per process.
import type { StoredFrequencies, StoryRecord, TermCounts } from '../types.ts';
import { Vector } from './features.ts';
import { storyRank } from './rank.ts';
import { StoryIndex } from './story-index.ts';
import { strongest, type StoryState } from './story-state.ts';
import { grown } from '../util/typed-arrays.ts';
import { vocabulary } from './vocabulary.ts';

/** Stories whose term index is rebuilt when a working set loads: the most recently updated. */
const INDEXED_STORIES = 100_000;
/** Story states kept between chunks, the most recently written (the rest are read back by id
 * when an article needs them). About 1.5 KB each, most of it the centroid's typed arrays. */
export const CACHED_STORIES = 120_000;

/** Every chunk's document frequencies are written with it, in the store's grouping log: nothing
 * counted is ever only in memory. The log is folded into term_df (the frequencies by term) once
 * this many documents' counts are in it, or this share of all documents counted if that is more:
 * a word common to every chunk is then one upsert, not one per chunk, and the upserts per article
 * shrink as the store grows (the distinct terms of N documents grow slower than N; at 200,000
 * articles, upserting every 4,096 documents took 46,000 terms each time, 24 µs per article).
 * The counts not yet folded are held here too, summed by term, so folding writes them at once. */
const FOLD_DOCS = 4096;
const FOLD_SHARE = 1 / 16;

/** A chunk's document frequencies: the term ids of each document counted, end to end (a term is
 * there once per document holding it), and the number of documents. A list rather than a map by
 * term: counting is then an increment per term in the typed arrays by id. */
export type Counts = { ids: number[]; docs: number };
export type { TermCounts as CountRows } from '../types.ts';

/** What a working set is loaded from: the store's stories part, as far as clustering reads it. */
export interface StoriesSource {
  frequencies(): Promise<StoredFrequencies>;
  recent(limit: number): Promise<Array<Pick<StoryRecord, 'id' | 'centroid' | 'firstAt' | 'lastAt'>>>;
  load(ids: string[]): Promise<StoryRecord[]>;
}

const ms = (s: string | null): number | null => (s === null ? null : Date.parse(s));
const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/** A stored story, as clustering holds it. */
export function fromRecord(r: StoryRecord): StoryState {
  const centroid = Vector.of(r.centroid);
  return {
    id: r.id,
    title: r.title,
    titleScore: r.titleScore,
    summary: r.summary,
    centroid,
    articleCount: r.articleCount,
    sourceCount: r.sourceCount,
    languages: r.languages,
    firstAt: ms(r.firstAt),
    lastAt: ms(r.lastAt),
    firstSeenAt: r.firstSeenAt,
    updatedAt: r.updatedAt,
    dirty: false,
    indexed: strongest(centroid),
  };
}

/** A story as the store keeps it (weights of the centroid to 5 decimals). */
export function toRecord(s: StoryState): StoryRecord {
  const centroid: Array<[string, number]> = [];
  for (let i = 0; i < s.centroid.size; i++) centroid.push([vocabulary.terms[s.centroid.ids[i]!]!, Math.round(s.centroid.weights[i]! * 1e5) / 1e5]);
  return {
    id: s.id,
    title: s.title,
    titleScore: s.titleScore,
    summary: s.summary,
    centroid,
    articleCount: s.articleCount,
    sourceCount: s.sourceCount,
    languages: s.languages,
    firstAt: iso(s.firstAt),
    lastAt: iso(s.lastAt),
    firstSeenAt: s.firstSeenAt,
    updatedAt: s.updatedAt,
    rank: storyRank(s),
  };
}

export class WorkingSet {
  /** Document frequencies: by term id, the frequency (folded into term_df plus logged since) and
   * what of it is not folded yet. A chunk comes counted by term id (its terms were looked up once,
   * for their vectors); the counts sit in typed arrays the collector does not walk. */
  private n = new Int32Array(1024);
  private unfolded = new Int32Array(1024);
  docs = 0;
  /** The ids with counts not folded yet, and the number of documents they count. */
  private pending: number[] = [];
  private pendingDocs = 0;
  /** Counts of one chunk by id, zero between uses. */
  private scratch = new Int32Array(1024);
  /** The grouping generation through which the store's log is folded, as last seen. */
  foldedThrough = 0;
  /** Recently active stories: the term index, and the states of the most recently written. */
  index = new StoryIndex();

  /** Loads frequencies and the recently active stories from the store. */
  async load(source: StoriesSource): Promise<void> {
    this.reset();
    await this.loadFrequencies(source);
    const recent = await source.recent(INDEXED_STORIES);
    this.index.restore(recent.map((r) => ({ id: r.id, terms: strongest(Vector.of(r.centroid)), first: ms(r.firstAt), last: ms(r.lastAt) })));
  }

  /** Reads the frequencies again (the stories held stay): term_df, and the log not folded yet. */
  async loadFrequencies(source: StoriesSource): Promise<void> {
    this.n.fill(0);
    this.clearPending();
    const f = await source.frequencies();
    for (const r of f.folded) this.n[this.fit(vocabulary.intern(r.term))]! += r.df;
    this.docs = f.foldedDocs;
    for (const c of f.unfolded) this.add(c, true);
    this.foldedThrough = f.foldedThrough;
  }

  /** A term's frequency, 0 when the store has not seen it. */
  frequency(term: string): number {
    return this.frequencyOf(vocabulary.find(term));
  }

  /** The frequency of a term id (-1: a term never seen). */
  frequencyOf(id: number): number {
    return id < 0 ? 0 : (this.n[id] ?? 0);
  }

  /** A term id, with room for it in the arrays by id (the vocabulary is the process's: other parts
   * give ids too). */
  private fit(id: number): number {
    if (id >= this.n.length) [this.n, this.unfolded] = [grown(this.n, id), grown(this.unfolded, id)];
    return id;
  }

  private count(id: number, by: number, unfolded: boolean): void {
    this.fit(id);
    this.n[id]! += by;
    if (!unfolded) return;
    if (this.unfolded[id] === 0) this.pending.push(id);
    this.unfolded[id]! += by;
  }

  /** Counts logged by another writer (or read back): into the frequencies in use and, unless the
   * log is folded past them, the unfolded ones. */
  add(c: TermCounts, unfolded: boolean): void {
    for (const [term, by] of c.rows) this.count(vocabulary.intern(term), by, unfolded);
    this.docs += c.docs;
    if (unfolded) this.pendingDocs += c.docs;
  }

  /** Another writer folded the log through `generation`: what is held unfolded is in term_df now,
   * and `after` (the log past it, already counted here) is what remains unfolded. */
  foldedBy(generation: number, after: TermCounts[]): void {
    this.clearPending();
    for (const c of after) for (const [term, by] of c.rows) {
      const id = vocabulary.intern(term);
      if (this.unfolded[id] === 0) this.pending.push(id);
      this.unfolded[id]! += by;
    }
    this.pendingDocs = after.reduce((n, c) => n + c.docs, 0);
    this.foldedThrough = generation;
  }

  /** A chunk's counts by term: what its log row holds. Counted in a typed array by id, reused
   * (a map by id cost 20 µs per article at 40,000 articles). */
  chunkRows(chunk: Counts): TermCounts {
    if (this.scratch.length < this.n.length) this.scratch = new Int32Array(this.n.length);
    const seen: number[] = [];
    for (const id of chunk.ids) {
      if (id >= this.scratch.length) this.scratch = grown(this.scratch, id);
      if (this.scratch[id]!++ === 0) seen.push(id);
    }
    const rows = new Array<[string, number]>(seen.length);
    for (let i = 0; i < seen.length; i++) {
      const id = seen[i]!;
      rows[i] = [vocabulary.terms[id]!, this.scratch[id]!];
      this.scratch[id] = 0;
    }
    return { rows, docs: chunk.docs };
  }

  /** The unfolded counts with this chunk's, by term, if folding is due with it (nothing changes
   * yet: the write may fail). */
  foldWith(chunk: Counts): TermCounts | null {
    if (this.pendingDocs + chunk.docs < Math.max(FOLD_DOCS, this.docs * FOLD_SHARE)) return null;
    const extra = new Map<number, number>();
    for (const id of chunk.ids) extra.set(id, (extra.get(id) ?? 0) + 1);
    const rows: Array<[string, number]> = [];
    for (const id of this.pending) rows.push([vocabulary.terms[id]!, this.unfolded[id]! + (extra.get(id) ?? 0)]);
    for (const [id, n] of extra) if (!this.unfolded[id]) rows.push([vocabulary.terms[id]!, n]);
    return { rows, docs: this.pendingDocs + chunk.docs };
  }

  /** No counts unfolded any more. */
  private clearPending(): void {
    for (const id of this.pending) this.unfolded[id] = 0;
    this.pending = [];
    this.pendingDocs = 0;
  }

  /** Forgets everything: the next load reads the store again. */
  reset(): void {
    this.n.fill(0);
    this.clearPending();
    this.docs = 0;
    this.foldedThrough = 0;
    this.index = new StoryIndex();
  }

  /** Stories another writer wrote (`live`) or merged away or removed (`gone`): what is held of
   * them is replaced, and their terms lead to them as to the most recently changed. */
  refresh(live: StoryRecord[], gone: string[]): void {
    for (const id of gone) this.index.remove(id);
    for (const r of live) {
      this.index.remove(r.id);
      this.index.add(fromRecord(r));
    }
  }

  /** Loads the states of these stories (those not held already) for clustering to score. */
  async loadStates(source: StoriesSource, ids: Iterable<string>): Promise<void> {
    const missing = new Set<string>();
    for (const id of ids) if (!this.index.stories.has(id)) missing.add(id);
    for (const r of await source.load([...missing])) this.index.add(fromRecord(r), false);
  }

  /** After a chunk's write committed: stories written become the most recently used, and the
   * least recently used states beyond CACHED_STORIES are let go (their terms still lead to them:
   * read back by id); the chunk's counts join the frequencies, unfolded unless the write folded
   * the log (through `generation`). `stale`: another writer changed the store meanwhile, so what
   * is held is reloaded next time. */
  committed(written: StoryState[], df: Counts, folded: boolean, stale: boolean, generation = 0): void {
    for (const s of written) s.dirty = false;
    if (folded) {
      this.clearPending();
      this.foldedThrough = generation;
    }
    for (const id of df.ids) this.count(id, 1, !folded);
    this.docs += df.docs;
    if (!folded) this.pendingDocs += df.docs;
    if (stale) {
      this.reset();
      return;
    }
    const states = this.index.stories;
    for (const s of written) {
      states.delete(s.id);
      states.set(s.id, s);
    }
    for (const id of states.keys()) {
      if (states.size <= CACHED_STORIES) break;
      states.delete(id);
    }
  }
}
