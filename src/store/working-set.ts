// What dedupe and clustering consult for every article, kept in memory so that the cost per
// article does not grow with the store: document frequencies, the recent originals' MinHash
// signatures with their LSH bands, and the recently active stories with a term → stories index.
//
// The database stays the source of truth. A working set is built from it the first time a
// process groups articles, and again whenever someone else changed the grouping state: every
// writer of stories (a batch, a person's merge or move, a recluster) bumps `grouping_generation`
// in meta in the same transaction, and a working set that finds a generation it did not write
// starts over. A failed write also starts it over, since clustering changed the cached stories
// before the write.
import { sql, type Kysely } from 'kysely';
import { BANDS, bandKeys, fromBytes, NUM_HASHES, similarity } from '../dedupe/minhash.ts';
import { Vector } from '../stories/features.ts';
import { grown, resized, vocabulary } from '../stories/vocabulary.ts';
import { StoryIndex, strongest, type StoryState } from '../stories/cluster.ts';
import type { Database } from './schema.ts';
import { addDf, applyMerges, loadStories, saveStories, type Db } from './stories.ts';

/** Recent originals kept for near-duplicate lookups, in two generations of this many: syndicated
 * copies come within days of their original (at 1,500 articles a day, a generation is a month). */
const GENERATION = 50_000;
/** Originals examined per band key and generation. */
const PER_BAND = 20;
/** Stories whose term index is rebuilt when a working set starts: the most recently updated. */
const INDEXED_STORIES = 100_000;
/** Story states kept between chunks, the most recently written (the rest are read back by id
 * when an article needs them). About 1.5 KB each, most of it the centroid's typed arrays. */
export const CACHED_STORIES = 120_000;

const GENERATION_KEY = 'grouping_generation';
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

/** One generation of recent originals: ids, signatures end to end, and band key → positions, all
 * in typed arrays that grow as originals come. As maps and arrays, a generation's million band
 * entries and fifty thousand signatures were objects the collector walked and lookups chased
 * across the heap. */
class Originals {
  readonly ids: string[] = [];
  signatures = new Uint32Array(0);
  /** Per entry (position × BANDS + band): its key, and the previous entry + 1 with that key (0:
   * none). */
  private entryKeys = new Uint32Array(0);
  private next = new Int32Array(0);
  /** Open addressing over band keys: per slot, the latest entry + 1 with the key (0: free). */
  private heads = new Int32Array(0);

  /** `capacity`: room made at once (a generation after the first fills to GENERATION anyway, and
   * growing to it rebuilds the band table at each doubling). */
  constructor(capacity = 0) {
    if (capacity) this.grow(capacity);
  }

  get full(): boolean {
    return this.ids.length >= GENERATION;
  }

  add(id: string, signature: Uint32Array, keys: Uint32Array): void {
    const at = this.ids.length;
    if (at * NUM_HASHES >= this.signatures.length) this.grow(Math.min(GENERATION, Math.max(1024, 2 * at)));
    this.ids.push(id);
    this.signatures.set(signature.subarray(0, NUM_HASHES), at * NUM_HASHES);
    for (let b = 0; b < BANDS; b++) this.link(at * BANDS + b, keys[b]!);
  }

  /** Positions sharing a band key, the latest PER_BAND: a band that very many articles share
   * (templated pages) would make lookups quadratic, and the latest stand for the rest. */
  sharing(key: number, out: number[]): void {
    if (!this.ids.length) return;
    let e = this.heads[this.slot(key)]!;
    for (let n = 0; e && n < PER_BAND; n++, e = this.next[e - 1]!) out.push(((e - 1) / BANDS) | 0);
  }

  private link(entry: number, key: number): void {
    const slot = this.slot(key);
    this.entryKeys[entry] = key;
    this.next[entry] = this.heads[slot]!;
    this.heads[slot] = entry + 1;
  }

  /** The slot holding this key, or the free one where it goes (linear probing in a table at most
   * half full). */
  private slot(key: number): number {
    const mask = this.heads.length - 1;
    let s = key & mask;
    while (this.heads[s] && this.entryKeys[this.heads[s]! - 1] !== key) s = (s + 1) & mask;
    return s;
  }

