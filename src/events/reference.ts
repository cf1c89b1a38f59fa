// The two clocks need each article's date: when it reported (reportedAt) and the reference that
// relative expressions ("vendredi", "last week") are resolved against. An article without a
// publication date gets one inferred, best evidence first:
//   text     the latest full date (with its year) the article writes itself
//   story    the median date of the other, dated articles of its story
//   ingested when we received it
// with the basis and a precision that says how far to trust it.
import { config } from '../config.ts';
import { Lru } from '../util/lru.ts';
import { findDates, type Timex } from './dates/index.ts';
import type { InferredDate, Precision, StoryArticle } from '../types.ts';
import type { EventDate } from './types.ts';

export interface ArticleRef extends Omit<InferredDate, 'basis'> {
  basis: InferredDate['basis'] | 'published';
}

const lang = (l: string): 'fr' | 'en' => (l === 'en' ? 'en' : 'fr');
const day = (iso: string): string => iso.slice(0, 10);
const validRef = (s: string | null | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}/.test(s);

/** The latest full date of each undated article, kept per article: a story that grows does not
 * read its undated articles' dates again at every analysis. */
const explicitCache = new Lru<string, string | null>(config('analysisCacheArticles'));

function ownExplicit(a: StoryArticle): string | null {
  const ref = validRef(a.ingestedAt) ? a.ingestedAt : new Date().toISOString();
  const key = `${a.id}|${a.language}|${a.text.length}|${validRef(a.ingestedAt) ? ref : day(ref)}`;
  const hit = explicitCache.get(key);
  if (hit !== undefined) return hit;
  const best = latestExplicit(a, ref);
  explicitCache.set(key, best);
  return best;
}

function latestExplicit(a: StoryArticle, ref: string): string | null {
  let best: string | null = null;
  for (const t of findDates(a.text, { ref, lang: lang(a.language) })) {
    // Only dates that carry their own year: the others were resolved against a guess.
    if (t.type !== 'date' || !/\b\d{4}\b/.test(t.text) || !/^\d{4}-\d{2}-\d{2}$/.test(t.value)) continue;
    if (!best || t.value > best) best = t.value;
  }
  return best;
}

/** Every article's reference date, and the inferred ones separately (articles without a publication date). */
export function articleReferences(articles: readonly StoryArticle[]): { refs: Map<string, ArticleRef>; inferred: Record<string, InferredDate> } {
  const refs = new Map<string, ArticleRef>();
  for (const a of articles) {
    if (validRef(a.publishedAt)) refs.set(a.id, { date: a.publishedAt, precision: /T\d{2}:\d{2}/.test(a.publishedAt) ? 'hour' : 'day', basis: 'published' });
  }
  for (const a of articles) {
    if (refs.has(a.id)) continue;
    const own = ownExplicit(a);
    if (own) refs.set(a.id, { date: own, precision: 'day', basis: 'text' });
  }
  const dated = [...refs.values()].map((r) => day(r.date)).sort();
  const median = dated.length ? dated[Math.floor((dated.length - 1) / 2)]! : null;
  const inferred: Record<string, InferredDate> = {};
  for (const a of articles) {
    let r = refs.get(a.id);
    if (!r) {
      // Articles of one story are published within days of each other: the story's date, to the week.
      r = median ? { date: median, precision: 'week', basis: 'story' } : { date: validRef(a.ingestedAt) ? a.ingestedAt : new Date().toISOString(), precision: 'day', basis: 'ingested' };
      refs.set(a.id, r);
    }
    if (r.basis !== 'published') inferred[a.id] = { date: day(r.date), precision: r.precision, basis: r.basis };
  }
  return { refs, inferred };
}

/** Only the reference dates that say when the article itself appeared can date "today" events. */
export const trustworthy = (r: ArticleRef | undefined): boolean => !!r && (r.basis === 'published' || r.basis === 'text');

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
function isoWeekMonday(year: number, week: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const dow = jan4.getUTCDay() || 7;
  return new Date(Date.UTC(year, 0, 4 - dow + 1 + (week - 1) * 7));
}
const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * 86400000);

/** A TIMEX3 value as an interval with its precision, or null when it names no calendar time. */
export function timexToDate(t: Timex, ref: ArticleRef | undefined): EventDate | null {
  const v = t.value;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(v))) return { start: `${m[1]}T${m[2]}`, end: `${m[1]}T${m[2]}`, precision: 'hour', text: t.text };
  if ((m = /^(\d{4}-\d{2}-\d{2})/.exec(v))) return { start: m[1]!, end: m[1]!, precision: 'day', text: t.text };
  if ((m = /^(\d{4})-W(\d{2})(-WE)?$/.exec(v))) {
    const mon = isoWeekMonday(Number(m[1]), Number(m[2]));
    return m[3] ? { start: iso(addDays(mon, 5)), end: iso(addDays(mon, 6)), precision: 'week', text: t.text } : { start: iso(mon), end: iso(addDays(mon, 6)), precision: 'week', text: t.text };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(v))) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return { start: `${m[1]}-${m[2]}-01`, end: `${m[1]}-${m[2]}-${pad(last)}`, precision: 'month', text: t.text };
  }
  if ((m = /^(\d{4})$/.exec(v))) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31`, precision: 'year', text: t.text };
  if ((m = /^(\d{4})-Q([1-4])$/.exec(v))) {
    const q = Number(m[2]);
    const last = new Date(Date.UTC(Number(m[1]), q * 3, 0)).getUTCDate();
    return { start: `${m[1]}-${pad(q * 3 - 2)}-01`, end: `${m[1]}-${pad(q * 3)}-${pad(last)}`, precision: 'month', text: t.text };
  }
  if (v === 'PRESENT_REF' && trustworthy(ref)) return { start: day(ref!.date), end: day(ref!.date), precision: 'day', text: t.text };
  return null;
}

export const UNKNOWN_DATE: EventDate = { start: null, end: null, precision: 'unknown', text: '' };
const RANK: Record<Precision, number> = { hour: 5, day: 4, week: 3, month: 2, year: 1, unknown: 0 };
export const precisionRank = (p: Precision): number => RANK[p];

/** Two dates can be the same happening: their intervals meet (an unknown date meets anything). */
export function datesMeet(a: EventDate, b: EventDate): boolean {
  if (!a.start || !b.start) return true;
  const ae = (a.end ?? a.start).slice(0, 10), be = (b.end ?? b.start).slice(0, 10);
  return a.start.slice(0, 10) <= be && b.start.slice(0, 10) <= ae;
}
