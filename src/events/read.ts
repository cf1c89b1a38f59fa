// What one article tells on its own: candidate events (a trigger of the vocabulary, its
// participants read in the parse, its date from the sentence) and quotations (words attributed to
// a speaker by a verb of saying, « selon » or "according to"). A pure function of the article, its
// reading by the entities stage and its reference date, cached per article by index.ts.
import { parseSentence, type Lang, type Sentence as NlpSentence } from '../nlp/index.ts';
import type { ArticleEntities, MentionCandidate } from '../entities/index.ts';
import type { StoryArticle } from '../types.ts';
import { findDates } from './dates/index.ts';
import { dateOf, tellingOf, type PlacedDate } from './dating.ts';
import { canBe, mentionOf, nearestAfter, nearestBefore, orgBelow, participantsOf, type SentenceCtx } from './participants.ts';
import { timexToDate, type ArticleRef } from './reference.ts';
import { findTriggers, isVerbTrigger, lemmaKey } from './triggers.ts';
import type { Amount, ArticleEvents, EventCandidate, EventDate, QuotationCandidate } from './types.ts';
import { ASPECTUAL, CONDITIONS, MODAL_AUX, MODAL_HEADS, NEGATIONS, SAY_VERBS, type TriggerWord } from './vocab/triggers.ts';

/** Bumped whenever what an article yields changes. */
export const EVENTS_METHOD_VERSION = 3;

