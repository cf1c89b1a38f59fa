// Role labels in a sentence and what they attach to. A label ("PDG", "directrice de la
// technologie", "chief executive") is found by the vocabulary (vocab/roles.ts, data), then read
// in the sentence's dependency parse (nlp/):
//   apposition   "Tim Cook, the chief executive of Apple" / « le PDG de Google, Sundar Pichai »
//   copula       « X est PDG de Y » / "X is CEO of Y" (the label is the head, X its subject)
//   named        « X a été nommé PDG » / "named X chief executive" (the label is the verb's
//                complement, the holder its object or passive subject)
//   relative     « X, qui était PDG de Y » (the label heads a relative clause on X)
//   compound     "CEO Tim Cook", "Microsoft CEO …" (a noun compound)
//   of-complement the organisation: « PDG de Y », "chief executive of Y", "Y's chief executive"
// Where the parse says nothing, the words around the label decide as news prose lays them out
// ("adjacent": "le PDG de Microsoft, Satya Nadella", "Microsoft CEO Satya Nadella"), and chained
// labels share holder and organisation ("son patron et cofondateur Sam Altman"). A bare
// "directeur"/"director"/"head" only counts as the head of an organisation when an organisation
// follows it directly or a name does ("le directeur Sam Altman").
import type { Sentence as NlpSentence } from '../nlp/index.ts';
import type { MentionCandidate, RoleCandidate } from './types.ts';
import { CHAIN_GAP, DEPARTMENT_WORDS, FORMER_BEFORE, INTERIM, ROLE_LABELS, type RoleLabel } from './vocab/roles.ts';

export interface Span { start: number; end: number }

export interface LabelHit {
  start: number;
  end: number;
  label: RoleLabel;
  /** Written in the plural ("salariés", "directors"): a group, not one holder. */
  plural: boolean;
  interim: boolean;
  former: boolean;
}

export interface Chain {
  labels: LabelHit[];
  start: number;
  end: number;
}

