// The claim ledger of one story: every event keeps all its sources; later reports supersede
// earlier claims without erasing them; sources that disagree at the same time stay side by side
// (contradicted); who held which role when is derived from the events and the role labels.
//
// `analyzeStory` is the one call the pipeline makes: entities → events → timeline → the export
// objects of CONTRACT.md, with ids that do not depend on the order of anything.
import { EXCLUSIVE_ROLES, findEntities, shortHash, type EntityAnalysis } from '../entities/index.ts';
import { fold } from '../text/unicode.ts';
import { amountsDiffer, articleReferences, datesMeet, findEvents, firm, UNKNOWN_DATE, type EventSource, type Quotation, type StoryEvent } from '../events/index.ts';
import type { ExportEntity, ExportEvent, ExportQuotation, ExportRole, InferredDate, StoryAnalysis, StoryArticle } from '../types.ts';

export type { ExportEntity, ExportEvent, ExportQuotation, ExportRole, InferredDate, StoryAnalysis, StoryArticle } from '../types.ts';

export interface RoleState {
  personId: string;
  orgId: string | null;
  role: string;
  label: string;
  from: string | null;
  to: string | null;
  interim: boolean;
  sources: { articleId: string; sentence: string; cue?: string }[];
  /** Started after this date, exact start unknown (a return after a dismissal). */
  after: string | null;
  /** From the appointment event, or from role labels only. */
  eventId: string | null;
  /** The event that ended the term: the holder's exit, or the next holder's appointment. */
  closedBy: string | null;
  /** Claimed by a report that did not stand (its appointment was superseded): a term of no length. */
  superseded?: boolean;
}

export interface Timeline {
  events: StoryEvent[];
  roleStates: RoleState[];
  inferredDates: Record<string, InferredDate>;
  quotations: Quotation[];
}

/** How long after a move elsewhere a return still means the move did not stand. */
const SUPERSEDE_WINDOW_DAYS = 30;
const EXITS = new Set(['dismissal', 'resignation', 'departure']);
/** A permanent appointment overtaken this soon by someone else's was most likely never made. */
const UNCONFIRMED_WINDOW_DAYS = 14;

const day = (s: string | null | undefined): string | null => (s ? s.slice(0, 10) : null);
/** Roles that stay once had: a founder remains one after leaving. */
const LASTING_ROLES: ReadonlySet<string> = new Set(['founder']);

/** A source read on a verb (« est nommé », "was named"), not a noun (« le retour de X », often planned). */
const TOLD_AS_VERB = /^\w+: "[^"]*" \(verb,/;
/** The day a term opened by an appointment starts: the event's date, but never after a source
 * that tells the appointment as done, as the news of its day (a verb in the present or the past,
 * dated by its report, not by the narrative's earlier days): one source's wrong date must not
 * move a term that another reported as begun. */
