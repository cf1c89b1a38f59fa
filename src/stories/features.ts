// What an article is about, as a sparse vector of weighted terms: title and lede words, names,
// figures. Names and figures are the same in French and English, which is what lets a French
// and an English report of one story meet. Weights are TF-IDF with document frequencies from
// the whole store; vectors are unit length and keep their strongest terms only.
import { STOPWORDS } from './stopwords.ts';
import { vocabulary } from './vocabulary.ts';

/** A sparse vector: term ids (vocabulary.ts) in ascending order with their weights, in typed
 * arrays. A story's centroid is one, kept for as long as the story is active: as a map of strings
 * it was a few hundred objects per story for the collector to walk, and a dot product is now a
 * merge of two sorted lists. */
export class Vector {
  ids: Int32Array;
  weights: Float64Array;
  size = 0;
  /** Its norm, kept until it changes (NaN: not known): a story is scored against many articles
   * between two changes. */
  private cachedNorm = NaN;

  constructor(capacity = 0) {
    this.ids = new Int32Array(capacity);
    this.weights = new Float64Array(capacity);
  }

  /** A vector of these terms and weights (a term given twice: the last weight). */
  static of(entries: Iterable<readonly [string, number]>): Vector {
    const byId = new Map<number, number>();
    for (const [t, w] of entries) byId.set(vocabulary.intern(t), w);
    return Vector.fromIds([...byId]);
  }

  /** A vector of these [term id, weight] pairs (distinct ids, in any order; sorted here). */
  static fromIds(pairs: Array<[number, number]>): Vector {
    pairs.sort((a, b) => a[0] - b[0]);
    const v = new Vector(pairs.length);
    for (const [id, w] of pairs) {
      v.ids[v.size] = id;
      v.weights[v.size++] = w;
    }
    return v;
  }

  /** The weight of a term id (0 if absent): a binary search. */
  weightOf(id: number): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = this.ids[mid]!;
      if (x === id) return this.weights[mid]!;
      if (x < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** [term, weight] pairs, by term id. */
  *[Symbol.iterator](): IterableIterator<[string, number]> {
    for (let i = 0; i < this.size; i++) yield [vocabulary.terms[this.ids[i]!]!, this.weights[i]!];
  }

  norm(): number {
    if (Number.isNaN(this.cachedNorm)) {
      let s = 0;
      for (let i = 0; i < this.size; i++) s += this.weights[i]! ** 2;
      this.cachedNorm = Math.sqrt(s);
    }
    return this.cachedNorm;
  }

  /** Replaces its entries with the first `size` of these (ids ascending), growing to `capacity`
   * if need be. */
  assign(ids: Int32Array, weights: Float64Array, size: number, capacity = size): void {
    if (size > this.ids.length) [this.ids, this.weights] = [new Int32Array(Math.max(size, capacity)), new Float64Array(Math.max(size, capacity))];
    this.ids.set(ids.subarray(0, size));
    this.weights.set(weights.subarray(0, size));
    this.size = size;
    this.cachedNorm = NaN;
  }
}

/** Terms of an article vector kept (the rest is noise for clustering and costs index space). */
export const ARTICLE_TERMS = 40;
/** Body words read: stories are told in the title and the first paragraphs. */
const BODY_WORDS = 400;
const TITLE_BOOST = 2.5;
const NAME_BOOST = 3;
const FIGURE_BOOST = 1.5;
/** Documents the store is assumed to have seen besides its own, none holding the term: a store
 * of a handful of articles says little about which words are common, and without this prior the
 * names a young store's only story shares would weigh least, so its next article, arriving alone,
 * would not find it. The prior fades as the store grows (at 10,000 articles it moves a weight by
 * under 1 %). */
const PRIOR_DOCS = 50;

const FOLD_TABLE: string[] = (() => {
  const t: string[] = [];
  for (let c = 0; c <= 0x24f; c++) t.push(String.fromCharCode(c).normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase());
  return t;
})();

function foldWord(w: string): string {
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    out += c <= 0x24f ? FOLD_TABLE[c]! : w[i]!.toLowerCase();
  }
  return out;
}

const ELISION = /^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)$/u;

const isLetter = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x370 && c < 0x2000) || c >= 0x3040;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const hasDigit = (s: string, from: number, to: number): boolean => {
  for (let k = from; k < to; k++) if (isDigit(s.charCodeAt(k))) return true;
  return false;
};

/** Raw term counts with their boosts: the same term found in the title, as a name or a figure
 * counts more. A hand-written scanner: this runs on every article. `names`, if given, receives the
 * terms seen as names (capitalised where a sentence does not start) or as codes (letters and
 * digits: T4, G7): what clustering weighs as evidence of one story (story-state.ts, NAMES_JOIN). */
export function termCounts(title: string, text: string, names?: Set<string>): Map<string, number> {
  const counts = new Map<string, number>();
  scanTerms(title, TITLE_BOOST, 60, counts, names);
  scanTerms(text, 1, BODY_WORDS, counts, names);
  return counts;
}

