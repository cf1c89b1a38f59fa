// Dated, sourced events from the sentences of one story's articles: who was dismissed, who
// resigned, was appointed, hired, came back; who announced, said, launched, invested. Rules over
// French and English sentences: a trigger (vocab.ts) finds its participants among the entities
// of the sentence (subject before a verb, object after an active transitive verb, complement of
// an event noun, pronouns back to the last person named), its organisation and position, and its
// date (the date expression of its own clause, else the one of the reporting clause it hangs
// on, else the article's focus date, else its publication date, each flagged by how it was
// found). Reports of the same happening then merge into one event with many sources.
import { contextOrg, findChains, floorBy, foldSame, rolesIn, shortHash, type EntityAnalysis, type Located } from '../entities/index.ts';
import { splitSentences } from '../normalize/index.ts';
import type { EventType, Precision, StoryArticle } from '../types.ts';
import type { Sentence } from '../types.ts';
import { findDates } from './dates/index.ts';
import { articleReferences, datesMeet, precisionRank, timexToDate, UNKNOWN_DATE, type ArticleRef } from './reference.ts';
import type { DateStrength, EventDate, EventSource, StoryEvent } from './types.ts';
import { CLAUSE_BREAK, GROUP_SUBJECT, MODAL_BEFORE, NEGATION_AFTER, NEGATION_BEFORE, PASSIVE_BEFORE, POSSESSIVE_BEFORE, REPORTING, TRIGGERS, type Trigger } from './vocab.ts';

export type { EventDate, EventSource, StoryEvent } from './types.ts';
export { articleReferences, datesMeet, UNKNOWN_DATE } from './reference.ts';
export { findDates, parseRef, STOPWORDS, type DateLang, type Timex } from './dates/index.ts';

const COMPILED = TRIGGERS.map((t) => ({ t, re: new RegExp(`(?<![\\p{L}\\p{N}-])(?:${t.words})(?![\\p{L}\\p{N}])`, 'gu') }));
const LIFE: ReadonlySet<EventType> = new Set(['dismissal', 'resignation', 'departure', 'hire', 'appointment', 'return']);
const DATE_BREAK = /[;«»“”"()]|\bque\b|\bqu'|\bthat\b|\bqui\b|\bwhich\b|\bwho\b|\bdont\b/g;

interface Hit { start: number; end: number; t: Trigger; text: string }
interface Dated { start: number; end: number; date: EventDate }

/** Triggers of one article, longest first where they overlap. */
function triggersOf(folded: string): Hit[] {
  const hits: Hit[] = [];
  for (const { t, re } of COMPILED) for (const m of folded.matchAll(re)) hits.push({ start: m.index!, end: m.index! + m[0].length, t, text: m[0] });
  hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: Hit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) continue;
    out.push(h);
  }
  return out;
}

function breaksOf(fs: string, base: number, re: RegExp): number[] {
  const out: number[] = [];
  for (const m of fs.matchAll(re)) out.push(base + m.index!);
  return out;
}
const segOf = (breaks: readonly number[], pos: number): number => floorBy(breaks, pos, (x) => x) + 1;

interface Ctx {
  a: StoryArticle;
  an: EntityAnalysis;
  folded: string;
  located: Located[];
  sentences: Sentence[];
  ref: ArticleRef | undefined;
}

const COORD_FIRST = /^\s*(?:et|and|ainsi que|as well as|&)\s*$/;
const COORD_NEXT = /^\s*(?:,|et|and|ainsi que|as well as|&)\s*$/;

/** The person a pronoun (or possessive) at `pos` stands for: the last person named before it, two sentences back at most. */
function resolvePronoun(c: Ctx, pos: number, si: number): string | null {
  for (let i = floorBy(c.located, pos - 1, (m) => m.start); i >= 0; i--) {
    const m = c.located[i]!;
    if (m.sentence < si - 2) break;
    if (m.type === 'person' && m.end <= pos) return m.entityId;
  }
  return null;
}

interface Cand { start: number; end: number; entityId: string; type: Located['type'] }

