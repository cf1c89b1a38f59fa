// Dependency parsing: the arc-hybrid transition system (Kuhlmann et al. 2011) with the root at
// the end of the buffer (Ballesteros & Nivre 2013), greedy, two averaged perceptrons: one chooses
// the transition (shift, left-arc, right-arc) from the stack, buffer and the children already
// attached (features after Zhang & Nivre 2011), the other names each arc as it is made, when the
// dependent's subtree is complete. Trained with the dynamic oracle of Goldberg & Nivre (2013):
// the parser follows its own mistakes during training and learns the best move from there.
import type { UdSentence } from './conllu.ts';
import { Features, Perceptron, feature, hashString, rng, shuffle } from './perceptron.ts';
import { wordInfo } from './words.ts';

export interface ParserMeta {
  labels: string[];
}

/** What the parser reads of a word (from the tagger and lemmatizer). */
export interface ParseInput {
  form: string;
  upos: string;
  feats: string;
}

const SHIFT = 0;
const LEFT = 1;
const RIGHT = 2;

const NONE = hashString('<none>');
const ROOTH = hashString('<root>');

const T = {
  S0w: 1, S0p: 2, S0wp: 3, S1w: 4, S1p: 5, S1wp: 6, S2p: 7, B0w: 8, B0p: 9, B0wp: 10, B1w: 11, B1p: 12, B1wp: 13, B2p: 14,
  S0wpB0wp: 15, S0wpB0w: 16, S0wB0wp: 17, S0wpB0p: 18, S0pB0wp: 19, S0wB0w: 20, S0pB0p: 21, B0pB1p: 22, S1pS0p: 23, S1wS0w: 24,
  B0pB1pB2p: 25, S0pB0pB1p: 26, S1pS0pB0p: 27, S2pS1pS0p: 28, S0pS0lcpB0p: 29, S0pS0rcpB0p: 30, S0pB0pB0lcp: 31, S1pS1rcpS0p: 32,
  S0lcp: 33, S0lcl: 34, S0rcp: 35, S0rcl: 36, B0lcp: 37, B0lcl: 38, S1rcl: 39, S1lcl: 40, S0lc2l: 41, S0rc2l: 42, B0lc2l: 43,
  DistS0wB0: 44, DistS0pB0p: 45, S0wVl: 46, S0wVr: 47, B0wVl: 48, S0lset: 49, S0rset: 50, B0lset: 51, S1S0dist: 52, S0fB0f: 53, Bias: 54,
  // Labeller
  Hw: 60, Hp: 61, Dw: 62, Dp: 63, HpDp: 64, HwDp: 65, HpDw: 66, HwDw: 67, Dir: 68, DirHpDp: 69, Df: 70, Hf: 71, DpDf: 72,
  DfcW: 73, DfcP: 74, DfcWDp: 75, DchildLabels: 76, HchildLabels: 77, DlcL: 78, DirDistDp: 79, HpDpDfcw: 80, DwHpDir: 81, DlsetHp: 82,
} as const;

/** The hash of each label number, as the label sets of State read them (made once, not per arc). */
const labelHashes: number[] = [];
function labelHash(label: number): number {
  return (labelHashes[label] ??= hashString(String(label)));
}

function distBucket(d: number): number {
  return d < 5 ? d : d < 8 ? 5 : d < 12 ? 6 : 7;
}

/** A parse in progress: stack, buffer front, heads and children so far. */
class State {
  n = 0;
  stack: number[] = [];
  b = 0;
  heads!: Int32Array;
  labels!: Int32Array;
  // Two leftmost and two rightmost children, child counts, label-set hashes per side.
  lc1!: Int32Array; lc2!: Int32Array; rc1!: Int32Array; rc2!: Int32Array;
  nl!: Int32Array; nr!: Int32Array; lset!: Uint32Array; rset!: Uint32Array;

  constructor(n: number) {
    this.reset(n);
  }

