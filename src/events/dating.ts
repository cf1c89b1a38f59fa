// When a happening took place, as its sentence tells it (the guide's order, eval/labels/GUIDE.md):
//   1. a temporal expression that governs the trigger: the parse attaches it to the trigger (or to
//      the verb whose object the event noun is) before reaching any other verb; or it stands in
//      the trigger's own clause
//   2. else one elsewhere in the sentence that governs no other verb
//   3. else the date of the reporting verb the trigger hangs on ("announced on Monday that …"),
//      marked inherited: the happening is at the latest that day
// and otherwise (dated later, by the story) the report's date when the sentence tells it as the
// news of the day, nothing when it is background or a plan. A temporal expression that governs
// another verb never dates this one: in "X said on Thursday that it had signed the deal",
// Thursday dates the saying, not the signing.
import type { Lang, Sentence as NlpSentence } from '../nlp/index.ts';
import type { DateStrength, EventDate, Telling } from './types.ts';
import { MODAL_HEADS } from './vocab/triggers.ts';

export interface PlacedDate {
  /** Tokens [first, last) of the expression in its sentence. */
  tokens: [number, number];
  date: EventDate;
}

/** Words that place a happening some time before without saying when. */
const VAGUE_PAST = new Set(['previously', 'already', 'once', 'formerly', 'recently', 'recent', 'previous', 'earlier', 'déjà', 'auparavant', 'précédemment', 'récemment', 'récent', 'récente', 'récents', 'récentes', 'précédent', 'précédente']);
const CLAUSE_MARK = /^(?:[;:«»“”"()]|que|qu'|that|which|who|qui|dont|while|alors|tandis|but|mais)$/i;
const REPORTING = new Set(['say', 'announce', 'report', 'tell', 'state', 'reveal', 'confirm', 'dire', 'annoncer', 'déclarer', 'declarer', 'indiquer', 'révéler', 'reveler', 'affirmer', 'confirmer', 'expliquer', 'préciser', 'preciser']);

/** The expression's own head: the token of its span attached outside the span. */
function anchor(s: NlpSentence, d: PlacedDate): number {
  for (let t = d.tokens[0]; t < d.tokens[1]; t++) {
    const h = s.tokens[t]!.head;
    if (h < d.tokens[0] || h >= d.tokens[1]) return t;
  }
  return d.tokens[1] - 1;
}

/** The verb or trigger an expression is attached to, walking up through nouns and adpositions. */
function governor(s: NlpSentence, d: PlacedDate, triggers: ReadonlySet<number>): number {
  let g = s.tokens[anchor(s, d)]!.head;
  for (let step = 0; step < 4 && g >= 0; step++) {
    const t = s.tokens[g]!;
    if (t.upos === 'VERB' || t.upos === 'AUX' || triggers.has(g)) return g;
    if (t.upos === 'NOUN' && /^(?:obj|nsubj|nsubj:pass|root|obl)$/.test(t.deprel)) return g;
    g = t.head;
  }
  return g;
}

export interface Dating {
  date: EventDate | null;
  strength: DateStrength;
  how: string;
}

/** The date a sentence gives a trigger (head token `h`); `triggers` are the other triggers' heads. */
export function dateOf(s: NlpSentence, h: number, dates: readonly PlacedDate[], triggers: ReadonlySet<number>): Dating {
  if (!dates.length) return { date: null, strength: 'none', how: '' };
  const toks = s.tokens;
  const head = toks[h]!;
  // An expression attached to the trigger's object is the trigger's ("signed the agreement … on
  // June 15"); one attached to the happening whose infinitive complement the trigger is dates
  // the trigger too ("last month, X defeated Y to win the order"), unless that verb reports it.
  const gov = dates.map((d) => {
    const g = s.parsed ? governor(s, d, triggers) : -1;
    return g >= 0 && g !== h && toks[g]!.upos === 'NOUN' && toks[g]!.head === h && /^(?:obj|obl)/.test(toks[g]!.deprel) ? h : g;
  });
  const above: number[] = [];
  for (let v = h, step = 0; step < 2 && toks[v]!.head >= 0 && /^(?:xcomp|advcl)/.test(toks[v]!.deprel) && /VerbForm=Inf/.test(toks[v]!.feats); step++) {
    v = toks[v]!.head;
    // Not a verb of wish, plan or threat, nor a state told in the imperfect (« excluait de quitter »).
    const l = toks[v]!.lemma.toLowerCase();
    if (toks[v]!.upos !== 'VERB' || REPORTING.has(l) || MODAL_HEADS.en.has(l) || MODAL_HEADS.fr.has(l) || (!triggers.has(v) && /Tense=Imp/.test(toks[v]!.feats))) break;
    above.push(v);
  }
  const governs = (i: number): boolean => gov[i] === h || (head.upos === 'NOUN' && head.head >= 0 && gov[i] === head.head && /^(?:obj|nsubj:pass)$/.test(head.deprel));
  const governsOther = (i: number): boolean => gov[i]! >= 0 && gov[i] !== h && (toks[gov[i]!]!.upos === 'VERB' || triggers.has(gov[i]!)) && !(head.upos === 'NOUN' && gov[i] === head.head);
  const dist = (d: PlacedDate): number => (d.tokens[0] > h ? d.tokens[0] - h : h - d.tokens[1]);
  const sameClause = (d: PlacedDate): boolean => {
    const [a, b] = d.tokens[0] > h ? [h + 1, d.tokens[0]] : [d.tokens[1], h];
    for (let k = a; k < b; k++) if (CLAUSE_MARK.test(toks[k]!.form) || (toks[k]!.upos === 'VERB' && !triggers.has(k) && k !== h)) return false;
    return true;
  };
  const order = dates.map((d, i) => ({ d, i })).sort((x, y) => dist(x.d) - dist(y.d));
  const g = order.find((x) => governs(x.i));
  if (g) return { date: g.d.date, strength: 'explicit', how: `date "${g.d.date.text}" governs the trigger` };
  const up = order.find((x) => above.includes(gov[x.i]!));
  if (up) return { date: up.d.date, strength: 'explicit', how: `date "${up.d.date.text}" governs "${toks[gov[up.i]!]!.form}" it completes` };
  const c = order.find((x) => !governsOther(x.i) && sameClause(x.d));
  if (c) return { date: c.d.date, strength: 'explicit', how: `date "${c.d.date.text}" in its clause` };
  const any = order.find((x) => !governsOther(x.i));
  if (any) return { date: any.d.date, strength: 'sentence', how: `date "${any.d.date.text}" in its sentence` };
  // The reporting verb the trigger hangs on, and its date.
  if (s.parsed) {
    let v = head.head;
    for (let step = 0; step < 3 && v >= 0; step++) {
      if (REPORTING.has(toks[v]!.lemma.toLowerCase())) {
        const r = order.find((x) => gov[x.i] === v);
        if (r) return { date: r.d.date, strength: 'inherited', how: `date "${r.d.date.text}" of "${toks[v]!.form}"` };
      }
      v = toks[v]!.head;
    }
  }
  return { date: null, strength: 'none', how: '' };
}

/**
 * How the trigger is told: as the news of the day (present, present perfect, simple past, a
 * headline), as background (pluperfect, imperfect), or as a plan (future, infinitive).
 */
export function tellingOf(s: NlpSentence, h: number, lang: Lang): Telling {
  const toks = s.tokens;
  const t = toks[h]!;
  // Told as some time before, without saying when ("has previously won", "recent deals",
  // « avait déjà signé »): background, whatever the tense.
  if (toks.some((x) => x.head === h && /^(?:advmod|amod)/.test(x.deprel) && VAGUE_PAST.has(x.form.toLowerCase()))) return 'background';
  const aux = toks.filter((x) => x.head === h && /^aux/.test(x.deprel));
  const feats = (x: { feats: string }, f: string): boolean => x.feats.includes(f);
  if (t.upos === 'NOUN') {
    // An event noun is told as its verb is (« a annoncé le retour »), else as news.
    const v = t.head >= 0 ? toks[t.head]! : null;
    return v && v.upos === 'VERB' && t.head !== h ? tellingOf(s, t.head, lang) : 'news';
  }
  if (lang === 'en') {
    if (aux.some((a) => /^(?:will|shall)$/i.test(a.form) || a.lemma === 'will')) return 'future';
    if (aux.some((a) => a.form.toLowerCase() === 'had')) return 'background';
    if (feats(t, 'VerbForm=Inf') && !aux.length) return 'future';
    return 'news';
  }
  if (aux.some((a) => feats(a, 'Tense=Imp') || feats(a, 'Mood=Cnd'))) return 'background';
  if (aux.some((a) => feats(a, 'Tense=Fut'))) return 'future';
  if (feats(t, 'Tense=Fut')) return 'future';
  if (feats(t, 'Tense=Imp') && !aux.length) return 'background';
  if (feats(t, 'VerbForm=Inf') && !aux.length) return 'future';
  return 'news';
}
