// Regex building blocks. Patterns run over a copy of the text where typographic apostrophes and
// no-break spaces are replaced one for one, so every offset is an offset into the original.
import { MONTHS, NUMBER_WORDS, WEEKDAYS, type Lang } from './vocab.ts';

/** Word boundaries that know accented letters (\b does not). */
export const B = '(?<![\\p{L}\\p{N}_])';
export const E = '(?![\\p{L}\\p{N}_])';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');

/** An alternation of words, longest first so that "septembre" is tried before "sept.". */
export function alt(words: Iterable<string>): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length).map(escape).join('|');
}

export function re(source: string): RegExp {
  return new RegExp(source, 'giud');
}

export function normalizeForMatch(text: string): string {
  return text.replace(/[’‘ʼ`´]/g, "'").replace(/[\u00a0\u202f\u2007\u2009]/g, ' ').replace(/[‐‑–]/g, '-');
}

/** Lower-cased key with one space between words, to look words up in the vocab tables. */
export const key = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

export const MONTH = (lang: Lang): string => alt(Object.keys(MONTHS[lang]));
export const WEEKDAY = (lang: Lang): string => alt(Object.keys(WEEKDAYS[lang]));

/** A number in digits (with a decimal comma or point) or in words ("vingt-quatre", "twenty-four"). */
export function NUMBER(lang: Lang): string {
  const words = alt(Object.keys(NUMBER_WORDS[lang]).filter((w) => w !== 'a' && w !== 'an'));
  const glue = lang === 'fr' ? "(?:-|\\s+et\\s+|-et-|\\s+)" : '(?:-|\\s+and\\s+|\\s+)';
  // Bounded: no number is written with more than six words, and an unbounded repeat would make
  // a run of number words ("vingt-vingt-vingt…") cost quadratic time at every start position.
  return `(?:\\d+(?:[.,]\\d+)?|(?:${words})(?:${glue}(?:${words})){0,5})`;
}

/** Sentence starts, for the sentence-local rules (tense, year from context). */
export function sentenceStarts(text: string): number[] {
  const starts = [0];
  const boundary = /(?:[.!?»"]+\s+(?=[\p{Lu}\d«"])|\n+)/gu;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    // "M. Blair", "J.-P. Dupont": a single capital before the period is an initial, not an end.
    if (/(?:^|[\s.-])\p{Lu}\.$/u.test(text.slice(Math.max(0, m.index - 2), m.index + 1)) && m[0][0] === '.') continue;
    starts.push(m.index + m[0].length);
  }
  return starts;
}

/** Index of the last element <= pos in a sorted array. */
export function floorIndex(arr: number[], pos: number): number {
  let lo = 0, hi = arr.length - 1, ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((arr[mid] as number) <= pos) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return ans;
}