function termStart(e: StoryEvent): string | null {
  const known = e.strength !== 'none' && e.date.start ? day(e.date.start) : null;
  const told = e.sources.filter((s) => s.strength === 'weak' && s.date.start && day(s.date.start) === day(s.reportedAt) && TOLD_AS_VERB.test(s.cue)).map((s) => day(s.date.start)!).sort()[0];
  return known && told && told < known ? told : known;
}
const daysBetween = (a: string, b: string): number => (Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / 86400000;
/** "ne reprendra pas son poste", "will not return": a return denied. */
const isNoReturn = (e: StoryEvent): boolean => e.negative && (e.type === 'return' || e.isReturn);
const isExit = (e: StoryEvent): boolean => EXITS.has(e.type) && !e.negative && !isNoReturn(e);
const isReturnLike = (e: StoryEvent): boolean => (e.type === 'return' || (e.type === 'appointment' && e.isReturn)) && !e.negative;

/** Reported-at interval of an event: earliest and latest source dates known to the day. */
function reported(e: StoryEvent): { first: string | null; last: string | null } {
  const ds = e.sources.filter((s) => s.reportedAt && (s.reportedPrecision === 'day' || s.reportedPrecision === 'hour')).map((s) => day(s.reportedAt)!).sort();
  return { first: ds[0] ?? null, last: ds[ds.length - 1] ?? null };
}
/** `b` was reported strictly after `a` (both known), or we cannot tell (null). */
function reportedAfter(a: StoryEvent, b: StoryEvent): boolean | null {
  const ra = reported(a), rb = reported(b);
  if (!ra.first || !rb.last) return null;
  return rb.last > ra.first;
}

function independentSources(e: StoryEvent, articles: Map<string, StoryArticle>): number {
  const keys = new Set<string>();
  for (const s of e.sources) {
    const a = articles.get(s.articleId);
    keys.add(a?.site ? `site:${fold(a.site)}` : `article:${s.articleId}`);
  }
  return keys.size;
}

export function buildTimeline(events: StoryEvent[], articles: readonly StoryArticle[], entities?: EntityAnalysis, quotations: Quotation[] = []): Timeline {
  const { inferred } = articleReferences(articles);
  const byArticle = new Map(articles.map((a) => [a.id, a]));
  const bySubject = new Map<string, StoryEvent[]>();
  for (const e of events) {
    e.status = independentSources(e, byArticle) >= 2 ? 'confirmed' : 'reported';
    e.supersededBy = null;
    e.contradicts = [];
    if (e.subjectId) bySubject.set(e.subjectId, [...(bySubject.get(e.subjectId) ?? []), e]);
  }

  for (const list of bySubject.values()) {
    const exits = list.filter(isExit);
    // A return comes after the exit it undoes: a date guessed from the article's focus that
    // falls on or before that exit is the exit's date, not the return's.
    for (const r of list.filter(isReturnLike)) {
      if (firm(r.strength) || !r.date.start) continue;
      const exit = exits.filter((x) => x.date.start && (!x.orgId || !r.orgId || x.orgId === r.orgId)).map((x) => day(x.date.end ?? x.date.start)!).sort().pop();
      if (exit && day(r.date.start)! <= exit) { r.date = UNKNOWN_DATE; r.strength = 'none'; }
    }
    for (const r of list.filter(isReturnLike)) {
      // A move elsewhere overtaken by the return ("rejoint Microsoft", then "le retour de Sam Altman").
      for (const h of list) {
        if (h === r || h.negative || h.status === 'superseded') continue;
        const elsewhere = h.type === 'hire' && h.orgId && r.orgId && h.orgId !== r.orgId;
        const denied = isNoReturn(h) && (!h.orgId || !r.orgId || h.orgId === r.orgId);
        if (!elsewhere && !denied) continue;
        if (reportedAfter(r, h) === true) continue; // the return was told before the move: the move is the news
        if (r.date.start && h.date.start && day(r.date.end ?? r.date.start)! < day(h.date.start)!) continue;
        const ref = r.date.start ?? reported(r).last;
        if (elsewhere && ref && h.date.start && daysBetween(h.date.start, ref) > SUPERSEDE_WINDOW_DAYS) continue;
        h.status = 'superseded';
        h.supersededBy = r.id;
      }
    }
    // The same claim denied, or one happening given different dates.
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!, b = list[j]!;
        if (a.type !== b.type || (a.orgId && b.orgId && a.orgId !== b.orgId) || isNoReturn(a) || isNoReturn(b)) continue;
        const oneTime = EXITS.has(a.type) || a.type === 'hire' || a.type === 'appointment';
        const opposite = a.negative !== b.negative && datesMeet(a.date, b.date);
        // Two outlets giving different figures for one claim: neither withdraws, both stand.
        if (amountsDiffer(a, b) && !a.negative && !b.negative && datesMeet(a.date, b.date) && (!a.objectId || !b.objectId || a.objectId === b.objectId)) {
          a.contradicts.push(b.id);
          b.contradicts.push(a.id);
          if (a.status !== 'superseded') a.status = 'contradicted';
          if (b.status !== 'superseded') b.status = 'contradicted';
          continue;
        }
        const redated = oneTime && a.negative === b.negative && (a.role ?? '') === (b.role ?? '') && a.strength === 'explicit' && b.strength === 'explicit' && !datesMeet(a.date, b.date) && Math.abs(daysBetween(a.date.start!, b.date.start!)) <= SUPERSEDE_WINDOW_DAYS && a.interim === b.interim;
        if (!opposite && !redated) continue;
        const later = reportedAfter(a, b) === true ? b : reportedAfter(b, a) === true ? a : null;
        if (later) {
          const earlier = later === a ? b : a;
          const sameOutlet = earlier.sources.every((s) => later.sources.some((t) => sameSite(s, t, byArticle)));
          earlier.status = opposite && sameOutlet && later.negative ? 'retracted' : 'superseded';
          earlier.supersededBy = later.id;
        } else {
          a.contradicts.push(b.id);
          b.contradicts.push(a.id);
          if (a.status !== 'superseded') a.status = 'contradicted';
          if (b.status !== 'superseded') b.status = 'contradicted';
        }
      }
  }
  // Two people named to the same exclusive role on the same day, neither an interim: sources disagree.
  const appts = events.filter((e) => e.type === 'appointment' && e.role && EXCLUSIVE_ROLES.has(e.role) && !e.negative && e.strength === 'explicit' && e.date.precision !== 'unknown');
  for (let i = 0; i < appts.length; i++)
    for (let j = i + 1; j < appts.length; j++) {
      const a = appts[i]!, b = appts[j]!;
      if (a.subjectId === b.subjectId || a.orgId !== b.orgId || a.role !== b.role || a.interim || b.interim) continue;
      if (day(a.date.start) !== day(b.date.start)) continue;
      a.contradicts.push(b.id);
      b.contradicts.push(a.id);
      if (a.status !== 'superseded') a.status = 'contradicted';
      if (b.status !== 'superseded') b.status = 'contradicted';
    }

  // Someone reported by a single outlet as appointed to an exclusive role, and someone else
  // appointed to it (not as an interim) within two weeks: the first report did not stand.
  const named = events.filter((e) => e.type === 'appointment' && e.role && EXCLUSIVE_ROLES.has(e.role) && !e.negative && !e.interim && e.date.start && e.status !== 'superseded');
  for (const a of named)
    for (const b of named) {
      if (a === b || a.subjectId === b.subjectId || a.orgId !== b.orgId || a.role !== b.role || a.status !== 'reported') continue;
      const gap = daysBetween(a.date.start!, b.date.start!);
      if (gap <= 0 || gap > UNCONFIRMED_WINDOW_DAYS || independentSources(a, byArticle) > 1) continue;
      a.status = 'superseded';
      a.supersededBy = b.id;
    }
  return { events, roleStates: roleStates(events, byArticle, entities), inferredDates: inferred, quotations };
}

