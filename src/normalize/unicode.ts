// Unicode and typography. Two forms of every text: the clean text we store and show (NFC,
// one kind of space, invisible characters gone, typographic apostrophes and quotes KEPT), and
// the folded key we match on (case, accents, apostrophe and quote styles erased).

// NBSP, narrow NBSP (French typography before ':' '?' '!'), figure, thin, hair and other spaces.
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// Zero-width characters, BOM and soft hyphen: invisible, but they break matching.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// C0/C1 control characters other than tab and newline.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Clean text for storage: NFC, newlines as \n, spaces unified, invisibles dropped. */
export function cleanText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(SPACES, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ +\n/g, '\n');
}

/** One line of clean text with its inner whitespace collapsed and trimmed. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u02BC\u2032\u0060\u00B4]/g;
const QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2039\u203A\u2033]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const ELLIPSIS = /\u2026/g;
const MARKS = /\p{M}+/gu;

/** Matching key: lower case, no accents, ASCII apostrophes/quotes/dashes, single spaces. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(QUOTES, '"')
    .replace(DASHES, '-')
    .replace(ELLIPSIS, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Letters-and-digits key: what is left of fold() once punctuation is gone. */
export function bareKey(s: string): string {
  return fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Word tokens (letters, digits, inner apostrophes and hyphens). */
export function words(s: string): string[] {
  return s.match(/[\p{L}\p{N}]+(?:[’'\-][\p{L}\p{N}]+)*/gu) ?? [];
}
