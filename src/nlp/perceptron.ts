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

/** A list of features reused across calls (no allocation per token). */
export class Features {
  ids: Uint32Array;
  n = 0;
  constructor(capacity = 256) {
    this.ids = new Uint32Array(capacity);
  }
  clear(): void {
    this.n = 0;
  }
  add(id: number): void {
    if (this.n === this.ids.length) {
      const grown = new Uint32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.n++] = id;
  }
}

export class Perceptron {
  readonly classes: number;
  readonly bits: number;
  private readonly mask: number;
  weights: Float32Array;
  // Training state (absent in a loaded model): running totals for averaging, updated lazily.
  private totals?: Float64Array;
  private stamps?: Float64Array;
  private step = 0;

  constructor(classes: number, bits: number, weights?: Float32Array) {
    this.classes = classes;
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.weights = weights ?? new Float32Array((1 << bits) * classes);
  }

  /** Adds each feature's row into `out` (length ≥ classes), which is zeroed first. */
  scores(f: Features, out: Float64Array): Float64Array {
    const C = this.classes;
    const w = this.weights;
    out.fill(0, 0, C);
    for (let i = 0; i < f.n; i++) {
      const base = (f.ids[i]! & this.mask) * C;
      for (let c = 0; c < C; c++) out[c]! += w[base + c]!;
    }
    return out;
  }

  /** Best class, among `allowed` when given (ties: the lowest class number). */
  predict(f: Features, out: Float64Array, allowed?: (c: number) => boolean): number {
    this.scores(f, out);
    let best = -1;
    for (let c = 0; c < this.classes; c++) if ((!allowed || allowed(c)) && (best < 0 || out[c]! > out[best]!)) best = c;
    return best;
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
      const base = (f.ids[i]! & this.mask) * this.classes;
      this.bump(base + truth, by);
      this.bump(base + guess, -by);
    }
  }

  private bump(i: number, delta: number): void {
    const totals = this.totals!;
    const stamps = this.stamps!;
    totals[i]! += (this.step - stamps[i]!) * this.weights[i]!;
    stamps[i] = this.step;
    this.weights[i]! += delta;
  }

  /** Replaces the weights by their average over every step (the model to keep). */
  average(): void {
    if (!this.totals || !this.step) return;
    for (let i = 0; i < this.weights.length; i++) {
      const total = this.totals[i]! + (this.step - this.stamps![i]!) * this.weights[i]!;
      this.weights[i] = total / this.step;
    }
    this.totals = undefined;
    this.stamps = undefined;
  }

  /** Saved form: rows whose every weight is below `prune` (relative to the largest) are dropped,
   * the rest quantised to 16 bits against the largest weight, the whole gzipped. Layout: a
   * little header, the kept row numbers as deltas (uint32), then the rows (int16). */
  save(prune = 1e-3): Buffer {
    const C = this.classes;
    let max = 0;
    for (const x of this.weights) max = Math.max(max, Math.abs(x));
    const scale = max > 0 ? 32767 / max : 1;
    const threshold = max * prune;
    const rows: number[] = [];
    for (let r = 0; r < 1 << this.bits; r++) {
      for (let c = 0; c < C; c++)
        if (Math.abs(this.weights[r * C + c]!) > threshold) {
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
      for (let c = 0; c < C; c++) values[k * C + c] = Math.round(this.weights[r * C + c]! * scale);
    });
    return gzipSync(Buffer.concat([Buffer.from(header.buffer), Buffer.from(index.buffer), Buffer.from(values.buffer)]), { level: 9 });
  }

  static load(data: Uint8Array): Perceptron {
    const raw = gunzipSync(data);
    const buf = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
    const [C, bits, scale, n] = new Float64Array(buf, 0, 4) as unknown as [number, number, number, number];
    const index = new Uint32Array(buf, 32, n);
    const values = new Int16Array(buf, 32 + 4 * n, n * C);
    const p = new Perceptron(C, bits);
    let r = 0;
    for (let k = 0; k < n; k++) {
      r += index[k]!;
      for (let c = 0; c < C; c++) p.weights[r * C + c] = values[k * C + c]! / scale;
    }
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
