// Silver English entities from a treebank's gold trees (there is no gold English NER data here):
// runs of proper nouns are the spans; general cues type them; a sentence with a span no cue can
// type is left out rather than taught wrong. The cue lists are general vocabulary (titles, the
// nouns that name organisations and places), not names from any evaluation text.
import type { UdSentence } from '../src/nlp/conllu.ts';
import { FIRST_NAMES } from '../src/nlp/firstnames.ts';
import { CUES } from '../src/nlp/cues.ts';
import { fold, placeNames } from '../src/nlp/gazetteer.ts';
import type { EntityKind } from '../src/nlp/ner.ts';

const words = (s: string): Set<string> => new Set(s.split(/\s+/u).filter(Boolean));

const { titles: TITLES, orgWords: ORG_WORDS, placeWords: PLACE_WORDS } = CUES.en;
const PLACE_ABBREVIATIONS = words('us u.s. usa u.s.a. uk u.k. uae eu d.c. dc');
const SAY = words('say tell add explain announce report claim state write note insist warn');
const PLACE_PREPOSITIONS = words('in near across outside inside throughout');

let calendar: Set<string> | undefined;
function calendarWords(): Set<string> {
  if (calendar) return calendar;
  calendar = new Set();
  for (const month of ['long', 'short'] as const)
    for (let m = 0; m < 12; m++) calendar.add(fold(new Date(Date.UTC(2024, m, 15)).toLocaleString('en', { month, timeZone: 'UTC' })));
  for (const weekday of ['long', 'short'] as const)
    for (let d = 0; d < 7; d++) calendar.add(fold(new Date(Date.UTC(2024, 0, 1 + d)).toLocaleString('en', { weekday, timeZone: 'UTC' })));
  return calendar;
}

export interface SilverSpan {
  start: number;
  end: number;
  /** Undefined when no cue could type the span. */
  kind: EntityKind | undefined;
}

function typeSpan(s: UdSentence, start: number, end: number): EntityKind | undefined {
  const w = s.words;
  const toks = w.slice(start, end).map((x) => fold(x.form).replace(/\.$/u, ''));
  const joined = w.slice(start, end).map((x) => fold(x.form)).join(' ');
  const places = placeNames();
  const before = start > 0 ? fold(w[start - 1]!.form).replace(/\.$/u, '') : '';
  if (toks.some((t) => ORG_WORDS.has(t))) return 'organization';
  if (places.has(joined) || PLACE_ABBREVIATIONS.has(joined)) return 'place';
  if (toks.slice(1).some((t) => PLACE_WORDS.has(t))) return 'place';
  if (TITLES.has(before)) return 'person';
  if (FIRST_NAMES.has(toks[0]!) && end - start >= 2) return 'person';
  if (end - start === 1 && /^\p{Lu}{2,5}$/u.test(w[start]!.form)) return 'organization';
  // The subject of "said" with a first and a last name, or a single name after a name already seen.
  const head = w.slice(start, end).find((x) => x.head < start || x.head >= end);
  const gov = head && head.head >= 0 ? w[head.head] : undefined;
  if (head?.deprel.startsWith('nsubj') && gov && SAY.has(gov.lemma) && end - start >= 2) return 'person';
  if (PLACE_PREPOSITIONS.has(before) && head && /^(?:obl|nmod)/u.test(head.deprel)) return 'place';
  return undefined;
}

/** Silver spans of every sentence; `typed` is true when a cue typed each of them. */
export function silverEnglish(sentences: UdSentence[]): { sentences: { forms: string[]; spans: SilverSpan[]; typed: boolean }[]; total: number; counts: Record<string, number> } {
  const out: { forms: string[]; spans: SilverSpan[]; typed: boolean }[] = [];
  const counts: Record<string, number> = {};
  const cal = calendarWords();
  for (const s of sentences) {
    const w = s.words;
    const spans: SilverSpan[] = [];
    let typed = true;
    for (let i = 0; i < w.length; ) {
      if (w[i]!.upos !== 'PROPN') {
        i++;
        continue;
      }
      let end = i + 1;
      for (;;) {
        while (end < w.length && w[end]!.upos === 'PROPN') end++;
        // "Bank of America", "Gulf of Mexico": an organisation or place noun, "of", a proper noun.
        const last = fold(w[end - 1]!.form);
        if (end + 1 < w.length && fold(w[end]!.form) === 'of' && w[end + 1]!.upos === 'PROPN' && (ORG_WORDS.has(last) || PLACE_WORDS.has(last))) end += 2;
        else break;
      }
      // "United Nations", "New York Times": capitalised modifiers just before the run, whose head is in it.
      let start = i;
      while (start > 0 && /^\p{Lu}/u.test(w[start - 1]!.form) && ['ADJ', 'NOUN', 'NUM'].includes(w[start - 1]!.upos) && w[start - 1]!.head >= start && w[start - 1]!.head < end) start--;
      // A title is not part of the name ("Mr. Lay" → "Lay", a person), unless the name is an
      // organisation's ("General Motors Co.").
      let titled = false;
      const orgName = w.slice(start, end).some((x) => ORG_WORDS.has(fold(x.form).replace(/\.$/u, '')));
      while (!orgName && start < end - 1 && TITLES.has(fold(w[start]!.form).replace(/\.$/u, ''))) {
        start++;
        titled = true;
      }
      const forms = w.slice(start, end).map((x) => x.form);
      if (end - i === 1 && cal.has(fold(forms[0]!).replace(/\.$/u, ''))) {
        i = end;
        continue;
      }
      const kind = /^\p{Lu}/u.test(forms[0]!) ? (titled ? 'person' : typeSpan(s, start, end)) : undefined;
      if (!kind) typed = false;
      spans.push({ start, end, kind });
      i = end;
    }
    for (const sp of spans) counts[sp.kind ?? 'untyped'] = (counts[sp.kind ?? 'untyped'] ?? 0) + 1;
    out.push({ forms: w.map((x) => x.form), spans, typed });
  }
  return { sentences: out, total: sentences.length, counts };
}
