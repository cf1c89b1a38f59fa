// Tokenisation as the UD treebanks do it, with UTF-16 offsets into the original text on every
// token: French elisions split after the apostrophe (l'|homme, qu'|il, jusqu'|à), French
// hyphenated clitics split before the hyphen (dit|-il, a|-t-il, donne|-le|-moi), English
// contractions split (do|n't, ca|n't, I|'m, John|'s, can|not). French contractions (du = de le,
// au = à le) stay one token here: the tagger decides which are contractions ("des" is either "de
// les" or an article) and `expand` in tagger.ts turns them into UD's syntactic words.
import type { Lang } from './index.ts';
import { remember } from '../util/lru.ts';

export interface Piece {
  start: number;
  end: number;
}

// Elided French words: an apostrophe ends them and they are tokens of their own in UD.
const ELISION = /^(?:l|d|j|m|n|s|t|c|ç|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’](?=[\p{L}\d])/iu;
// Clitic pronouns written after a hyphen (UD keeps "-t-il" as one token).
const CLITIC = /-(?:t-(?:il|elle|on|ils|elles)|je|tu|il|elle|on|nous|vous|ils|elles|ce|le|la|les|lui|leur|moi|toi|en|y|là)$/iu;
const CLITIC_HOST_EXCEPTIONS = /^(?:celui|celle|ceux|celles|peut|c'est-à|au|là|rendez|vis-à)$/iu;
// Words the treebanks keep whole although they look like an elision or a clitic.
const WHOLE = /^(?:c['’]est-à-dire|l['’]on|aujourd['’]hui|quelqu['’]une?|rendez-vous|vis-à-vis|peut-être)$/iu;
// English contractions, as EWT splits them.
const EN_SUFFIX = /(?:n['’]t|['’](?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M))$/u;
// Tokens that keep a final period: abbreviations and initials (data, not phrasing).
const ABBREV: Record<Lang, Set<string>> = {
  fr: new Set('m mm mme mmes mlle dr pr me mgr st ste av bd cf ex fig p pp n no vol art al min max tél éd coll janv févr avr juil sept oct nov déc'.split(' ')),
  en: new Set('mr mrs ms dr prof st sr jr gen gov sen rep col lt sgt capt rev hon inc ltd co corp vs approx dept est al cf p pp no vol fig jan feb mar apr aug sep sept oct nov dec ft mt e.g i.e u.s u.k a.m p.m'.split(' ')),
};
const MAX_CHUNK = 256;
const URL_LIKE = /^(?:https?:\/\/|www\.)\S+|^[\w.+-]+@[\w-]+\.[\w.-]+/iu;
const OPENING = /^[([{«"“‘„'¿¡<*]/u;
const CLOSING = /[)\]}»"”’',;:!?…<>*%]$|\.{2,}$/u;
// A run of the same closing mark ("!!!", "...", "**") is one token, as the treebanks write it.
const CLOSING_RUN = /(?:!+|\?+|\.{2,}|\*+)$/u;

/** Tokens of one stretch of text (a sentence), as spans [start, end) into `text`. */
export function tokenize(text: string, lang: Lang, from = 0, to = text.length): Piece[] {
  const out: Piece[] = [];
  const ws = /\S+/gu;
  ws.lastIndex = from;
  const slice = text.slice(0, to);
  for (let m = ws.exec(slice); m; m = ws.exec(slice)) {
    // A run without spaces longer than any word or address is cut into pieces first, so that
    // splitting it stays linear (garbage input must not take quadratic time).
    for (let at = m.index; at < m.index + m[0].length; at += MAX_CHUNK) splitChunk(text, at, Math.min(at + MAX_CHUNK, m.index + m[0].length), lang, out);
  }
  return out;
}

// The split of a chunk depends on its characters only, and news repeats its words: each distinct
// chunk is split once per language (offsets kept relative to its start), then looked up.
const chunkCache: Record<Lang, Map<string, number[]>> = { fr: new Map(), en: new Map() };

function splitChunk(text: string, start: number, end: number, lang: Lang, out: Piece[]): void {
  const key = text.slice(start, end);
  const cache = chunkCache[lang];
  let rel = cache.get(key);
  if (!rel) {
    const pieces: Piece[] = [];
    splitFresh(key, 0, key.length, lang, pieces);
    rel = remember(cache, key, pieces.flatMap((p) => [p.start, p.end]));
  }
  for (let i = 0; i < rel.length; i += 2) out.push({ start: start + rel[i]!, end: start + rel[i + 1]! });
}

function splitFresh(text: string, start: number, end: number, lang: Lang, out: Piece[]): void {
  const tail: Piece[] = [];
  // Bounded: each pass removes at least one character from one end.
  while (start < end) {
    const s = text.slice(start, end);
    if (URL_LIKE.test(s)) {
      const m = URL_LIKE.exec(s)!;
      let len = m[0].length;
      while (len > 1 && /[.,;:!?)\]»"”]/u.test(s[len - 1]!)) len--;
      out.push({ start, end: start + len });
      start += len;
      continue;
    }
    if (OPENING.test(s) && s.length > 1) {
      // An opening quote before an elided word ("'l'homme") or an apostrophe in "'90s" stays simple: split one char.
      out.push({ start, end: start + 1 });
      start++;
      continue;
    }
    if (s.length > 1 && CLOSING.test(s)) {
      const m = CLOSING_RUN.exec(s);
      const len = m && m[0].length < s.length ? m[0].length : 1;
      // An apostrophe at the end of a word is English's plural possessive ("players'") or an elision
      // cut by OCR: it is split either way.
      tail.unshift({ start: end - len, end });
      end -= len;
      continue;
    }
    if (s.length > 1 && s.endsWith('.')) {
      const word = s.slice(0, -1);
      const keep = ABBREV[lang].has(word.toLowerCase()) || /^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word);
      if (!keep) {
        tail.unshift({ start: end - 1, end });
        end--;
        continue;
      }
    }
    // A slash between words or units is a token ("et/ou", "mg/kg").
    const slash = /^([\p{L}\d]+)\/(?=[\p{L}\d])/u.exec(s);
    if (slash) {
      out.push({ start, end: start + slash[1]!.length }, { start: start + slash[1]!.length, end: start + slash[1]!.length + 1 });
      start += slash[0].length;
      continue;
    }
    if (lang === 'fr' && WHOLE.test(s)) {
      out.push({ start, end });
      break;
    }
    if (lang === 'fr') {
      const e = ELISION.exec(s);
      if (e && e[0].length < s.length) {
        out.push({ start, end: start + e[0].length });
        start += e[0].length;
        continue;
      }
      const c = CLITIC.exec(s);
      if (c && c.index > 0 && !CLITIC_HOST_EXCEPTIONS.test(s.slice(0, c.index))) {
        tail.unshift({ start: start + c.index, end });
        end = start + c.index;
        continue;
      }
    } else {
      const c = EN_SUFFIX.exec(s);
      if (c && c.index > 0) {
        // "can't" → ca + n't, "won't" → wo + n't (EWT's forms): the split is at the 'n'.
        tail.unshift({ start: start + c.index, end });
        end = start + c.index;
        continue;
      }
      if (/^cannot$/iu.test(s)) {
        out.push({ start, end: start + 3 });
        start += 3;
        continue;
      }
    }
    out.push({ start, end });
    break;
  }
  out.push(...tail);
}
