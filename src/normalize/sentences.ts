// Sentence segmentation. Intl.Segmenter (ICU) knows punctuation and quotes; it does not know
// that "M. Dupont", "Mme Durand", "Dr. Who", "St. Louis" or an initial "J. Smith" do not end a
// sentence, so its breaks after such tokens are undone here.
import type { Sentence } from '../types.ts';

// Abbreviations that are followed by a name or a number and never end a sentence on their own.
const ABBREVIATIONS = new Set(
  [
    // French
    'm', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'dr', 'pr', 'me', 'mgr', 'st', 'ste', 'av', 'bd', 'cf', 'env', 'etc', 'ex', 'fig', 'p', 'pp', 'n', 'no', 'vol', 'chap', 'art', 'al', 'min', 'max', 'tél', 'éd', 'coll',
    // English
    'mr', 'mrs', 'ms', 'messrs', 'prof', 'sr', 'jr', 'gen', 'gov', 'sen', 'rep', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'rev', 'hon', 'inc', 'ltd', 'co', 'corp', 'vs', 'v', 'approx', 'dept', 'est', 'jan', 'feb', 'mar', 'apr', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'no', 'nos', 'u.s', 'u.k', 'e.g', 'i.e',
  ],
);
// "etc." does end sentences often; it is kept above only when a lower-case word follows (checked below).
const SOMETIMES_FINAL = new Set(['etc', 'al', 'inc', 'ltd', 'co', 'corp', 'jr', 'sr']);

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang === 'und' ? 'en' : lang, { granularity: 'sentence' });
    segmenters.set(lang, s);
  }
  return s;
}

function endsWithAbbreviation(piece: string, next: string): boolean {
  const m = /(?:^|[\s(«"“])((?:[\p{L}]\.)*[\p{L}]+)\.\s*$/u.exec(piece);
  if (!m) return false;
  const token = m[1]!;
  // A single capital letter is an initial ("J. K. Rowling"), unless it is a whole sentence's end
  // like "… la lettre A." followed by a new capitalised sentence; initials win: names are common.
  if (/^\p{Lu}$/u.test(token)) return true;
  const lower = token.toLowerCase();
  if (!ABBREVIATIONS.has(lower)) return false;
  if (SOMETIMES_FINAL.has(lower)) return /^\s*\p{Ll}/u.test(next);
  return true;
}

/** Sentences of a text, as spans; paragraph breaks (blank lines) always end a sentence. With
 * `max`, only the first `max` sentences (a lede needs two): a sentence never changes once it is
 * out, so stopping early leaves them as the whole split would. */
export function splitSentences(text: string, lang: string, max = Infinity): Sentence[] {
  const out: Sentence[] = [];
  const seg = segmenter(lang);
  let offset = 0;
  for (const para of text.split(/\n\s*\n/)) {
    if (out.length >= max) break;
    const base = text.indexOf(para, offset);
    offset = base + para.length;
    let pending: { start: number; end: number } | null = null;
    // Segments are read one ahead, not all at once: ICU finds boundaries only as far as asked.
    const parts = seg.segment(para)[Symbol.iterator]();
    let part = parts.next().value;
    while (part && out.length < max) {
      const start = base + part.index;
      const end = start + part.segment.length;
      if (pending) pending.end = end;
      else pending = { start, end };
      const next = parts.next().value;
      if (next && endsWithAbbreviation(part.segment, next.segment)) {
        part = next;
        continue;
      }
      push(out, text, pending);
      pending = null;
      part = next;
    }
    if (pending) push(out, text, pending);
  }
  return out;
}

function push(out: Sentence[], text: string, span: { start: number; end: number }): void {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end, text: text.slice(start, end) });
}
