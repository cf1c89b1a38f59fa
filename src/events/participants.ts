// Who took part in a happening, read from the dependency parse of its sentence (nlp/):
//   subject      nsubj of an active verb; of a passive one (nsubj:pass) it is the one the event
//                happens to; a verb with no subject of its own takes its controller's ("decided to
//                remove", « a démissionné et rejoint ») or the noun its clause qualifies ("the A380,
//                made by Airbus"; « X, qui a démissionné »)
//   object       obj; for a personnel verb the person ("the board fired X": X is the one dismissed,
//                the board the agent); a role word object leads to its holder through an
//                apposition (« a révoqué le président du directoire, Julien Morel »)
//   agent        obl:agent, "by X", « par X »
//   organisation the counterparty: "from Qatar Airways", « avec Airbus »
// For an event noun: its possessor ("X's resignation", « sa démission »), its complement
// (« le limogeage de X »), the subject of the verb it is the object of ("made its maiden flight").
// Pronouns and descriptions ("he", « elle », "the company", "the aircraft") stand for the last
// fitting name of the two sentences before. Coordinated names are each a participant. Where the
// parse leaves a role empty, the nearest fitting name of the clause fills it, and the cue says so.
import type { Lang, Sentence as NlpSentence, Token } from '../nlp/index.ts';
import type { MentionCandidate } from '../entities/index.ts';
import type { CandidateParticipants } from './types.ts';
import type { Frame } from './vocab/triggers.ts';

export type Kind = 'person' | 'organization' | 'place' | 'product' | 'other';

export interface SentenceCtx {
  s: NlpSentence;
  si: number;
  lang: Lang;
  mentions: readonly MentionCandidate[];
  /** Token → index of the mention candidate covering it, or -1. */
  mentionAt: Int32Array;
  children: number[][];
  /** Offset where the text proper starts (after a wire dateline): tokens before it are nobody. */
  from: number;
  /** Tokens of temporal expressions: a date the parse made a subject or an object is no participant. */
  timex?: Uint8Array;
}

const PERSON_PRONOUNS = new Set(['he', 'him', 'his', 'she', 'her', 'il', 'elle', 'lui']);
const THING_PRONOUNS = new Set(['it', 'its', 'they', 'them', 'their', 'ils', 'elles', 'leur', 'eux']);
const RELATIVES = new Set(['who', 'which', 'that', 'qui', 'que', 'lequel', 'laquelle', 'dont']);
const ORG_DESCRIPTIONS = new Set(['company', 'firm', 'airline', 'carrier', 'manufacturer', 'group', 'maker', 'planemaker', 'airframer', 'giant', 'co-operative', 'cooperative', 'entreprise', 'societe', 'groupe', 'compagnie', 'constructeur', 'avionneur', 'firme']);
/** People who act for an organisation as a body: "employees of X", « les salariés d'OpenAI », "the board". */
const GROUPS = new Set(['representatives', 'representants', 'delegation', 'employees', 'staff', 'workers', 'shareholders', 'members', 'board', 'directors', 'employes', 'salaries', 'personnel', 'actionnaires', 'membres', 'conseil', 'direction', 'adherents', 'eleveurs', 'syndicats', 'unions']);
const PRODUCT_DESCRIPTIONS = new Set(['aircraft', 'plane', 'airliner', 'jet', 'superjumbo', 'airplane', 'avion', 'appareil', 'navire', 'modèle', 'model']);
const AGENT_CASE = new Set(['by', 'par']);
const COUNTER_CASE = new Set(['from', 'with', 'to', 'for', 'de', 'avec', 'aupres', 'a', 'au', 'aux', 'chez', 'against', 'contre']);
const OF_CASE = new Set(['of', 'de', "d'", 'du', 'des']);
/** Verbs whose object noun is the happening itself: "made its first flight", « a remis sa démission ». */
const LIGHT_VERBS = new Set(['make', 'have', 'take', 'give', 'hold', 'conduct', 'complete', 'perform', 'announce', 'sign', 'win', 'place', 'receive', 'secure', 'faire', 'effectuer', 'mener', 'réaliser', 'tenir', 'remettre', 'présenter', 'signer', 'remporter', 'passer', 'annoncer', 'recevoir', 'obtenir', 'conclure', 'décrocher']);