/** Names and pronouns of a sentence, in order, pronouns already resolved. */
function candidatesOf(c: Ctx, s: Sentence, si: number): Cand[] {
  const out: Cand[] = [];
  for (let i = floorBy(c.located, s.start - 1, (m) => m.start) + 1; i < c.located.length && c.located[i]!.start < s.end; i++) {
    const m = c.located[i]!;
    if (m.sentence === si) out.push({ start: m.start, end: m.end, entityId: m.entityId, type: m.type });
  }
  const fs = c.folded.slice(s.start, s.end);
  for (const m of fs.matchAll(/(?<![\p{L}-])(?:il|elle|lui|he|she|him)(?![\p{L}-])/gu)) {
    const pos = s.start + m.index!;
    const who = resolvePronoun(c, pos, si);
    if (who) out.push({ start: pos, end: pos + m[0].length, entityId: who, type: 'person' });
  }
  return out.sort((x, y) => x.start - y.start);
}

function isPersonType(t: EventType): boolean {
  return LIFE.has(t);
}

export function findEvents(articles: readonly StoryArticle[], entities: EntityAnalysis): StoryEvent[] {
  const { refs } = articleReferences(articles);
  const drafts: StoryEvent[] = [];
  for (const a of articles) drafts.push(...articleEvents(a, entities, refs.get(a.id)));
  return mergeEvents(drafts, entities);
}

function articleEvents(a: StoryArticle, an: EntityAnalysis, ref: ArticleRef | undefined): StoryEvent[] {
  const folded = foldSame(a.text);
  const sentences = an.sentences.get(a.id) ?? splitSentences(a.text, a.language);
  const c: Ctx = { a, an, folded, located: an.located.get(a.id) ?? [], sentences, ref };
  const lang = a.language === 'en' ? 'en' : 'fr';
  const timexes: Dated[] = [];
  if (ref) {
    for (const t of findDates(a.text, { ref: ref.date, lang })) {
      if (t.type !== 'date' && t.type !== 'time') continue;
      const d = timexToDate(t, ref);
      if (d) timexes.push({ start: t.start, end: t.end, date: d });
    }
  }
  const focus = timexes.filter((t) => t.date.precision === 'day' || t.date.precision === 'hour');
  const hits = triggersOf(folded);
  const reportedAt = ref ? (ref.basis === 'published' ? a.publishedAt : ref.date.slice(0, 10)) : null;
  const reportedPrecision: Precision = ref ? ref.precision : 'unknown';
  const out: StoryEvent[] = [];
  let hi = 0;
  sentences.forEach((s, si) => {
    const local: Hit[] = [];
    while (hi < hits.length && hits[hi]!.start < s.start) hi++;
    for (let j = hi; j < hits.length && hits[j]!.end <= s.end; j++) local.push(hits[j]!);
    if (!local.length) return;
    const fs = folded.slice(s.start, s.end);
    const clauseBreaks = breaksOf(fs, s.start, CLAUSE_BREAK);
    const dateBreaks = breaksOf(fs, s.start, DATE_BREAK);
    const cands = candidatesOf(c, s, si);

    // Dates: each expression goes to the nearest trigger of its clause.
    const own = new Map<Hit, Dated>();
    const inheritable = new Map<number, Dated>();
    for (const t of timexes) {
      if (t.start < s.start || t.end > s.end) continue;
      const seg = segOf(dateBreaks, t.start);
      let best: Hit | null = null;
      let bestDist = Infinity;
      for (const h of local) {
        if (segOf(dateBreaks, h.start) !== seg) continue;
        const dist = t.start >= h.end ? t.start - h.end : h.start - t.end;
        if (dist < bestDist) { best = h; bestDist = dist; }
      }
      if (best && !own.has(best)) own.set(best, t);
      const segText = fs.slice((dateBreaks[seg - 1] ?? s.start) - s.start, (dateBreaks[seg] ?? s.end) - s.start);
      if ((!best || best.t.type === 'statement' || best.t.type === 'announcement') && REPORTING.test(segText) && !inheritable.has(seg)) inheritable.set(seg, t);
    }
    const focusBefore = focus[floorBy(focus, s.start - 1, (t) => t.end)];

    for (const h of local) {
      const ev = eventsOfHit(c, s, si, h, cands, clauseBreaks);
      if (!ev.length) continue;
      let date: EventDate = UNKNOWN_DATE;
      let strength: DateStrength = 'none';
      const mine = own.get(h);
      if (mine) { date = mine.date; strength = 'explicit'; }
      else {
        const seg = segOf(dateBreaks, h.start);
        let inh: Dated | undefined;
        for (let k = seg - 1; k >= 0 && !inh; k--) inh = inheritable.get(k);
        if (inh) { date = inh.date; strength = 'inherited'; }
        else if (focusBefore) { date = focusBefore.date; strength = 'weak'; }
        else if (ref && (ref.basis === 'published' || ref.basis === 'text')) { date = { start: ref.date.slice(0, 10), end: ref.date.slice(0, 10), precision: 'day', text: '' }; strength = 'weak'; }
      }
      const source: EventSource = { articleId: a.id, sentence: s.text, sentenceStart: s.start, triggerStart: h.start, triggerEnd: h.end, reportedAt, reportedPrecision, date, strength };
      for (const e of ev) out.push({ ...e, date, strength, sources: [source] });
    }
  });
  return out;
}

