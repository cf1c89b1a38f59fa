// MinHash over word shingles, with LSH banding, for near-duplicate detection: two reports whose
// bodies share most of their five-word sequences are copies (syndication, re-posting under
// other clutter), whatever their boilerplate. 64 hash functions in 16 bands of 4 rows make two
// documents collide in some band with probability 1 − (1 − J⁴)¹⁶: ~50 % at J = 0.5, > 99 % at
// J = 0.8; candidates are then verified on the full signature.

export const NUM_HASHES = 64;
export const BANDS = 21;
export const ROWS = 3;
const SHINGLE = 5;

const BIN_SHIFT = 26; // 32 − log2(NUM_HASHES)
const VALUE_MASK = (1 << BIN_SHIFT) - 1;
const EMPTY = 0xffffffff;

/** 32-bit FNV-1a of a string. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A strong 32-bit mixer (murmur3's finaliser): turns one shingle hash into many. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hashes of the words of a text (lower case; runs of letters and digits), in order. A loop
 * over char codes: this runs on every article body. */
export function wordHashes(text: string): number[] {
  const t = text.toLowerCase();
  const out: number[] = [];
  let h = 0;
  let inWord = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const letter = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000) || c >= 0x3040;
    if (letter) {
      if (!inWord) h = 0x811c9dc5;
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      out.push(h >>> 0);
      inWord = false;
    }
  }
  if (inWord) out.push(h >>> 0);
  return out;
}

/** Hashes of the text's five-word shingles, in order, repeats included. */
function shingleRun(text: string): Uint32Array {
  const words = wordHashes(text);
  if (words.length < SHINGLE) {
    let h = 0;
    for (const w of words) h = mix(h ^ w);
    return words.length ? Uint32Array.of(h) : new Uint32Array(0);
  }
  const out = new Uint32Array(words.length - SHINGLE + 1);
  for (let i = 0; i < out.length; i++) {
    let h = 0x9747b28c;
    for (let j = i; j < i + SHINGLE; j++) h = mix(h ^ words[j]!);
    out[i] = h;
  }
  return out;
}

/** Hashes of the text's five-word shingles, without repeats. */
export function shingles(text: string): Uint32Array {
  return Uint32Array.from(new Set(shingleRun(text)));
}

/** The MinHash signature, by one-permutation hashing (Li, Owen & Zhang 2012): each shingle is
 * hashed once and falls in one of 64 bins by its top bits; a bin keeps its least value. Empty
 * bins borrow from the next full one (rotation densification, Shrivastava & Li 2014) so that
 * short texts still compare. One hash per shingle instead of 64: this runs on every article. */
export function signature(text: string): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(EMPTY);
  // A bin keeps its least value, which a repeated shingle cannot change: no need to drop repeats.
  for (const s of shingleRun(text)) {
    const h = mix(s);
    const bin = h >>> BIN_SHIFT;
    const v = h & VALUE_MASK;
    if (v < sig[bin]!) sig[bin] = v;
  }
  for (let i = 0; i < NUM_HASHES; i++) {
    if (sig[i] !== EMPTY) continue;
    for (let d = 1; d < NUM_HASHES; d++) {
      const j = (i + d) % NUM_HASHES;
      if (sig[j]! < EMPTY && sig[j]! <= VALUE_MASK) {
        // Distance-tagged so borrowed values never equal a real value from another bin.
        sig[i] = (sig[j]! + d * (VALUE_MASK + 1)) >>> 0;
        break;
      }
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures (the second one read
 * from `at` in `b`, which may hold many end to end). */
export function similarity(a: Uint32Array, b: Uint32Array, at = 0): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[at + i]) same++;
  return same / NUM_HASHES;
}

/** One key per band: documents that share a key are near-duplicate candidates. A key is 32 bits
 * with the band number mixed in: two bands that collide by chance only add a candidate, which
 * the full signature then rejects. */
export function bandKeys(sig: Uint32Array): Uint32Array {
  const keys = new Uint32Array(BANDS);
  for (let b = 0; b < BANDS; b++) {
    let h = Math.imul(b + 1, 0x9e3779b9);
    for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]!);
    keys[b] = h;
  }
  return keys;
}

export function toBytes(sig: Uint32Array): Uint8Array {
  return new Uint8Array(sig.buffer.slice(sig.byteOffset, sig.byteOffset + sig.byteLength));
}

export function fromBytes(bytes: Uint8Array): Uint32Array {
  const copy = new Uint8Array(bytes);
  return new Uint32Array(copy.buffer, 0, copy.byteLength / 4);
}