function sameSite(s: EventSource, t: EventSource, arts: Map<string, StoryArticle>): boolean {
  const a = arts.get(s.articleId)?.site, b = arts.get(t.articleId)?.site;
  return s.articleId === t.articleId || (!!a && !!b && fold(a) === fold(b));
}

/** Role states: appointments give starts, exits and successors give ends; role labels give states known only to hold around their report. */
function roleStates(events: StoryEvent[], arts: Map<string, StoryArticle>, an?: EntityAnalysis): RoleState[] {
  const live = events.filter((e) => !e.negative && e.status !== 'superseded' && e.status !== 'retracted');
  const states: RoleState[] = [];
  const exitsOf = (person: string, org: string | null): StoryEvent[] => live.filter((e) => e.subjectId === person && isExit(e) && e.date.start && (!org || !e.orgId || e.orgId === org));
  // A superseded appointment stays visible as the claim it was, a term that never ran.
  for (const e of events) {
    if (e.type !== 'appointment' || !e.role || !e.subjectId || e.negative || e.status !== 'superseded' || !e.date.start) continue;
    const d = day(e.date.start);
    states.push({ personId: e.subjectId, orgId: e.orgId, role: e.role, label: e.roleLabel ?? e.role, from: d, to: d, interim: e.interim, sources: e.sources.map((s) => ({ articleId: s.articleId, sentence: s.sentence, cue: `${e.type} "${s.trigger}", superseded` })), after: null, eventId: e.id, closedBy: e.supersededBy, superseded: true });
  }
  for (const e of live) {
    if (e.type !== 'appointment' || !e.role || !e.subjectId) continue;
    const known = termStart(e);
    const after = !known ? (exitsOf(e.subjectId, e.orgId).map((x) => day(x.date.end ?? x.date.start)!).sort().pop() ?? null) : null;
    states.push({ personId: e.subjectId, orgId: e.orgId, role: e.role, label: e.roleLabel ?? e.role, from: known, to: null, interim: e.interim, sources: e.sources.map((s) => ({ articleId: s.articleId, sentence: s.sentence, cue: `${e.type} "${s.trigger}"` })), after, eventId: e.id, closedBy: null });
  }
  if (an) {
    const grouped = new Map<string, RoleState>();
    for (const r of an.roles) {
      if (!r.personId || r.role === 'employee') continue;
      const a = arts.get(r.articleId);
      const sentence = an.sentences.get(r.articleId)?.[r.sentence]?.text ?? '';
      const reportedAt = a?.publishedAt ? day(a.publishedAt) : null;
      // A label reported after an appointment to that very role describes that term.
      const term = states.find((s) => s.eventId && s.personId === r.personId && s.role === r.role && (!r.orgId || s.orgId === r.orgId) && s.from && reportedAt && reportedAt >= s.from);
      if (term && !r.former) { term.sources.push({ articleId: r.articleId, sentence, cue: `label "${r.label}": ${r.cue}` }); continue; }
      const key = `${r.personId}|${r.orgId}|${r.role}|${r.former}`;
      let st = grouped.get(key);
      if (!st) {
        st = { personId: r.personId, orgId: r.orgId, role: r.role, label: r.label, from: null, to: r.former ? reportedAt : null, interim: r.interim, sources: [], after: null, eventId: null, closedBy: null };
        grouped.set(key, st);
        states.push(st);
      } else if (r.former && reportedAt && (!st.to || reportedAt < st.to)) st.to = reportedAt;
      st.interim &&= r.interim;
      if (!st.sources.some((s) => s.articleId === r.articleId && s.sentence === sentence)) st.sources.push({ articleId: r.articleId, sentence, cue: `label "${r.label}": ${r.cue}` });
    }
  }
  // Ends: the holder's own exit after the start, else the next holder of an exclusive role.
  // A state known only from labels: the role was held when they were reported (or at the
  // happening their sentence tells), so an exit or a successor dated before that did not end it.
  const told = (s: RoleState): string | null => (s.eventId ? null : s.sources.map((x) => day(arts.get(x.articleId)?.publishedAt)).filter((d): d is string => !!d).sort()[0] ?? null);
  const inSentence = (s: RoleState, x: StoryEvent): boolean => x.sources.some((t) => s.sources.some((u) => u.articleId === t.articleId && u.sentence === t.sentence));
  const rank = (s: RoleState): number[] => [s.from ? 1 : s.after ? 2 : 0, s.from ? Date.parse(s.from) : 0];
  const seq = (s: RoleState): string => `${s.orgId}|${s.role}`;
  const bySeq = new Map<string, RoleState[]>();
  for (const s of states) if (!s.superseded) bySeq.set(seq(s), [...(bySeq.get(seq(s)) ?? []), s]);
  for (const list of bySeq.values()) {
    list.sort((a, b) => { const ra = rank(a), rb = rank(b); return ra[0]! - rb[0]! || ra[1]! - rb[1]!; });
    for (const [i, s] of list.entries()) {
      if (s.to && !s.eventId) continue;
      // Founding a company is done once: no exit or successor undoes it.
      if (LASTING_ROLES.has(s.role)) continue;
      const start = s.from ?? s.after;
      const seen = told(s);
      // The exit named in the label's own sentence ("removed its chief executive, X") ends that
      // term whatever organisation the event was given; other exits must be at the term's organisation.
      const exits = live.filter((x) => x.subjectId === s.personId && isExit(x) && x.date.start && (!s.orgId || !x.orgId || x.orgId === s.orgId || (!s.eventId && inSentence(s, x))));
      // When an exit ends this term. A term known only to start after an exit cannot be ended by
      // that exit. A label says the role was held when it was reported: a firm date before that
      // stands only for the exit its own sentence tells. An exit dated only by the narrative
      // (the day told before) on or before the term's first day happened by its own report
      // ("X, named on Sunday night, will leave the post" is no exit on Sunday).
      const fits = (d: string, weak: boolean): boolean => (!start || (s.from && !weak ? d >= start : d > start)) && (!seen || d >= seen);
      const when = (x: StoryEvent): string | null => {
        const d = day(x.date.start)!;
        if (firm(x.strength)) return fits(d, false) || (!!seen && d < seen && inSentence(s, x) && (!start || d >= start)) ? d : null;
        if (fits(d, true)) return d;
        const r = reported(x).first;
        return r && fits(r, true) ? r : null;
      };
      const exitEvent = exits.map((x) => ({ x, d: when(x) })).filter((c): c is { x: StoryEvent; d: string } => !!c.d).sort((a, b) => a.d.localeCompare(b.d))[0];
      const exit = exitEvent?.d ?? null;
      let next: string | null = null;
      let nextEvent: string | null = null;
      if (EXCLUSIVE_ROLES.has(s.role)) for (const n of list.slice(i + 1)) if (n.personId !== s.personId && n.from && (!start || n.from > start) && (!seen || n.from >= seen)) { next = n.from; nextEvent = n.eventId; break; }
      const ends = [exit, next].filter((x): x is string => !!x).sort();
      s.to = ends[0] ?? s.to;
      s.closedBy = ends[0] ? (ends[0] === exit ? exitEvent!.x.id : nextEvent) : null;
    }
  }
  return states;
}

