// The one learner behind the tagger, lemmatizer, recogniser and parser: a multi-class averaged
// perceptron over hashed features (Collins 2002; the averaging trick of Daumé's thesis). Features
// are 32-bit hashes; each hashes to a row of one weight per class, so scoring a feature is one
// contiguous read and the table has a fixed size whatever the vocabulary (collisions cost a
// little accuracy, never memory). Weights are saved pruned and quantised (see `save`).
import { gunzipSync, gzipSync } from 'node:zlib';

/** FNV-1a over the UTF-16 units of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A feature from a template number and up to two hashed values (murmur3's finaliser mixes them). */
export function feature(template: number, a: number, b = 0): number {
  let h = Math.imul(template + 1, 0x9e3779b1) ^ a;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A list of features reused across calls (no allocation per token). A feature is kept as its
 * template and values and hashed (`feature`) where it is read, in the scorer's loop: one call
 * per listed feature instead of two. */
export class Features {
  // Template and values side by side (three numbers a feature): one array written and read in order.
  private x: Uint32Array;
  n = 0;
  constructor(capacity = 256) {
    this.x = new Uint32Array(capacity * 3);
  }
  clear(): void {
    this.n = 0;
  }
  /** Adds the feature `feature(template, a, b)`. */
  put(template: number, a: number, b = 0): void {
    const k = this.n++ * 3;
    if (k === this.x.length) this.grow();
    const x = this.x;
    x[k] = template;
    x[k + 1] = a;
    x[k + 2] = b;
  }
  /** The i-th feature's hash. */
  id(i: number): number {
    const x = this.x;
    const k = i * 3;
    return feature(x[k]!, x[k + 1]!, x[k + 2]!);
  }
  private grow(): void {
    const y = new Uint32Array(this.x.length * 2);
    y.set(this.x);
    this.x = y;
  }
}

/** Bits set in a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export class Perceptron {
  readonly classes: number;
  readonly bits: number;
  private readonly mask: number;
  /** Dense table, one row per hash value: what training updates and `save` writes. A loaded model
   * has none until asked for (see `weights`). */
  private dense?: Float32Array;
  // A loaded model keeps only its saved rows (pruning drops most of them): a table of 2^bits
  // rows would be 10–20 MB a model, whose every feature read misses the cache, for weights that
  // are mostly zero. `index` holds, per 32 hash values, the number of kept rows before them and
  // a bitmap of which of the 32 are kept (side by side: one cache line gives both), so a row's
  // place among `rows` is that count plus the bits below it. Scores are the same numbers either
  // way: a dropped row is all zeros.
  private index?: Int32Array;
  // The kept rows as saved: 16-bit integers, a weight being the integer over `scale` rounded to
  // float32. `predict` sums the integers (half the bytes of float32 to fetch, and the cache misses
  // on these rows are what scoring waits on); `scores`, which gives the sums themselves, uses the
  // float32 rows, made on first use.
  private ints?: Int16Array;
  private scale = 1;
  private rows?: Float32Array;
  /** Scratch: the kept rows' offsets of the features being scored. */
  private bases = new Int32Array(64);
  /** Scratch: the classes' integer sums in `predict` (two spare, written past the last class). */
  private readonly acc: Int32Array;
  // Training state (absent in a loaded model): running totals for averaging, updated lazily.
  private totals?: Float64Array;
  private stamps?: Float64Array;
  private step = 0;

  /** `weights`: a dense table to start from (zeros when absent); 'none' for `load`, which keeps
   * only the saved rows. */
  constructor(classes: number, bits: number, weights?: Float32Array | 'none') {
    this.classes = classes;
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.acc = new Int32Array(classes + 2);
    if (weights !== 'none') this.dense = weights ?? new Float32Array((1 << bits) * classes);
  }

  /** The dense table (a loaded model's is rebuilt from its kept rows on first use). */
  get weights(): Float32Array {
    if (!this.dense) {
      const C = this.classes;
      const dense = new Float32Array((1 << this.bits) * C);
      const index = this.index!;
      const rows = this.floatRows();
      for (let r = 0, k = 0; r < 1 << this.bits; r++)
        if (index[2 * (r >>> 5) + 1]! & (1 << (r & 31))) dense.set(rows.subarray(k * C, ++k * C), r * C);
      this.dense = dense;
      this.index = this.rows = this.ints = undefined;
    }
    return this.dense;
  }

  /** Adds each feature's row into `out` (length ≥ classes), which is zeroed first. */
  scores(f: Features, out: Float64Array): Float64Array {
    const C = this.classes;
    const index = this.index;
    if (!index) {
      const w = this.dense!;
      out.fill(0, 0, C);
      for (let i = 0; i < f.n; i++) {
        const base = (f.id(i) & this.mask) * C;
        for (let c = 0; c < C; c++) out[c]! += w[base + c]!;
      }
      return out;
    }
    // The kept rows first, then class by class: the rows' first cache lines are all asked for at
    // once rather than one row after the other (the reads of the weights are what this waits
    // on), and each sum stays in a register. The sum does not depend on the order: a loaded
    // weight is a 16-bit integer over the model's scale, rounded to float32, so every weight is a
    // whole multiple of the smallest one's last-place unit and below 2^40 of those units; a sum
    // of fewer than 2^13 of them fits float64's 53 bits, exactly, in any order.
    const m = this.collect(f, index);
    const bases = this.bases;
    const rows = this.floatRows();
    // Four classes at a time, as in `predict` (each class's sum still adds its rows in order).
    let c = 0;
    for (; c + 4 <= C; c += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < m; k++) {
        const b = bases[k]! + c;
        s0 += rows[b]!; s1 += rows[b + 1]!; s2 += rows[b + 2]!; s3 += rows[b + 3]!;
      }
      out[c] = s0; out[c + 1] = s1; out[c + 2] = s2; out[c + 3] = s3;
    }
    for (; c < C; c++) {
      let sum = 0;
      for (let k = 0; k < m; k++) sum += rows[bases[k]! + c]!;
      out[c] = sum;
    }
    return out;
  }

  /** Puts the offsets of the kept rows of `f`'s features into `bases`; returns their number. */
  private collect(f: Features, index: Int32Array): number {
    const C = this.classes;
    if (this.bases.length < f.n) this.bases = new Int32Array(f.n * 2);
    const bases = this.bases;
    let m = 0;
    for (let i = 0; i < f.n; i++) {
      const r = f.id(i) & this.mask;
      const at = (r >>> 5) << 1;
      const word = index[at + 1]!;
      const bit = 1 << (r & 31);
      if (word & bit) bases[m++] = (index[at]! + popcount(word & (bit - 1))) * C;
    }
    return m;
  }

  private floatRows(): Float32Array {
    if (!this.rows) {
      const scale = this.scale;
      this.rows = Float32Array.from(this.ints!, (v) => v / scale);
    }
    return this.rows;
  }

  /** Best class, among `allowed` when given and but `except` (ties: the lowest class number), as
   * the highest of `scores`. `out` is scratch. */
  predict(f: Features, out: Float64Array, allowed?: (c: number) => boolean, except = -1): number {
    const index = this.index;
    if (!index) {
      this.scores(f, out);
      let best = -1;
      for (let c = 0; c < this.classes; c++) if (c !== except && (!allowed || allowed(c)) && (best < 0 || out[c]! > out[best]!)) best = c;
      return best;
    }
    // A loaded model: the classes are ranked by the sums of their saved integers, which give the
    // same best class as the float scores whenever the best leads the runner-up by more than m/64.
    // Why: a weight is w = float32(v / scale), within 2^-24 of v / scale (relative); so with m
    // rows and |v| ≤ 32767, a class's float score times scale is within m · 32767 · 2^-23 < m/256
    // of its integer sum, and a lead above m/128 between integer sums stays a lead between the
    // float scores. Closer than that (ties, mostly) the float scores decide, computed as `scores`
    // does: the same numbers added in the same order.
    const C = this.classes;
    const m = this.collect(f, index);
    const acc = this.intSums(m);
    let best = -1;
    let top = 0;
    let second = -Infinity;
    for (let c = 0; c < C; c++) {
      if (c === except || (allowed && !allowed(c))) continue;
      const sum = acc[c]!;
      if (best < 0 || sum > top) {
        if (best >= 0) second = top;
        best = c;
        top = sum;
      } else if (sum > second) second = sum;
    }
    if (best < 0 || top - second > m / 64) return best;
    const bases = this.bases;
    const ints = this.ints!;
    const scale = this.scale;
    best = -1;
    let bestScore = 0;
    for (let c = 0; c < C; c++) {
      if (c === except || (allowed && !allowed(c))) continue;
      let sum = 0;
      for (let k = 0; k < m; k++) sum += Math.fround(ints[bases[k]! + c]! / scale);
      if (best < 0 || sum > bestScore) {
        best = c;
        bestScore = sum;
      }
    }
    return best;
  }

  /** The integer sums of every class over the `m` rows collected in `bases`, into `acc`. */
  private intSums(m: number): Int32Array {
    const C = this.classes;
    const bases = this.bases;
    const ints = this.ints!;
    const acc = this.acc;
    // Eight or four classes at a time: each row offset read once for several sums, which add independently.
    let c = 0;
    for (; c + 8 <= C; c += 8) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (let k = 0; k < m; k++) {
        const b = bases[k]! + c;
        s0 += ints[b]!; s1 += ints[b + 1]!; s2 += ints[b + 2]!; s3 += ints[b + 3]!;
        s4 += ints[b + 4]!; s5 += ints[b + 5]!; s6 += ints[b + 6]!; s7 += ints[b + 7]!;
      }
      acc[c] = s0; acc[c + 1] = s1; acc[c + 2] = s2; acc[c + 3] = s3;
      acc[c + 4] = s4; acc[c + 5] = s5; acc[c + 6] = s6; acc[c + 7] = s7;
    }
    for (; c + 4 <= C; c += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < m; k++) {
        const b = bases[k]! + c;
        s0 += ints[b]!; s1 += ints[b + 1]!; s2 += ints[b + 2]!; s3 += ints[b + 3]!;
      }
      acc[c] = s0; acc[c + 1] = s1; acc[c + 2] = s2; acc[c + 3] = s3;
    }
    const left = C - c;
    if (left) {
      let s0 = 0, s1 = 0, s2 = 0;
      for (let k = 0; k < m; k++) {
        const b = bases[k]! + c;
        s0 += ints[b]!;
        if (left > 1) s1 += ints[b + 1]!;
        if (left > 2) s2 += ints[b + 2]!;
      }
      acc[c] = s0; acc[c + 1] = s1; acc[c + 2] = s2;
    }
    return acc;
  }

  /** `scores` (the same numbers) of the classes among `allowed` that can be the best or the
   * runner-up; -Infinity for the others, which are not computed. On a loaded model, a class whose
   * integer sum is more than m/64 below the second-highest one scores below two others (see
   * `predict` for the bound), so it is neither. */
  scoresOfTopTwo(f: Features, out: Float64Array, allowed: (c: number) => boolean): Float64Array {
    const index = this.index;
    if (!index) return this.scores(f, out);
    const C = this.classes;
    const m = this.collect(f, index);
    const acc = this.intSums(m);
    let top = -Infinity;
    let second = -Infinity;
    for (let c = 0; c < C; c++) {
      if (!allowed(c)) continue;
      const sum = acc[c]!;
      if (sum > top) {
        second = top;
        top = sum;
      } else if (sum > second) second = sum;
    }
    const floor = (second === -Infinity ? top : second) - m / 64;
    // The float weights made from the integers as `floatRows` makes them: the rows already read.
    const bases = this.bases;
    const ints = this.ints!;
    const scale = this.scale;
    for (let c = 0; c < C; c++) {
      if (!allowed(c) || acc[c]! < floor) {
        out[c] = -Infinity;
        continue;
      }
      let sum = 0;
      for (let k = 0; k < m; k++) sum += Math.fround(ints[bases[k]! + c]! / scale);
      out[c] = sum;
    }
    return out;
  }

  /** One training step counted for averaging; call once per example, updated or not. */
  tick(): void {
    this.step++;
  }

  /** The perceptron update: the truth's rows gain `by`, the guess's lose it. */
  update(f: Features, truth: number, guess: number, by = 1): void {
    if (truth === guess) return;
    if (!this.totals) {
      this.totals = new Float64Array(this.weights.length);
      this.stamps = new Float64Array(this.weights.length);
    }
    for (let i = 0; i < f.n; i++) {
      const base = (f.id(i) & this.mask) * this.classes;
      this.bump(base + truth, by);
      this.bump(base + guess, -by);
    }
  }

  private bump(i: number, delta: number): void {
    const totals = this.totals!;
    const stamps = this.stamps!;
    const w = this.dense!;
    totals[i]! += (this.step - stamps[i]!) * w[i]!;
    stamps[i] = this.step;
    w[i]! += delta;
  }

  /** Replaces the weights by their average over every step (the model to keep). */
  average(): void {
    if (!this.totals || !this.step) return;
    const w = this.weights;
    for (let i = 0; i < w.length; i++) {
      const total = this.totals[i]! + (this.step - this.stamps![i]!) * w[i]!;
      w[i] = total / this.step;
    }
    this.totals = undefined;
    this.stamps = undefined;
  }

  /** Saved form: rows whose every weight is below `prune` (relative to the largest) are dropped,
   * the rest quantised to 16 bits against the largest weight, the whole gzipped. Layout: a
   * little header, the kept row numbers as deltas (uint32), then the rows (int16). */
  save(prune = 1e-3): Buffer {
    const C = this.classes;
    const w = this.weights;
    let max = 0;
    for (const x of w) max = Math.max(max, Math.abs(x));
    const scale = max > 0 ? 32767 / max : 1;
    const threshold = max * prune;
    const rows: number[] = [];
    for (let r = 0; r < 1 << this.bits; r++) {
      for (let c = 0; c < C; c++)
        if (Math.abs(w[r * C + c]!) > threshold) {
          rows.push(r);
          break;
        }
    }
    const header = new Float64Array([C, this.bits, scale, rows.length]);
    const index = new Uint32Array(rows.length);
    const values = new Int16Array(rows.length * C);
    let prev = 0;
    rows.forEach((r, k) => {
      index[k] = r - prev;
      prev = r;
      for (let c = 0; c < C; c++) values[k * C + c] = Math.round(w[r * C + c]! * scale);
    });
    return gzipSync(Buffer.concat([Buffer.from(header.buffer), Buffer.from(index.buffer), Buffer.from(values.buffer)]), { level: 9 });
  }

  static load(data: Uint8Array): Perceptron {
    const raw = gunzipSync(data);
    const buf = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
    const [C, bits, scale, n] = new Float64Array(buf, 0, 4) as unknown as [number, number, number, number];
    const index = new Uint32Array(buf, 32, n);
    const values = new Int16Array(buf, 32 + 4 * n, n * C);
    const p = new Perceptron(C, bits, 'none');
    const bitmap = new Int32Array(2 * Math.max(1, (1 << bits) >>> 5));
    let r = 0;
    for (let k = 0; k < n; k++) {
      r += index[k]!;
      bitmap[2 * (r >>> 5) + 1]! |= 1 << (r & 31);
    }
    for (let wd = 0, before = 0; wd < bitmap.length; wd += 2) {
      bitmap[wd] = before;
      before += popcount(bitmap[wd + 1]!);
    }
    p.index = bitmap;
    p.ints = values.slice();
    p.scale = scale;
    if (process.env.DENSE_AT && n > Number(process.env.DENSE_AT) * (1 << bits)) void p.weights;
    return p;
  }
}

/** Seeded pseudo-random numbers (mulberry32): training shuffles the same way on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
