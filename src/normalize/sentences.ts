// Sentence segmentation. Intl.Segmenter (ICU) knows punctuation and quotes; it does not know
// that "M. Dupont", "Mme Durand", "Dr. Who", "St. Louis" or an initial "J. Smith" do not end a
// sentence, so its breaks after such tokens are undone here. Which words are abbreviations is
// each language's vocabulary (vocab/abbreviations.ts).
import type { Sentence } from '../types.ts';
import { abbreviations } from './vocab/abbreviations.ts';

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang === 'und' ? 'en' : lang, { granularity: 'sentence' });
    segmenters.set(lang, s);
  }
  return s;
}

// What may follow an abbreviation that sometimes ends a sentence without starting a new one: a
// lower-case word, a bracket, a comma or other mid-sentence punctuation, a possessive (not a
// dash: French dialogue opens sentences with one).
const CONTINUATION = /^\s*(?:\p{Ll}|[([{,;:]|['’]s\b)/u;

function endsWithAbbreviation(piece: string, next: string, lang: string): boolean {
  const m = /(?:^|[\s(«"“])((?:[\p{L}]\.)*[\p{L}]+)\.\s*$/u.exec(piece);
  if (!m) return false;
  const token = m[1]!;
  // A single capital letter is an initial ("J. K. Rowling"), unless it is a whole sentence's end
  // like "… la lettre A." followed by a new capitalised sentence; initials win: names are common.
  if (/^\p{Lu}$/u.test(token)) return true;
  const lower = token.toLowerCase();
  const { title, final } = abbreviations(lang);
  if (title.has(lower)) return true;
  // Listed forms that may end a sentence, and any dotted initialism ("N.V.", "U.N."): the
  // sentence goes on only if what follows continues it.
  if (final.has(lower) || /^(?:\p{L}\.)+\p{L}$/u.test(token)) return CONTINUATION.test(next);
  return false;
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
      if (next && endsWithAbbreviation(part.segment, next.segment, lang)) {
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