/** Who held `role` at organisation `org` (id, name or alias) on `date` ('latest' for now), from the export's role states. */
export function roleHolder(analysis: { entities: ExportEntity[] }, org: string, role: string, date: string): { entityId: string; name: string; interim: boolean } | null {
  const want = fold(org);
  const orgIds = new Set(analysis.entities.filter((e) => e.id === org || fold(e.name) === want || e.aliases.some((a) => fold(a) === want)).map((e) => e.id));
  const cands: { e: ExportEntity; r: ExportRole }[] = [];
  for (const e of analysis.entities) for (const r of e.roles) if (r.role === role && r.organizationId && orgIds.has(r.organizationId) && r.status !== 'superseded') cands.push({ e, r });
  let pick: { e: ExportEntity; r: ExportRole } | undefined;
  if (date === 'latest') {
    // An open interim term ends when a permanent holder is named, even if nobody dated that.
    const open = cands.filter((c) => !c.r.to);
    open.sort((a, b) => Number(a.r.interim) - Number(b.r.interim) || (b.r.from ?? '').localeCompare(a.r.from ?? ''));
    pick = open[0];
  } else {
    const d = date.slice(0, 10);
    const covering = cands.filter((c) => (!c.r.from || c.r.from <= d) && (!c.r.to || d < c.r.to));
    // A term known to have started wins over one whose start nobody gave.
    covering.sort((a, b) => (b.r.from ?? '').localeCompare(a.r.from ?? ''));
    pick = covering[0];
  }
  return pick ? { entityId: pick.e.id, name: pick.e.name, interim: pick.r.interim } : null;
}