  /** The empty parse of n words, in the arrays already made when they are long enough (the
   * parser reuses one State: ten arrays a sentence were a good part of what it allocated). */
  reset(n: number): this {
    this.n = n;
    this.b = 0;
    this.stack.length = 0;
    if (!this.heads || this.heads.length < n + 1) {
      const size = Math.max(n + 1, 64);
      this.heads = new Int32Array(size); this.labels = new Int32Array(size);
      this.lc1 = new Int32Array(size); this.lc2 = new Int32Array(size); this.rc1 = new Int32Array(size); this.rc2 = new Int32Array(size);
      this.nl = new Int32Array(size); this.nr = new Int32Array(size);
      this.lset = new Uint32Array(size); this.rset = new Uint32Array(size);
    }
    for (const a of [this.heads, this.labels, this.lc1, this.lc2, this.rc1, this.rc2]) a.fill(-1, 0, n + 1);
    for (const a of [this.nl, this.nr, this.lset, this.rset]) a.fill(0, 0, n + 1);
    return this;
  }

  done(): boolean {
    return this.b === this.n && this.stack.length === 0;
  }

  valid(t: number): boolean {
    const k = this.stack.length;
    if (t === SHIFT) return this.b < this.n;
    if (t === LEFT) return k > 0 && (this.b < this.n || k === 1);
    return k > 1;
  }

  /** The arc a transition would make: [head, dependent]. */
  arc(t: number): [number, number] {
    const s0 = this.stack[this.stack.length - 1]!;
    return t === LEFT ? [this.b, s0] : [this.stack[this.stack.length - 2]!, s0];
  }

  apply(t: number, label: number): void {
    if (t === SHIFT) {
      this.stack.push(this.b++);
      return;
    }
    const d = this.stack.pop()!;
    const h = t === LEFT ? this.b : this.stack[this.stack.length - 1]!;
    this.heads[d] = h;
    this.labels[d] = label;
    const lh = labelHash(label);
    if (d < h) {
      this.nl[h]!++;
      this.lset[h] = (this.lset[h]! ^ Math.imul(lh, 2654435761)) >>> 0;
      if (this.lc1[h] === -1 || d < this.lc1[h]!) {
        this.lc2[h] = this.lc1[h]!;
        this.lc1[h] = d;
      } else if (this.lc2[h] === -1 || d < this.lc2[h]!) this.lc2[h] = d;
    } else {
      this.nr[h]!++;
      this.rset[h] = (this.rset[h]! ^ Math.imul(lh, 2654435761)) >>> 0;
      if (this.rc1[h] === -1 || d > this.rc1[h]!) {
        this.rc2[h] = this.rc1[h]!;
        this.rc1[h] = d;
      } else if (this.rc2[h] === -1 || d > this.rc2[h]!) this.rc2[h] = d;
    }
  }

  /** Dynamic-oracle cost of each transition: gold arcs it makes unreachable (Goldberg & Nivre 2013). */
  costs(gold: Int32Array, out: number[]): void {
    const st = this.stack;
    const k = st.length;
    const s0 = k ? st[k - 1]! : -1;
    const s1 = k > 1 ? st[k - 2]! : -1;
    const b = this.b;
    let depsOfS0InBuffer = 0;
    if (s0 >= 0) for (let d = b; d < this.n; d++) if (gold[d] === s0) depsOfS0InBuffer++;
    out[LEFT] = out[RIGHT] = out[SHIFT] = Infinity;
    if (this.valid(LEFT)) out[LEFT] = depsOfS0InBuffer + ((gold[s0]! === s1 && s1 >= 0) || gold[s0]! > b ? 1 : 0);
    if (this.valid(RIGHT)) out[RIGHT] = depsOfS0InBuffer + (gold[s0]! >= b ? 1 : 0);
    if (this.valid(SHIFT)) {
      let c = 0;
      for (let i = 0; i < k; i++) {
        const s = st[i]!;
        if (gold[s] === b) c++;
        if (i < k - 1 && gold[b] === s) c++;
      }
      out[SHIFT] = c;
    }
  }
}

export class Parser {
  readonly meta: ParserMeta;
  readonly transitions: Perceptron;
  readonly labeller: Perceptron;
  private readonly f = new Features();
  private readonly out3 = new Float64Array(3);
  private readonly outL: Float64Array;
  private readonly rootLabel: number;
  /** The parse in progress, reused from sentence to sentence. */
  private state?: State;

  constructor(meta: ParserMeta, transitions: Perceptron, labeller: Perceptron) {
    this.meta = meta;
    this.transitions = transitions;
    this.labeller = labeller;
    this.outL = new Float64Array(meta.labels.length);
    this.rootLabel = meta.labels.indexOf('root');
  }

