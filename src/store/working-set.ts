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
import { bandKeys, fromBytes, similarity } from '../dedupe/minhash.ts';
import { PER_TERM, StoryIndex, strongest, type StoryState } from '../stories/cluster.ts';
import type { Database } from './schema.ts';
import { addDf, applyMerges, loadStories, saveStories, type Db } from './stories.ts';

/** Recent originals kept for near-duplicate lookups, in two generations of this many: syndicated
 * copies come within days of their original (at 1,500 articles a day, a generation is a month). */
const GENERATION = 50_000;
/** Originals examined per band key and generation. */
const PER_BAND = 20;
/** Stories whose term index is rebuilt when a working set starts: the most recently updated. */
const INDEXED_STORIES = 100_000;
/** Story states kept between chunks (the rest are read back by id when an article needs them). */
const CACHED_STORIES = 20_000;

const GENERATION_KEY = 'grouping_generation';
/** Document frequencies are written once this many documents' counts are pending: a word common
 * to every chunk is then one write, not one per chunk. A crash loses at most these counts, which
 * moves weights by a fraction of a percent; `storyline stories recluster` recounts them all. */
const DF_FLUSH_DOCS = 4096;

/** One generation of recent originals: ids, signatures, and band key → their positions. */
class Originals {
  readonly ids: string[] = [];
  readonly signatures: Uint32Array[] = [];
  readonly bands = new Map<number, number | number[]>();

  add(id: string, signature: Uint32Array, keys: number[]): void {
    const at = this.ids.length;
    this.ids.push(id);
    this.signatures.push(signature);
    for (const k of keys) {
      const held = this.bands.get(k);
      if (held === undefined) this.bands.set(k, at);
      else if (typeof held === 'number') this.bands.set(k, [held, at]);
      else held.push(at);
    }
  }

  /** Positions sharing a band key, the latest PER_BAND: a band that very many articles share
   * (templated pages) would make lookups quadratic, and the latest stand for the rest. */
  *sharing(key: number): Generator<number> {
    const held = this.bands.get(key);
    if (held === undefined) return;
    if (typeof held === 'number') yield held;
    else for (let i = held.length - 1; i >= 0 && i >= held.length - PER_BAND; i--) yield held[i]!;
  }
}

/** A term's document frequency: stored plus committed by this process (`n`), and of the latter
 * what is not yet written to term_df (`pending`). One entry per term, so that counting a chunk
 * is one lookup per term in a map of every term the store has seen. */
interface TermCount {
  term: string;
  n: number;
  pending: number;
}

type Counts = { counts: Map<string, number>; docs: number };