  /** Room for `capacity` originals; the band table is rebuilt, oldest first, so that each key
   * still leads to its latest entry. */
  private grow(capacity: number): void {
    this.signatures = resized(this.signatures, capacity * NUM_HASHES);
    this.entryKeys = resized(this.entryKeys, capacity * BANDS);
    this.next = new Int32Array(capacity * BANDS);
    this.heads = new Int32Array(2 ** Math.ceil(Math.log2(capacity * BANDS * 2)));
    for (let e = 0; e < this.ids.length * BANDS; e++) this.link(e, this.entryKeys[e]!);
  }
}

/** A chunk's document frequencies: the term ids of each document counted, end to end (a term is
 * there once per document holding it), and the number of documents. A list rather than a map by
 * term: counting is then an increment per term in the typed arrays by id. */
type Counts = { ids: number[]; docs: number };
/** Frequencies to add to term_df, by term, and the documents they count. */
type Rows = { rows: Array<[string, number]>; docs: number };

export class WorkingSet {
  /** The grouping generation this working set reflects; null until loaded. */
  private generation: number | null = null;
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
  private previous = new Originals();
  private current = new Originals();
  /** Recently active stories: the term index, and the states of the most recently written. */
  index = new StoryIndex();

  private static readonly all = new WeakMap<object, WorkingSet>();

  /** The working set of a database handle, if it has one. */
  static existing(db: Kysely<Database>): WorkingSet | undefined {
    return WorkingSet.all.get(db);
  }

  /** The working set of a database handle (one per process and store). */
  static of(db: Kysely<Database>): WorkingSet {
    let ws = WorkingSet.all.get(db);
    if (!ws) WorkingSet.all.set(db, (ws = new WorkingSet()));
    return ws;
  }

