// Term → dense id, for the tables by term that every article consults (document frequencies,
// the story index) and for vectors, which hold ids rather than strings (features.ts).
// A Map of strings costs two cache misses per lookup once it holds a few hundred thousand terms:
// its table, then the stored string to compare. Here a term is two 32-bit hashes (a 64-bit key)
// in one Int32Array with its id, so a lookup is one probe into a few megabytes that stay in the
// processor's cache. Two terms would share an id only if both hashes collided: at a million
// terms, a chance of about 3 in 100 million.

/** Ints per slot: the two hashes, the id + 1 (0: free), and padding to 16 bytes. */
const STRIDE = 4;

export class Vocabulary {
  /** Terms by id. */
  readonly terms: string[] = [];
  private slots = new Int32Array(1024 * STRIDE);

  /** The id of a term, or -1 when it has none. */
  find(term: string): number {
    hash(term);
    return this.slots[this.slot(ha, hb) + 2]! - 1;
  }

  /** The id of a term, given one if it is new. */
  intern(term: string): number {
    hash(term);
    const s = this.slot(ha, hb);
    if (this.slots[s + 2]) return this.slots[s + 2]! - 1;
    const id = this.terms.length;
    this.terms.push(term);
    this.put(s, ha, hb, id);
    // At most half full, so that probes stay short.
    if (2 * this.terms.length > this.slots.length / STRIDE) this.grow();
    return id;
  }

  get size(): number {
    return this.terms.length;
  }

  /** The slot holding these hashes, or the free one where they go (linear probing). */
  private slot(a: number, b: number): number {
    const mask = this.slots.length / STRIDE - 1;
    let i = a & mask;
    for (;;) {
      const s = i * STRIDE;
      if (!this.slots[s + 2] || (this.slots[s] === a && this.slots[s + 1] === b)) return s;
      i = (i + 1) & mask;
    }
  }

  private put(s: number, a: number, b: number, id: number): void {
    this.slots[s] = a;
    this.slots[s + 1] = b;
    this.slots[s + 2] = id + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.terms.forEach((t, id) => {
      hash(t);
      this.put(this.slot(ha, hb), ha, hb, id);
    });
  }
}

/** The process's vocabulary: vectors, story states and working sets all give terms their ids here,
 * so that an id means one term wherever it is met. It holds every term the process has seen. */
export const vocabulary = new Vocabulary();

/** The two hashes of the last string hashed: module variables rather than a returned pair, which
 * would be allocated for every lookup. */
let ha = 0;
let hb = 0;

/** Two independent 32-bit hashes of a string (FNV-1a, and a multiply-xorshift), in one pass. */
function hash(s: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  ha = a | 0;
  hb = (b ^ (b >>> 13)) | 0;
}
