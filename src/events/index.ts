// Dated, sourced events of one story, and the quotations its sources attribute to speakers.
//
//   per article (read.ts, cached)  triggers of the vocabulary (triggers.ts, vocab/triggers.ts) on
//                                  the language core's lemmas; their participants read in the
//                                  parse (participants.ts); their date from the temporal
//                                  expression that governs them, else their sentence (dating.ts);
//                                  threats, wishes, plans and conditions left out; a plain "said"
//                                  is a quotation attached to its speaker, not an event
//   per story (here, merge.ts)     participants placed on the story's entities; personnel events
//                                  given their organisation (the role's, the clause's, the
//                                  person's usual one); undated news dated by its report; reports
//                                  of one happening merged (merge.ts) and summarised (summary.ts)
import { config } from '../config.ts';
import { contextOrg, rolesIn, sentencesOf, type EntityAnalysis, type Located } from '../entities/index.ts';
import type { Precision, StoryArticle } from '../types.ts';
import { Lru } from '../util/lru.ts';
import { mergeEvents } from './merge.ts';
import { EVENTS_METHOD_VERSION, readEvents } from './read.ts';
import { articleReferences, trustworthy, UNKNOWN_DATE, type ArticleRef } from './reference.ts';
import { shortHash } from '../entities/index.ts';
import type { ArticleEvents, EventAnalysis, EventCandidate, EventSource, Quotation, StoryEvent } from './types.ts';

export type { DateStrength, EventAnalysis, EventDate, EventSource, Quotation, StoryEvent } from './types.ts';
export { articleReferences, datesMeet, UNKNOWN_DATE } from './reference.ts';
export { findDates, parseRef, STOPWORDS, type DateLang, type Timex } from './dates/index.ts';
export { amountsDiffer, firm } from './merge.ts';

const PERSONNEL = new Set(['dismissal', 'resignation', 'departure', 'hire', 'appointment', 'return']);

const cache = new Lru<string, ArticleEvents>(config('analysisCacheArticles'));

export function findEvents(articles: readonly StoryArticle[], an: EntityAnalysis): EventAnalysis {
  const { refs } = articleReferences(articles);
  const drafts: StoryEvent[] = [];
  const quotations: Quotation[] = [];
  for (const a of articles) {
    const ref = refs.get(a.id);
    const reading = an.readings.get(a.id);
    if (!reading) continue;
    const key = `${a.id}|${a.language}|${a.text.length}|${ref?.date}|${ref?.basis}|${EVENTS_METHOD_VERSION}`;
    let ev = cache.get(key);
    if (!ev) cache.set(key, (ev = readEvents(a, sentencesOf(a, an), reading, ref)));
    const ids = an.entityOf.get(a.id) ?? [];
    const reportedAt = ref ? (ref.basis === 'published' ? a.publishedAt : ref.date.slice(0, 10)) : null;
    const reportedPrecision: Precision = ref ? ref.precision : 'unknown';
    for (const c of ev.events) drafts.push(...storyEvents(a, an, c, ids, ref, reportedAt, reportedPrecision));
    for (const q of ev.quotations) {
      const speakerId = q.speaker !== null ? (ids[q.speaker] ?? null) : null;
      quotations.push({ id: 'q' + shortHash(a.id, String(q.start)), speakerId, speaker: speakerId ? (an.byId.get(speakerId)?.name ?? q.speakerText) : q.speakerText, text: q.text, articleId: a.id, sentence: q.sentenceText, reportedAt, cue: q.cue });
    }
  }
  return { events: mergeEvents(drafts, an), quotations };
}