  /** Heads (0-based, -1 for the root) and relations of a sentence's words. */
  parse(words: ParseInput[]): { heads: number[]; deprels: string[] } {
    const n = words.length;
    if (!n) return { heads: [], deprels: [] };
    const x = encode(words);
    const st = (this.state ??= new State(n)).reset(n);
    const valid = (t: number): boolean => st.valid(t);
    while (!st.done()) {
      let best = forced(st);
      // Only when there is a choice are the transitions scored (an empty stack can only shift; once
      // the buffer holds only the root, what is left on the stack is attached in the one way left).
      if (best < 0) {
        this.transitionFeatures(st, x);
        best = this.transitions.predict(this.f, this.out3, valid);
      }
      st.apply(best, best === SHIFT ? -1 : this.label(st, x, best));
    }
    return {
      heads: Array.from(st.heads.subarray(0, n), (h) => (h === n ? -1 : h)),
      deprels: Array.from(st.labels.subarray(0, n), (l) => this.meta.labels[l] ?? 'dep'),
    };
  }

  private label(st: State, x: Encoded, t: number): number {
    const k = st.stack.length;
    const d = st.stack[k - 1]!;
    const h = t === LEFT ? st.b : st.stack[k - 2]!;
    if (h === st.n) return this.rootLabel;
    this.labelFeatures(st, x, h, d);
    // The labeller's best class but the root's.
    return this.labeller.predict(this.f, this.outL, undefined, this.rootLabel);
  }

  private transitionFeatures(st: State, x: Encoded): void {
    const f = this.f;
    const k = st.stack.length;
    const n = st.n;
    const s0 = k ? st.stack[k - 1]! : -1;
    const s1 = k > 1 ? st.stack[k - 2]! : -1;
    const s2 = k > 2 ? st.stack[k - 3]! : -1;
    const b0 = st.b;
    const b1 = b0 + 1 <= n ? b0 + 1 : -1;
    const b2 = b0 + 2 <= n ? b0 + 2 : -1;
    const w = (i: number): number => (i < 0 ? NONE : i === n ? ROOTH : x.w[i]!);
    const p = (i: number): number => (i < 0 ? NONE : i === n ? ROOTH : x.p[i]!);
    const l = (i: number): number => (i < 0 ? NONE : st.labels[i]! + 7);
    const s0w = w(s0), s0p = p(s0), s1w = w(s1), s1p = p(s1), b0w = w(b0), b0p = p(b0), b1p = p(b1);
    const s0lc = s0 >= 0 ? st.lc1[s0]! : -1, s0rc = s0 >= 0 ? st.rc1[s0]! : -1;
    const b0lc = b0 < n ? st.lc1[b0]! : -1;
    const s1rc = s1 >= 0 ? st.rc1[s1]! : -1;
    const s0wp = feature(0, s0w, s0p), b0wp = feature(0, b0w, b0p);
    const dist = s0 >= 0 ? distBucket(b0 - s0) : 0;
    f.clear();
    f.put(T.Bias, 0);
    f.put(T.S0w, s0w); f.put(T.S0p, s0p); f.put(T.S0wp, s0wp);
    f.put(T.S1w, s1w); f.put(T.S1p, s1p); f.put(T.S1wp, s1w, s1p);
    f.put(T.S2p, p(s2));
    f.put(T.B0w, b0w); f.put(T.B0p, b0p); f.put(T.B0wp, b0wp);
    f.put(T.B1w, w(b1)); f.put(T.B1p, b1p); f.put(T.B1wp, w(b1), b1p);
    f.put(T.B2p, p(b2));
    f.put(T.S0wpB0wp, s0wp, b0wp); f.put(T.S0wpB0w, s0wp, b0w); f.put(T.S0wB0wp, s0w, b0wp);
    f.put(T.S0wpB0p, s0wp, b0p); f.put(T.S0pB0wp, s0p, b0wp); f.put(T.S0wB0w, s0w, b0w);
    f.put(T.S0pB0p, s0p, b0p); f.put(T.B0pB1p, b0p, b1p); f.put(T.S1pS0p, s1p, s0p); f.put(T.S1wS0w, s1w, s0w);
    f.put(T.B0pB1pB2p, feature(0, b0p, b1p), p(b2));
    f.put(T.S0pB0pB1p, feature(0, s0p, b0p), b1p);
    f.put(T.S1pS0pB0p, feature(0, s1p, s0p), b0p);
    f.put(T.S2pS1pS0p, feature(0, p(s2), s1p), s0p);
    f.put(T.S0pS0lcpB0p, feature(0, s0p, p(s0lc)), b0p);
    f.put(T.S0pS0rcpB0p, feature(0, s0p, p(s0rc)), b0p);
    f.put(T.S0pB0pB0lcp, feature(0, s0p, b0p), p(b0lc));
    f.put(T.S1pS1rcpS0p, feature(0, s1p, p(s1rc)), s0p);
    f.put(T.S0lcp, p(s0lc)); f.put(T.S0lcl, l(s0lc));
    f.put(T.S0rcp, p(s0rc)); f.put(T.S0rcl, l(s0rc));
    f.put(T.B0lcp, p(b0lc)); f.put(T.B0lcl, l(b0lc));
    f.put(T.S1rcl, l(s1rc)); f.put(T.S1lcl, l(s1 >= 0 ? st.lc1[s1]! : -1));
    f.put(T.S0lc2l, l(s0 >= 0 ? st.lc2[s0]! : -1)); f.put(T.S0rc2l, l(s0 >= 0 ? st.rc2[s0]! : -1));
    f.put(T.B0lc2l, l(b0 < n ? st.lc2[b0]! : -1));
    f.put(T.DistS0wB0, s0w, dist); f.put(T.DistS0pB0p, feature(0, s0p, b0p), dist);
    if (s0 >= 0) {
      f.put(T.S0wVl, s0w, st.nl[s0]!); f.put(T.S0wVr, s0w, st.nr[s0]!);
      f.put(T.S0lset, s0p, st.lset[s0]!); f.put(T.S0rset, s0p, st.rset[s0]!);
      f.put(T.S0fB0f, x.f[s0]!, b0 < n ? x.f[b0]! : ROOTH);
    }
    if (s1 >= 0) f.put(T.S1S0dist, feature(0, s1p, s0p), distBucket(s0 - s1));
    if (b0 < n) {
      f.put(T.B0wVl, b0w, st.nl[b0]!);
      f.put(T.B0lset, b0p, st.lset[b0]!);
    }
  }

