// Names in one sentence: the recogniser's spans (nlp/), made into proper-name mentions, plus the
// names it missed, each with the evidence around it about what kind of thing it names.
//
//   trim        titles, honorifics and determiners are not part of a name ("Mr. Lee Hsien Loong"
//               → "Lee Hsien Loong", kept as evidence of a person); role words after a name are
//               not either ("Airbus President" → "Airbus", evidence of an organisation); a
//               sentence's first word is only part of a name if it is not a common word
//   join        two spans that are one name split by the recogniser ("Changi" "International
//               Airport", "Quai" d' "Orsay"), a name and the model code after it ("Boeing 737s")
//   add         what the recogniser missed: runs of capitalised words that are no common word of
//               the language ("Boeing" read as a verb), acronyms, model codes ("A380", "C-17");
//               bare numbers ("787") are kept as candidates that only count if the story names a
//               product ending with them (resolve.ts)
//   evidence    the recogniser's kind and confidence; what the name is made of (a given name, an
//               organisation or place designator, a model code, a known country or city); the
//               words around it (a title before it, "the airline X", "X, a city of…", "in X",
//               "X-based", a role word after it)
import { CUES, cueKey, FIRST_NAMES, isCommonWord, placeNames, type Lang, type Sentence as NlpSentence, type Token } from '../nlp/index.ts';
import { fold } from '../text/unicode.ts';
import { BASED, FACILITIES, LOCATIVE, ORG_OF, NOT_NAMES, ORG_FIRST_WORDS, ORG_NOUNS, ORG_SUFFIXES, PRODUCT_OF, PERSON_NOUNS, PLACE_NOUNS, PRODUCT_NOUNS, OTHER_NOUNS, KNOWN_ORGS } from './vocab/context.ts';
import { FUNCTION_WORDS, HONORIFICS, TIME_WORDS } from './vocab/function-words.ts';
import { MULTI_WORD_PLACES, PLACES } from './vocab/places.ts';
import { ROLE_MODIFIERS, ROLE_WORDS } from './roles.ts';
import { noVotes, type MentionCandidate, type Votes } from './types.ts';

const FEMALE = new Set(['mme', 'mmes', 'mlle', 'mrs', 'ms', 'miss', 'madame', 'mademoiselle', 'dame', 'lady']);
const MALE = new Set(['m', 'mm', 'mr', 'monsieur', 'sir', 'lord']);
/** Model codes: letters then digits ("A380", "C-17", "DC-9", "A330-200", "777-200LR"), plural allowed. */
const CODE = /^(?:[A-Z]{1,3}-?\d{1,4}[A-Za-z]{0,2}|\d{3}(?:-\d{1,3}[A-Z]{0,2})?)(?:-\d{1,4}[A-Z]{0,2})?s?$/;
const YEAR = /^(?:1[89]|20)\d\d$/;
const ACRONYM = /^[A-Z][A-Z&]{1,5}s?$/;
const CAPITALISED = /^\p{Lu}/u;
const CONNECTORS = new Set(['of', 'de', 'd', "d'", 'du', 'des', '&', 'van', 'von', 'der', 'da', 'di', 'del', 'la', 'et', 'and']);
/** Lower-case particles inside personal names ("Osama bin Laden", "Ahmed ibn Hanbal"), which are no common nouns there. */
const NAME_PARTICLES = new Set(['bin', 'ibn', 'bint', 'ben', 'al', 'el', 'abu', 'dos', 'das', 'do', 'y', 'ter', 'ten', 'zu', 'af', 'av']);
/** Words that open a sentence without being names even when the recogniser thinks so. */
const OPENER_TAGS = new Set(['DET', 'ADV', 'ADP', 'PRON', 'CCONJ', 'SCONJ', 'NUM', 'AUX', 'VERB', 'PART', 'INTJ']);

