// Unicode and typography. Two forms of every text: the clean text we store and show (NFC,
// one kind of space, invisible characters gone, typographic apostrophes and quotes KEPT), and
// the folded key we match on (case, accents, apostrophe and quote styles erased).

// Spaces of every width (NBSP, narrow NBSP before French ':' '?' '!', figure, thin, hair…)
// and tabs: one ordinary space for each run. A lone ordinary space (most of a text's spaces) is
// left out of the match: it would be replaced by itself, at the cost of rebuilding the string.
const SPACE = '[ \\t\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000]';
const SPACES = new RegExp(`(?! (?!${SPACE}))${SPACE}+`, 'g');
/** Whitespace runs for `.replace(SPACE_RUNS, ' ')`, the same as `/\s+/g` but for a lone ordinary
 * space, which the replacement would leave as it is: a run of two or more, or one other
 * whitespace character. */
export const SPACE_RUNS = /\s\s+|[^\S ]/g;
// Zero-width characters, BOM, soft hyphen (invisible, but they break matching) and C0/C1
// control characters other than tab and newline.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Clean text for storage: NFC, newlines as \n, spaces unified, invisibles dropped. Lines come
 * out with single inner spaces; they may keep one space at either end. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n').replace(INVISIBLE, '').replace(SPACES, ' ');
}

/** One line of clean text with its inner whitespace collapsed and trimmed. */
export function squash(s: string): string {
  return s.replace(SPACE_RUNS, ' ').trim();
}

// One pass for every typographic variant: apostrophes → ', quotes → ", dashes → -, … → ...
const VARIANTS = /[\u2018\u2019\u201A\u201B\u02BC\u2032\u0060\u00B4\u201C\u201D\u201E\u201F\u00AB\u00BB\u2039\u203A\u2033\u2010-\u2015\u2212\u2026]/g;
const VARIANT_OF = (c: string): string => {
  const code = c.charCodeAt(0);
  if (code === 0x2026) return '...';
  if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212) return '-';
  if (code === 0x201c || code === 0x201d || code === 0x201e || code === 0x201f || code === 0xab || code === 0xbb || code === 0x2039 || code === 0x203a || code === 0x2033) return '"';
  return "'";
};
const MARKS = /\p{M}+/gu;
const ASCII = /^[\x20-\x7e]*$/;

// Folded form of every code point up to U+024F (Latin), computed once: folding is on the hot
// path (every line of every article), and a table beats decomposing each string.
const FOLD_TABLE: string[] = (() => {
  const t: string[] = [];
  for (let c = 0; c <= 0x24f; c++) t.push(String.fromCharCode(c).normalize('NFD').replace(MARKS, '').toLowerCase().replace(VARIANTS, VARIANT_OF));
  return t;
})();
const FOLDS_TO_ITSELF: boolean[] = FOLD_TABLE.map((f, c) => f === String.fromCharCode(c));

// Beyond the table (typographic apostrophes and quotes, dashes, other scripts) each character is
// folded once and remembered: a text uses few distinct characters, and decomposing one costs
// about a microsecond.
const foldedChars = new Map<string, string>();
function foldChar(c: string): string {
  let f = foldedChars.get(c);
  if (f === undefined) foldedChars.set(c, (f = c.normalize('NFD').replace(MARKS, '').toLowerCase().replace(VARIANTS, VARIANT_OF)));
  return f;
}

const QUOTES = /[«“„‹»”›]/u;
const isFoldSpace = (code: number): boolean =>
  code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x202f || (code >= 0x2000 && code <= 0x200a);

/** Matching key: lower case, no accents, ASCII apostrophes/quotes/dashes, single spaces. */
export function fold(s: string): string {
  // Most lines of English text are plain ASCII: no table needed.
  if (ASCII.test(s)) return s.toLowerCase().replace(SPACE_RUNS, ' ').trim();
  if (QUOTES.test(s)) s = s.replace(/([«“„‹])\s+/gu, '$1').replace(/\s+([»”›])/gu, '$1');
  // Characters that fold to themselves (most of them) are copied a run at a time, between the
  // ones that change: one small string per character would make a long rope to flatten later.
  let out = '';
  let from = 0; // start of the run not yet copied to out
  let space = true; // drops leading spaces and collapses runs
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    let to: string;
    if (isFoldSpace(code)) {
      const keep = !space;
      space = true;
      if (keep && code === 32) continue; // a single ordinary space stays
      to = keep ? ' ' : '';
    } else {
      space = false;
      if (code <= 0x24f) {
        if (FOLDS_TO_ITSELF[code]) continue;
        to = FOLD_TABLE[code]!;
      } else if (code >= 0xd800 && code <= 0xdbff) {
        // A surrogate pair is folded as one character.
        out += s.slice(from, i) + foldChar(s.slice(i, i + 2));
        from = ++i + 1;
        continue;
      } else to = foldChar(s[i]!);
    }
    out += s.slice(from, i) + to;
    from = i + 1;
  }
  out += s.slice(from);
  return space && out.endsWith(' ') ? out.slice(0, -1) : out;
}

/** Letters-and-digits key: what is left of fold() once punctuation is gone. */
export function bareKey(s: string): string {
  return fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** How many words a text has: runs of letters or digits (apostrophes and hyphens inside a word
 * do not split it). A loop, not a regex: it runs on every line of every article. */
export function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const letter =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ||
      (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x370 && c < 0x2000) || (c >= 0x3040 && c < 0xfe00);
    if (letter) {
      if (!inWord) n++;
      inWord = true;
    } else if (inWord && (c === 39 || c === 0x2019 || c === 45) && i + 1 < s.length) {
      // stays in the word: l’été, peut-être
    } else inWord = false;
  }
  return n;
}

/** Word tokens (letters, digits, inner apostrophes and hyphens). */
export function words(s: string): string[] {
  return s.match(/[\p{L}\p{N}]+(?:[’'\-][\p{L}\p{N}]+)*/gu) ?? [];
}