  private labelFeatures(st: State, x: Encoded, h: number, d: number): void {
    const f = this.f;
    const hw = x.w[h]!, hp = x.p[h]!, dw = x.w[d]!, dp = x.p[d]!;
    const dir = d < h ? 1 : 2;
    // The dependent's first child: the case marker or determiner that often names the relation.
    const fc = st.lc1[d]! >= 0 ? st.lc1[d]! : st.rc1[d]!;
    const fcw = fc >= 0 ? x.w[fc]! : NONE;
    const fcp = fc >= 0 ? x.p[fc]! : NONE;
    f.clear();
    f.put(T.Bias, 1);
    f.put(T.Hw, hw); f.put(T.Hp, hp); f.put(T.Dw, dw); f.put(T.Dp, dp);
    f.put(T.HpDp, hp, dp); f.put(T.HwDp, hw, dp); f.put(T.HpDw, hp, dw); f.put(T.HwDw, hw, dw);
    f.put(T.Dir, dir); f.put(T.DirHpDp, feature(0, hp, dp), dir);
    f.put(T.Df, x.f[d]!); f.put(T.Hf, x.f[h]!); f.put(T.DpDf, dp, x.f[d]!);
    f.put(T.DfcW, fcw); f.put(T.DfcP, fcp); f.put(T.DfcWDp, fcw, dp);
    f.put(T.DchildLabels, st.lset[d]!, st.rset[d]!);
    f.put(T.HchildLabels, dir === 1 ? st.lset[h]! : st.rset[h]!, dp);
    f.put(T.DlcL, st.lc1[d]! >= 0 ? st.labels[st.lc1[d]!]! : -1);
    f.put(T.DirDistDp, feature(0, dir, distBucket(Math.abs(h - d))), dp);
    f.put(T.HpDpDfcw, feature(0, hp, dp), fcw);
    f.put(T.DwHpDir, feature(0, dw, hp), dir);
    f.put(T.DlsetHp, st.lset[d]!, hp);
  }