type Draft = Omit<StoryEvent, 'date' | 'strength' | 'sources'>;

const OBJECT_GAP = /^[^,.;:!?«»“”()]{0,50}(?:,\s*)?$/;
const SHORT_GAP = /^\s*(?:[\p{L}'-]+\s+){0,3}$/u;
const POSITION_GAP = /^\s*(?:(?:comme|en tant que|as|au poste de|to the post of|to be|de|d'|du|les fonctions de|la direction de|its|son|sa|nouveau|nouvelle|new|interim|acting|par interim|le|la|l'|the|a|an|un|une|permanent|permanente)\s*)*$/;
const AS_BEFORE = /(?:en tant que|comme|as|au poste de)\s+(?:(?:nouveau|nouvelle|new|son|sa|its|their|le|la|l'|the)\s+)*$/;

function eventsOfHit(c: Ctx, s: Sentence, si: number, h: Hit, cands: Cand[], breaks: number[]): Draft[] {
  const f = c.folded;
  const t = h.t;
  const clauseStart = breaks[floorBy(breaks, h.start - 1, (x) => x)] ?? s.start;
  const nextBreak = breaks.find((b) => b >= h.end) ?? s.end;
  const before = f.slice(Math.max(s.start, h.start - 80), h.start);
  // "non-embauche": the negated noun is no event; threats, wishes and possibilities neither.
  if (/non-$/.test(before)) return [];
  if (MODAL_BEFORE.test(before.slice(-70))) return [];
  const lead = f.slice(Math.max(clauseStart, h.start - 40), h.start);
  const negative = !t.negationInside && (NEGATION_BEFORE.test(lead) || (/(?:\bn'|\bne\s)/.test(lead) && NEGATION_AFTER.test(f.slice(h.end, h.end + 10))));
  const needPerson = isPersonType(t.type);
  const ok = (x: Cand): boolean => (needPerson ? x.type === 'person' : x.type !== 'place' || t.generic === true);

  let subjects: string[] = [];
  // Where the position may start: after the trigger, or after the object of "named X CEO".
  let positionFrom = h.end;
  let objectId: string | null = null;
  let agentId: string | null = null;
  let strongOrg: string | null = null;

  const after = cands.filter((x) => x.start >= h.end);
  const beforeC = cands.filter((x) => x.end <= h.start);
  const nearestBefore = (pred: (x: Cand) => boolean, from = clauseStart): Cand[] => {
    const inClause = beforeC.filter((x) => x.start >= from && pred(x));
    let first = inClause[inClause.length - 1];
    if (!first) {
      // "X, qui … , a été nommé": the antecedent of the relative pronoun that opens the clause.
      const opener = f.slice(clauseStart, clauseStart + 6);
      if (/^(?:qui|who|which)\b/.test(opener)) {
        const ante = beforeC.filter((x) => x.end <= clauseStart && /^[\s,]*$/.test(f.slice(x.end, clauseStart)));
        const prevBreak = breaks[floorBy(breaks, clauseStart - 1, (x) => x)] ?? s.start;
        const ante2 = ante.length ? ante : beforeC.filter((x) => x.end <= clauseStart && x.start >= prevBreak);
        first = [...ante2].reverse().find(pred);
      }
    }
    if (!first) return [];
    const chain = [first];
    let idx = beforeC.indexOf(first);
    let gapRe = COORD_FIRST;
    while (idx > 0) {
      const prev = beforeC[idx - 1]!;
      if (!pred(prev) || !gapRe.test(f.slice(prev.end, chain[chain.length - 1]!.start))) break;
      chain.push(prev);
      gapRe = COORD_NEXT;
      idx--;
    }
    return chain.reverse();
  };

  if (t.frame === 'noun') {
    const rest = f.slice(h.end, h.end + 12);
    const comp = after.find((x) => x.start - h.end <= 12 && /^\s*(?:\S+\s+)?(?:de|d'|du|of|des)\s*(?:m\.\s*|mr\.?\s*|mme\s*)?$/.test(f.slice(h.end, x.start)) && ok(x));
    const poss = /^\s*(?:\S+\s+)?$/.test(rest.slice(0, 0)) && POSSESSIVE_BEFORE.test(f.slice(Math.max(s.start, h.start - 20), h.start));
    const genitive = beforeC.find((x) => /^'s?\s+(?:\S+\s+)?$/.test(f.slice(x.end, h.start)) && ok(x));
    if (comp) subjects = [comp.entityId];
    else if (genitive) subjects = [genitive.entityId];
    else if (poss) {
      const who = resolvePronoun(c, h.start, si);
      if (who) subjects = [who];
    }
    if (!subjects.length && !needPerson) {
      // "les annonces d'OpenAI" is covered above; generic nouns take the names of their clause.
      const near = after.find((x) => x.start < nextBreak && ok(x));
      if (near && t.generic) subjects = [near.entityId];
    }
  } else if (t.frame === 'join') {
    const subj = nearestBefore((x) => x.type === 'person');
    subjects = subj.map((x) => x.entityId);
    // "rejoint Microsoft", "rejoignent désormais Microsoft", "joins rival Airbus".
    const org = after.find((x) => x.type === 'organization' && x.start - h.end <= 30 && /^\s*(?:[\p{L}'-]+\s+){0,2}$/u.test(f.slice(h.end, x.start)) && !after.some((y) => y.start >= h.end && y.end <= x.start));
    if (!org) return [];
    strongOrg = org.entityId;
  } else {
    const passive = PASSIVE_BEFORE.test(f.slice(Math.max(clauseStart, h.start - 30), h.start));
    let obj: Cand | undefined;
    if (t.transitive && !passive) {
      obj = after.find((x) => x.type === 'person' && x.start < nextBreak + 1);
      if (obj) {
        const gap = f.slice(h.end, obj.start);
        const hasRole = findChains(gap).length > 0;
        const between = after.some((y) => y.start >= h.end && y.end <= obj!.start && y.type !== 'person');
        if (!OBJECT_GAP.test(gap) || between || (!hasRole && !SHORT_GAP.test(gap)) || (t.needsRoleObject && !hasRole)) obj = undefined;
      }
    }
    if (t.needsRoleObject && !obj) return [];
    if (obj) {
      subjects = [obj.entityId];
      positionFrom = obj.end;
      const ag = [...beforeC].reverse().find((x) => x.start >= clauseStart && (x.type === 'organization' || x.type === 'person'));
      if (ag) { agentId = ag.entityId; if (ag.type === 'organization') strongOrg = ag.entityId; }
    } else {
      subjects = nearestBefore(ok).map((x) => x.entityId);
      if (!subjects.length && (t.type === 'statement' || t.type === 'letter')) {
        // "«…», a déclaré Sutskever": the speaker after the verb.
        const inv = after.find((x) => x.start - h.end <= 25 && ok(x));
        if (inv) subjects = [inv.entityId];
      }
      const by = after.find((x) => x.start - h.end <= 40 && /\b(?:par|by)\s+(?:l'|le |la |the )?$/.test(f.slice(h.end, x.start)));
      if (by) { agentId = by.entityId; if (by.type === 'organization') strongOrg = by.entityId; }
    }
  }
  if (!subjects.length && !needPerson) {
    // "Plus de 500 employés ont signé une lettre": the group speaks for its organisation.
    if (GROUP_SUBJECT.test(f.slice(clauseStart, h.start))) {
      const org = contextOrg(c.an, c.a.id, h.start, si);
      if (org) subjects = [org];
    }
  }
  if (!subjects.length) return [];

  // Position: the role the event gives ("nommé PDG par intérim", "en tant que conseiller délégué").
  let role: string | null = t.role ?? null;
  let roleLabel: string | null = null;
  let interim = false;
  let positionHolder: string | null = null;
  let positionOrg: string | null = null;
  if (needPerson) {
    const window = f.slice(positionFrom, Math.min(s.end, positionFrom + 110));
    for (const chain of t.noPosition ? [] : findChains(window)) {
      const lab = chain.labels[0]!;
      const absStart = positionFrom + lab.start;
      const gap = window.slice(0, lab.start);
      const asPhrase = AS_BEFORE.test(gap);
      if (!POSITION_GAP.test(gap) && !asPhrase) continue;
      if (lab.label.role === 'employee' || lab.label.role === 'founder') continue;
      if (asPhrase) {
        const holder = [...cands].reverse().find((x) => x.end <= absStart && x.start >= positionFrom && /^\s*(?:en tant que|comme|as|au poste de)\s/.test(f.slice(x.end, absStart)));
        positionHolder = holder?.entityId ?? null;
      }
      role = lab.label.role;
      roleLabel = c.a.text.slice(absStart, positionFrom + lab.end);
      interim = lab.interim;
      const rm = rolesIn(c.an, c.a.id).find((r) => r.start === absStart);
      positionOrg = rm?.orgId ?? null;
      if (!positionOrg) {
        const labEnd = positionFrom + lab.end;
        const o = after.find((x) => x.type === 'organization' && x.start >= labEnd && x.start - labEnd <= 25 && /^\s*(?:par interim\s*)?(?:de|d'|du|of|at|chez)\s*(?:l'|la |le |the )?$/.test(f.slice(labEnd, x.start)));
        positionOrg = o?.entityId ?? null;
      }
      break;
    }
    if (t.needsPosition && !role) return [];
  }

  const out: Draft[] = [];
  for (const subjectId of subjects) {
    let type: EventType = t.type;
    let myRole = positionHolder && positionHolder !== subjectId ? null : role;
    const myInterim = myRole ? interim : false;
    // A hire or a return into a named role is an appointment to that role.
    if ((type === 'hire' || type === 'return') && myRole && myRole !== 'employee') type = 'appointment';
    if (type !== 'appointment') myRole = type === 'dismissal' || type === 'resignation' || type === 'departure' ? myRole : null;
    let orgId: string | null = null;
    let orgStrong = false;
    if (strongOrg) { orgId = strongOrg; orgStrong = true; }
    else if (positionOrg) { orgId = positionOrg; orgStrong = true; }
    else if (needPerson) {
      orgId = clauseOrg(c, s, si, h, subjectId, nextBreak);
      orgStrong = orgId !== null;
      if (!orgId) {
        if (type === 'hire') continue;
        orgId = affiliation(c.an, subjectId) ?? contextOrg(c.an, c.a.id, h.start, si, new Set([subjectId]));
      }
    } else {
      const o = cands.find((x) => x.type === 'organization' && x.entityId !== subjectId && x.start >= clauseStart && x.start < nextBreak);
      const subj = c.an.byId.get(subjectId);
      // A person speaks or announces for the organisation sources tie them to.
      const aff = subj?.type === 'person' ? affiliation(c.an, subjectId) : null;
      orgId = aff ?? o?.entityId ?? (subj?.type === 'organization' ? subjectId : null);
      orgStrong = orgId !== null;
    }
    if (!needPerson) {
      const o = after.find((x) => x.start < nextBreak && x.entityId !== subjectId && x.entityId !== orgId);
      objectId = o?.entityId ?? null;
    }
    out.push({
      id: '', type, lemma: h.text, subjectId, objectId, orgId, orgStrong, agentId: agentId === subjectId ? null : agentId,
      role: myRole, roleLabel: myRole ? roleLabel : null, interim: myInterim, isReturn: t.isReturn === true, negative,
      summary: '', status: 'reported', supersededBy: null, contradicts: [],
    });
  }
  return out;
}

/** An organisation the sentence states for a person's event: after the trigger in its clause, else anywhere in the sentence, never one tied to someone else's role. */
function clauseOrg(c: Ctx, s: Sentence, si: number, h: Hit, subjectId: string, nextBreak: number): string | null {
  const bound = new Set<string>();
  for (const r of rolesIn(c.an, c.a.id)) if (r.sentence === si && r.orgId && (r.personId !== null || r.start < h.start)) bound.add(r.orgId);
  const orgs = c.located.filter((m) => m.sentence === si && m.type === 'organization' && !bound.has(m.entityId));
  const afterIn = orgs.find((m) => m.start >= h.end && m.start < nextBreak && m.start - h.end <= 80);
  if (afterIn) return afterIn.entityId;
  const beforeIn = [...orgs].reverse().find((m) => m.end <= h.start);
  return beforeIn?.entityId ?? null;
}

/** The organisation sources most often tie a person to by a role. */
export function affiliation(an: EntityAnalysis, personId: string): string | null {
  const m = an.affiliations.get(personId);
  if (!m) return null;
  return [...m.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

// ── merging ─────────────────────────────────────────────────────────────────────────────────

function family(e: StoryEvent): string {
  if (e.type === 'appointment' || e.type === 'return') return 'appointment';
  if (e.type === 'departure' && /ne |won't|will not/.test(e.lemma)) return 'no-return';
  if (e.type === 'other') return `other:${e.lemma}`;
  return e.type;
}

const STRENGTH: Record<DateStrength, number> = { explicit: 3, inherited: 2, weak: 1, none: 0 };

/** The date an event is given: the best-found, most precise, most often reported date of its sources. */
export function bestDate(sources: readonly EventSource[]): { date: EventDate; strength: DateStrength } {
  let best: EventSource | null = null;
  const count = new Map<string, number>();
  for (const s of sources) if (s.date.start) count.set(s.date.start, (count.get(s.date.start) ?? 0) + 1);
  for (const s of sources) {
    if (!s.date.start) continue;
    if (!best) { best = s; continue; }
    const k = [STRENGTH[s.strength] - STRENGTH[best.strength], precisionRank(s.date.precision) - precisionRank(best.date.precision), (count.get(s.date.start) ?? 0) - (count.get(best.date.start!) ?? 0)];
    const d = k.find((x) => x !== 0) ?? 0;
    if (d > 0) best = s;
  }
  return best ? { date: best.date, strength: best.strength } : { date: UNKNOWN_DATE, strength: 'none' };
}

const firm = (s: DateStrength): boolean => s === 'explicit' || s === 'inherited';

function compatible(e: StoryEvent, d: StoryEvent): boolean {
  if (e.subjectId !== d.subjectId || e.negative !== d.negative) return false;
  if (e.orgId && d.orgId && e.orgId !== d.orgId && (e.type === 'hire' || (e.orgStrong && d.orgStrong))) return false;
  if (e.role && d.role && e.role !== d.role) return false;
  const life = LIFE.has(e.type);
  const eFirm = e.sources.filter((s) => firm(s.strength));
  const dFirm = d.sources.filter((s) => firm(s.strength));
  for (const x of eFirm) for (const y of dFirm) if (!datesMeet(x.date, y.date)) return false;
  if (life) return true;
  if (e.objectId && d.objectId && e.objectId !== d.objectId) return false;
  // Statements and announcements recur: only the same dated claim, or the same sentence repeated, is one event.
  if (eFirm.length && dFirm.length) return true;
  return e.sources.some((x) => d.sources.some((y) => x.sentence === y.sentence));
}

function absorb(e: StoryEvent, d: StoryEvent): void {
  e.sources.push(...d.sources);
  if (d.orgId && (!e.orgId || (!e.orgStrong && d.orgStrong))) { e.orgId = d.orgId; e.orgStrong = d.orgStrong; }
  if (!e.role && d.role) { e.role = d.role; e.roleLabel = d.roleLabel; }
  e.interim ||= d.interim;
  e.isReturn ||= d.isReturn;
  if (e.type === 'return' && d.type === 'appointment') e.type = 'appointment';
  e.objectId ??= d.objectId;
  e.agentId ??= d.agentId;
}

function mergeEvents(drafts: StoryEvent[], an: EntityAnalysis): StoryEvent[] {
  const groups = new Map<string, StoryEvent[]>();
  // Firmly dated reports first, so that undated ones join the event they fit.
  const order = [...drafts].sort((a, b) => STRENGTH[b.strength] - STRENGTH[a.strength]);
  for (const d of order) {
    const key = `${family(d)}|${d.subjectId}`;
    const list = groups.get(key) ?? [];
    const host = list.find((e) => compatible(e, d));
    if (host) absorb(host, d);
    else list.push({ ...d, sources: [...d.sources] });
    groups.set(key, list);
  }
  let events = [...groups.values()].flat();
  // A bare "départ" of someone dismissed or resigning the same days is that dismissal or resignation, told again.
  const exits = events.filter((e) => (e.type === 'dismissal' || e.type === 'resignation') && !e.negative);
  events = events.filter((e) => {
    if (e.type !== 'departure' || family(e) !== 'departure' || e.negative) return true;
    const fits = exits.filter((x) => x.subjectId === e.subjectId && (!x.orgId || !e.orgId || x.orgId === e.orgId) && datesMeetFirm(x, e));
    if (fits.length !== 1) return true;
    fits[0]!.sources.push(...e.sources);
    return false;
  });
  for (const e of events) {
    e.sources.sort((a, b) => (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.triggerStart - b.triggerStart));
    const seen = new Set<string>();
    e.sources = e.sources.filter((s) => { const k = `${s.articleId}@${s.triggerStart}`; if (seen.has(k)) return false; seen.add(k); return true; });
    const b = bestDate(e.sources);
    e.date = b.date;
    e.strength = b.strength;
    e.summary = summarize(e, an);
    e.id = 'v' + shortHash(e.type, e.subjectId ?? '', e.orgId ?? '', e.role ?? '', e.negative ? 'neg' : '', e.type === 'other' ? e.lemma : '', e.date.start ?? '', e.sources[0]!.articleId, String(e.sources[0]!.triggerStart));
  }
  return events.sort((a, b) => (a.date.start ?? '9999') < (b.date.start ?? '9999') ? -1 : (a.date.start ?? '9999') > (b.date.start ?? '9999') ? 1 : a.id < b.id ? -1 : 1);
}

function datesMeetFirm(a: StoryEvent, b: StoryEvent): boolean {
  for (const x of a.sources) for (const y of b.sources) if (firm(x.strength) && firm(y.strength) && !datesMeet(x.date, y.date)) return false;
  return true;
}

const ROLE_NAMES: Record<string, string> = { ceo: 'CEO', cto: 'CTO', cfo: 'CFO', coo: 'COO', chair: 'chair', president: 'president', 'board-member': 'board member', founder: 'founder', employee: 'employee' };

/** One sentence saying what happened, in plain English. */
export function summarize(e: StoryEvent, an: EntityAnalysis): string {
  const name = (id: string | null): string => (id ? (an.byId.get(id)?.name ?? '?') : '');
  const S = name(e.subjectId) || 'Someone';
  const O = e.orgId && e.orgId !== e.subjectId ? name(e.orgId) : '';
  const role = e.role ? `${e.interim ? 'interim ' : ''}${ROLE_NAMES[e.role] ?? e.role}` : '';
  const not = e.negative ? ' not' : '';
  const at = (prep: string): string => (O ? ` ${prep} ${O}` : '');
  switch (e.type) {
    case 'dismissal': return `${S} was${not} dismissed${role ? ` as ${role}` : ''}${at(role ? 'of' : 'from')}.`;
    case 'resignation': return `${S} did${e.negative ? ' not' : ''} resign${role ? ` as ${role}` : ''}${at(role ? 'of' : 'from')}.`;
    case 'departure': return family(e) === 'no-return' ? `${S} will not return${role ? ` as ${role}` : ''}${at('to')}.` : `${S} did${e.negative ? ' not' : ''} leave${O ? ` ${O}` : ''}.`;
    case 'hire': return `${S} was${not} hired${at('by')}.`;
    case 'return': return `${S} did${e.negative ? ' not' : ''} return${at('to')}.`;
    case 'appointment': return `${S} was${not} ${e.isReturn ? 'brought back' : 'appointed'}${role ? ` as ${role}` : ''}${at(role ? 'of' : 'at')}.`;
    case 'letter': return `${S}${e.negative ? ' did not sign' : ' signed'} a letter${O && O !== S ? ` (${O})` : ''}.`;
    default: {
      const obj = e.objectId ? ` ${name(e.objectId)}` : '';
      return `${S}: ${e.type}${e.negative ? ' (denied)' : ''} — “${e.lemma}”${obj ? ` (${obj.trim()})` : ''}.`;
    }
  }
}