// The scanner and its counter are module functions, not closures made anew for every article:
// each new closure was a new call target to the optimized code of the one before, which V8 threw
// away and compiled again, in every extraction worker.
const addTerm = (counts: Map<string, number>, key: string, w: number): void => void counts.set(key, (counts.get(key) ?? 0) + w);

function scanTerms(s: string, boost: number, limit: number, counts: Map<string, number>, names: Set<string> | undefined): void {
  let n = 0;
  let sentenceStart = true;
  let i = 0;
  while (i < s.length && n < limit) {
    const c = s.charCodeAt(i);
    if (!isLetter(c) && !isDigit(c)) {
      if (c === 46 || c === 33 || c === 63 || c === 10) sentenceStart = true; // . ! ? newline
      i++;
      continue;
    }
    let j = i;
    if (isDigit(c)) {
      // A figure, with thousands separators and decimals: "10,5", "1 200" is two tokens.
      while (j < s.length && (isDigit(s.charCodeAt(j)) || ((s[j] === '.' || s[j] === ',') && isDigit(s.charCodeAt(j + 1))))) j++;
      const figure = s.slice(i, j).replace(/[.,](?=\d{3}(?:\D|$))/gu, '');
      if (figure.length >= 2) addTerm(counts, `#${figure}`, boost * FIGURE_BOOST);
    } else {
      // Most words are lower-case ASCII letters and digits only ("plain"): their own key.
      let plain = true;
      for (; j < s.length; j++) {
        const d = s.charCodeAt(j);
        if ((d >= 97 && d <= 122) || isDigit(d)) continue;
        if (!isLetter(d)) break;
        plain = false;
      }
      // Elided article or pronoun glued by an apostrophe: l’entreprise, qu’il.
      const q = s.charCodeAt(j);
      if ((q === 0x2019 || q === 39) && ELISION.test(s.slice(i, j).toLowerCase()) && isLetter(s.charCodeAt(j + 1))) {
        i = j + 1;
        continue;
      }
      // A plain word shorter than a term is not even cut out of the text. A short code of
      // letters and digits is a term, though: a line, a model, a route, a meeting (T4, A4, G7,
      // 5G) names what an article is about more precisely than most of its words.
      if (!plain || j - i >= 3 || (j - i === 2 && hasDigit(s, i, j))) {
        const word = s.slice(i, j);
        const key = plain ? word : foldWord(word);
        if ((key.length >= 3 || (key.length === 2 && hasDigit(key, 0, 2))) && !STOPWORDS.has(key)) {
          const capital = c >= 65 && c <= 90 ? true : c > 127 && word[0] !== word[0]!.toLowerCase();
          const name = capital && !sentenceStart;
          addTerm(counts, key, boost * (name ? NAME_BOOST : 1));
          if (names && (name || hasDigit(key, 0, key.length))) names.add(key);
        }
      }
    }
    n++;
    sentenceStart = false;
    i = j;
  }
}

/** Term counts with each term's id instead of the term: [id, count] (what articleVector takes,
 * and what document frequencies are counted by: each term is looked up once). */
export function termIds(counts: Iterable<[string, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [t, n] of counts) out.push([vocabulary.intern(t), n]);
  return out;
}

/** TF-IDF unit vector of an article's strongest terms, from its [term id, count] pairs (termIds).
 * `df(id)` and `docs` describe the store. */
export function articleVector(terms: ReadonlyArray<readonly [number, number]>, df: (id: number) => number, docs: number): Vector {
  const weighted: Array<[number, number]> = [];
  const base = Math.log(docs + PRIOR_DOCS + 1) + 1;
  for (const [id, tf] of terms) weighted.push([id, (1 + Math.log(tf)) * (base - Math.log(df(id) + 1))]);
  weighted.sort((a, b) => b[1] - a[1]);
  const n = Math.min(ARTICLE_TERMS, weighted.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weighted[i]![1] ** 2;
  const norm = Math.sqrt(sum) || 1;
  return Vector.fromIds(weighted.slice(0, n).map(([id, w]) => [id, w / norm]));
}

/** The term ids of a vector, strongest first (of equal weights, the lower id first), the `k`
 * strongest only if given. An insertion into the k best so far: vectors are short, and this runs
 * for every article and every change of a story. */
export function byWeight(v: Vector, k = v.size): number[] {
  const top: number[] = [];
  const w = v.weights;
  for (let i = 0; i < v.size; i++) {
    const x = w[i]!;
    if (top.length === k && !(x > w[top[k - 1]!]!)) continue;
    let j = top.length === k ? k - 1 : top.length;
    for (; j > 0 && w[top[j - 1]!]! < x; j--) top[j] = top[j - 1]!;
    top[j] = i;
  }
  return top.map((i) => v.ids[i]!);
}

/** Two sparse vectors' dot product: one walk down both id lists. */
export function dot(a: Vector, b: Vector): number {
  const ai = a.ids;
  const bi = b.ids;
  const aw = a.weights;
  const bw = b.weights;
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.size && j < b.size) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) s += aw[i++]! * bw[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}