/** The kind a mention's own evidence points to (the story may decide otherwise later). */
export function localKind(m: MentionCandidate): Kind {
  const v = m.votes;
  let best: Kind = 'other';
  let n = 0.5;
  for (const k of ['person', 'organization', 'place', 'product', 'other'] as const) if (v[k] > n) { n = v[k]; best = k; }
  return best;
}

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Could the story find this mention to be a person / an organisation? Only the name's own
 * evidence says no (a designator, a known place, a model code; a given name or a title): the
 * recogniser's kind in one sentence is too weak to decide, the story types entities later. */
export function canBe(m: MentionCandidate, k: 'person' | 'organization'): boolean {
  if (m.source === 'code') return false;
  const against = k === 'person' ? /^(?:designator|country|model code|place word|maker)/ : /^(?:given name|title|country|model code)/;
  return !m.cues.some((c) => against.test(c));
}

/** Strong evidence of a person in the mention itself: a given name, a title, a role held. */
const strongPerson = (m: MentionCandidate): boolean => m.cues.some((c) => /^(?:given name|title|holds)/.test(c));

/** The mention of a kind a pronoun or a description (`salient`) before `at` stands for: the latest
 * of this sentence and the two (for a description three) before; further back, for a description,
 * the one the article names most. */
function lastBefore(c: SentenceCtx, at: number, want: (k: Kind) => boolean, exclude: ReadonlySet<number> = new Set(), salient = false): number | null {
  let best: number | null = null, bestCount = 0;
  let weakPerson: number | null = null;
  const count = (i: number): number => { const k = c.mentions[i]!.words.join(' '); let n = 0; for (const m of c.mentions) if (m.words.join(' ') === k) n++; return n; };
  for (let i = c.mentions.length - 1; i >= 0; i--) {
    const m = c.mentions[i]!;
    if (exclude.has(i)) continue;
    if (m.sentence > c.si || (m.sentence === c.si && m.start >= at)) continue;
    // An organisation is whatever nothing in its name says is a person or a place (the recogniser's
    // kind in one sentence is too weak: the story decides).
    const kind = localKind(m);
    const orgLike = kind !== 'person' && canBe(m, 'organization') && m.votes.place - (m.ner === 'place' ? m.nerWeight : 0) < 0.5;
    if (!want(kind) && !(want('organization') && !want('person') && orgLike)) continue;
    // A description takes no name from another clause of its own sentence (« Selon des documents
    // consultés par Agri-Hebdo, le groupe suédois… »: not Agri-Hebdo).
    if (salient && m.sentence === c.si && /[,;:]/.test(c.s.text.slice(m.end - c.s.start, at - c.s.start))) continue;
    // The latest within the three sentences before; past them, for a description, the one the
    // article names most. For "he", « il »: one whose name says it is a person first (a given
    // name, a title), then any the recogniser called a person.
    if (m.sentence >= c.si - (salient ? 3 : 2)) {
      if (!want('person') || want('organization') || strongPerson(m)) return i;
      weakPerson ??= i;
      continue;
    }
    if (weakPerson !== null) return weakPerson;
    if (!salient) break;
    const n = count(i);
    if (n > bestCount) { best = i; bestCount = n; }
  }
  return weakPerson ?? best;
}

/** The subject of an earlier clause of the same sentence, when it fits: a pronoun takes up the
 * subject before any other name ("Qatar has an order for A380s which it will fly": Qatar; "after
 * the plane was delivered, it was flown": the plane). */
function subjectBefore(c: SentenceCtx, t: number, want: (k: Kind) => boolean): number | null {
  const toks = c.s.tokens;
  for (let k = t - 1; k >= 0; k--) {
    const d = toks[k]!;
    if (!/^nsubj/.test(d.deprel) || d.head === toks[t]!.head || d.upos === 'PRON' || (c.timex?.[k] ?? 0)) continue;
    const m = c.mentionAt[k]! >= 0 ? c.mentionAt[k]! : d.upos === 'NOUN' ? mentionOf(c, k) : null;
    if (m === null) continue;
    const kind = localKind(c.mentions[m]!);
    return want(kind) || (kind !== 'person' && kind !== 'place' && want('organization') && canBe(c.mentions[m]!, 'organization')) ? m : null;
  }
  return null;
}