  static train(sentences: UdSentence[], opts: { bits: number; labelBits: number; epochs: number; seed: number; progress?: (epoch: number, uas: number) => void }): Parser {
    const labels = [...new Set(sentences.flatMap((s) => s.words.map((w) => w.deprel)))].sort();
    const labelId = new Map(labels.map((l, i) => [l, i]));
    const parser = new Parser({ labels }, new Perceptron(3, opts.bits), new Perceptron(labels.length, opts.labelBits));
    const random = rng(opts.seed);
    const data = sentences.map((s) => {
      const n = s.words.length;
      return {
        x: encode(s.words),
        gold: Int32Array.from(s.words, (w) => (w.head < 0 ? n : w.head)),
        goldLabels: Int32Array.from(s.words, (w) => labelId.get(w.deprel)!),
      };
    });
    const costs = [0, 0, 0];
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      let right = 0;
      let total = 0;
      for (const { x, gold, goldLabels } of shuffle(data, random)) {
        const n = gold.length;
        const st = new State(n);
        while (!st.done()) {
          parser.transitionFeatures(st, x);
          parser.transitions.scores(parser.f, parser.out3);
          st.costs(gold, costs);
          const minCost = Math.min(costs[0]!, costs[1]!, costs[2]!);
          let guess = -1;
          let best = -1;
          for (let t = 0; t < 3; t++) {
            if (!st.valid(t)) continue;
            if (guess < 0 || parser.out3[t]! > parser.out3[guess]!) guess = t;
            if (costs[t] === minCost && (best < 0 || parser.out3[t]! > parser.out3[best]!)) best = t;
          }
          parser.transitions.tick();
          if (costs[guess] !== minCost) parser.transitions.update(parser.f, best, guess);
          // Explore: after the first epoch, follow the model's own choice nine times in ten.
          const t = epoch > 1 && random() < 0.9 ? guess : best;
          let label = -1;
          if (t !== SHIFT) {
            const [h, d] = st.arc(t);
            if (h === n) label = parser.rootLabel;
            else {
              parser.labelFeatures(st, x, h, d);
              label = parser.labeller.predict(parser.f, parser.outL, (c) => c !== parser.rootLabel);
              if (gold[d] === h) {
                parser.labeller.tick();
                parser.labeller.update(parser.f, goldLabels[d]!, label);
                label = goldLabels[d]!;
              }
            }
            if (gold[d0(st, t)] === (t === LEFT ? st.b : st.stack[st.stack.length - 2])) right++;
            total++;
          }
          st.apply(t, label);
        }
      }
      opts.progress?.(epoch, right / Math.max(1, total));
    }
    parser.transitions.average();
    parser.labeller.average();
    return parser;
  }
}

/** The one valid transition, or -1 when there are several. */
function forced(st: State): number {
  let only = -1;
  for (let t = 0; t < 3; t++) {
    if (!st.valid(t)) continue;
    if (only >= 0) return -1;
    only = t;
  }
  return only;
}

function d0(st: State, _t: number): number {
  return st.stack[st.stack.length - 1]!;
}

interface Encoded {
  w: Uint32Array;
  p: Uint32Array;
  f: Uint32Array;
}

// Hashes of a tag, and of a tag with its morphological features, by tag then features: a few
// hundred distinct pairs, looked up without joining the strings for every word.
const tagHashes = new Map<string, { tag: number; feats: Map<string, number> }>();

function encode(words: { form: string; upos: string; feats: string }[]): Encoded {
  const n = words.length;
  const x: Encoded = { w: new Uint32Array(n), p: new Uint32Array(n), f: new Uint32Array(n) };
  for (let i = 0; i < n; i++) {
    const { form, upos, feats } = words[i]!;
    let t = tagHashes.get(upos);
    if (!t) tagHashes.set(upos, (t = { tag: hashString(upos), feats: new Map() }));
    let h = t.feats.get(feats);
    if (h === undefined) {
      h = hashString(upos + feats);
      if (t.feats.size > 100_000) t.feats.clear();
      t.feats.set(feats, h);
    }
    x.w[i] = wordInfo(form).lower;
    x.p[i] = t.tag;
    x.f[i] = h;
  }
  return x;
}
