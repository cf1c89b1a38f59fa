// The near-duplicate memory: the recent originals' MinHash signatures and their LSH bands, held
// in memory so that finding a copy costs the same whatever the size of the store. The store stays
// the source of truth: the memory is rebuilt from it when a process starts, and whenever another
// writer changed the store (the grouping generation moved; see pipeline/).
import { BANDS, bandKeys, fromBytes, NUM_HASHES, similarity } from './minhash.ts';
import { resized } from '../util/typed-arrays.ts';

/** Recent originals kept for near-duplicate lookups, in two generations of this many: syndicated
 * copies come within days of their original (at 1,500 articles a day, a generation is a month). */
const GENERATION = 50_000;
/** Originals examined per band key and generation. */
const PER_BAND = 20;

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

/** Where the memory is rebuilt from: the latest originals' signatures, oldest first. */
export interface SignatureSource {
  recentSignatures(limit: number): Promise<Array<{ id: string; signature: Uint8Array }>>;
}

export class NearDuplicates {
  private previous = new Originals();
  private current = new Originals();

  /** Rebuilds the memory from the store. */
  async load(source: SignatureSource): Promise<void> {
    this.reset();
    for (const r of await source.recentSignatures(2 * GENERATION)) this.addOriginal(r.id, fromBytes(r.signature));
  }

  reset(): void {
    this.previous = new Originals();
    this.current = new Originals();
  }

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
}