const PERSONNEL = new Set(['dismissal', 'resignation', 'departure', 'hire', 'appointment', 'return']);
const QUOTES = /["«»“”„]|``|''/;
const DATELINE = /^\s*\p{Lu}[\p{Lu}\p{M} .'-]{1,40},[^\n]{0,80}?\s[-—–]\s/u;

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function readEvents(a: StoryArticle, nlp: readonly NlpSentence[], ents: ArticleEntities, ref: ArticleRef | undefined): ArticleEvents {
  const out: ArticleEvents = { articleId: a.id, events: [], quotations: [] };
  if (!nlp.length) return out;
  const lang = ents.lang;
  const mentions = ents.mentions;
  const bySentence = new Map<number, number[]>();
  mentions.forEach((m, i) => (bySentence.get(m.sentence) ?? bySentence.set(m.sentence, []).get(m.sentence)!).push(i));
  const dates = datesBySentence(a.text, nlp, lang, ref);
  let focus: EventDate | null = null;
  // A wire dateline ("DINAN, France, Oct 9 (Meridian Wire) -") names where the report was filed,
  // not who acted: its names are nobody's participants.
  const dateline = DATELINE.exec(a.text)?.[0].length ?? 0;
  // The happenings told so far, by the word that told them (a verb, or the event noun it took):
  // "the order", "the deal" later in the article take one of them up.
  const told = new Map<string, EventCandidate>();

  nlp.forEach((s, si) => {
    const prevFocus = focus;
    for (const d of dates.get(si) ?? []) if (d.date.precision === 'day' || d.date.precision === 'hour') focus = d.date;
    let triggers = findTriggers(s, lang);
    const says = s.tokens.map((t, i) => ({ t, i })).filter(({ t }) => (t.upos === 'VERB' && SAY_VERBS[lang].has(lemmaKey(t, lang))) || /^(?:selon|according)$/i.test(t.form));
    if (!triggers.length && !says.length) return;
    // Something to say about someone: a name here or in the two sentences before (pronouns).
    if (![si, si - 1, si - 2].some((k) => bySentence.has(k))) return;
    // Words of a temporal expression are nouns, whatever the tagger said (« fin septembre » read as
    // a verb): the parse is then made (or made again) on the right parts of speech.
    let retagged = false;
    for (const d of dates.get(si) ?? []) for (let t = d.tokens[0]; t < d.tokens[1]; t++) if (s.tokens[t]!.upos === 'VERB' || s.tokens[t]!.upos === 'AUX') { s.tokens[t]!.upos = 'NOUN'; retagged = true; }
    // A name is a proper noun, whatever the tagger took it for ("Boeing" read as an auxiliary or
    // a participle), and without the features of what it was taken for: the parser reads both.
    for (const i of bySentence.get(si) ?? [])
      for (let t = mentions[i]!.tokens[0]; t < mentions[i]!.tokens[1]; t++) {
        const tok = s.tokens[t]!;
        if (tok.upos === 'AUX' || tok.upos === 'VERB') { tok.upos = 'PROPN'; retagged = true; }
        if (tok.upos === 'PROPN' && /VerbForm|Tense|Mood/.test(tok.feats)) { tok.feats = 'Number=Sing'; retagged = true; }
      }
    // An English word after an article or a possessive is a noun, whatever the tagger said
    // ("upheld Boeing 's protest", "the order"): a verb has no determiner.
    if (lang === 'en')
      for (let t = 1; t < s.tokens.length; t++) {
        const tok = s.tokens[t]!, prev = s.tokens[t - 1]!;
        if (tok.upos !== 'VERB' || /VerbForm=(?:Ger|Part)/.test(tok.feats)) continue;
        if ((prev.upos === 'DET' && /PronType=Art/.test(prev.feats)) || /Poss=Yes/.test(prev.feats) || (prev.upos === 'PART' && /^'?s$/i.test(prev.form))) { tok.upos = 'NOUN'; tok.feats = 'Number=Sing'; retagged = true; }
      }
    // A headline drops its articles and writes its verb in the present, which the tagger may take
    // for a noun ("Northrop Grumman and EADS defeat Boeing"): with no verb in it, a verb of the
    // vocabulary between a name and what it governs is the verb.
    if (lang === 'en' && !/[.!?'"]\s*$/.test(s.text) && !s.tokens.some((t) => t.upos === 'VERB')) {
      const named = new Uint8Array(s.tokens.length);
      for (const i of bySentence.get(si) ?? []) named.fill(1, mentions[i]!.tokens[0], mentions[i]!.tokens[1]);
      for (let t = 1; t + 1 < s.tokens.length; t++) {
        const tok = s.tokens[t]!;
        if (tok.upos !== 'NOUN' || !named[t - 1] || named[t] || !isVerbTrigger(tok, lang)) continue;
        if (!named[t + 1] && !/^(?:DET|NUM|ADJ|SYM)$/.test(s.tokens[t + 1]!.upos)) continue;
        tok.upos = 'VERB';
        tok.feats = 'Mood=Ind|Tense=Pres|VerbForm=Fin';
        retagged = true;
        break;
      }
    }
    if (retagged) { s.parsed = false; triggers = findTriggers(s, lang); }
    parseSentence(s, lang);
    const mentionAt = new Int32Array(s.tokens.length).fill(-1);
    for (const i of bySentence.get(si) ?? []) if (mentions[i]!.start >= dateline) for (let t = mentions[i]!.tokens[0]; t < mentions[i]!.tokens[1]; t++) mentionAt[t] = i;
    const children: number[][] = s.tokens.map(() => []);
    s.tokens.forEach((t, i) => { if (t.head >= 0) children[t.head]!.push(i); });
    const placed = dates.get(si) ?? [];
    const timex = new Uint8Array(s.tokens.length);
    for (const d of placed) timex.fill(1, d.tokens[0], d.tokens[1]);
    const c: SentenceCtx = { s, si, lang, mentions, mentionAt, children, from: dateline, timex };
    const heads = new Set(triggers.map((h) => h.tokens[0]!));
    const folded: { noun: string; head: number }[] = [];
    const mine: { head: number; cand: EventCandidate }[] = [];

    for (const hit of triggers) {
      const h = hit.tokens[0]!;
      const tok = s.tokens[h]!;
      // An event noun that is the object of another trigger is that event told again ("announced
      // job cuts", "has won an order"): one event.
      // A generic verb whose object is a more telling event noun ("signed a letter", « a remis
      // sa démission ») yields to the noun.
      // The noun is told apart when it is a personnel event an announcement reports (« a annoncé
      // le retour de X »): both are events.
      if (tok.upos === 'NOUN' && tok.head >= 0 && heads.has(tok.head) && /^(?:obj|nsubj:pass)$/.test(tok.deprel) && !yields(triggers, tok.head, hit) && !reported(triggers, tok.head, hit)) {
        // "won an order", "signed a deal": the noun names the same transaction as its verb.
        if (tok.deprel === 'obj' && triggers.find((o) => o.tokens[0] === tok.head)?.entries.every((e) => e.type === 'other')) folded.push({ noun: hit.entries[0]!.words, head: tok.head });
        continue;
      }
      if (tok.upos !== 'NOUN' && triggers.some((o) => o !== hit && s.tokens[o.tokens[0]!]!.head === h && /^(?:obj|nsubj:pass)$/.test(s.tokens[o.tokens[0]!]!.deprel) && s.tokens[o.tokens[0]!]!.upos === 'NOUN' && yields(triggers, h, o))) continue;
      // "began to fly", « a commencé à livrer »: the verb it governs is the happening.
      if (tok.upos === 'VERB' && ASPECTUAL[lang].has(lemmaKey(tok, lang)) && c.children[h]!.some((k) => s.tokens[k]!.deprel === 'xcomp' && s.tokens[k]!.upos === 'VERB')) continue;
      if (modal(c, h)) continue;
      // Personnel moves told in the present are news ("X joins Y"); anything else a state or a habit.
      if (hit.entries.every((e) => !PERSONNEL.has(e.type)) && generic(c, h)) continue;
      if (qualifier(c, h)) continue;
      if (held(c, h)) continue;
      // A verb of saying that introduces what is said (« jugeant que … ») is a quotation.
      if (tok.upos === 'VERB' && SAY_VERBS[lang].has(lemmaKey(tok, lang)) && c.children[h]!.some((k) => /^(?:ccomp|parataxis)/.test(s.tokens[k]!.deprel))) continue;
      let found = false;
      for (const e of hit.entries) {
        const cand = candidate(a, c, hit.tokens, e, ents, placed, heads);
        if (cand) {
          const before = placed.filter((d) => d.tokens[1] <= h && (d.date.precision === 'day' || d.date.precision === 'hour')).at(-1);
          cand.focus = before?.date ?? prevFocus;
          out.events.push(cand);
          mine.push({ head: h, cand });
          found = true;
          break;
        }
      }
      // "The order , which is believed to be worth $ 15 billion , has given a boost": a definite
      // event noun that names no one of its own takes up the happening told before by that word.
      // Only within a few sentences: further on, the noun more likely names the kind of thing.
      const ant = !found && tok.upos === 'NOUN' && definite(c, h) ? hit.entries.map((e) => told.get(e.words)).find((x) => x && si - x.sentence <= 3) : undefined;
      if (ant) {
        const span = triggerSpan(a, c, hit.tokens);
        const again: EventCandidate = {
          ...ant, sentence: si, sentenceStart: s.start, sentenceText: s.text, triggerStart: span.start, triggerEnd: span.end, trigger: span.text,
          date: { start: null, end: null, precision: 'unknown', text: '' }, strength: 'none', telling: ant.date.start ? 'news' : 'background', focus: null, amount: amountNear(c, h) ?? ant.amount,
          cue: `${ant.type}: "${tok.form}" takes up "${ant.trigger}"`,
        };
        out.events.push(again);
      }
    }
    // What was said or announced is not taken up by a noun: the noun names what was announced.
    for (const m of mine) if (!/^(?:announcement|statement|letter)$/.test(m.cand.type)) told.set(m.cand.lemma, m.cand);
    for (const f of folded) { const m = mine.find((x) => x.head === f.head); if (m) told.set(f.noun, m.cand); }
    for (const { i } of says) {
      const q = quotation(a, c, i);
      if (q) out.quotations.push(q);
    }
  });
  return out;
}

/** Does the verb trigger at `verb` yield to the noun trigger `noun` (a generic verb, a telling noun)? */
function yields(triggers: readonly { tokens: number[]; entries: TriggerWord[] }[], verb: number, noun: { entries: TriggerWord[] }): boolean {
  const v = triggers.find((t) => t.tokens[0] === verb);
  return !!v && v.entries.every((e) => e.type === 'other') && noun.entries.some((e) => e.type !== 'other');
}

/** Is the noun trigger a personnel event that the verb trigger at `verb` announces or states? */
function reported(triggers: readonly { tokens: number[]; entries: TriggerWord[] }[], verb: number, noun: { entries: TriggerWord[] }): boolean {
  const v = triggers.find((t) => t.tokens[0] === verb);
  return !!v && v.entries.some((e) => e.type === 'announcement' || e.type === 'statement') && noun.entries.some((e) => PERSONNEL.has(e.type));
}

/** The temporal expressions of each sentence, resolved against the article's reference date. */
function datesBySentence(text: string, nlp: readonly NlpSentence[], lang: Lang, ref: ArticleRef | undefined): Map<number, PlacedDate[]> {
  const out = new Map<number, PlacedDate[]>();
  if (!ref) return out;
  let si = 0;
  for (const t of findDates(text, { ref: ref.date, lang })) {
    if (t.type !== 'date' && t.type !== 'time') continue;
    const d = timexToDate(t, ref);
    if (!d) continue;
    while (si < nlp.length && nlp[si]!.end <= t.start) si++;
    const s = nlp[si];
    if (!s || t.start < s.start) continue;
    const first = s.tokens.findIndex((k) => k.end > t.start);
    let last = first;
    while (last < s.tokens.length && s.tokens[last]!.start < t.end) last++;
    if (first < 0 || last <= first) continue;
    (out.get(si) ?? out.set(si, []).get(si)!).push({ tokens: [first, last], date: d });
  }
  return out;
}

/** A threat, a wish, a plan, a possibility or a condition, not a happening: "could resign",
 * « menacent de démissionner », "called for his resignation", "if he leaves". */
function modal(c: SentenceCtx, h: number): boolean {
  const toks = c.s.tokens;
  const t = toks[h]!;
  for (const k of c.children[h]!) {
    const d = toks[k]!;
    if (/^aux/.test(d.deprel) && MODAL_AUX.has(d.lemma.toLowerCase())) return true;
    if (d.deprel === 'mark' && CONDITIONS.has(fold(d.form))) return true;
    if (/^aux/.test(d.deprel) && /Mood=Cnd/.test(d.feats)) return true;
  }
  if (/Mood=Cnd/.test(t.feats)) return true;
  // An event noun told through a verb that is only possible ("the first flight may take place").
  if (t.upos === 'NOUN' && t.head >= 0 && /^(?:nsubj|obj)/.test(t.deprel) && c.children[t.head]!.some((k) => /^aux/.test(toks[k]!.deprel) && MODAL_AUX.has(toks[k]!.lemma.toLowerCase()))) return true;
  // A purpose: « pour racheter l'usine », "to buy the plant", « afin de … ».
  if (/VerbForm=Inf/.test(t.feats) && c.children[h]!.some((k) => toks[k]!.deprel === 'mark' && /^(?:pour|afin|to)$/i.test(toks[k]!.form)) && (c.lang === 'fr' ? /^(?:advcl|xcomp|acl)/ : /^advcl/).test(t.deprel)) return true;
  let v = h;
  for (let step = 0; step < 4; step++) {
    const d = toks[v]!;
    if (d.head < 0 || !/^(?:xcomp|ccomp|obj|nmod|obl|acl|conj|advcl)/.test(d.deprel)) break;
    if (d.deprel === 'conj') { v = d.head; continue; }
    const up = toks[d.head]!;
    // The English lemmatizer may mend a regular form wrongly ("aimed" → "aime"): its stem too.
    const stem = c.lang === 'en' ? fold(up.form).replace(/(?:ed|ing|s)$/, '') : '';
    if ((up.upos === 'VERB' || up.upos === 'AUX' || up.upos === 'NOUN' || up.upos === 'ADJ') && (MODAL_HEADS[c.lang].has(fold(up.lemma)) || MODAL_HEADS[c.lang].has(stem))) return true;
    if (up.upos === 'ADJ' && /^(?:possible|potential|potentiel|potentielle|eventuel|eventuelle|likely|probable)$/.test(fold(up.lemma))) return true;
    v = d.head;
  }
  // "a possible merger", « un éventuel retour »
  for (const k of c.children[h]!) if (toks[k]!.deprel === 'amod' && /^(?:possible|potential|potentiel|potentielle|eventuel|eventuelle|likely|probable|planned|prevu|prevue|proposed)$/.test(fold(toks[k]!.lemma))) return true;
  return false;
}

/** An event noun held rather than happening: "Boeing has 237 orders", "Qatar has a previous
 * order", « la société compte 300 commandes » (a state, GUIDE: owning, having N orders); and
 * a rise or fall that only qualifies (« en hausse de 24 % », « revu à la baisse »). */
function held(c: SentenceCtx, h: number): boolean {
  const t = c.s.tokens[h]!;
  if (t.upos !== 'NOUN' || t.head < 0) return false;
  // "has a total of 237 orders", « compte un carnet de 300 commandes »: through the noun that counts them.
  let n = h;
  while (/^nmod/.test(c.s.tokens[n]!.deprel) && c.s.tokens[n]!.head >= 0 && /^(?:NOUN|ADJ|NUM)$/.test(c.s.tokens[c.s.tokens[n]!.head]!.upos)) n = c.s.tokens[n]!.head;
  const nt = c.s.tokens[n]!;
  if (nt.head >= 0 && /^(?:obj|nsubj:pass)/.test(nt.deprel) && /^(?:have|avoir|compter|totaliser|hold|detenir)$/.test(fold(c.s.tokens[nt.head]!.lemma))) return true;
  return /^(?:hausse|baisse)$/.test(fold(t.lemma)) && c.children[h]!.some((k) => /^(?:case|det)$/.test(c.s.tokens[k]!.deprel) && /^(?:en|a|la|l')$/.test(fold(c.s.tokens[k]!.form))) && /^(?:obl|nmod|advmod|amod)/.test(t.deprel);
}

/** An English participle that only qualifies a noun, with no auxiliary of its own ("the jet
 * built in 1995", "its best selling jet"): a description, not a happening told. */
function qualifier(c: SentenceCtx, h: number): boolean {
  const t = c.s.tokens[h]!;
  if (t.upos === 'NOUN' || t.head < 0 || c.lang !== 'en') return false;
  if (c.children[h]!.some((k) => /^(?:aux|nsubj|cop)/.test(c.s.tokens[k]!.deprel))) return false;
  // Right after a name that is not the noun it would qualify, a past form is that name's verb
  // ("a milestone : the first Airbus A380 landed at Changi").
  if (t.deprel.startsWith('acl') && t.head !== h - 1 && h > 0 && c.mentionAt[h - 1]! >= 0) return false;
  // A clause on a noun with neither subject nor auxiliary is a reduced relative, whatever form the
  // tagger gave the participle ("the final jet built to AirTran": "built" read as a past tense).
  // Unless that noun is the sentence's root with no copula: then the parse found no main verb, and
  // the clause is it ("The board appointed X as …" parsed as "board" with "appointed" hung on it;
  // "X was the plane built by Y" keeps its copula).
  const noun = t.head >= 0 ? c.s.tokens[t.head]! : undefined;
  const verbless = noun?.head === -1 && !c.children[t.head]!.some((k) => c.s.tokens[k]!.deprel === 'cop');
  if (t.deprel === 'acl' && noun?.upos === 'NOUN' && !verbless && h > t.head && h > 0 && c.s.tokens[h - 1]!.upos !== 'PUNCT') return true;
  if (!/VerbForm=(?:Part|Ger)/.test(t.feats) && !/(?:ing|ed)$/i.test(t.form)) return false;
  if (/VerbForm=Fin/.test(t.feats)) return false;
  // After a comma it is more likely the main verb the parse hung on an apposition ("X's CFO, Jane Roe, resigned").
  return t.deprel.startsWith('amod') || t.deprel === 'compound' || (t.deprel.startsWith('acl') && h > 0 && c.s.tokens[h - 1]!.upos !== 'PUNCT');
}

/** An English verb in the simple present outside a headline ("the plane is built with four
 * engines", "the 787 offers 20 more seats"): a state or a habit, not a happening told. */
function generic(c: SentenceCtx, h: number): boolean {
  if (c.lang !== 'en') return false;
  const toks = c.s.tokens;
  const t = toks[h]!;
  if (t.upos !== 'VERB' || !/[.!?'"]\s*$/.test(c.s.text)) return false;
  const aux = c.children[h]!.filter((k) => /^aux/.test(toks[k]!.deprel));
  // "will carry 250 passengers", "will seat 300": a simple future measured in a quantity is what
  // the thing can do, not a trip scheduled.
  const counted = (k: number): boolean => toks[k]!.upos === 'NUM' || c.children[k]!.some((x) => toks[x]!.deprel === 'nummod');
  if (aux.length === 1 && /^(?:will|shall)$/i.test(toks[aux[0]!]!.form) && /VerbForm=Inf/.test(t.feats) && !c.timex?.some((x) => x) && c.children[h]!.some((k) => /^(?:obj|obl)/.test(toks[k]!.deprel) && counted(k))) return true;
  const finite = aux.length ? aux : [h];
  if (!finite.every((k) => /Tense=Pres/.test(toks[k]!.feats) || (k === h && /VerbForm=Fin/.test(toks[k]!.feats) && !/Tense=Past/.test(toks[k]!.feats)))) return false;
  // "is leaving", "has won": progressive and perfect tell what is happening or happened.
  if (aux.some((k) => /^(?:have|will|shall|do|can|may|must|should|would|could|might)$/.test(toks[k]!.lemma.toLowerCase()))) return false;
  if (/VerbForm=Ger|Tense=Pres\|VerbForm=Part/.test(t.feats)) return false;
  return !aux.length ? /Tense=Pres/.test(t.feats) : toks[aux[0]!]!.deprel === 'aux:pass';
}

/** A noun with a definite determiner ("the order", « cette commande »). */
function definite(c: SentenceCtx, h: number): boolean {
  // As written: « des » and « du » hold an article but are no definite determiner of their own.
  const surface = (k: number): string => c.s.text.slice(c.s.tokens[k]!.start - c.s.start, c.s.tokens[k]!.end - c.s.start);
  return c.children[h]!.some((k) => c.s.tokens[k]!.deprel === 'det' && /^(?:the|this|that|these|those|le|la|les|l['’]|ce|cet|cette|ces)$/i.test(surface(k)));
}

function negated(c: SentenceCtx, h: number): boolean {
  return c.children[h]!.some((k) => {
    const d = c.s.tokens[k]!;
    return /^(?:advmod|neg|det)/.test(d.deprel) && NEGATIONS.has(fold(d.form)) && !(d.deprel === 'det' && c.lang === 'en' && fold(d.form) !== 'no');
  });
}

/** The trigger as written: the auxiliaries right before it, its words, its particles. */
function triggerSpan(a: StoryArticle, c: SentenceCtx, tokens: number[]): { start: number; end: number; text: string } {
  const toks = c.s.tokens;
  const h = tokens[0]!;
  let first = Math.min(...tokens);
  const last = Math.max(...tokens);
  while (first > 0 && toks[first - 1]!.head === h && /^aux/.test(toks[first - 1]!.deprel)) first--;
  const start = toks[first]!.start, end = toks[last]!.end;
  return { start, end, text: a.text.slice(start, end) };
}

function candidate(a: StoryArticle, c: SentenceCtx, tokens: number[], e: TriggerWord, ents: ArticleEntities, placed: readonly PlacedDate[], heads: ReadonlySet<number>): EventCandidate | null {
  const h = tokens[0]!;
  const s = c.s;
  if (e.needsClause && !c.children[h]!.some((k) => /^(?:xcomp|ccomp)/.test(s.tokens[k]!.deprel))) return null;
  const p = participantsOf(c, h, e.frame, e.pos, tokens);
  const personnel = PERSONNEL.has(e.type);
  const near: string[] = [];
  if (personnel) {
    if (!p.subjects.length) {
      // The parse left the person out: the nearest person of the clause, before a verb of
      // which they are the subject, after a verb of which they are the object.
      const passive = c.children[h]!.some((k) => s.tokens[k]!.deprel === 'aux:pass');
      const m = e.frame === 'patient' && e.pos === 'verb' && !passive ? nearestAfter(c, Math.max(...tokens), (k) => k === 'person', 8, true) : e.pos === 'noun' ? nearestAfter(c, Math.max(...tokens), (k) => k === 'person', 4, true) : nearestBefore(c, h, (k) => k === 'person', true);
      if (m !== null) { p.subjects.push(m); near.push('person: nearest name'); }
    }
    p.subjects = p.subjects.filter((m) => canBe(c.mentions[m]!, 'person'));
    if (!p.subjects.length) return null;
    if (e.frame === 'join' && p.org === null) {
      const o = nearestAfter(c, Math.max(...tokens), (k) => k !== 'place', 3);
      if (o === null) return null;
      p.org = o;
      near.push('organisation: right after');
    }
  } else {
    const finite = /VerbForm=Fin/.test(s.tokens[h]!.feats) || c.children[h]!.some((k) => /^aux/.test(s.tokens[k]!.deprel));
    if (!p.subjects.length && !p.parsedSubject && s.tokens[h]!.upos === 'VERB' && finite) {
      const m = nearestBefore(c, h, (k) => k !== 'place');
      if (m !== null) { p.subjects.push(m); near.push('subject: nearest name before'); }
    }
    if (!p.subjects.length && p.object === null && p.org === null) return null;
    // What an offer or a purchase is for: the company it is about.
    if (e.type === 'investment' && p.org === null) {
      const o = orgBelow(c, h, new Set(p.subjects));
      if (o !== null) { p.org = o; near.push('organisation: in what it governs'); }
    }
  }
  // The role the event gives (« nommé PDG par intérim »), or takes away (« limogé de son poste de PDG »).
  let role: EventCandidate['role'] = null;
  if (personnel && !e.noPosition) {
    const subj = p.subjects[0]!;
    const mine = ents.roles.filter((r) => r.sentence === c.si && r.role !== 'employee' && r.role !== 'founder');
    // A role taken is named after the trigger (« nommée PDG par intérim », "named chief
    // executive"); a role left is the one the person held (« son patron Sam Altman est démis »).
    const byHolder = mine.find((r) => r.holder === subj && !(e.type === 'appointment' || e.type === 'hire' || e.type === 'return' ? r.former || r.start < s.tokens[h]!.start : false));
    const after = mine.filter((r) => r.start >= s.tokens[h]!.end && !r.former && (r.holder === null || r.holder === subj) && r.start - s.tokens[h]!.end < 120);
    const taking = e.type === 'appointment' || e.type === 'hire' || e.type === 'return';
    const r = taking ? (after[0] ?? byHolder) : (byHolder ?? after[0]);
    if (r) role = { role: r.role, label: r.label, interim: r.interim, start: r.start };
  }
  if (e.needsRole && !role) return null;
  const dating = dateOf(s, h, placed, heads);
  const span = triggerSpan(a, c, tokens);
  const how = [...p.how, ...near];
  const cue = `${e.type}: "${e.words}" (${e.pos}, ${e.frame})${how.length ? `; ${how.join('; ')}` : ''}${dating.how ? `; ${dating.how}` : ''}`;
  return {
    sentence: c.si,
    sentenceStart: s.start,
    sentenceText: s.text,
    triggerStart: span.start,
    triggerEnd: span.end,
    trigger: span.text,
    lemma: e.words,
    type: e.type,
    participants: { subjects: p.subjects, object: p.object, agent: p.agent, org: p.org },
    role,
    impliedRole: e.role ?? null,
    isReturn: e.isReturn === true,
    noPosition: e.noPosition === true,
    negative: negated(c, h),
    date: dating.date ?? { start: null, end: null, precision: 'unknown', text: '' },
    strength: dating.strength,
    telling: tellingOf(s, h, c.lang),
    focus: null,
    amount: amountNear(c, h),
    cue,
  };
}

/** Words attributed to a speaker by a verb of saying at token `v` (or « selon », "according to"). */
function quotation(a: StoryArticle, c: SentenceCtx, v: number): QuotationCandidate | null {
  const s = c.s;
  const toks = s.tokens;
  const t = toks[v]!;
  if (negated(c, v)) return null;
  // A participle qualifying a noun is no saying ("une IA avancée").
  if (/VerbForm=Part/.test(t.feats) && /^(?:acl|amod)/.test(t.deprel) && !c.children[v]!.some((k) => /^aux/.test(toks[k]!.deprel))) return null;
  let speaker: number | null = null;
  let cueEnd = t.end;
  if (/^(?:selon|according)$/i.test(t.form)) {
    const k = /^according$/i.test(t.form) ? v + 2 : v + 1;
    speaker = nearestAfter(c, k - 1, (x) => x !== 'place', 4);
    if (/^according$/i.test(t.form) && toks[v + 1]) cueEnd = toks[v + 1]!.end;
  } else {
    const subj = c.children[v]!.find((k) => /^nsubj/.test(toks[k]!.deprel));
    speaker = subj !== undefined ? mentionOf(c, subj) : null;
    if (speaker === null) speaker = nearestAfter(c, v, (x) => x === 'person' || x === 'organization', 3) ?? nearestBefore(c, v, (x) => x === 'person' || x === 'organization');
  }
  // The words: what is between quotation marks, else the clause that is said, else the sentence.
  let text = '';
  const q = s.text.match(/[«“"„]\s*([^«»“”"„]{3,})\s*[»”"]/) ?? s.text.match(/``\s*(.{3,}?)\s*''/);
  if (q) text = q[1]!.trim();
  else {
    const ccomp = c.children[v]!.find((k) => /^(?:ccomp|parataxis)/.test(toks[k]!.deprel));
    if (ccomp !== undefined) {
      const span = subtree(c, ccomp);
      text = a.text.slice(toks[span[0]]!.start, toks[span[1]]!.end);
    }
  }
  if (!text && speaker === null) return null;
  if (!text) text = s.text;
  if (!QUOTES.test(s.text) && speaker === null) return null;
  const m: MentionCandidate | null = speaker !== null ? c.mentions[speaker]! : null;
  const cueSpan = triggerSpan(a, c, [v]);
  return {
    sentence: c.si,
    sentenceText: s.text,
    start: cueSpan.start,
    end: cueEnd,
    speaker,
    speakerText: m ? m.text : '',
    text,
    cue: a.text.slice(cueSpan.start, cueEnd),
  };
}

function subtree(c: SentenceCtx, h: number): [number, number] {
  let lo = h, hi = h;
  const stack = [h];
  while (stack.length) {
    const x = stack.pop()!;
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
    stack.push(...c.children[x]!);
  }
  return [lo, hi];
}

const MONEY = /(?<![\p{L}\d])(?:([€$£])\s?)?(\d{1,3}(?:[ \u202f\u00a0,.]\d{3})*(?:[.,]\d+)?)\s?(millions?|milliards?|billions?|bn|mds?|m)?\s?(?:de |d['’])?(euros?|dollars?|livres?|pounds?|francs?|€|\$|£)?/giu;
const SCALE: Record<string, number> = { million: 1e6, millions: 1e6, m: 1e6, milliard: 1e9, milliards: 1e9, md: 1e9, mds: 1e9, billion: 1e9, billions: 1e9, bn: 1e9 };
const CURRENCY: Record<string, string> = { '€': 'EUR', euro: 'EUR', euros: 'EUR', '$': 'USD', dollar: 'USD', dollars: 'USD', '£': 'GBP', livre: 'GBP', livres: 'GBP', pound: 'GBP', pounds: 'GBP', franc: 'CHF', francs: 'CHF' };

/** The first sum of money in the trigger's phrase (the trigger's words up to the end of its clause). */
function amountNear(c: SentenceCtx, h: number): Amount | null {
  const toks = c.s.tokens;
  const from = toks[h]!.start - c.s.start;
  let to = c.s.text.length;
  for (let k = h + 1; k < toks.length; k++) if (/^[;:()«»“”"]$/.test(toks[k]!.form) || (toks[k]!.upos === 'VERB' && toks[k]!.head !== h)) { to = toks[k]!.start - c.s.start; break; }
  const seg = c.s.text.slice(from, Math.min(to, from + 120));
  for (const m of seg.matchAll(MONEY)) {
    const sym = m[1], num = m[2]!, scale = m[3]?.toLowerCase(), cur = m[4]?.toLowerCase();
    const currency = CURRENCY[sym ?? ''] ?? CURRENCY[cur ?? ''];
    if (!currency) continue;
    const value = Number(num.replace(/[ \u202f\u00a0]/g, '').replace(/,(?=\d{3}\b)/g, '').replace(',', '.')) * (scale ? (SCALE[scale] ?? 1) : 1);
    if (Number.isFinite(value) && value > 0) return { value, currency, text: m[0].trim() };
  }
  return null;
}