  /** Makes sure the working set reflects the database; loads it if not. */
  async sync(db: Db): Promise<void> {
    const now = await readGeneration(db);
    if (this.generation === now) return;
    this.reset();
    // Stored frequencies are added to the pending ones that reset() kept.
    for (const r of await db.selectFrom('term_df').select(['term', 'df']).execute()) this.n[this.fit(vocabulary.intern(r.term))]! += r.df;
    const docs = await db.selectFrom('meta').select('value').where('key', '=', 'term_df_docs').executeTakeFirst();
    this.docs += docs ? Number(docs.value) : 0;
    // The latest originals' signatures, oldest first (rowid order is insertion order).
    const rows = await sql<{ id: string; signature: Uint8Array }>`select id, signature from articles where signature is not null order by rowid desc limit ${2 * GENERATION}`.execute(db);
    for (const r of rows.rows.reverse()) this.addOriginal(r.id, fromBytes(r.signature));
    const recent = await db.selectFrom('stories').select(['id', 'centroid', 'first_at', 'last_at']).where('merged_into', 'is', null).orderBy('updated_at', 'desc').limit(INDEXED_STORIES).execute();
    this.index.restore(
      recent.map((r) => ({ id: r.id, terms: strongest(Vector.of(JSON.parse(r.centroid))), first: r.first_at === null ? null : Date.parse(r.first_at), last: r.last_at === null ? null : Date.parse(r.last_at) })),
    );
    this.generation = now;
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
  private rows(chunk: Counts = { ids: [], docs: 0 }): Rows {
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
  dueCounts(chunk: Counts): Rows | null {
    if (this.pendingDocs + chunk.docs < Math.max(DF_FLUSH_DOCS, this.docs * DF_FLUSH_SHARE)) return null;
    return this.rows(chunk);
  }

  /** The pending counts, for a final write (the store closing), emptied. */
  takeCounts(): Rows {
    const out = this.rows();
    this.clearPending();
    return out;
  }

  /** Counts made obsolete (all frequencies are being recounted). */
  dropCounts(): void {
    this.clearPending();
  }

  /** Forgets everything but the pending counts: the next sync reloads from the database. */
  reset(): void {
    this.generation = null;
    this.n.fill(0);
    for (const id of this.pending) this.n[id] = this.unwritten[id]!;
    this.docs = this.pendingDocs;
    this.previous = new Originals();
    this.current = new Originals();
    this.index = new StoryIndex();
  }

  // ── near-duplicates ─────────────────────────────────────────────────────────────────────

  /** The recent original most like this signature, among those sharing a band key. */
  nearest(sig: Uint32Array, keys: Uint32Array, except: string): { id: string; similarity: number } | undefined {
    let best: { id: string; similarity: number } | undefined;
    const positions: number[] = [];
    for (const gen of [this.current, this.previous]) {
      positions.length = 0;
      for (const k of keys) gen.sharing(k, positions);
      let last = -1;
      // Sorted, a position shared by several bands is compared once.
      for (const at of positions.sort((x, y) => x - y)) {
        if (at === last) continue;
        last = at;
        const id = gen.ids[at]!;
        if (id === except) continue;
        const s = similarity(sig, gen.signatures, at * NUM_HASHES);
        if (!best || s > best.similarity) best = { id, similarity: s };
      }
    }
    return best;
  }

  /** An original stored (or about to be): a candidate for the copies that follow. */
  addOriginal(id: string, signature: Uint32Array, keys = bandKeys(signature)): void {
    if (this.current.full) {
      this.previous = this.current;
      this.current = new Originals(GENERATION);
    }
    this.current.add(id, signature, keys);
  }

  // ── stories ─────────────────────────────────────────────────────────────────────────────

  /** Loads the states of these stories (those not held already) for clustering to score. */
  async load(db: Db, ids: Iterable<string>): Promise<void> {
    const missing = new Set<string>();
    for (const id of ids) if (!this.index.stories.has(id)) missing.add(id);
    for (const s of await loadStories(db, [...missing])) this.index.add(s, false);
  }

  /** After a write of grouping state committed as `generation.after` (found as `before` inside
   * the transaction). Stories written become the most recently used; the least recently used
   * states beyond CACHED_STORIES are let go (their terms still lead to them: read back by id). */
  committed(generation: { before: number; after: number }, written: StoryState[], df: Counts, flushed: boolean): void {
    if (flushed) this.clearPending();
    if (generation.before !== this.generation) {
      // Someone else wrote since we loaded: what we hold may be stale. The chunk's counts stay
      // pending (unless written with it); the rest is reloaded.
      this.pend(df, flushed);
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
    this.pend(df, flushed);
    this.generation = generation.after;
  }
}

async function readGeneration(db: Db): Promise<number> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', GENERATION_KEY).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/** Announces a change of grouping state, inside the writing transaction; returns the generation
 * found and the one written. */
export async function bumpGeneration(trx: Db): Promise<{ before: number; after: number }> {
  const before = await readGeneration(trx);
  await trx
    .insertInto('meta')
    .values({ key: GENERATION_KEY, value: String(before + 1) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(before + 1) }))
    .execute();
  return { before, after: before + 1 };
}

export interface Grouping {
  /** Stories the chunk created or changed, and merges it decided. */
  stories: StoryState[];
  merges: Array<{ from: string; into: string }>;
  /** Document frequencies of the chunk's terms. */
  df: Counts;
}

/** Writes a chunk's grouping, with whatever else the caller writes alongside (`also`), in one
 * transaction, and keeps the working set in step with what was committed. */
export async function commitGrouping(db: Kysely<Database>, grouping: Grouping, also: (trx: Db) => Promise<void> = async () => {}): Promise<void> {
  const ws = WorkingSet.of(db);
  try {
    const due = ws.dueCounts(grouping.df);
    const done = await db.transaction().execute(async (trx) => {
      await also(trx);
      const written = await saveStories(trx, grouping.stories);
      await applyMerges(trx, grouping.merges);
      if (due) await addDf(trx, due.rows, due.docs);
      return { written, generation: await bumpGeneration(trx) };
    });
    ws.committed(done.generation, done.written, grouping.df, due !== null);
  } catch (e) {
    ws.reset();
    throw e;
  }
}

/** Writes this process's pending document frequencies (when a store closes). */
export async function flushCounts(db: Kysely<Database>): Promise<void> {
  const ws = WorkingSet.existing(db);
  if (!ws) return;
  const pending = ws.takeCounts();
  if (pending.docs) await db.transaction().execute((trx) => addDf(trx, pending.rows, pending.docs));
}
