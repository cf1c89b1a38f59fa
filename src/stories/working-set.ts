// What clustering consults for every article, kept in memory so that the cost per article does
// not grow with the store: document frequencies by term id, and the recently active stories with
// their term → stories index. The store stays the source of truth: a working set is loaded from
// it when a process starts grouping, and again whenever another writer changed the grouping
// (pipeline/grouping.ts follows the store's grouping generation). Whoever creates a working set
// owns it (the pipeline, a recluster); there is no hidden one per process.
import type { StoryRecord } from '../types.ts';
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

/** Document frequencies are written once this many documents' counts are pending, or this share
 * of all documents counted if that is more: a word common to every chunk is then one write, not
 * one per chunk, and the writes per article shrink as the store grows (the distinct terms of N
 * documents grow slower than N; at 200,000 articles, writing every 4,096 documents upserted
 * 46,000 terms each time, 24 µs per article). A crash loses at most these counts: a 16th of the
 * documents, and of each word's uses those in that 16th. A weight is the log of the ratio of the
 * two, so a word used evenly keeps its weight; a word first seen in the lost share weighs as new
 * until it recurs. `storyline stories recluster` recounts them all. */
const DF_FLUSH_DOCS = 4096;
const DF_FLUSH_SHARE = 1 / 16;

/** A chunk's document frequencies: the term ids of each document counted, end to end (a term is
 * there once per document holding it), and the number of documents. A list rather than a map by
 * term: counting is then an increment per term in the typed arrays by id. */
export type Counts = { ids: number[]; docs: number };
/** Frequencies to add to term_df, by term, and the documents they count. */
export type CountRows = { rows: Array<[string, number]>; docs: number };

/** What a working set is loaded from: the store's stories part, as far as clustering reads it. */
export interface StoriesSource {
  termFrequencies(): Promise<{ rows: Array<{ term: string; df: number }>; docs: number }>;
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
  /** Document frequencies: by term id, the frequency (stored plus committed by this process) and
   * what of it is not yet written to term_df. A chunk comes counted by term id (its terms were
   * looked up once, for their vectors); the counts sit in typed arrays the collector does not
   * walk. */
  private n = new Int32Array(1024);
  private unwritten = new Int32Array(1024);
  docs = 0;
  /** The ids with counts not yet written, and the number of documents they count. They outlive
   * a reset: they are not in the database yet. */
  private pending: number[] = [];
  private pendingDocs = 0;
  /** Recently active stories: the term index, and the states of the most recently written. */
  index = new StoryIndex();

  /** Loads frequencies and the recently active stories from the store (after a reset). */
  async load(source: StoriesSource): Promise<void> {
    this.reset();
    // Stored frequencies are added to the pending ones that reset() kept.
    const { rows, docs } = await source.termFrequencies();
    for (const r of rows) this.n[this.fit(vocabulary.intern(r.term))]! += r.df;
    this.docs += docs;
    const recent = await source.recent(INDEXED_STORIES);
    this.index.restore(recent.map((r) => ({ id: r.id, terms: strongest(Vector.of(r.centroid)), first: ms(r.firstAt), last: ms(r.lastAt) })));
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
    if (id >= this.n.length) [this.n, this.unwritten] = [grown(this.n, id), grown(this.unwritten, id)];
    return id;
  }

  /** A chunk's counts, committed: into the frequencies in use and, unless they were written with
   * it, the pending ones. */
  private pend(chunk: Counts, written: boolean): void {
    for (const id of chunk.ids) {
      this.fit(id);
      this.n[id]!++;
      if (written) continue;
      if (this.unwritten[id] === 0) this.pending.push(id);
      this.unwritten[id]!++;
    }
    this.docs += chunk.docs;
    if (!written) this.pendingDocs += chunk.docs;
  }

  /** The pending counts, with a chunk's if given, as rows to write. */
  private rows(chunk: Counts = { ids: [], docs: 0 }): CountRows {
    const extra = new Map<number, number>();
    for (const id of chunk.ids) extra.set(id, (extra.get(id) ?? 0) + 1);
    const rows: Array<[string, number]> = [];
    for (const id of this.pending) rows.push([vocabulary.terms[id]!, this.unwritten[id]! + (extra.get(id) ?? 0)]);
    for (const [id, n] of extra) if (!this.unwritten[id]) rows.push([vocabulary.terms[id]!, n]);
    return { rows, docs: this.pendingDocs + chunk.docs };
  }

  /** No counts pending any more (written, or obsolete). */
  private clearPending(): void {
    for (const id of this.pending) this.unwritten[id] = 0;
    this.pending = [];
    this.pendingDocs = 0;
  }

  /** The pending counts with this chunk's, as rows to write, if they are due (nothing is emptied
   * yet: the write may fail). */
  dueCounts(chunk: Counts): CountRows | null {
    if (this.pendingDocs + chunk.docs < Math.max(DF_FLUSH_DOCS, this.docs * DF_FLUSH_SHARE)) return null;
    return this.rows(chunk);
  }

  /** The pending counts, for a final write (the store closing), emptied. */
  takeCounts(): CountRows {
    const out = this.rows();
    this.clearPending();
    return out;
  }

  /** Counts made obsolete (all frequencies are being recounted). */
  dropCounts(): void {
    this.clearPending();
  }

  /** Forgets everything but the pending counts: the next load reads the store again. */
  reset(): void {
    this.n.fill(0);
    for (const id of this.pending) this.n[id] = this.unwritten[id]!;
    this.docs = this.pendingDocs;
    this.index = new StoryIndex();
  }

  /** Loads the states of these stories (those not held already) for clustering to score. */
  async loadStates(source: StoriesSource, ids: Iterable<string>): Promise<void> {
    const missing = new Set<string>();
    for (const id of ids) if (!this.index.stories.has(id)) missing.add(id);
    for (const r of await source.load([...missing])) this.index.add(fromRecord(r), false);
  }

  /** After a chunk's write committed: stories written become the most recently used, and the
   * least recently used states beyond CACHED_STORIES are let go (their terms still lead to them:
   * read back by id); the chunk's counts join the frequencies (pending unless written with it).
   * `stale`: another writer changed the store meanwhile, so what is held is reloaded next time. */
  committed(written: StoryState[], df: Counts, flushed: boolean, stale: boolean): void {
    for (const s of written) s.dirty = false;
    if (flushed) this.clearPending();
    this.pend(df, flushed);
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
