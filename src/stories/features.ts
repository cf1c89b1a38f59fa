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

const WORD = /[\p{L}\p{N}]+(?:[’'.,-][\p{L}\p{N}]+)*/gu;
const ELISION = /^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)[’']/iu;

/** Raw term counts with their boosts: the same term found in the title, as a name or a figure
 * counts more. */
export function termCounts(title: string, text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string, w: number): void => void counts.set(key, (counts.get(key) ?? 0) + w);
  const scan = (s: string, boost: number, limit: number): void => {
    let n = 0;
    let sentenceStart = true;
    for (const m of s.matchAll(WORD)) {
      if (++n > limit) break;
      let word = m[0];
      const before = s[m.index - 1];
      const elided = ELISION.exec(word);
      if (elided) word = word.slice(elided[0].length);
      if (!word) continue;
      const first = word.charCodeAt(0);
      const isFigure = first >= 48 && first <= 57;
      if (isFigure) {
        // Figures: "500", "10,5" "2019" — the same in any language. Single digits say little.
        const figure = word.replace(/[.,](?=\d{3}\b)/gu, '');
        if (figure.length >= 2) add(`#${figure}`, boost * FIGURE_BOOST);
      } else {
        const key = foldWord(word);
        if (key.length >= 3 && !STOPWORDS.has(key)) {
          // A capitalised word inside a sentence is a name.
          const capital = word[0] !== word[0]!.toLowerCase();
          add(key, boost * (capital && !sentenceStart ? NAME_BOOST : 1));
        }
      }
      const end = s[m.index + m[0].length];
      sentenceStart = end === '.' || end === '!' || end === '?' || (before === '\n' && sentenceStart);
    }
  };
  scan(title, TITLE_BOOST, 60);
  scan(text, 1, BODY_WORDS);
  return counts;
}

/** TF-IDF unit vector of an article's strongest terms. `df(term)` and `docs` describe the store. */
export function articleVector(counts: Map<string, number>, df: (term: string) => number, docs: number): Vector {
  const weighted: Array<[string, number]> = [];
  for (const [term, tf] of counts) {
    const idf = Math.log((docs + 1) / (df(term) + 1)) + 1;
    weighted.push([term, (1 + Math.log(tf)) * idf]);
  }
  weighted.sort((a, b) => b[1] - a[1]);
  const top = weighted.slice(0, ARTICLE_TERMS);
  const norm = Math.hypot(...top.map(([, w]) => w)) || 1;
  return new Map(top.map(([t, w]) => [t, w / norm]));
}

export function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
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