const sorted = [...ROLE_LABELS].sort((a, b) => b.pattern.length - a.pattern.length);
const LABEL_RE = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${sorted.map((l) => `(${l.pattern})`).join('|')})(?:s|es)?(?![\\p{L}\\p{N}])`, 'gu');

/** Words that qualify a role without being one ("interim", "senior"): kept out of names too. */
export const ROLE_MODIFIERS: ReadonlySet<string> = new Set(['executif', 'executive', 'senior', 'adjoint', 'adjointe', 'delegue', 'deleguee', 'vice', 'interim', 'chief']);

/** Every word a role label is made of, for keeping them out of names ("Directeur Technique"). */
export const ROLE_WORDS: ReadonlySet<string> = new Set([
  ...ROLE_LABELS.flatMap((l) => { const p = l.pattern.replace(/\\.|[?()\\]/g, ''); return [p, ...p.split(/[\s-]+/)]; }).filter((w) => w.length > 2 && !['the', 'of', 'du', 'des', 'par', 'conseil', 'board', 'head', 'member', 'directoire'].includes(w)),
  'executif', 'executive', 'senior', 'adjoint', 'adjointe', 'delegue', 'deleguee', 'vice', 'co-fondateur', 'cofondateur', 'interim', 'chief', 'officer',
]);

/** Role labels of a folded text, chained where they are joined by "et", "and" or a comma. */
export function findChains(folded: string): Chain[] {
  const hits: LabelHit[] = [];
  for (const m of folded.matchAll(LABEL_RE)) {
    const idx = m.slice(1).findIndex((g) => g !== undefined);
    const label = sorted[idx];
    if (!label) continue;
    const start = m.index!;
    const end = start + m[0].length;
    const around = folded.slice(Math.max(0, start - 16), Math.min(folded.length, end + 22));
    const written = m.slice(1)[idx]!;
    hits.push({ start, end, label, interim: INTERIM.test(around), former: false, plural: written.length < m[0].length });
  }
  const chains: Chain[] = [];
  for (const h of hits) {
    const last = chains[chains.length - 1];
    if (last && CHAIN_GAP.test(folded.slice(last.end, h.start))) {
      last.labels.push(h);
      last.end = h.end;
    } else chains.push({ labels: [h], start: h.start, end: h.end });
  }
  for (const c of chains) {
    let from = Math.max(0, c.start - 30);
    for (const h of c.labels) {
      h.former = FORMER_BEFORE.test(folded.slice(from, h.start));
      from = h.end;
    }
  }
  return chains;
}

const ORG_GAP_PREP = /\b(?:de|du|des|d'|of|at|chez|for|with|au sein de|within)(?:\s|$)|\bd'$/;
const NO_PUNCT = /^[^,;.:()«»"“”!?]*$/;
const HOLDER_AFTER_GAP = /^\s*(?:(?:par interim|interim|a titre interimaire)\s*)?,?\s*$/;
const HOLDER_BEFORE_GAP = /^\s*,\s*(?:(?:qui|who|which)\s+(?:etait|est|fut|a ete|avait ete|sera|was|is|has been|had been|will be)\s+)?(?:(?:auparavant|precedemment|previously|alors|then|desormais|now|aussi|also|le|la|l'|les|un|une|the|a|an|son|sa|ses|its|his|her|ancien|ancienne|former|actuel|actuelle|current|nouveau|nouvelle|new|autre|another)\s*)*$/;
const ORG_BEFORE_GAP = /^\s*(?:'s?)?\s*(?:(?:former|new|interim|acting|then|current)\s+)*$/;

export interface Attachment<S extends Span = Span> {
  holder: S | null;
  org: S | null;
  /** A contextual label that the context did not confirm: not a role. */
  rejected: boolean;
}

/**
 * Attaches a chain to the name spans around it by their layout in the text. `spans` are the
 * candidate names of the sentence (sorted), `isPersonish` says which can hold a role.
 */
export function attachChain<S extends Span>(folded: string, chain: Chain, spans: readonly S[], isPersonish: (s: S) => boolean): Attachment<S> {
  let org: S | null = null;
  let orgBefore = false;
  // Organisation after: a preposition, no punctuation, within a short reach.
  for (const s of spans) {
    if (s.start < chain.end) continue;
    if (s.start - chain.end > 70) break;
    const gap = folded.slice(chain.end, s.start);
    if (!NO_PUNCT.test(gap)) break;
    if (ORG_GAP_PREP.test(gap) && !isPersonish(s)) { org = s; break; }
    if (isPersonish(s)) break;
  }
  let prev: S | null = null;
  for (const s of spans) if (s.end <= chain.start) prev = s;
  if (!org && prev && !isPersonish(prev) && ORG_BEFORE_GAP.test(folded.slice(prev.end, chain.start))) {
    org = prev;
    orgBefore = true;
  }
  let holder: S | null = null;
  const afterFrom = org && !orgBefore ? org.end : chain.end;
  for (const s of spans) {
    if (s.start < afterFrom) continue;
    if (HOLDER_AFTER_GAP.test(folded.slice(afterFrom, s.start)) && isPersonish(s)) holder = s;
    break;
  }
  const beforeEnd = orgBefore && org ? org.start : chain.start;
  let before: S | null = null;
  for (const s of spans) if (s.end <= beforeEnd) before = s;
  if (before && isPersonish(before) && HOLDER_BEFORE_GAP.test(folded.slice(before.end, beforeEnd))) {
    // "X, CEO de Y, Z" is ambiguous; the name before wins unless the one after is glued to the label.
    if (!holder || folded.slice(afterFrom, holder.start).includes(',')) holder = before;
  }
  const only = chain.labels.length === 1 ? chain.labels[0]! : null;
  let rejected = false;
  if (only?.label.contextual) {
    const directOrg = org && !orgBefore && !DEPARTMENT_WORDS.test(folded.slice(chain.end, org.start + 1));
    const directHolder = holder !== null && holder.start > chain.end && HOLDER_AFTER_GAP.test(folded.slice(chain.end, holder.start));
    // "directeur du site … Twitch": a head of an organisation. "directeur de recherche": not.
    if (!directOrg && !directHolder) rejected = true;
    if (directOrg && DEPARTMENT_WORDS.test(folded.slice(chain.end))) rejected = true;
  }
  return { holder, org, rejected };
}

const APPOINT = new Set(['nommer', 'designer', 'élire', 'elire', 'promouvoir', 'choisir', 'devenir', 'reconduire', 'name', 'appoint', 'elect', 'promote', 'choose', 'select', 'tap', 'become', 'install', 'confirm']);
const ORG_CASE = /^(?:de|d'|du|des|of|at|chez|for|au|within)$/i;

/** Could this mention hold a role (a person, or a name nothing says is something else)? */
export function personish(m: MentionCandidate): boolean {
  const v = m.votes;
  if (m.source === 'code') return false;
  return v.person > 0 && v.person >= v.organization && v.person >= v.place && v.person >= v.product;
}

/** Could this mention be a person, for a role the parse ties to it? Only the name itself says
 * no (a designator, a known place, a model code): the recogniser's kind in one sentence is weak. */
export function mayBePerson(m: MentionCandidate): boolean {
  if (m.source === 'code') return false;
  if (m.cues.some((c) => /^(?:designator|country|model code|place word|name of a body)/.test(c))) return false;
  return m.votes.person > 0 || m.votes.organization < 2.5;
}

/**
 * The role labels of one (parsed) sentence, attached to the mentions of the sentence.
 * `folded` is the sentence text folded to the same length (entities/text.ts foldSame);
 * `mentions` are the article's candidates, `local` the indexes of this sentence's.
 */
export function sentenceRoles(s: NlpSentence, si: number, folded: string, mentions: readonly MentionCandidate[], local: readonly number[], articleText: string): RoleCandidate[] {
  const out: RoleCandidate[] = [];
  const toks = s.tokens;
  const mentionAt = new Int32Array(toks.length).fill(-1);
  for (const i of local) for (let t = mentions[i]!.tokens[0]; t < mentions[i]!.tokens[1]; t++) mentionAt[t] = i;
  const spans = local.map((i) => ({ start: mentions[i]!.start, end: mentions[i]!.end, i }));
  const relSpans = spans.map((sp) => ({ start: sp.start - s.start, end: sp.end - s.start, i: sp.i }));
  const isPerson = (sp: { i: number }): boolean => personish(mentions[sp.i]!);
  const tokenAt = (pos: number): number => toks.findIndex((t) => t.end > pos);
  const children = (h: number): number[] => { const c: number[] = []; toks.forEach((t, i) => { if (t.head === h) c.push(i); }); return c; };
  const holderOk = (i: number): boolean => i >= 0 && mayBePerson(mentions[i]!);
  const orgOk = (i: number): boolean => i >= 0 && !personish(mentions[i]!) && mentions[i]!.source !== 'code';

  for (const chain0 of findChains(folded)) {
    const chain: Chain = { ...chain0, start: chain0.start + s.start, end: chain0.end + s.start, labels: chain0.labels.map((h) => ({ ...h, start: h.start + s.start, end: h.end + s.start })) };
    // Labels inside a name are not roles ("Directeur Technique" as a heading is handled by mentions).
    if (spans.some((sp) => sp.start <= chain.start && sp.end >= chain.end)) continue;
    let holder: number | null = null, org: number | null = null;
    const how: string[] = [];
    if (s.parsed) {
      // The label's head: the token of the first label whose head lies outside the label.
      const first = chain.labels[0]!;
      const a = tokenAt(first.start), b = tokenAt(first.end - 1) + 1;
      let h = -1;
      for (let t = a; t < b && t >= 0; t++) if (toks[t]!.head < a || toks[t]!.head >= b) { h = t; break; }
      const lastLabel = chain.labels.at(-1)!;
      const hl = tokenAt(lastLabel.end - 1);
      // A plural label ("les salariés de Quarnet", "employees") names a group, held by no one person.
      const plural = h >= 0 && /Number=Plur/.test(toks[h]!.feats);
      if (h >= 0 && plural) {
        for (const k of children(h)) {
          const m = mentionAt[k]!;
          if (org === null && orgOk(m) && /^nmod/.test(toks[k]!.deprel) && k > h) { org = m; how.push('of-complement'); }
        }
      } else if (h >= 0) {
        const head = toks[h]!;
        const up = head.head;
        const kids = children(h);
        // Holder.
        const appos = kids.find((k) => toks[k]!.deprel.startsWith('appos') && holderOk(mentionAt[k]!));
        if (appos !== undefined) { holder = mentionAt[appos]!; how.push('apposition'); }
        else if (head.deprel.startsWith('appos') && up >= 0 && holderOk(mentionAt[up]!)) { holder = mentionAt[up]!; how.push('apposition'); }
        else {
          const subj = kids.find((k) => /^nsubj/.test(toks[k]!.deprel) && holderOk(mentionAt[k]!));
          const cop = kids.some((k) => toks[k]!.deprel === 'cop');
          if (subj !== undefined && cop) { holder = mentionAt[subj]!; how.push('copula'); }
          else if (up >= 0 && /^(?:xcomp|obj|obl|ccomp|iobj)/.test(head.deprel) && APPOINT.has(toks[up]!.lemma.toLowerCase())) {
            const verbKids = children(up);
            // "X named Y CEO": the object; « Y a été nommé PDG »: the passive subject; « Y est devenu PDG »: the subject.
            const copular = /^(?:devenir|become|rester|remain)$/.test(toks[up]!.lemma.toLowerCase());
            const pick = (re: RegExp): number | undefined => verbKids.find((k) => k !== h && re.test(toks[k]!.deprel) && holderOk(mentionAt[k]!));
            const obj = copular ? pick(/^nsubj/) : (pick(/^obj$/) ?? pick(/^nsubj:pass$/));
            if (obj !== undefined) { holder = mentionAt[obj]!; how.push('named'); }
          } else if (head.deprel === 'acl:relcl' && up >= 0 && holderOk(mentionAt[up]!)) { holder = mentionAt[up]!; how.push('relative'); }
          else if (/^(?:compound|flat|nmod)$/.test(head.deprel) && up >= 0 && up > hl && holderOk(mentionAt[up]!)) { holder = mentionAt[up]!; how.push('compound'); }
        }
        // Organisation: of-complement of the label (of its last word too: "chief executive officer of").
        for (const lh of new Set([h, hl])) {
          if (org !== null) break;
          for (const k of children(lh)) {
            const m = mentionAt[k]!;
            if (!orgOk(m) || m === holder) continue;
            const kk = children(k);
            const cased = kk.some((c) => toks[c]!.deprel === 'case' && ORG_CASE.test(toks[c]!.form));
            if (/^nmod|^obl/.test(toks[k]!.deprel) && cased && k > lh) { org = m; how.push('of-complement'); break; }
            if (/^(?:nmod:poss|compound)$/.test(toks[k]!.deprel) && k < a) { org = m; how.push('compound'); break; }
          }
        }
      }
    }
    // The words around the label, where the parse said nothing.
    const att = attachChain(folded, chain0, relSpans, isPerson);
    if (att.rejected && how.length === 0) continue;
    if (holder === null && att.holder && !chain0.labels[0]!.plural) { holder = att.holder.i; how.push('adjacent'); }
    if (org === null && att.org) { org = att.org.i; how.push(holder !== null && how.at(-1) === 'adjacent' ? 'adjacent organisation' : 'adjacent'); }
    for (const hit of chain.labels)
      out.push({ sentence: si, start: hit.start, end: hit.end, label: articleText.slice(hit.start, hit.end), role: hit.label.role, interim: hit.interim, former: hit.former, holder, org, cue: how.join(', ') || 'label only' });
  }
  return out;
}
