// What the models see of a word: its folded form and the hashed pieces that generalise to unseen
// words (suffixes, prefixes, shape). Computed once per token and shared by every model.
import { hashString } from './perceptron.ts';
import { remember } from '../util/lru.ts';

export interface WordInfo {
  /** Lower case, ’ as ', digits as 0: the form the lexicons and features use. */
  norm: string;
  lower: number;
  /** The form as written (case kept). */
  raw: number;
  shape: number;
  suffix: [number, number, number, number];
  prefix: [number, number, number];
  /** First letter upper case, all letters upper case, contains a digit, contains a hyphen. */
  cap: boolean;
  allCaps: boolean;
  digit: boolean;
  hyphen: boolean;
}

export function normForm(form: string): string {
  return form.toLowerCase().replace(/[’‘`]/gu, "'").replace(/\d/gu, '0');
}

/** Character classes with runs cut at two: "Paris" → "Xxx", "AB-12" → "XX-dd". */
export function shapeOf(form: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of form.length > 40 ? form.slice(0, 40) : form) {
    const k = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\d/u.test(ch) ? 'd' : ch;
    run = k === last ? run + 1 : 1;
    last = k;
    if (run <= 2) out += k;
  }
  return out;
}

const cache = new Map<string, WordInfo>();

export function wordInfo(form: string): WordInfo {
  const hit = cache.get(form);
  if (hit) return hit;
  const norm = normForm(form);
  const n = norm.length;
  const info: WordInfo = {
    norm,
    lower: hashString(norm),
    raw: hashString(form),
    shape: hashString(shapeOf(form)),
    suffix: [hashString(norm.slice(n - 1)), hashString(norm.slice(Math.max(0, n - 2))), hashString(norm.slice(Math.max(0, n - 3))), hashString(norm.slice(Math.max(0, n - 4)))],
    prefix: [hashString(norm.slice(0, 1)), hashString(norm.slice(0, 2)), hashString(norm.slice(0, 3))],
    cap: /^\P{L}*\p{Lu}/u.test(form),
    allCaps: /\p{Lu}/u.test(form) && !/\p{Ll}/u.test(form),
    digit: /\d/u.test(form),
    hyphen: form.length > 1 && form.includes('-'),
  };
  return remember(cache, form, info);
}