/** The name set between commas after a common-noun subject, right before its verb ("Irish low
 * cost airline , Ryanair , announced"): the subject's apposition, however the parse hung it. */
function apposName(c: SentenceCtx, subj: number, h: number): number | null {
  const toks = c.s.tokens;
  if (subj >= h || toks[subj]!.upos !== 'NOUN') return null;
  let k = h - 1;
  while (k > subj && toks[k]!.head === h && /^(?:aux|advmod)/.test(toks[k]!.deprel)) k--;
  if (toks[k]!.form !== ',') return null;
  const m = c.mentionAt[k - 1]!;
  if (m < 0) return null;
  const first = c.mentions[m]!.tokens[0];
  return first - 1 > subj && toks[first - 1]!.form === ',' ? m : null;
}

/** The mention a token stands for: a name, a pronoun, a description ("the company"). */
export function mentionOf(c: SentenceCtx, t: number, exclude: ReadonlySet<number> = new Set()): number | null {
  if (t < 0) return null;
  const m = c.mentionAt[t]!;
  if (m >= 0) return m;
  const tok = c.s.tokens[t]!;
  let w = fold(tok.form);
  if (tok.upos === 'PRON' || (tok.upos === 'DET' && /Poss=Yes/.test(tok.feats))) {
    if (RELATIVES.has(w)) {
      // "X, who resigned": the antecedent is the noun the relative clause hangs on.
      const v = tok.head >= 0 ? c.s.tokens[tok.head]! : null;
      return v && v.deprel === 'acl:relcl' && v.head >= 0 ? mentionOf(c, v.head) : null;
    }
    const poss = /Poss=Yes/.test(tok.feats);
    if (PERSON_PRONOUNS.has(w) || (poss && c.lang === 'en' && /^(?:his|her)$/.test(w))) return lastBefore(c, tok.start, (k) => k === 'person');
    if (THING_PRONOUNS.has(w) || (poss && c.lang === 'en' && /^(?:its|their)$/.test(w))) {
      const thing = (k: Kind): boolean => k === 'organization' || k === 'product';
      return subjectBefore(c, t, thing) ?? lastBefore(c, tok.start, thing);
    }
    // French possessives and clitics (son, sa, ses, l', le, la) do not say who: a person first.
    if (c.lang === 'fr' && (poss || /^(?:l'|le|la|les)$/.test(w))) return lastBefore(c, tok.start, (k) => k === 'person') ?? lastBefore(c, tok.start, (k) => k === 'organization');
    return null;
  }
  // "the group Hallström Nutrition", "l'avionneur Airbus": the name the noun introduces.
  if (tok.upos === 'NOUN')
    for (const k of c.children[t]!) if (/^(?:appos|flat|compound)/.test(c.s.tokens[k]!.deprel) && k > t && c.mentionAt[k]! >= 0 && !exclude.has(c.mentionAt[k]!)) return c.mentionAt[k]!;
  if (tok.upos === 'NOUN' || tok.upos === 'NUM') {
    // A group that acts for its organisation: the organisation named with it, else the one before.
    if (GROUPS.has(w) || (tok.upos === 'NUM' && c.children[t]!.some((k) => GROUPS.has(fold(c.s.tokens[k]!.form))))) {
      // Breadth first, through complements only ("the board of GLAR, the co-operative that owns
      // GLAR Ireland": GLAR, not what a relative clause says).
      const queue = [...c.children[t]!];
      while (queue.length) {
        const k = queue.shift()!;
        const d = c.s.tokens[k]!;
        if (!/^(?:nmod|compound|flat|appos)/.test(d.deprel) && !GROUPS.has(fold(d.form))) continue;
        const m = c.mentionAt[k]!;
        if (m >= 0 && !exclude.has(m) && localKind(c.mentions[m]!) !== 'person' && localKind(c.mentions[m]!) !== 'place') return m;
        queue.push(...c.children[k]!);
      }
      return lastBefore(c, tok.start, (k) => k === 'organization', exclude, true);
    }
    // "one of the A380s", "two of its jets": the name the number counts from.
    for (const k of c.children[t]!) if (tok.upos === 'NUM' && /^nmod/.test(c.s.tokens[k]!.deprel) && OF_CASE.has(caseOf(c, k) ?? '') && c.mentionAt[k]! >= 0 && !exclude.has(c.mentionAt[k]!)) return c.mentionAt[k]!;
    if (tok.upos === 'NUM') return null;
    const det = c.children[t]!.some((k) => c.s.tokens[k]!.upos === 'DET');
    // Plurals too ("the first jets", "the airlines"): the description by its lemma.
    if (!ORG_DESCRIPTIONS.has(w) && !PRODUCT_DESCRIPTIONS.has(w)) w = fold(tok.lemma);
    if (det && ORG_DESCRIPTIONS.has(w)) return lastBefore(c, tok.start, (k) => k === 'organization', exclude, true);
    if (det && PRODUCT_DESCRIPTIONS.has(w)) return lastBefore(c, tok.start, (k) => k === 'product', exclude, true);
  }
  return null;
}

/** A token and the names coordinated with it ("Paul Mercadier et Claire Fontanel"); also a
 * pronoun or name right before its conjunction that the parse attached elsewhere (« Lui et Greg
 * Brockman rejoignent »). */
function withConjuncts(c: SentenceCtx, t: number): number[] {
  const out = [t];
  for (const k of c.children[t]!) {
    const d = c.s.tokens[k]!;
    if (d.deprel === 'conj' && c.mentionAt[k]! >= 0) out.push(k);
    if (d.deprel === 'cc' && k === t - 1 && k > 0) {
      const before = k - 1;
      const b = c.s.tokens[before]!;
      if (c.mentionAt[before]! >= 0 || b.upos === 'PRON') out.push(c.mentionAt[before]! >= 0 ? c.mentions[c.mentionAt[before]!]!.tokens[0] : before);
    }
  }
  return out;
}

/** The person a personnel object stands for: the name itself, or the holder a role word introduces. */
function personIn(c: SentenceCtx, t: number, isPerson: (m: number) => boolean): number | null {
  // A name or a pronoun; not a group or a description, which stand for organisations.
  const m = c.mentionAt[t]! >= 0 ? c.mentionAt[t]! : c.s.tokens[t]!.upos === 'PRON' || /Poss=Yes/.test(c.s.tokens[t]!.feats) ? mentionOf(c, t) : null;
  if (m !== null && isPerson(m)) return m;
  // The name in apposition first (« le PDG de Veltrix, Paul Mercadier »), then a complement.
  for (const re of [/^(?:appos|flat|compound)/, /^nmod/])
    for (const k of c.children[t]!) {
      if (!re.test(c.s.tokens[k]!.deprel)) continue;
      const x = c.mentionAt[k]!;
      if (x >= 0 && isPerson(x)) return x;
    }
  // The holder right after the role word, the parse notwithstanding (« son PDG, Sam Altman »).
  for (let k = t + 1; k < Math.min(c.s.tokens.length, t + 6); k++) {
    const x = c.mentionAt[k]!;
    if (x >= 0) return isPerson(x) ? x : null;
    if (c.s.tokens[k]!.upos === 'VERB') break;
  }
  return null;
}

const WHERE_CASE = new Set(['in', 'at', 'on', 'near', 'than', 'a', 'dans', 'en', 'pres', 'que', 'qu\'']);
const deps = (c: SentenceCtx, h: number, re: RegExp): number[] => c.children[h]!.filter((k) => re.test(c.s.tokens[k]!.deprel));
const caseOf = (c: SentenceCtx, t: number): string | null => {
  const k = c.children[t]!.find((x) => c.s.tokens[x]!.deprel === 'case');
  return k === undefined ? null : fold(c.s.tokens[k]!.form);
};

export interface Read extends CandidateParticipants {
  how: string[];
  /** The parse gave a subject, named or not ("the company", a common noun): no guessing then. */
  parsedSubject: boolean;
}

/** The participants of a trigger whose head token is `h`, for a frame. */
export function participantsOf(c: SentenceCtx, h: number, frame: Frame, pos: 'verb' | 'noun', own: readonly number[] = [h]): Read {
  const toks = c.s.tokens;
  const tok: Token = toks[h]!;
  const out: Read = { subjects: [], object: null, agent: null, org: null, how: [], parsedSubject: false };
  const isPerson = (m: number): boolean => canBe(c.mentions[m]!, 'person');
  const isOrgish = (m: number): boolean => canBe(c.mentions[m]!, 'organization');
  const isThing = (m: number): boolean => localKind(c.mentions[m]!) !== 'person';
  const add = (list: number[], m: number | null): void => { if (m !== null && !list.includes(m)) list.push(m); };

  if (pos === 'verb') {
    // A passive participle that qualifies a name without an auxiliary (« X, limogé jeudi, … »,
    // « Y, désignée à la tête de Z ») is passive too: the name is the one it happened to.
    const passive = deps(c, h, /^aux:pass$/).length > 0 || deps(c, h, /^nsubj:pass$/).length > 0 || (/Voice=Pass/.test(tok.feats) && deps(c, h, /^aux/).some((a) => /^(?:be|être)$/.test(toks[a]!.lemma))) || (/Voice=Pass/.test(tok.feats) && tok.deprel === 'acl' && !deps(c, h, /^aux/).length);
    const notTime = (k: number): boolean => !c.timex?.[k];
    // A verb has one subject: of several the parse gave, the one nearest before it that stands for
    // a name (« Keir Starmer, qui s'entretiendra » read with two subjects: not the stray « qui »).
    const subjects = deps(c, h, /^nsubj(?!:pass)/).filter((k) => toks[k]!.start >= c.from && notTime(k));
    const before = subjects.filter((k) => k < h).reverse();
    let subj = (subjects.length > 1 ? before.find((k) => mentionOf(c, k) !== null) : undefined) ?? before[0] ?? subjects[0] ?? -1;
    // A date the parse made the subject, the names coordinated with it being the real one
    // ("Last month , Northrop Grumman and EADS defeated Boeing").
    if (subj < 0) for (const k of deps(c, h, /^nsubj(?!:pass)/)) subj = subj >= 0 ? subj : (c.children[k]!.find((x) => toks[x]!.deprel === 'conj' && c.mentionAt[x]! >= 0 && notTime(x)) ?? -1);
    const pass = deps(c, h, /^nsubj:pass$/).find(notTime) ?? (passive ? subj : -1);
    if (passive && pass === subj) subj = -1;
    // The trigger's own words are not its object ("entered service", "made its maiden flight").
    // An indirect object with no direct one is the object the parse misread ("unveiled their new 787").
    const obj = deps(c, h, /^obj$/).find((k) => notTime(k) && !own.includes(k)) ?? deps(c, h, /^iobj$/).find((k) => notTime(k) && !own.includes(k)) ?? -1;
    let agentTok = deps(c, h, /^obl:agent$/)[0] ?? deps(c, h, /^obl/).find((k) => AGENT_CASE.has(caseOf(c, k) ?? '')) ?? -1;
    // No subject of its own: the controller's ("decided to remove"), the coordinated verb's, or
    // the noun the clause qualifies ("the A380, made by Airbus").
    let inherited = -1;
    if (subj < 0 && pass < 0) {
      let v = h;
      for (let step = 0; step < 3 && v >= 0; step++) {
        const d = toks[v]!.deprel;
        const up = toks[v]!.head;
        if (up < 0) break;
        // A clause hung on a noun away from it, right after a name: that name is its subject
        // (the parse misread "… : the first Airbus A380 landed at …").
        if (/^(?:acl|acl:relcl)$/.test(d)) { inherited = v === h && up !== h - 1 && h > 0 && c.mentionAt[h - 1]! >= 0 && d === 'acl' ? h - 1 : up; break; }
        if (/^(?:xcomp|conj|advcl)$/.test(d)) {
          const s2s = deps(c, up, /^nsubj/).filter(notTime);
          // Of several, the nearest before that verb that stands for a name.
          const s2 = s2s.filter((k) => k < up).reverse().find((k) => mentionOf(c, k) !== null) ?? s2s[0];
          if (s2 !== undefined) { inherited = s2; break; }
        }
        v = up;
      }
    }
    const subjTok = subj >= 0 ? subj : passive ? -1 : inherited;
    out.parsedSubject = subjTok >= 0 || pass >= 0;
    const patientTok = passive ? (pass >= 0 ? pass : inherited) : obj;
    if (frame === 'patient') {
      // "the board fired X", "X was fired by the board", « le conseil a révoqué son PDG, X ».
      const person = patientTok >= 0 ? personIn(c, patientTok, isPerson) : null;
      if (person !== null) { out.subjects.push(person); out.how.push(passive ? 'person: passive subject' : 'person: object'); }
      const ag = passive ? agentTok : subjTok;
      const a = ag >= 0 ? mentionOf(c, ag) : null;
      if (a !== null && a !== person) { out.agent = a; out.how.push('agent: ' + (passive ? 'by' : 'subject')); }
    } else if (frame === 'person' || frame === 'join') {
      const st = subjTok >= 0 ? subjTok : pass;
      if (st >= 0) for (const t of withConjuncts(c, st)) add(out.subjects, personIn(c, t, isPerson) ?? null);
      if (out.subjects.length) out.how.push(st === inherited ? 'person: subject of the governing clause' : 'person: subject');
      const o = obj >= 0 ? mentionOf(c, obj) : null;
      if (frame === 'join' && o !== null && isOrgish(o)) { out.org = o; out.how.push('organisation: object'); }
    } else if (frame === 'launch') {
      const productTok = passive ? patientTok : obj >= 0 ? obj : subjTok;
      // "unveiled a new version of its 777 airliner": the product named inside the object.
      const p = productTok >= 0 ? (mentionOf(c, productTok) ?? (productTok === obj ? objectInside(c, obj) : null)) : null;
      if (p !== null && isThing(p)) { out.subjects.push(p); out.how.push('product: ' + (productTok === obj ? 'object' : 'subject')); }
      const makerTok = passive ? agentTok : obj >= 0 ? subjTok : -1;
      const mk = makerTok >= 0 ? mentionOf(c, makerTok) : null;
      if (mk !== null && mk !== p) { out.org = mk; out.how.push('maker: ' + (passive ? 'by' : 'subject')); }
    } else {
      // action: the actor, or in a passive with no agent the one it happened to.
      if (passive && agentTok >= 0) {
        for (const t of withConjuncts(c, agentTok)) add(out.subjects, mentionOf(c, t));
        out.how.push('subject: agent of the passive');
        if (patientTok >= 0) out.object = mentionOf(c, patientTok);
      } else {
        const st = passive ? patientTok : subjTok;
        if (st >= 0) for (const t of withConjuncts(c, st)) add(out.subjects, mentionOf(c, t) ?? apposName(c, t, h));
        if (out.subjects.length) out.how.push(passive ? 'subject: passive subject' : st === inherited ? 'subject: of the governing clause' : 'subject');
        if (!passive && obj >= 0) out.object = mentionOf(c, obj) ?? objectInside(c, obj);
      }
      void agentTok;
      agentTok = -1;
    }
    // The counterparty: "from Qatar Airways", « avec Airbus ».
    if (out.org === null)
      for (const k of deps(c, h, /^obl/)) {
        const cs = caseOf(c, k);
        // "for the baby formula business of GLAR": the name inside the phrase.
        const m = mentionOf(c, k) ?? objectInside(c, k);
        if (m !== null && cs && COUNTER_CASE.has(cs) && isOrgish(m) && !out.subjects.includes(m) && m !== out.agent && m !== out.object) { out.org = m; out.how.push(`organisation: "${cs} …"`); break; }
      }
    if (out.object !== null && out.subjects.includes(out.object)) out.object = null;
    return out;
  }

  // An event noun.
  const poss = deps(c, h, /^(?:nmod:poss|det)$/).find((k) => toks[k]!.deprel === 'nmod:poss' || /Poss=Yes/.test(toks[k]!.feats));
  const compound = deps(c, h, /^(?:compound|flat)$/).find((k) => k < h && c.mentionAt[k]! >= 0);
  const ofs = deps(c, h, /^nmod/).filter((k) => k > h);
  const byTok = ofs.find((k) => AGENT_CASE.has(caseOf(c, k) ?? ''));
  const ofTok = ofs.find((k) => OF_CASE.has(caseOf(c, k) ?? ''));
  const wantSubject = frame === 'person' ? isPerson : frame === 'launch' ? isThing : (): boolean => true;
  const fromTok = (t: number | undefined): number | null => (t === undefined ? null : frame === 'person' ? personIn(c, t, isPerson) : mentionOf(c, t));
  let subj: number | null = null;
  for (const [t, how] of [[poss, 'possessor'], [compound, 'compound'], [frame === 'action' ? byTok : ofTok, frame === 'action' ? '"by …"' : 'complement'], [ofTok, 'complement']] as const) {
    const m = fromTok(t);
    if (m !== null && wantSubject(m)) { subj = m; out.how.push(`subject: ${how}`); break; }
  }
  // "Airbus made its maiden flight", « X a remis sa démission »: the verb's subject.
  const light = tok.head >= 0 && /^(?:obj|nsubj:pass)$/.test(tok.deprel) && LIGHT_VERBS.has(toks[tok.head]!.lemma.toLowerCase()) ? tok.head : -1;
  let carrier = light;
  if (subj === null && light >= 0) {
    const s2 = deps(c, light, /^nsubj/)[0];
    const m = s2 !== undefined ? mentionOf(c, s2) : null;
    if (m !== null && wantSubject(m)) { subj = m; out.how.push(`subject: of "${toks[light]!.form}"`); }
  }
  // Else the subject of the first verb above it (« X ont remis au conseil une lettre »), when
  // that verb names no happening of its own.
  if (subj === null && light < 0) {
    let v = tok.head;
    for (let step = 0; step < 3 && v >= 0 && toks[v]!.upos !== 'VERB'; step++) v = toks[v]!.head;
    if (v >= 0 && toks[v]!.upos === 'VERB' && (LIGHT_VERBS.has(toks[v]!.lemma.toLowerCase()) || step0Obj(c, h, v))) {
      const s2 = deps(c, v, /^nsubj(?!:pass)/)[0];
      const m = s2 !== undefined ? mentionOf(c, s2) : null;
      if (m !== null && wantSubject(m)) { subj = m; out.how.push(`subject: of "${toks[v]!.form}"`); carrier = v; }
    }
  }
  if (subj !== null) out.subjects.push(subj);
  if (frame === 'launch' || frame === 'action') {
    const o = ofTok !== undefined ? mentionOf(c, ofTok) : null;
    if (o !== null && o !== subj) out.object = o;
  }
  // The counterparty: "an order from Qatar Airways"; the addressee of the verb that carries the
  // noun (« a remis au conseil d'administration une lettre »).
  for (const k of [...ofs, ...(carrier >= 0 ? deps(c, carrier, /^obl/) : [])]) {
    const cs = caseOf(c, k);
    const m = mentionOf(c, k, new Set(subj !== null ? [subj] : []));
    if (m !== null && cs && COUNTER_CASE.has(cs) && !OF_CASE.has(cs) && isOrgish(m) && m !== subj && m !== out.object) { out.org = m; out.how.push(`organisation: "${cs} …"`); break; }
  }
  return out;
}

/** Is the noun at `h` the verb's object, directly or through one noun (a misattached object)?
 * Not through a noun with a preposition of its own: in « l'enquête qu'il avait commandée sur les
 * circonstances du limogeage » the one who ordered the inquiry is not the one dismissed. */
function step0Obj(c: SentenceCtx, h: number, v: number): boolean {
  const t = c.s.tokens[h]!;
  if (t.head === v) return /^(?:obj|obl)/.test(t.deprel);
  return t.head >= 0 && c.s.tokens[t.head]!.head === v && caseOf(c, t.head) === null;
}

/** A name inside an object phrase ("an order for 60 A350s", "the business of the co-operative
 * GLAR"): breadth first through complements, two levels down. */
function objectInside(c: SentenceCtx, t: number): number | null {
  // Where it happened and what it is compared with are not what it was done to: "signed the
  // agreement in Paris", "service on the Singapore-Sydney route", "more orders than Airbus".
  const inside = (k: number): boolean => !WHERE_CASE.has(caseOf(c, k) ?? '');
  let level = c.children[t]!.filter((k) => /^(?:nmod|compound|flat|amod|nummod|appos)/.test(c.s.tokens[k]!.deprel) && inside(k));
  for (let depth = 0; depth < 3 && level.length; depth++) {
    for (const k of level) if (c.mentionAt[k]! >= 0) return c.mentionAt[k]!;
    level = level.flatMap((k) => c.children[k]!.filter((x) => /^(?:nmod|compound|flat|appos)/.test(c.s.tokens[x]!.deprel) && inside(x)));
  }
  return null;
}

/** The nearest name of the clause before a position (the subject the parse missed), of a kind;
 * for a person, one the name itself says is a person wins over a nearer one only the recogniser
 * called so (« Emmet Shear, qui dirigeait Twitch, a été nommé »). */
export function nearestBefore(c: SentenceCtx, h: number, want: (k: Kind) => boolean, person = false): number | null {
  const toks = c.s.tokens;
  let first: number | null = null;
  let k0 = h - 1;
  while (k0 >= 0 && toks[k0]!.head === h && /^aux/.test(toks[k0]!.deprel)) k0--;
  // "EADS, the parent company of Airbus, has won": the names of an apposition right before the
  // verb are not its subject; the name before the apposition is.
  if (k0 > 0 && toks[k0]!.form === ',') {
    let j = k0 - 1;
    while (j >= 0 && j > k0 - 15 && toks[j]!.form !== ',' && toks[j]!.upos !== 'VERB' && !/^[;:«»“”"()]$/.test(toks[j]!.form)) j--;
    if (j > 0 && toks[j]!.form === ',' && /^(?:DET|ADJ|NOUN)$/.test(toks[j + 1]!.upos) && c.mentionAt[j + 1]! < 0) k0 = j - 1;
  }
  for (let k = k0; k >= 0; k--) {
    const t = toks[k]!;
    // "European Aeronautic Defence & Space NV ( EADS )": the acronym in brackets names it.
    if (t.form === ')' && k === k0 && k > 1 && toks[k - 2]!.form === '(' && c.mentionAt[k - 1]! >= 0) { k--; }
    else if (/^[;:«»“”"()]$/.test(t.form) || (t.upos === 'SCONJ' && k < h - 1)) break;
    let m = c.mentionAt[k]!;
    if (m < 0 && t.upos === 'PRON') m = mentionOf(c, k) ?? -1;
    if (m < 0) continue;
    const mc = c.mentions[m]!;
    const ok = person ? canBe(mc, 'person') : want(localKind(mc));
    if (!ok) continue;
    if (!person || strongPerson(mc)) return m;
    first ??= m;
  }
  return first;
}

/** The nearest name after the trigger, before any punctuation or other verb. */
export function nearestAfter(c: SentenceCtx, h: number, want: (k: Kind) => boolean, reach = 6, person = false): number | null {
  const toks = c.s.tokens;
  for (let k = h + 1; k < Math.min(toks.length, h + 1 + reach); k++) {
    const t = toks[k]!;
    if (t.upos === 'PUNCT' && t.form !== ',') break;
    if (t.upos === 'VERB') break;
    const m = c.mentionAt[k]!;
    if (m >= 0) return (person ? canBe(c.mentions[m]!, 'person') : want(localKind(c.mentions[m]!))) ? m : null;
  }
  return null;
}

/** The organisation somewhere in what a trigger governs, its subject aside ("an offer … to buy
 * the plant and the brand of the co-operative"): names, then descriptions ("the company"). */
export function orgBelow(c: SentenceCtx, h: number, exclude: ReadonlySet<number>): number | null {
  let level = c.children[h]!.filter((k) => !/^(?:nsubj|punct|cc|conj|parataxis)/.test(c.s.tokens[k]!.deprel));
  for (let depth = 0; depth < 6 && level.length; depth++) {
    for (const k of level) {
      const m = c.mentionAt[k]!;
      if (m >= 0 && !exclude.has(m) && canBe(c.mentions[m]!, 'organization') && localKind(c.mentions[m]!) !== 'person' && localKind(c.mentions[m]!) !== 'place' && !c.mentions[m]!.cues.some((x) => /^(?:place word|after "(?:à|a|in|at|en|dans|near)"|"\S+ (?:de|of|in|à|d')")/.test(x))) return m;
    }
    for (const k of level) {
      if (c.mentionAt[k]! >= 0) continue;
      const d = c.s.tokens[k]!;
      if (d.upos === 'NOUN' && ORG_DESCRIPTIONS.has(fold(d.form))) {
        const m = mentionOf(c, k, exclude);
        if (m !== null) return m;
      }
    }
    level = level.flatMap((k) => c.children[k]!.filter((x) => !/^(?:nsubj|punct|cc|parataxis)/.test(c.s.tokens[x]!.deprel)));
  }
  return null;
}
