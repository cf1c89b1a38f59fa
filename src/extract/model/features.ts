// Features of a candidate body block (an HTML block, or a line of scraped text), read in the
// context of the blocks around it. General signals only: length and shape of the text, sentence
// punctuation, counts ("Comments (14)"), calls to action, sign-in and subscription words, where
// the block stands (before the first paragraph of prose, after the last), link density and block
// kind when the markup gives them, and where the block sits in the tree against the prose (see
// html/structure.ts). Scraped text is the same page with its markup lost: its link and tree
// features are zero and `text` is one.
import { findDateText } from '../dates.ts';
import type { Placement } from '../html/structure.ts';
import { CUE_KINDS, cues, fold } from './cues.ts';

export interface Unit {
  text: string;
  /** Block kind from the markup (p, h, li, quote, pre); 'p' for text lines. */
  kind: string;
  /** Share of characters inside links; 0 for text lines. */
  link: number;
  /** A line of scraped text rather than an HTML block. */
  isText: boolean;
  /** Where an HTML block sits against the prose; absent for text lines. */
  place?: Placement;
}

const SENTENCE_END = /[.!?…]["'”’»)\]]*$/u;
const SENTENCES = /[.!?…](?=\s+\p{Lu})/gu;
const COUNT = /\(\d+\)|^\d+\s+\p{L}+$|\b\d+\s+(?:comments?|commentaires?|kommentare?|comentarios?|r[ée]actions?|replies|réponses)\b/iu;
// Addresses: a URL or a domain, an e-mail address or a handle. The alternatives with an @ are a
// regex of their own, tried only on text that holds one: trying [\w.-]+ at every word of a long
// paragraph for an @ that is not there was the costliest test of all.
const URLISH = /https?:\/\/|www\.|\.(?:com|fr|de|org|net|es|co\.uk|example)\b/iu;
const URLISH_AT = /\b[\w.-]+@[\w-]+\.\w|(?:^|\s)@\w{2,}/iu;
const urlish = (t: string): boolean => URLISH.test(t) || (t.includes('@') && URLISH_AT.test(t));
const PRICE = /[£$€]\s?\d|\d(?:[.,]\d+)?\s?(?:€|eur|euros?|dollars?|usd)\b/iu;
const LABEL = /^[\p{L}][\p{L} '’-]{0,24}\s?:/u;
const LOWER_WORD = /\b\p{Ll}{4,}\b/u;
const LONG_PROSE = 120;
const YEAR = /(?:19|20)\d\d/;

export const FEATURE_NAMES: string[] = [
  'bias', 'log_chars', 'log_words', 'short_6', 'very_short_3', 'ends_sentence', 'ends_colon', 'digit_ratio', 'upper_ratio', 'titlecase_ratio',
  'sentences', 'no_lower_word', 'count', 'url', 'price', 'label_colon', 'date', 'date_alone',
  ...CUE_KINDS.flatMap((k) => [`cue_${k}`, `starts_${k}`]),
  'position', 'first', 'last', 'before_prose', 'after_prose', 'rel_length', 'prev_short', 'next_short', 'run_of_short',
  'is_text', 'link', 'link_high', 'kind_li', 'kind_h', 'kind_quote',
  'short_x_after', 'cta_x_short', 'account_x_short', 'link_x_short', 'you_x_cta', 'count_x_comment',
  'in_main', 'off_main', 'name_clutter', 'name_meta', 'name_negative', 'box_furniture',
];

const index = new Map(FEATURE_NAMES.map((n, i) => [n, i]));
// The cue features' places, looked up once rather than by a name built for every block.
const CUE_AT = CUE_KINDS.map((k) => index.get(`cue_${k}`)!);
const STARTS_AT = CUE_KINDS.map((k) => index.get(`starts_${k}`)!);

// The feature caps sentence breaks at 3: the matches after the third change nothing, and a long
// paragraph has dozens.
function sentencesUpTo3(t: string): number {
  SENTENCES.lastIndex = 0;
  let n = 0;
  while (n < 3 && SENTENCES.exec(t)) n++;
  return n;
}

/** The feature vectors of a sequence of blocks, in order. */
export function featurize(units: Unit[]): Float64Array[] {
  const n = units.length;
  const lengths = units.map((u) => u.text.length);
  const prose = units.map((u) => u.text.length >= LONG_PROSE && SENTENCE_END.test(u.text) && u.kind !== 'h');
  const firstProse = prose.indexOf(true);
  const lastProse = prose.lastIndexOf(true);
  const sorted = [...lengths].sort((a, b) => a - b);
  const median = Math.max(40, sorted[Math.floor(sorted.length / 2)] ?? 40);
  const short = units.map((u) => countWords(u.text) <= 6);
  return units.map((u, i) => {
    const v = new Float64Array(FEATURE_NAMES.length);
    const set = (name: string, x: number): void => {
      v[index.get(name)!] = x;
    };
    const t = u.text;
    const words = countWords(t);
    const { letters, uppers, digits } = charCounts(t);
    const tc = titleCase(t);
    const folded = fold(t.slice(0, 400));
    const c = cues(folded);
    set('bias', 1);
    set('log_chars', Math.log1p(t.length) / 8);
    set('log_words', Math.log1p(words) / 6);
    set('short_6', words <= 6 ? 1 : 0);
    set('very_short_3', words <= 3 ? 1 : 0);
    set('ends_sentence', SENTENCE_END.test(t) ? 1 : 0);
    set('ends_colon', /:\s*$/.test(t) ? 1 : 0);
    set('digit_ratio', t.length ? Math.min(1, (4 * digits) / t.length) : 0);
    set('upper_ratio', letters ? uppers / letters : 0);
    set('titlecase_ratio', tc.tokens >= 2 ? tc.capitalised / tc.tokens : 0);
    set('sentences', Math.min(3, sentencesUpTo3(t) + (SENTENCE_END.test(t) ? 1 : 0)) / 3);
    set('no_lower_word', LOWER_WORD.test(t) ? 0 : 1);
    set('count', COUNT.test(t) ? 1 : 0);
    set('url', urlish(t) ? 1 : 0);
    set('price', PRICE.test(t) ? 1 : 0);
    set('label_colon', LABEL.test(t) && words <= 12 ? 1 : 0);
    const d = t.length <= 300 && YEAR.test(t) ? findDateText(t) : null;
    set('date', d ? 1 : 0);
    set('date_alone', d && t.replace(/[\d\s.,:/-]+/g, '').length <= 25 ? 1 : 0);
    for (let j = 0; j < CUE_KINDS.length; j++) {
      const k = CUE_KINDS[j]!;
      v[CUE_AT[j]!] = Math.min(3, c.counts[k]) / (words > 30 ? 3 : 1.5);
      v[STARTS_AT[j]!] = c.starts[k] ? 1 : 0;
    }
    set('position', n > 1 ? i / (n - 1) : 0);
    set('first', i === 0 ? 1 : 0);
    set('last', i === n - 1 ? 1 : 0);
    set('before_prose', firstProse >= 0 && i < firstProse ? 1 : 0);
    set('after_prose', lastProse >= 0 && i > lastProse ? 1 : 0);
    set('rel_length', Math.max(-3, Math.min(3, Math.log((t.length + 1) / median))) / 3);
    set('prev_short', i > 0 && short[i - 1] ? 1 : 0);
    set('next_short', i < n - 1 && short[i + 1] ? 1 : 0);
    set('run_of_short', short[i] && ((i > 0 && short[i - 1]) || (i < n - 1 && short[i + 1])) ? 1 : 0);
    set('is_text', u.isText ? 1 : 0);
    set('link', u.link);
    set('link_high', u.link > 0.5 ? 1 : 0);
    set('kind_li', u.kind === 'li' ? 1 : 0);
    set('kind_h', u.kind === 'h' ? 1 : 0);
    set('kind_quote', u.kind === 'quote' ? 1 : 0);
    const isShort = words <= 12 ? 1 : 0;
    set('short_x_after', isShort * (lastProse >= 0 && i > lastProse ? 1 : 0));
    set('cta_x_short', Math.min(1, c.counts.cta) * (words <= 25 ? 1 : 0));
    set('account_x_short', Math.min(1, c.counts.account) * (words <= 25 ? 1 : 0));
    set('link_x_short', u.link * isShort);
    set('you_x_cta', Math.min(1, c.counts.you) * Math.min(1, c.counts.cta));
    set('count_x_comment', (COUNT.test(t) ? 1 : 0) * Math.min(1, c.counts.comment));
    const pl = u.place;
    if (pl) {
      set('in_main', pl.inMain ? 1 : 0);
      set('off_main', pl.offMain / 4);
      set('name_clutter', pl.clutterName ? 1 : 0);
      set('name_meta', pl.metaName ? 1 : 0);
      set('name_negative', pl.negativeName ? 1 : 0);
      set('box_furniture', pl.boxFurniture);
    }
    return v;
  });
}

// Of the whitespace-separated tokens that hold a letter, how many begin with a capital: one pass,
// no token strings (the same counts as splitting on /\s+/).
const SPACE = /\s/u;
function titleCase(s: string): { tokens: number; capitalised: number } {
  let tokens = 0, capitalised = 0;
  let start = true, first = false, hasLetter = false;
  const end = (): void => {
    if (hasLetter) {
      tokens++;
      if (first) capitalised++;
    }
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c < 128 ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(s[i]!);
    if (space) {
      if (!start) end();
      start = true;
      continue;
    }
    const ch = s[i]!;
    const letter = c < 128 ? (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : LETTER.test(ch);
    if (start) {
      first = c < 128 ? c >= 65 && c <= 90 : UPPER.test(ch);
      hasLetter = false;
      start = false;
    }
    if (letter) hasLetter = true;
  }
  if (!start) end();
  return { tokens, capitalised };
}

// Letters, capitals and digits in one pass: ASCII by range, the rest by Unicode property.
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
function charCounts(s: string): { letters: number; uppers: number; digits: number } {
  let letters = 0, uppers = 0, digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      if (c >= 48 && c <= 57) digits++;
      else if (c >= 65 && c <= 90) (letters++, uppers++);
      else if (c >= 97 && c <= 122) letters++;
    } else if (LETTER.test(s[i]!)) {
      letters++;
      if (UPPER.test(s[i]!)) uppers++;
    }
  }
  return { letters, uppers, digits };
}

function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}
