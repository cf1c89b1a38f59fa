// Repairs scraped paragraphs whose line breaks were lost: "confusion.Le ton" (two sentences
// glued), "… nuire.Le joli coup de MicrosoftLa décision …" (a heading glued between two
// paragraphs). A glue point is where a paragraph break used to be, so each becomes a block
// boundary; a glued piece with no end punctuation, short, between two such points, was a heading.
import type { Block } from '../../types.ts';
import { SENTENCE_STARTERS } from '../clutter.ts';
import { countWords } from '../../text/unicode.ts';

// Lower-case letter or closing mark, sentence punctuation, then at once a capitalised word.
// (Both patterns open with a lookahead for their first character, which the match needs anyway:
// it fails at once at most positions, before the costlier lookbehind is tried.)
const GLUED_SENTENCE = /(?=[.!?…])(?<=[\p{Ll}\d)\]%»”"’])([.!?…]+[»”"]?)(?=[«“"]?\p{Lu}[\p{Ll}’'])/gu;
// Lower-case letter then at once a capitalised function word followed by a space or elision:
// "MicrosoftLa décision", "MicrosoftL’entreprise". Brands ("OpenAI", "DevDay") do not match.
const GLUED_WORD = /(?=\p{Lu})(?<=\p{Ll}{2})(\p{Lu}\p{Ll}*)(?=[’'](?=\p{L})| \p{Ll})/gu;

const END_PUNCT = /[.!?…:;,»”"')\]]$/u;
const MAX_HEADING_WORDS = 14;

export function looksLikeHeading(s: string): boolean {
  // The pattern tests first: they settle most lines (paragraphs end with punctuation) without
  // counting their words.
  if (END_PUNCT.test(s) || !/^[«“"]?[\p{Lu}\d]/u.test(s)) return false;
  const n = countWords(s);
  return n >= 1 && n <= MAX_HEADING_WORDS;
}

/** Split one body line at its glue points into paragraph and heading blocks. */
// Letter case by code point: ASCII and Latin-1 by range (nearly all of French and English), the
// rest by Unicode property.
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
function isUpper(c: number, ch: string): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  if (c < 256) return c >= 0xc0 && c <= 0xde && c !== 0xd7;
  return UPPER.test(ch);
}
function isLower(c: number, ch: string): boolean {
  if (c < 128) return c >= 97 && c <= 122;
  if (c < 256) return c >= 0xdf && c !== 0xf7;
  return LOWER.test(ch);
}
const GLUE_PUNCT = new Set([46, 33, 63, 0x2026, 0xbb, 0x201d, 34, 0xab, 0x201c]);

/** Cheap scan first (most lines have no glue): an upper-case letter right after a lower-case one,
 * or after sentence punctuation that follows a lower-case letter, with no space between. */
function maybeGlued(line: string): boolean {
  for (let i = 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 65 || (c > 90 && c < 0xc0) || !isUpper(c, line[i]!)) continue;
    let j = i - 1;
    while (j > 0 && GLUE_PUNCT.has(line.charCodeAt(j))) j--;
    if (isLower(line.charCodeAt(j), line[j]!)) return true;
  }
  return false;
}

export function repairLine(line: string): Block[] {
  if (!maybeGlued(line)) return [{ kind: 'p', text: line }];
  const cuts: Array<{ at: number; heading: boolean }> = [];
  for (const m of line.matchAll(GLUED_SENTENCE)) cuts.push({ at: m.index + m[0].length, heading: false });
  for (const m of line.matchAll(GLUED_WORD)) {
    const word = m[1]!;
    if (SENTENCE_STARTERS.has(word)) cuts.push({ at: m.index, heading: true });
  }
  if (!cuts.length) return [{ kind: 'p', text: line }];
  cuts.sort((a, b) => a.at - b.at);
  const blocks: Block[] = [];
  let from = 0;
  for (const cut of cuts) {
    const piece = line.slice(from, cut.at).trim();
    // A piece that ends at a word glue (no punctuation) and is short was a heading.
    if (piece) blocks.push({ kind: cut.heading && looksLikeHeading(piece)? 'h' : 'p', text: piece });
    from = cut.at;
  }
  const rest = line.slice(from).trim();
  if (rest) blocks.push({ kind: 'p', text: rest });
  return mergeFragments(blocks);
}

// A word glue inside a run of text that was not a heading (too long, or the paragraph's start)
// was a paragraph break after all; but a glue that leaves a one-word fragment was a false alarm.
function mergeFragments(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (prev && prev.kind === 'p' && b.kind === 'p' && !END_PUNCT.test(prev.text)) {
      prev.text = `${prev.text} ${b.text}`;
      continue;
    }
    out.push({ ...b });
  }
  return out;
}
