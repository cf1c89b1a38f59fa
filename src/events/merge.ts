// Reports of the same happening, merged into one event with many sources: the same kind of event
// about the same subject, at dates that can be the same (an undated report joins the dated event it
// fits), at the same organisation when both name one. Statements and announcements recur: only
// the same dated claim, or the same sentence repeated, is one event. The event's date is the
// best-found, most precise, most often reported date of its sources.
import type { EntityAnalysis } from '../entities/index.ts';
import { shortHash } from '../entities/index.ts';
import { datesMeet, precisionRank, UNKNOWN_DATE } from './reference.ts';
import { summarize } from './summary.ts';
import type { DateStrength, EventDate, EventSource, StoryEvent } from './types.ts';

const LIFE = new Set(['dismissal', 'resignation', 'departure', 'hire', 'appointment', 'return']);

export function family(e: StoryEvent): string {
  if (e.type === 'appointment' || e.type === 'return') return 'appointment';
  if (e.type === 'departure' && e.negative && /revenir|reprendre|return|come back/.test(e.lemma)) return 'no-return';
  if (e.type === 'other') return `other:${e.lemma}`;
  return e.type;
}

export const STRENGTH: Record<DateStrength, number> = { explicit: 4, sentence: 3, inherited: 2, weak: 1, none: 0 };
/** A date the source's own words give (not the report's date, not nothing). */
export const firm = (s: DateStrength): boolean => s === 'explicit' || s === 'sentence' || s === 'inherited';

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

function compatible(e: StoryEvent, d: StoryEvent): boolean {
  if (e.subjectId !== d.subjectId || e.negative !== d.negative) return false;
  if (e.orgId && d.orgId && e.orgId !== d.orgId && (e.type === 'hire' || (e.orgStrong && d.orgStrong))) return false;
  if (e.role && d.role && e.role !== d.role) return false;
  // Two sources giving different sums tell two claims, which the timeline sets side by side.
  if (amountsDiffer(e, d)) return false;
  const life = LIFE.has(e.type);
  const eFirm = e.sources.filter((s) => firm(s.strength));
  const dFirm = d.sources.filter((s) => firm(s.strength));
  for (const x of eFirm) for (const y of dFirm) if (!datesMeet(x.date, y.date)) return false;
  if (life) return true;
  if (e.objectId && d.objectId && e.objectId !== d.objectId) return false;
  // Statements and announcements recur: only the same dated claim, or the same sentence repeated, is one event.
  if (eFirm.length && dFirm.length) return true;
  // The same report telling it again without a date (its headline and its body): the date it
  // gives elsewhere is the date (the guide's third rule).
  // Not a date after that report: what it tells as done is not what the body schedules.
  if ((eFirm.length > 0) !== (dFirm.length > 0)) {
    const [firmOnes, loose] = eFirm.length ? [eFirm, d.sources] : [dFirm, e.sources];
    if (loose.some((y) => firmOnes.some((x) => x.articleId === y.articleId && (!y.reportedAt || !x.date.start || x.date.start.slice(0, 10) <= y.reportedAt.slice(0, 10))))) return true;
  }
  // Neither dated by its words: the same happening (one verb, or a launch) told twice by one report.
  if (!eFirm.length && !dFirm.length && (e.type === 'other' || e.type === 'launch') && e.sources.some((x) => d.sources.some((y) => x.articleId === y.articleId))) return true;
  return e.sources.some((x) => d.sources.some((y) => x.sentence === y.sentence));
}

/** Do two events give different sums of money in one currency (more than 2 % apart)? */
export function amountsDiffer(a: { amount: StoryEvent['amount'] }, b: { amount: StoryEvent['amount'] }): boolean {
  if (!a.amount || !b.amount || a.amount.currency !== b.amount.currency) return false;
  return Math.abs(a.amount.value - b.amount.value) > 0.02 * Math.max(a.amount.value, b.amount.value);
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
  e.amount ??= d.amount;
}

function datesMeetFirm(a: StoryEvent, b: StoryEvent): boolean {
  for (const x of a.sources) for (const y of b.sources) if (firm(x.strength) && firm(y.strength) && !datesMeet(x.date, y.date)) return false;
  return true;
}

export function mergeEvents(drafts: StoryEvent[], an: EntityAnalysis): StoryEvent[] {
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
    // The organisation most sources state (else most sources guess).
    const votes = new Map<string, number>();
    for (const src of e.sources) if (src.orgId) votes.set(src.orgId, (votes.get(src.orgId) ?? 0) + (src.orgStrong ? 10 : 1));
    const top = [...votes.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
    if (top && e.orgId !== e.subjectId) { e.orgId = top[0]; e.orgStrong = top[1] >= 10; }
    const b = bestDate(e.sources);
    e.date = b.date;
    e.strength = b.strength;
    e.summary = summarize(e, an);
    e.id = 'v' + shortHash(e.type, e.subjectId ?? '', e.orgId ?? '', e.role ?? '', e.negative ? 'neg' : '', e.type === 'other' ? e.lemma : '', e.date.start ?? '', e.sources[0]!.articleId, String(e.sources[0]!.triggerStart));
  }
  return events.sort((a, b) => (a.date.start ?? '9999') < (b.date.start ?? '9999') ? -1 : (a.date.start ?? '9999') > (b.date.start ?? '9999') ? 1 : a.id < b.id ? -1 : 1);
}