const key = (t: Token): string => cueKey(fold(t.form)).replace(/['’]$/, '');
/** A common word of the language, whatever its case here ("Deliveries" opening a sentence). */
const common = (t: Token, lang: Lang): boolean => isCommonWord(t.form.toLowerCase(), lang);
/** An adjective or other common word even as written ("European", "Korean"; not "American Airlines"'s first word, which the lexicon reads as a name). */
const adjective = (t: Token, lang: Lang): boolean => t.upos === 'ADJ' && isCommonWord(lang === 'en' ? t.form : t.form.toLowerCase(), lang);
/** Held-out precision of the recognisers per kind (models/en.ner.md, models/fr.ner.md). */
const NER_PRECISION: Record<Lang, Record<'person' | 'organization' | 'place' | 'other', number>> = {
  en: { person: 0.894, organization: 0.471, place: 0.404, other: 0.3 },
  fr: { person: 0.659, organization: 0.388, place: 0.544, other: 0.5 },
};
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** A country code standing for its country ("in the US", "UK ,"), not part of a name before it. */
const regionCodeAlone = (toks: readonly Token[], i: number): boolean => regionCode(toks[i]!.form) && /^(?:US|UK|EU|UN)$/.test(toks[i]!.form);
/** "US", "UK", "EU": two-letter codes of countries and regions (CLDR). */
const regionCode = (t: string): boolean => /^[A-Z]{2}$/.test(t) && !!REGIONS.of(t);
const orgWord = (k: string, lang: Lang): boolean => CUES[lang].orgWords.has(k) || ORG_SUFFIXES.has(k);
/** A word with a lower-case part glued by a hyphen is no name ("A380-ready", "EADS-led", "all-economy"). */
const gluedCommon = (form: string): boolean => /-/.test(form) && form.split('-').some((p) => /^\p{Ll}/u.test(p));
const isTitle = (k: string, lang: Lang): boolean => CUES[lang].titles.has(k) || HONORIFICS.has(k);
const isRoleWord = (k: string): boolean => ROLE_WORDS.has(k);
const isCode = (form: string): boolean => CODE.test(form) && !YEAR.test(form.replace(/s$/, '')) && /\d/.test(form);
const lettersCode = (form: string): boolean => isCode(form) && /[A-Z]/.test(form);
const isPunct = (t: Token): boolean => t.upos === 'PUNCT' || /^[^\p{L}\p{N}]+$/u.test(t.form);

interface Span { a: number; b: number; ner: MentionCandidate['ner']; score: number; source: MentionCandidate['source']; cues: string[]; votes: Votes; gender?: 'f' | 'm' }

/** Is the token at i the start of the sentence or of a quotation, heading or list item? */
function initial(s: NlpSentence, i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const t = s.tokens[k]!;
    if (t.start === s.tokens[i]!.start) continue; // the other word of the same surface token
    return isPunct(t) && /^[«“"'(:—–\-`]+$/u.test(t.form);
  }
  return true;
}

/** A capitalised word that may be part of a name here. */
function nameWord(s: NlpSentence, i: number, lang: Lang): boolean {
  const t = s.tokens[i]!;
  if (isCode(t.form)) return true;
  if (!CAPITALISED.test(t.form) || gluedCommon(t.form)) return false;
  const k = key(t);
  if (FUNCTION_WORDS.has(k) || TIME_WORDS.has(k) || isTitle(k, lang) || isRoleWord(k) || NOT_NAMES.has(k) || /\p{Sc}/u.test(t.form)) return false;
  if (ACRONYM.test(t.form)) return !CURRENCIES.has(t.form);
  // "European" is no name, but "Korean Air" is one: an adjective only inside a longer name,
  // also at the start of a sentence (the capitalised word after it is then a name's).
  if (adjective(t, lang)) {
    const next = s.tokens[i + 1];
    return !!next && CAPITALISED.test(next.form) && !FUNCTION_WORDS.has(key(next)) && !isRoleWord(key(next)) && !adjective(next, lang);
  }
  if (initial(s, i) && common(t, lang)) return false;
  return true;
}

/** A name word strong enough to stand as a mention the recogniser missed. */
function strongNameWord(s: NlpSentence, i: number, lang: Lang): boolean {
  const t = s.tokens[i]!;
  if (!nameWord(s, i, lang)) return false;
  if (lettersCode(t.form) || ACRONYM.test(t.form)) return true;
  return !common(t, lang);
}

/** The mentions of one sentence. */
export function sentenceMentions(text: string, s: NlpSentence, si: number, lang: Lang): MentionCandidate[] {
  const toks = s.tokens;
  const spans: Span[] = [];
  const covered = new Uint8Array(toks.length);
  for (const m of s.mentions) {
    // A role word inside a span parts two names ("Pellion CEO Dana Whitfield"): the organisation
    // before it, the holder after it.
    // An English word written in lower case inside a span (no connector, no particle of a
    // personal name) describes the name after it ("Aer Lingus rival Ryanair", "European rival
    // Airbus", "Detroit carmaker GM"): the name is what follows it, and
    // what comes before is a name of its own or nothing. (French names of bodies are made of
    // common nouns, « Collectif des éleveurs de la Rance », so this is English only.)
    const cuts = [m.tokens[0]];
    for (let k = m.tokens[0] + 1; k < m.tokens[1] - 1; k++) {
      const t = toks[k]!;
      if (isRoleWord(key(t)) && /^\p{Lu}/u.test(t.form)) cuts.push(k, k + 1);
      // (The tagger often reads such a word as part of the name, so its tag is not asked.)
      else if (lang === 'en' && /^\p{Ll}+$/u.test(t.form) && !CONNECTORS.has(key(t)) && !NAME_PARTICLES.has(key(t)) && !FUNCTION_WORDS.has(key(t)) && CAPITALISED.test(toks[k + 1]!.form)) cuts.push(k, k + 1);
    }
    cuts.push(m.tokens[1]);
    for (let i = 0; i + 1 < cuts.length; i += 2) {
      // A span cut in parts was misread: its kind belongs to none of them for sure.
      const sp: Span = { a: cuts[i]!, b: cuts[i + 1]!, ner: cuts.length > 2 ? null : m.kind, score: m.score, source: 'ner', cues: [`ner ${m.kind} ${m.score.toFixed(2)}`], votes: noVotes() };
      refine(s, sp, lang, text);
      if (sp.b > sp.a) spans.push(sp);
    }
  }
  spans.sort((x, y) => x.a - y.a);
  const join = (): void => {
    // Two spans that are one name: adjacent, or joined by a connector ("Quai d'Orsay"), the second
    // opening with a common word written capitalised ("International Airport").
    for (let i = 0; i + 1 < spans.length; i++) {
      const x = spans[i]!, y = spans[i + 1]!;
      const gap = toks.slice(x.b, y.a);
      const joined = gap.length === 0 || (gap.length === 1 && CONNECTORS.has(key(gap[0]!)) && !/^(?:and|et)$/.test(key(gap[0]!)));
      // French news write foreign names with their own designators ("Taiwan Semiconductor Manufacturing Company").
      const designates = (t: Token): boolean => orgWord(key(t), lang) || (lang !== 'en' && orgWord(key(t), 'en')) || CUES[lang].placeWords.has(key(t));
      const yDesignated = designates(toks[y.b - 1]!);
      const designator = common(toks[y.a]!, lang) || yDesignated || designates(toks[x.b - 1]!);
      // Side by side with nothing between, two names that are no person's are one ("RIA Novosti").
      const glued = gap.length === 0 && x.ner !== 'person' && y.ner !== 'person';
      // A given name and the name after it, whatever kinds the recogniser gave them ("Jonas" "Perault").
      const given = gap.length === 0 && x.b - x.a === 1 && (FIRST_NAMES.has(key(toks[x.a]!)) || y.ner === 'person') && y.b - y.a <= 2 && !isCode(toks[y.a]!.form) && !CUES[lang].orgWords.has(key(toks[y.b - 1]!));
      if (given || (joined && (designator || glued) && (x.ner !== 'person' || yDesignated) && !lettersCode(toks[y.a]!.form))) {
        if (given) x.ner = 'person';
        x.b = y.b;
        x.cues.push(...y.cues);
        if (y.score < x.score) x.score = y.score;
        spans.splice(i + 1, 1);
        i--;
      }
    }
  };
  join();
  for (const sp of spans) for (let k = sp.a; k < sp.b; k++) covered[k] = 1;
  // Extend over the name words next to a span ("McDonnell" before "Douglas"), and a model code after it.
  for (const sp of spans) {
    // Left: a capitalised word inside the sentence is part of the name ("Royal" of "Royal Air
    // Force", "McDonnell" of "McDonnell Douglas"); a model number before a model name ("787 Dreamliner").
    for (;;) {
      const p = sp.a - 1;
      if (p < 0 || covered[p] || toks[p]!.end >= toks[sp.a]!.start) break;
      const codeBefore = isCode(toks[p]!.form) && sp.b - sp.a === 1 && (sp.ner !== 'person' || !FIRST_NAMES.has(key(toks[sp.a]!)));
      // A capitalised article inside a sentence opens a title ("selon Le Figaro").
      const article = (toks[p]!.upos === 'DET' || /^(?:The|Le|La|Les)$/.test(toks[p]!.form)) && CAPITALISED.test(toks[p]!.form) && !initial(s, p) && sp.ner !== 'person' && sp.ner !== 'place';
      // A sentence's first word joins the name when it is a given name ("Claire" of "Claire Fontanel").
      // So does one the tagger reads as a proper noun before a person's name, though no list
      // knows it (« Keir Starmer, qui … » opening a paragraph): a common word would not be one.
      const givenFirst = initial(s, p) && CAPITALISED.test(toks[p]!.form) && (FIRST_NAMES.has(key(toks[p]!)) || (sp.ner === 'person' && sp.b - sp.a === 1 && toks[p]!.upos === 'PROPN' && nameWord(s, p, lang)));
      // A title before a name that ends with an organisation's designator opens that name: no one
      // is called "Motors" ("General Motors", "Royal Bank").
      const titledOrg = isTitle(key(toks[p]!), lang) && CAPITALISED.test(toks[p]!.form) && orgWord(key(toks[sp.b - 1]!), lang) && !toks.slice(sp.a, sp.b).some((t) => FIRST_NAMES.has(key(t)));
      if (!codeBefore && !article && !givenFirst && !titledOrg && (isCode(toks[p]!.form) || !nameWord(s, p, lang) || initial(s, p))) break;
      if (titledOrg) {
        sp.ner = 'organization';
        sp.cues.push(`designator ${toks[sp.b - 1]!.form}`);
      }
      covered[--sp.a] = 1;
    }
    // Right: a model code after a maker's name ("Boeing 737s"), not after an organisation's full name ("American Airlines 777").
    // … and a name word after a model code ("GPT-4 Turbo"), an acronym glued to the name ("Bloomberg TV").
    // … and a capitalised designator that ends the name the recogniser cut short ("Royal Air" + "Force").
    while (sp.b < toks.length && !covered[sp.b] && toks[sp.b]!.start - toks[sp.b - 1]!.end <= 1 && ((sp.ner !== 'person' && CAPITALISED.test(toks[sp.b]!.form) && orgWord(key(toks[sp.b]!), lang) && nameWord(s, sp.b, lang)) || (isCode(toks[sp.b]!.form) && !orgWord(key(toks[sp.b - 1]!), lang)) || (nameWord(s, sp.b, lang) && sp.ner !== 'person' && isCode(toks[sp.b - 1]!.form)) || (ACRONYM.test(toks[sp.b]!.form) && sp.ner !== 'person' && !regionCodeAlone(toks, sp.b) && !isRoleWord(key(toks[sp.b]!)) && !isTitle(key(toks[sp.b]!), lang)))) {
      if (isCode(toks[sp.b]!.form)) sp.cues.push(`model code ${toks[sp.b]!.form}`);
      covered[sp.b++] = 1;
    }
  }
  // What the recogniser missed: runs of name words (joined by connectors), acronyms, model codes.
  for (let i = 0; i < toks.length; i++) {
    // "Le Meur, éleveur à Plancoët": an article and a capitalised word at the start of a sentence
    // are a name when the article writes them so inside a sentence too.
    if (!covered[i] && !covered[i + 1] && toks[i]!.upos === 'DET' && CAPITALISED.test(toks[i]!.form) && initial(s, i) && toks[i + 1] && CAPITALISED.test(toks[i + 1]!.form) && toks[i + 1]!.upos !== 'DET' && nameArticle(text, s, { a: i, b: i + 2 } as Span)) {
      spans.push({ a: i, b: i + 2, ner: null, score: 0.5, source: 'shape', cues: ['written so inside sentences'], votes: noVotes() });
      covered[i] = covered[i + 1] = 1;
      i++;
      continue;
    }
    // "M. Le Meur", "Mme Kerbrat": the capitalised words after an honorific are a person's name,
    // particles included.
    if (!covered[i] && HONORIFICS.has(key(toks[i]!)) && CAPITALISED.test(toks[i]!.form) && toks[i + 1] && !covered[i + 1] && CAPITALISED.test(toks[i + 1]!.form)) {
      let j = i + 1;
      while (j < toks.length && !covered[j] && CAPITALISED.test(toks[j]!.form) && !isPunct(toks[j]!) && !FUNCTION_WORDS.has(key(toks[j]!)) === !/^(?:le|la|de|du|van|von|der|di|da|del)$/.test(key(toks[j]!))) j++;
      while (j > i + 1 && /^(?:le|la|de|du|van|von|der|di|da|del)$/.test(key(toks[j - 1]!))) j--;
      if (j > i + 1) {
        const k = key(toks[i]!);
        const sp: Span = { a: i + 1, b: j, ner: null, score: 0.5, source: 'shape', cues: [`title ${toks[i]!.form}`], votes: { ...noVotes(), person: 4 } };
        if (FEMALE.has(k)) sp.gender = 'f';
        else if (MALE.has(k)) sp.gender = 'm';
        spans.push(sp);
        for (let k2 = i; k2 < j; k2++) covered[k2] = 1;
        i = j - 1;
        continue;
      }
    }
    if (covered[i] || !nameWord(s, i, lang)) continue;
    let j = i + 1;
    for (;;) {
      if (j < toks.length && !covered[j] && nameWord(s, j, lang) && toks[j]!.form !== "'s") { j++; continue; }
      if (j + 1 < toks.length && !covered[j] && !covered[j + 1] && CONNECTORS.has(key(toks[j]!)) && !/^(?:and|et|la)$/.test(key(toks[j]!)) && nameWord(s, j + 1, lang)) { j += 2; continue; }
      break;
    }
    const run = toks.slice(i, j);
    const strong = run.some((_, k) => strongNameWord(s, i + k, lang));
    const bareNumber = run.length === 1 && /^\d/.test(run[0]!.form);
    if (bareNumber) {
      // "the 787", "787s", "737-800", "the 787 Dreamliner": a product only if the story names one ending so.
      const t = run[0]!;
      const prev = toks[i - 1], next = toks[i + 1];
      const productish = /s$|-/.test(t.form) || (prev && (prev.upos === 'DET' || /^(?:its|their|his|her|son|sa|ses|leur|leurs)$/i.test(prev.form)) && !(next && next.upos === 'NOUN' && !PRODUCT_NOUNS.has(key(next)))) || (next && PRODUCT_NOUNS.has(key(next)));
      if (!productish) continue;
      spans.push({ a: i, b: j, ner: null, score: 0.5, source: 'code', cues: ['number as a model'], votes: noVotes() });
    } else if (strong) {
      const source = run.length === 1 && lettersCode(run[0]!.form) ? 'code' : run.length === 1 && ACRONYM.test(run[0]!.form) ? 'acronym' : 'shape';
      // "The Verge" in a French text, « selon Le Parisien »: a capitalised article inside a sentence opens the name.
      const from = i > 0 && !covered[i - 1] && /^(?:The|Le|La|Les)$/.test(toks[i - 1]!.form) && (!initial(s, i - 1) || (lang === 'fr' && toks[i - 1]!.form === 'The')) ? i - 1 : i;
      if (from < i) covered[from] = 1;
      spans.push({ a: from, b: j, ner: null, score: 0.5, source, cues: [source === 'shape' ? 'capitalised, not a common word' : source], votes: noVotes() });
    } else continue;
    for (let k = i; k < j; k++) covered[k] = 1;
    i = j - 1;
  }
  designatedNames(s, spans);
  spans.sort((x, y) => x.a - y.a);
  // Names the passes above found side by side are joined as the recogniser's are ("RIA" +
  // "Novosti"), and a place the data know whole is not cut ("Corée" + "du Nord").
  join();
  const surface = (a: number, b: number): string => fold(text.slice(toks[a]!.start, toks[b - 1]!.end)).replace(/\s+/g, ' ');
  for (const sp of spans)
    for (let k = 4; k >= 1; k--) {
      if (sp.b + k > toks.length) continue;
      const w = surface(sp.a, sp.b + k);
      if (!MULTI_WORD_PLACES.has(w) && !MULTI_WORD_PLACES.has(w.replace(/-/g, ' '))) continue;
      const inside = spans.filter((o) => o !== sp && o.a >= sp.b && o.a < sp.b + k);
      if (inside.some((o) => o.b > sp.b + k)) continue;
      for (const o of inside) spans.splice(spans.indexOf(o), 1);
      sp.b += k;
      break;
    }

  const out: MentionCandidate[] = [];
  for (const sp of spans) {
    const start = toks[sp.a]!.start, end = toks[sp.b - 1]!.end;
    // Tokens of one surface word ("du" = de + le) share offsets: a span never splits a surface word.
    if (out.length && start < out[out.length - 1]!.end) continue;
    const text0 = text.slice(start, end);
    if (!/\p{L}|\d/u.test(text0)) continue;
    // A place inside the name of a currency is no mention: « dollars de Taïwan », "Hong Kong dollars".
    if (currencyPlace(toks, sp.a, sp.b)) continue;
    const words = toks.slice(sp.a, sp.b).filter((t) => !isPunct(t) || t.form === '&').map((t) => fold(t.form).replace(/['’]/g, "'")).map((w) => (isCode(w.toUpperCase()) || /^\d/.test(w) ? w.replace(/s$/, '') : w));
    const m: MentionCandidate = { start, end, text: text0, sentence: si, tokens: [sp.a, sp.b], words, source: sp.source, ner: sp.ner, score: sp.score, votes: sp.votes, nerWeight: 0, cues: sp.cues };
    if (sp.gender) m.gender = sp.gender;
    evidence(s, m, lang, text);
    out.push(m);
  }
  // "Conseil national des pêches (CNP)", "European Aeronautic Defence & Space Company ( EADS )":
  // an acronym in brackets right after a name renames it. Its letters also say where the name
  // starts when the recogniser cut it in two ("Groupement des Laiteries d'Armor" + "Rance").
  for (let i = 1; i < out.length; i++) {
    const m = out[i]!, prev = out[i - 1]!;
    const between = text.slice(prev.end, m.start);
    if (!/^\s*\(\s*$/.test(between) || !/^\s*\)/.test(text.slice(m.end, m.end + 3)) || !ACRONYM.test(m.text)) continue;
    if (!initialsMatch(m.text, prev.words)) {
      for (let j = i - 2; j >= 0 && out[j]!.sentence === si; j--) {
        const q = out[j]!;
        const joined = text.slice(q.start, prev.end);
        if (/[,;:()«»"]/.test(joined)) break;
        const words = fold(joined).split(/[\s']+/).filter(Boolean);
        if (!initialsMatch(m.text, words)) continue;
        const merged: MentionCandidate = { ...q, end: prev.end, text: joined, tokens: [q.tokens[0], prev.tokens[1]], words, ner: q.ner ?? prev.ner, votes: noVotes(), cues: [...q.cues, `spelled by ${m.text}`], source: q.source };
        evidence(s, merged, lang, text);
        out.splice(j, i - j, merged);
        i = j + 1;
        break;
      }
    }
    const full = out[i - 1]!;
    if (out[i] === m && initialsMatch(m.text, full.words)) {
      m.sameAs = i - 1;
      m.cues.push(`acronym of ${full.text}`);
    }
  }
  return out;
}

/** French names of bodies made on a designator and common words: « Collectif des éleveurs de la
 * Rance », « Rassemblement national », « Syndicat des producteurs de lait ». A designator written
 * with a capital, then its complements, up to a name. Replaces the pieces the recogniser found. */
const FR_BODIES = new Set(['collectif', 'groupement', 'mouvement', 'rassemblement', 'coordination', 'federation', 'confederation', 'syndicat', 'union', 'association', 'comite', 'conseil', 'parti', 'ligue', 'front', 'alliance', 'societe', 'compagnie', 'banque', 'institut', 'office', 'agence', 'caisse', 'chambre', 'cooperative', 'fondation', 'ministere', 'observatoire', 'centre', 'haut-commissariat', 'autorite', 'cour', 'tribunal']);
function designatedNames(s: NlpSentence, spans: Span[]): void {
  const toks = s.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!CAPITALISED.test(t.form) || !FR_BODIES.has(key(t)) || t.upos === 'VERB') continue;
    let j = i + 1;
    let end = -1;
    let proper = false;
    while (j < toks.length && j - i < 10) {
      const w = toks[j]!;
      const k = key(w);
      if (/^(?:de|des|du|d'|le|la|les|l')$/.test(k) || w.upos === 'ADJ' || w.upos === 'NOUN' || w.upos === 'PROPN') {
        if (w.upos === 'ADJ' || w.upos === 'NOUN' || w.upos === 'PROPN') { end = j + 1; if (CAPITALISED.test(w.form) && w.upos === 'PROPN') proper = true; }
        j++;
        continue;
      }
      break;
    }
    if (end < 0 || !proper && !(toks[end - 1]!.upos === 'ADJ' && end - i === 2)) continue;
    if (proper) while (end > i && toks[end - 1]!.upos !== 'PROPN' && !CAPITALISED.test(toks[end - 1]!.form)) end--;
    if (end - i < 2) continue;
    // "Rassemblement national" (head and adjective) or a name reaching a proper noun.
    const inside = spans.filter((x) => x.a < end && x.b > i);
    if (inside.some((x) => x.a < i || x.ner === 'person')) continue;
    for (const x of inside) spans.splice(spans.indexOf(x), 1);
    spans.push({ a: i, b: end, ner: inside[0]?.ner ?? 'organization', score: inside[0]?.score ?? 0.5, source: inside.length ? 'ner' : 'shape', cues: [`name of a body: ${t.form} …`], votes: { ...noVotes(), organization: 2 } });
  }
}

/** Do these letters spell the initials of the name's words (connectors skipped)? "GLAR" ←
 * Groupement des Laiteries d'Armor et de Rance; "EADS" ← European Aeronautic Defence & Space. */
export function initialsMatch(acronym: string, words: readonly string[]): boolean {
  const letters = acronym.replace(/s$/, '').toLowerCase().replace(/[^a-z]/g, '');
  const full = words.flatMap((w) => w.split(/[-\s]+/)).map((w) => w.replace(/^[ld]'/, '')).filter((w) => w && !CONNECTORS.has(w) && !FUNCTION_WORDS.has(w));
  const initials = full.map((w) => w[0]).join('');
  if (initials === letters) return true;
  // A designator at the end may be left out of the acronym ("EADS" for "… Space Company").
  return full.length > letters.length && initials.slice(0, letters.length) === letters && full.length - letters.length <= 2;
}

/** Is the capitalised article opening a sentence part of the name? It is when the article writes
 * the same words capitalised inside a sentence too ("Jean-Yves Le Meur" … "Le Meur, éleveur"). */
function nameArticle(text: string, s: NlpSentence, sp: Span): boolean {
  const phrase = text.slice(s.tokens[sp.a]!.start, s.tokens[Math.min(sp.b, sp.a + 2) - 1]!.end);
  const re = new RegExp(`[\\p{L},] ${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u');
  return re.test(text);
}

/** Trims a recogniser span to the name and notes what was trimmed. */
function refine(s: NlpSentence, sp: Span, lang: Lang, text: string): void {
  const toks = s.tokens;
  for (;;) {
    if (sp.a >= sp.b) return;
    const t = toks[sp.a]!;
    const k = key(t);
    if (isPunct(t) && t.form !== '&') { sp.a++; continue; }
    if (HONORIFICS.has(k) || isTitle(k, lang)) {
      sp.votes.person += 4;
      sp.cues.push(`title ${t.form}`);
      if (FEMALE.has(k)) sp.gender = 'f';
      else if (MALE.has(k)) sp.gender = 'm';
      sp.a++;
      continue;
    }
    if (isRoleWord(k)) { sp.a++; continue; }
    // Determiners: "the Air Force" → "Air Force"; a capitalised article inside a sentence belongs
    // to the name ("selon Le Monde").
    if (t.upos === 'DET' && (!CAPITALISED.test(t.form) || (initial(s, sp.a) && !nameArticle(text, s, sp))) && sp.b - sp.a > 1) { sp.a++; continue; }
    if (!CAPITALISED.test(t.form) && !/^\d/.test(t.form) && sp.b - sp.a > 1) { sp.a++; continue; }
    if (initial(s, sp.a) && sp.b - sp.a > 1 && common(t, lang) && OPENER_TAGS.has(t.upos)) { sp.a++; continue; }
    if (initial(s, sp.a) && sp.b - sp.a > 1 && t.upos === 'ADJ' && /^(?:first|new|last|former|premier|premiere|nouveau|nouvelle|ancien|ancienne|dernier|derniere)$/.test(k)) { sp.a++; continue; }
    break;
  }
  for (;;) {
    if (sp.b <= sp.a) return;
    const t = toks[sp.b - 1]!;
    const k = key(t);
    if ((isPunct(t) && t.form !== '&') || t.form === "'s" || t.form === '’s' || (t.upos === 'PART' && /^'s?$/.test(t.form))) { sp.b--; continue; }
    if (isRoleWord(k) || isTitle(k, lang)) {
      // "Airbus President", "Microsoft CEO": the name before a role word is the organisation.
      if (!ROLE_MODIFIERS.has(k)) sp.votes.organization += 2.5;
      sp.cues.push(`before role word ${t.form}`);
      sp.b--;
      continue;
    }
    if (!CAPITALISED.test(t.form) && !/^\d/.test(t.form) && sp.b - sp.a > 1 && !/^(?:de|du|des|d'|of|la|le)$/.test(k)) { sp.b--; continue; }
    if (/^(?:de|du|des|d'|of|and|et|&)$/.test(k)) { sp.b--; continue; }
    break;
  }
  // A span made only of things that are not names (a month, a weekday, a demonym, a common word
  // opening the sentence) is dropped.
  const rest = toks.slice(sp.a, sp.b);
  // A common word written in lower case is no name, whatever the recogniser says ("the world 's").
  if (rest.length === 1 && !CAPITALISED.test(rest[0]!.form) && !/\d/.test(rest[0]!.form) && common(rest[0]!, lang)) { sp.b = sp.a; return; }
  if (rest.length === 1 && sp.cues.some((c) => c.startsWith('before role word')) && common(rest[0]!, lang)) { sp.b = sp.a; return; } // "Prime" of "Prime Minister"
  if (rest.length === 1 && gluedCommon(rest[0]!.form)) { sp.b = sp.a; return; }
  if (rest.length === 1 && initial(s, sp.a) && (rest[0]!.upos === 'ADJ' || rest[0]!.upos === 'VERB')) { sp.b = sp.a; return; } // « Émouvant » : …
  const onlyCommon = rest.every((t, i) => {
    const k = key(t);
    return FUNCTION_WORDS.has(k) || TIME_WORDS.has(k) || NOT_NAMES.has(k) || /\p{Sc}/u.test(t.form) || CURRENCIES.has(t.form) || (adjective(t, lang) && rest.length === 1) || (initial(s, sp.a + i) && common(t, lang) && rest.length === 1);
  });
  if (onlyCommon) sp.b = sp.a;
}

const SHIP_PREFIXES = new Set(['USS', 'HMS', 'RMS', 'HMAS', 'HMCS', 'INS', 'MV', 'SS']);
const MONEY_WORDS = new Set(['dollar', 'dollars', 'euro', 'euros', 'yuan', 'yen', 'livre', 'livres', 'pound', 'pounds', 'franc', 'francs', 'peso', 'pesos', 'rouble', 'roubles', 'ruble', 'rubles', 'roupie', 'roupies', 'rupee', 'rupees', 'couronne', 'couronnes', 'krone', 'kronor', 'won', 'real', 'reais', 'rand', 'shekel', 'shekels', 'dinar', 'dinars']);

/** Is the span a place that only says which currency ("dollars de Taïwan", "Hong Kong dollars")? */
function currencyPlace(toks: readonly Token[], a: number, b: number): boolean {
  const p1 = toks[a - 1], p2 = toks[a - 2], n1 = toks[b];
  if (p1 && p2 && /^(?:de|d['’]|of)$/i.test(p1.form) && MONEY_WORDS.has(fold(p2.form))) return true;
  return !!n1 && MONEY_WORDS.has(fold(n1.form)) && n1.form === n1.form.toLowerCase() && !(p1 && /^\d/.test(p1.form));
}

const ADD = (m: MentionCandidate, kind: keyof Votes, n: number, why: string): void => {
  m.votes[kind] += n;
  m.cues.push(why);
};

/** Evidence about the kind of a mention: the recogniser, the name's own words, its neighbours. */
function evidence(s: NlpSentence, m: MentionCandidate, lang: Lang, text: string): void {
  const toks = s.tokens;
  const [a, b] = m.tokens;
  const cues = CUES[lang];
  const known = placeNames().has(m.words.join(' ')) || PLACES.has(m.words.join(' ')) || MULTI_WORD_PLACES.has(m.words.join(' ')) || MULTI_WORD_PLACES.has(fold(m.text).replace(/\s+/g, ' ')) || regionCode(m.text);
  // The recogniser's vote weighs what its kind is worth: twice its held-out precision for that
  // kind (models/*.ner.md). The English one finds places with 40 % precision, organisations 47 %.
  if (m.ner) {
    m.nerWeight = 2 * NER_PRECISION[lang][m.ner] * m.score;
    m.votes[m.ner] += m.nerWeight;
  }
  const name = toks.slice(a, b).filter((t) => !isPunct(t));
  const first = name[0] ? key(name[0]) : '';
  const last = name.at(-1) ? key(name.at(-1)!) : '';
  const given = name.length >= 2 && FIRST_NAMES.has(first) && !name.slice(1).some((t) => orgWord(key(t), lang));
  if (given) ADD(m, 'person', 3, `given name ${name[0]!.form}`);
  if (name.length >= 2 && /^\p{Lu}\.$/u.test(name[0]!.form)) ADD(m, 'person', 1.5, 'initial');
  const frFirst = lang === 'fr' && cues.orgWords.has(first) && name.length > 1 && !given;
  if (orgWord(last, lang) || frFirst) ADD(m, 'organization', 3, `designator ${frFirst ? name[0]!.form : name.at(-1)!.form}`);
  else if (name.slice(0, -1).some((t) => orgWord(key(t), lang))) ADD(m, 'organization', 1.5, 'designator inside');
  if (cues.placeWords.has(last) || (lang === 'fr' && cues.placeWords.has(first) && name.length > 1)) ADD(m, 'place', 3, `place word ${lang === 'fr' && cues.placeWords.has(first) ? name[0]!.form : name.at(-1)!.form}`);
  if (name.some((t) => lettersCode(t.form) || (isCode(t.form) && name.length > 1)) || m.source === 'code') ADD(m, 'product', 4, 'model code');
  if (known) ADD(m, 'place', 2.5, regionCode(m.text) ? 'country code' : 'country or city name');
  if (name.length >= 2 && ORG_FIRST_WORDS.has(first)) ADD(m, 'organization', 2, `designator ${name[0]!.form}`);
  if (m.source === 'acronym' && !known) ADD(m, 'organization', 1, 'acronym');
  // One word with a capital inside after small letters ("ChatGPT", "YouTube", "iPhone") is the
  // shape of a brand, a product or a company, rarely of a place or a person (not "McDonald",
  // "MacArthur", "DeSantis", "LaGuardia": a surname's particle glued to it).
  if (name.length === 1 && !known && /^\p{L}*\p{Ll}\p{Lu}/u.test(name[0]!.form) && !/^(?:Mc|Mac|O'|De|Di|Da|Du|La|Le|Van|Von)\p{Lu}/u.test(name[0]!.form)) {
    ADD(m, 'product', 1.25, 'capital inside the word');
    ADD(m, 'organization', 1.25, 'capital inside the word');
  }
  // The words before it.
  const prev = toks[a - 1], prev2 = toks[a - 2];
  const pk = prev ? key(prev) : '';
  // The word before as written, hyphens kept ("start-up", « porte-parole »).
  const pw = fold(/([^\s«»"“”()]+)\s*$/u.exec(text.slice(Math.max(s.start, m.start - 40), m.start))?.[1] ?? '');
  if (prev && HONORIFICS.has(pk) && CAPITALISED.test(prev.form) && !m.cues.some((c) => c.startsWith('title'))) {
    ADD(m, 'person', 4, `title ${prev.form}`);
    if (FEMALE.has(pk)) m.gender = 'f';
    else if (MALE.has(pk)) m.gender = 'm';
  }
  const noun = ORG_NOUNS.has(pw) || PERSON_NOUNS.has(pw) || PLACE_NOUNS.has(pw) || PRODUCT_NOUNS.has(pw) || OTHER_NOUNS.has(pw) ? pw : pk;
  if (prev && ORG_NOUNS.has(noun) && !isPunct(prev)) ADD(m, 'organization', 2.5, `after "${noun}"`);
  if (prev && PERSON_NOUNS.has(noun) && !ORG_NOUNS.has(noun)) ADD(m, 'person', 2, `after "${noun}"`);
  if (prev && PLACE_NOUNS.has(noun)) ADD(m, 'place', 2, `after "${noun}"`);
  if (prev && PRODUCT_NOUNS.has(noun)) ADD(m, 'product', 2, `after "${noun}"`);
  // A kind of product, then its qualifiers, then the name: « des missiles américains ATACMS »,
  // « un missile balistique hypersonique baptisé "Orechnik" », "a jet dubbed Dreamliner".
  {
    let k = a - 1;
    while (k >= 0 && a - k <= 7 && (toks[k]!.upos === 'ADJ' || toks[k]!.upos === 'CCONJ' || (toks[k]!.upos === 'PROPN' && toks[k - 1]?.upos === 'ADJ') || isPunct(toks[k]!) && /^[«"“'`]+$/.test(toks[k]!.form) || /^(?:baptise|baptisee|baptises|surnomme|surnommee|nomme|nommee|dubbed|named|called)$/.test(key(toks[k]!)))) k--;
    if (k >= 0 && k < a - 1 && toks[k]!.upos === 'NOUN' && PRODUCT_NOUNS.has(key(toks[k]!))) ADD(m, 'product', 2.5, `a "${toks[k]!.form}" named so`);
  }
  // A named event of a year: « JO-2024 », "Euro 2024", "Expo 2025".
  if (/^\p{L}{2,}[- ](?:19|20)\d\d$/u.test(m.text)) ADD(m, 'other', 9, 'a name and its year');
  // A ship's prefix: "USS Iwo Jima", "HMS Queen Elizabeth".
  if (name.length >= 2 && SHIP_PREFIXES.has(name[0]!.form)) ADD(m, 'product', 4, `ship prefix ${name[0]!.form}`);
  // Where something happens: « reçue à l'Elysée », « le palais de l'Elysée », "at the White House".
  if (prev && /^(?:DET)$/.test(prev.upos) && prev2) {
    const k2 = key(prev2), p3 = toks[a - 3];
    if (LOCATIVE.has(k2) && prev2.upos === 'ADP') ADD(m, 'place', 0.7, `after "${prev2.form} ${prev.form}"`);
    if (/^(?:of|de|d)$/.test(k2) && p3 && PLACE_NOUNS.has(key(p3))) ADD(m, 'place', 2, `"${p3.form} ${prev2.form} ${prev.form}"`);
  }
  // « sur Telegram », « sur Google »: a platform one posts or searches on.
  if (lang === 'fr' && prev && pk === 'sur' && !known && !given) ADD(m, 'product', 1.5, 'after "sur"');
  if (prev && OTHER_NOUNS.has(noun)) ADD(m, 'other', 3, `after "${noun}"`);
  if (KNOWN_ORGS.has(m.words.join(' '))) ADD(m, 'organization', 4, 'an international body');
  // The noun an apposition renames: "Irish low-cost airline, Ryanair, …", « le constructeur, Airbus ».
  if (prev && prev.form === ',' && prev2) {
    const k2 = key(prev2);
    if (ORG_NOUNS.has(k2) && prev2.upos === 'NOUN') ADD(m, 'organization', 2.5, `apposed to "${prev2.form}"`);
    else if (PLACE_NOUNS.has(k2) && prev2.upos === 'NOUN') ADD(m, 'place', 2, `apposed to "${prev2.form}"`);
  }
  if (prev && /^(?:of|de|d')$/.test(pk) && prev2 && PLACE_NOUNS.has(key(prev2))) ADD(m, 'place', 2, `"${prev2.form} ${prev.form}"`);
  if (prev && /^(?:of|de|d'|du)$/.test(pk) && prev2 && PRODUCT_OF.has(key(prev2))) ADD(m, 'product', 2, `"${prev2.form} ${prev.form}"`);
  if (prev && /^(?:of|de|d'|in|a)$/.test(pk) && prev2 && FACILITIES.has(key(prev2))) ADD(m, 'place', 2, `"${prev2.form} ${prev.form}"`);
  if (prev && /^(?:of|de|d'|du|at|chez)$/.test(pk) && prev2 && (isRoleWord(key(prev2)) || ORG_OF.has(key(prev2)))) ADD(m, 'organization', 3, `${prev2.form} ${prev.form} …`);
  if (prev && pk === 'chez' && !given) ADD(m, 'organization', 1.5, 'after "chez"');
  // One joins, is hired by, works for an organisation: "joins Norvane", « rejoint Microsoft ».
  if (prev && prev.upos === 'VERB' && /^(?:rejoindre|rejoigner|join|integrer|found|fonder|cofound|cofonder)$/.test(fold(prev.lemma)) && !given) ADD(m, 'organization', 2, `joined or founded ("${prev.form}")`);
  if (prev && LOCATIVE.has(pk) && prev.upos === 'ADP') ADD(m, 'place', 0.7, `after "${prev.form}"`);
  // "selon X", "according to X", "par X": a source or an agent, someone or some body, not a place.
  if (prev && (/^(?:selon|par|by)$/.test(pk) || (pk === 'to' && prev2 && key(prev2) === 'according')) && !known && !given) ADD(m, 'organization', 1, `after "${prev.form}"`);
  // The words after it.
  const next = toks[b], next2 = toks[b + 1], next3 = toks[b + 2];
  const nk = next ? key(next) : '';
  if (next && (BASED.has(nk) || /-based$/i.test(next.form) || (next.form === '-' && next2 && BASED.has(key(next2))))) ADD(m, 'place', 2.5, '… based');
  if (/-based$/i.test(m.text)) ADD(m, 'place', 2.5, '-based');
  if (next && ORG_NOUNS.has(nk) && next.upos === 'NOUN' && !isPunct(next)) ADD(m, 'organization', 1, `before "${next.form}"`);
  if (next && PRODUCT_NOUNS.has(nk) && next.upos === 'NOUN') ADD(m, 'product', 1.5, `before "${next.form}"`);
  if (next && isRoleWord(nk) && !ROLE_MODIFIERS.has(nk)) ADD(m, 'organization', 2, `before role word ${next.form}`);
  if (next && (next.form === "'s" || next.form === '’s' || next.form === "'") && next2 && (isRoleWord(key(next2)) || ORG_NOUNS.has(key(next2)))) ADD(m, 'organization', 1.5, `'s ${next2.form}`);
  // Apposition with a common noun: "Ryanair, a low-cost airline", « Mende, une ville de Lozère »
  // (closed by a comma or the end, no verb in it: « À l'Elysée, la secrétaire générale a dit » is none).
  let closed = false;
  if (next && next.form === ',' && next2 && next2.upos === 'DET')
    for (let k = b + 2; k < toks.length; k++) {
      if (toks[k]!.upos === 'VERB' || toks[k]!.upos === 'AUX') break;
      if (toks[k]!.form === ',' || toks[k]!.form === ')' || k === toks.length - 1) { closed = true; break; }
    }
  if (closed) {
    for (let k = b + 2; k < Math.min(toks.length, b + 6); k++) {
      const w = key(toks[k]!);
      if (toks[k]!.upos !== 'NOUN') continue;
      if (PLACE_NOUNS.has(w)) ADD(m, 'place', 3, `apposition "${toks[k]!.form}"`);
      else if (ORG_NOUNS.has(w)) ADD(m, 'organization', 3, `apposition "${toks[k]!.form}"`);
      else if (PERSON_NOUNS.has(w) || isRoleWord(w)) ADD(m, 'person', 3, `apposition "${toks[k]!.form}"`);
      break;
    }
  }
  // A name that acts ("Airbus has warned", "Ryanair exercises"), and nothing says is a person or a
  // known place: more likely an organisation.
  if (next && (next.upos === 'VERB' || next.upos === 'AUX') && !known && !(name.length >= 2 && FIRST_NAMES.has(first)) && !m.gender) ADD(m, 'organization', 0.8, 'acts');
  void next3;
}