/** A candidate of one article placed on the story's entities: one event per subject. */
function storyEvents(a: StoryArticle, an: EntityAnalysis, c: EventCandidate, ids: readonly (string | null)[], ref: ArticleRef | undefined, reportedAt: string | null, reportedPrecision: Precision): StoryEvent[] {
  const id = (m: number | null): string | null => (m === null ? null : (ids[m] ?? null));
  const typeOf = (e: string | null): string | null => (e ? (an.byId.get(e)?.type ?? null) : null);
  const personnel = PERSONNEL.has(c.type);
  let subjects = c.participants.subjects.map(id).filter((x): x is string => !!x);
  // A personnel event is about a person, as the story typed them.
  if (personnel) subjects = subjects.filter((s) => typeOf(s) === 'person');
  const objectId = id(c.participants.object);
  let agentId = id(c.participants.agent);
  const stated = id(c.participants.org);
  // An event needs someone or something named that it is about.
  if (!subjects.length) return [];
  // An undated happening told as the news: at the day the article last told (narrative time), if
  // that is within the week before the report, else the report's day.
  let date = c.date;
  let strength = c.strength;
  let dated = '';
  if (strength === 'none' && c.telling !== 'background') {
    const day = ref && trustworthy(ref) ? ref.date.slice(0, 10) : null;
    const f = c.focus?.start?.slice(0, 10);
    if (f && (!day || (f <= day && Date.parse(day) - Date.parse(f) <= 7 * 86400000))) {
      date = { ...c.focus!, text: '' };
      strength = 'weak';
      dated = `; dated by the day told before ("${c.focus!.text}")`;
    } else if (day && c.telling === 'news') {
      date = { start: day, end: day, precision: 'day', text: '' };
      strength = 'weak';
      dated = '; dated by its report';
    }
  }
  if (strength === 'none') date = UNKNOWN_DATE;
  const source: EventSource = {
    articleId: a.id, sentence: c.sentenceText, sentenceStart: c.sentenceStart, triggerStart: c.triggerStart, triggerEnd: c.triggerEnd,
    orgId: null, orgStrong: false, trigger: c.trigger, cue: c.cue + (dated || (strength === 'none' ? '; no date' : '')), reportedAt, reportedPrecision, date, strength,
  };
  const out: StoryEvent[] = [];
  for (const subjectId of subjects.length ? subjects : [null]) {
    let type = c.type;
    let role = c.role?.role ?? c.impliedRole;
    let interim = c.role?.interim ?? false;
    if ((type === 'hire' || type === 'return') && role && role !== 'employee') type = 'appointment';
    if (type !== 'appointment' && type !== 'dismissal' && type !== 'resignation' && type !== 'departure') { role = null; interim = false; }
    // The organisation: stated by the sentence, the role's, the clause's; for a person, the one
    // sources tie them to, else the one the text around talks about.
    let orgId: string | null = stated && typeOf(stated) === 'organization' ? stated : null;
    let orgStrong = orgId !== null;
    if (personnel && !orgId && subjectId) {
      // Stated, best first: the role's organisation as its sentence gives it; the organisation
      // that acts ("the board of X named Y"); one named after the trigger in its clause. Else
      // guessed: the role's organisation from the text around, the one sources tie the person
      // to, one named before in the sentence, the one the text around talks about.
      const rm = c.role ? rolesIn(an, a.id).find((r) => r.start === c.role!.start && r.orgId) : undefined;
      const rmStated = rm && !rm.cue.includes('context');
      const near = clauseOrg(an, a.id, c, subjectId);
      const acting = agentId && typeOf(agentId) === 'organization' && (type === 'appointment' || type === 'hire' || type === 'dismissal') ? agentId : null;
      if (rmStated) orgId = rm!.orgId;
      else if (acting) orgId = acting;
      else if (near?.after) orgId = near.id;
      orgStrong = orgId !== null;
      if (!orgId) {
        orgId = rm?.orgId ?? affiliation(an, subjectId) ?? near?.id ?? null;
        if (!orgId && type === 'hire') continue;
        orgId ??= contextOrg(an, a.id, c.triggerStart, c.sentence, new Set([subjectId]));
      }
    }
    // A person's other acts (a statement, a strike ordered) are not given their employer: the
    // organisation of such an event is its counterparty, which the sentence names or not.
    if (agentId === subjectId) agentId = null;
    const src: EventSource = { ...source, orgId: orgId !== subjectId ? orgId : null, orgStrong };
    out.push({
      id: '', type, lemma: c.lemma, subjectId, objectId: objectId !== subjectId ? objectId : null, orgId: orgId !== subjectId ? orgId : null, orgStrong, agentId,
      role, roleLabel: role ? (c.role?.label ?? null) : null, interim, isReturn: c.isReturn, negative: c.negative, amount: c.amount,
      date, strength, sources: [src], summary: '', status: 'reported', supersededBy: null, contradicts: [],
    });
  }
  return out;
}

/** An organisation the sentence names for a person's event, not tied to someone else's role:
 * after the trigger in its clause, else before it in the sentence. */
function clauseOrg(an: EntityAnalysis, articleId: string, c: EventCandidate, subjectId: string): { id: string; after: boolean } | null {
  const bound = new Set<string>();
  // Organisations of other people's roles, and of the roles this person held before, are not the event's.
  for (const r of rolesIn(an, articleId)) if (r.sentence === c.sentence && r.orgId && r.personId && (r.personId !== subjectId || (r.former && r.start !== c.role?.start))) bound.add(r.orgId);
  const orgs = (an.located.get(articleId) ?? []).filter((m: Located) => m.sentence === c.sentence && m.type === 'organization' && !bound.has(m.entityId));
  const text = c.sentenceText;
  const after = orgs.find((m) => m.start >= c.triggerEnd && m.start - c.triggerEnd <= 80 && !/[,;:()«»"]/.test(text.slice(c.triggerEnd - c.sentenceStart, m.start - c.sentenceStart)));
  if (after) return { id: after.entityId, after: true };
  const before = [...orgs].reverse().find((m) => m.end <= c.triggerStart);
  return before ? { id: before.entityId, after: false } : null;
}

/** The organisation sources most often tie a person to by a role. */
export function affiliation(an: EntityAnalysis, personId: string): string | null {
  const m = an.affiliations.get(personId);
  if (!m) return null;
  return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
}