/** The whole analysis of one story, in the export shapes of CONTRACT.md. */
export function analyzeStory(storyId: string, articles: StoryArticle[]): StoryAnalysis {
  const an = findEntities(articles);
  const { events, quotations } = findEvents(articles, an);
  const tl = buildTimeline(events, articles, an, quotations);
  return toExport(storyId, an, tl);
}

export function toExport(storyId: string, an: EntityAnalysis, tl: Timeline): StoryAnalysis {
  // Event ids: story, type, subject and date; what still collides gets its organisation, role and words.
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const e of tl.events) {
    let id = 'v' + shortHash(storyId, e.type, e.subjectId ?? '', e.date.start ?? '');
    if (used.has(id)) id = 'v' + shortHash(storyId, e.type, e.subjectId ?? '', e.date.start ?? '', e.orgId ?? '', e.role ?? '', e.lemma, e.negative ? 'neg' : '');
    for (let n = 2; used.has(id); n++) id = 'v' + shortHash(storyId, e.id, String(n));
    used.add(id);
    ids.set(e.id, id);
  }
  const events: ExportEvent[] = tl.events.map((e) => {
    const participants: ExportEvent['participants'] = [];
    const add = (entityId: string | null, role: ExportEvent['participants'][number]['role']): void => {
      if (entityId && !participants.some((p) => p.entityId === entityId)) participants.push({ entityId, role });
    };
    add(e.subjectId, 'subject');
    add(e.objectId, 'object');
    if (e.orgId !== e.subjectId) add(e.orgId, 'organization');
    add(e.agentId, 'agent');
    return {
      id: ids.get(e.id)!,
      storyId,
      type: e.type,
      summary: e.summary,
      participants,
      date: { start: e.date.start, end: e.date.end, precision: e.date.precision, text: e.date.text },
      sources: e.sources.map((s) => ({ articleId: s.articleId, sentence: s.sentence, reportedAt: s.reportedAt, trigger: s.trigger, cue: s.cue })),
      status: e.status,
      supersededBy: e.supersededBy ? (ids.get(e.supersededBy) ?? null) : null,
      contradicts: e.contradicts.map((c) => ids.get(c)!).filter(Boolean),
      trigger: e.sources[0]?.trigger ?? '',
      position: e.roleLabel,
    };
  });
  const rolesOf = new Map<string, ExportRole[]>();
  for (const s of tl.roleStates) {
    const list = rolesOf.get(s.personId) ?? [];
    list.push({ role: s.role, label: s.label, organizationId: s.orgId, from: s.from, to: s.to, interim: s.interim, ...(s.superseded ? { status: 'superseded' as const } : {}), sources: s.sources, fromEvent: s.eventId ? (ids.get(s.eventId) ?? null) : null, toEvent: s.closedBy ? (ids.get(s.closedBy) ?? null) : null });
    rolesOf.set(s.personId, list);
  }
  const entities: ExportEntity[] = an.entities.map((e) => ({
    id: e.id,
    name: e.name,
    type: e.type,
    aliases: e.aliases,
    mentions: e.mentions.map((m) => ({ articleId: m.articleId, text: m.text, start: m.start, end: m.end, cue: m.cue })),
    roles: rolesOf.get(e.id) ?? [],
    typedBy: e.typedBy,
  }));
  const quotations: ExportQuotation[] = tl.quotations.map((q) => ({ id: q.id, storyId, speakerId: q.speakerId, speaker: q.speaker, text: q.text, articleId: q.articleId, sentence: q.sentence, reportedAt: q.reportedAt, cue: q.cue }));
  return { entities, events, quotations, inferredDates: tl.inferredDates };
}