export class WorkingSet {
  /** The grouping generation this working set reflects; null until loaded. */
  private generation: number | null = null;
  /** Document frequencies: the stored ones plus this process's pending counts. */
  private df = new Map<string, TermCount>();
  docs = 0;
  /** The entries with counts committed by this process but not yet written to term_df, and the
   * number of documents they count. They outlive a reset: they are not in the database yet. */
  private pending: TermCount[] = [];
  private pendingDocs = 0;
  private previous = new Originals();
  private current = new Originals();
  /** Recently active stories: the term index, and the states of the most recently used. */
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
    for (const r of await db.selectFrom('term_df').select(['term', 'df']).execute()) this.df.set(r.term, { term: r.term, n: r.df, pending: 0 });
    const docs = await db.selectFrom('meta').select('value').where('key', '=', 'term_df_docs').executeTakeFirst();
    this.docs = docs ? Number(docs.value) : 0;
    // Counts committed but not yet written are added back, pending still.
    this.pend(this.drain(), false);
    // The latest originals' signatures, oldest first (rowid order is insertion order).
    const rows = await sql<{ id: string; signature: Uint8Array }>`select id, signature from articles where signature is not null order by rowid desc limit ${2 * GENERATION}`.execute(db);
    for (const r of rows.rows.reverse()) this.addOriginal(r.id, fromBytes(r.signature));
    const recent = await db.selectFrom('stories').select(['id', 'centroid', 'first_at', 'last_at']).where('merged_into', 'is', null).orderBy('updated_at', 'desc').limit(INDEXED_STORIES).execute();
    // Most recent first: each term keeps its PER_TERM most recent stories, then lists are turned
    // oldest-first so that touching a story is a push at the end.
    for (const r of recent) {
      this.index.span(r.id, r.first_at === null ? null : Date.parse(r.first_at), r.last_at === null ? null : Date.parse(r.last_at));
      for (const t of strongest(new Map(JSON.parse(r.centroid)))) {
        const ids = this.index.byTerm.get(t) ?? this.index.byTerm.set(t, []).get(t)!;
        if (ids.length < PER_TERM) ids.push(r.id);
      }
    }
    for (const ids of this.index.byTerm.values()) ids.reverse();
    this.generation = now;
  }

  /** A term's frequency, 0 when the store has not seen it. */
  frequency(term: string): number {
    return this.df.get(term)?.n ?? 0;
  }

  private entry(term: string): TermCount {
    let e = this.df.get(term);
    if (!e) this.df.set(term, (e = { term, n: 0, pending: 0 }));
    return e;
  }

  /** A chunk's counts, committed: into the frequencies in use and, unless they were written with
   * it, the pending ones (this runs over every distinct term of every chunk). */
  private pend(chunk: Counts, written: boolean): void {
    for (const [t, k] of chunk.counts) {
      const e = this.entry(t);
      e.n += k;
      if (written) continue;
      if (e.pending === 0) this.pending.push(e);
      e.pending += k;
    }
    this.docs += chunk.docs;
    if (!written) this.pendingDocs += chunk.docs;
  }

  /** The pending counts as a map, emptied. */
  private drain(): Counts {
    const counts = new Map<string, number>();
    for (const e of this.pending) {
      counts.set(e.term, e.pending);
      e.pending = 0;
    }
    const out = { counts, docs: this.pendingDocs };
    this.pending = [];
    this.pendingDocs = 0;
    return out;
  }

  /** The pending counts, if with this chunk's they are due to be written (nothing is emptied yet:
   * the write may fail). */
  dueCounts(chunk: Counts): Counts | null {
    if (this.pendingDocs + chunk.docs < DF_FLUSH_DOCS) return null;
    const counts = new Map<string, number>();
    for (const e of this.pending) counts.set(e.term, e.pending);
    for (const [t, n] of chunk.counts) counts.set(t, (counts.get(t) ?? 0) + n);
    return { counts, docs: this.pendingDocs + chunk.docs };
  }

  /** The pending counts, for a final write (the store closing). */
  takeCounts(): Counts {
    return this.drain();
  }

  /** Counts made obsolete (all frequencies are being recounted). */
  dropCounts(): void {
    this.drain();
  }

  /** Forgets everything but the pending counts: the next sync reloads from the database. */
  reset(): void {
    this.generation = null;
    this.df = new Map();
    this.docs = 0;
    this.previous = new Originals();
    this.current = new Originals();
    this.index = new StoryIndex();
  }

  // ── near-duplicates ─────────────────────────────────────────────────────────────────────

  /** The recent original most like this signature, among those sharing a band key. */
  nearest(sig: Uint32Array, keys: number[], except: string): { id: string; similarity: number } | undefined {
    let best: { id: string; similarity: number } | undefined;
    for (const gen of [this.current, this.previous]) {
      const seen = new Set<number>();
      for (const k of keys) {
        for (const at of gen.sharing(k)) {
          if (seen.has(at)) continue;
          seen.add(at);
          const id = gen.ids[at]!;
          if (id === except) continue;
          const s = similarity(sig, gen.signatures[at]!);
          if (!best || s > best.similarity) best = { id, similarity: s };
        }
      }
    }
    return best;
  }

  /** An original stored (or about to be): a candidate for the copies that follow. */
  addOriginal(id: string, signature: Uint32Array, keys = bandKeys(signature)): void {
    if (this.current.ids.length >= GENERATION) {
      this.previous = this.current;
      this.current = new Originals();
    }
    this.current.add(id, signature, keys);
  }

  // ── stories ─────────────────────────────────────────────────────────────────────────────

  /** Loads the states of these stories (those not held already) for clustering to score. */
  async load(db: Db, ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.index.stories.has(id));
    for (const s of await loadStories(db, missing)) this.index.add(s, false);
  }

  /** After a write of grouping state committed as `generation.after` (found as `before` inside
   * the transaction). Stories written become the most recently used; the least recently used
   * states beyond CACHED_STORIES are let go (their terms still lead to them: read back by id). */
  committed(generation: { before: number; after: number }, written: StoryState[], df: Counts, flushed: boolean): void {
    if (flushed) this.drain();
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
  df: { counts: Map<string, number>; docs: number };
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
      if (due) await addDf(trx, due.counts, due.docs);
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
  if (pending.docs) await db.transaction().execute((trx) => addDf(trx, pending.counts, pending.docs));
}
