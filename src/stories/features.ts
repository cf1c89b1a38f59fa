// What an article is about, as a sparse vector of weighted terms: title and lede words, names,
// figures. Names and figures are the same in French and English, which is what lets a French
// and an English report of one story meet. Weights are TF-IDF with document frequencies from
// the whole store; vectors are unit length and keep their strongest terms only.
import { STOPWORDS } from './stopwords.ts';

export type Vector = Map<string, number>;

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

/** Raw term counts with their boosts: the same term found in the title, as a name or a figure
 * counts more. A hand-written scanner: this runs on every article. */
export function termCounts(title: string, text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string, w: number): void => void counts.set(key, (counts.get(key) ?? 0) + w);
  const scan = (s: string, boost: number, limit: number): void => {
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
        if (figure.length >= 2) add(`#${figure}`, boost * FIGURE_BOOST);
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
        // A plain word shorter than a term is not even cut out of the text.
        if (!plain || j - i >= 3) {
          const word = s.slice(i, j);
          const key = plain ? word : foldWord(word);
          if (key.length >= 3 && !STOPWORDS.has(key)) {
            const capital = c >= 65 && c <= 90 ? true : c > 127 && word[0] !== word[0]!.toLowerCase();
            add(key, boost * (capital && !sentenceStart ? NAME_BOOST : 1));
          }
        }
      }
      n++;
      sentenceStart = false;
      i = j;
    }
  };
  scan(title, TITLE_BOOST, 60);
  scan(text, 1, BODY_WORDS);
  return counts;
}

/** TF-IDF unit vector of an article's strongest terms. `df(term)` and `docs` describe the store. */
export function articleVector(counts: Iterable<[string, number]>, df: (term: string) => number, docs: number): Vector {
  const weighted: Array<[string, number]> = [];
  const base = Math.log(docs + PRIOR_DOCS + 1) + 1;
  for (const [term, tf] of counts) weighted.push([term, (1 + Math.log(tf)) * (base - Math.log(df(term) + 1))]);
  weighted.sort((a, b) => b[1] - a[1]);
  const n = Math.min(ARTICLE_TERMS, weighted.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weighted[i]![1] ** 2;
  const norm = Math.sqrt(sum) || 1;
  const v: Vector = new Map();
  for (let i = 0; i < n; i++) v.set(weighted[i]![0], weighted[i]![1] / norm);
  return v;
}

export function dot(a: Vector, b: Vector): number {
  // Over the smaller, looking up in the larger (no pair allocated: this runs for every candidate).
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  let s = 0;
  for (const [t, w] of small) {
    const v = large.get(t);
    if (v !== undefined) s += w * v;
  }
  return s;
}

export function norm(v: Vector): number {
  let s = 0;
  for (const w of v.values()) s += w * w;
  return Math.sqrt(s);
}
