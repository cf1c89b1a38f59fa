// Temporal expressions in French and English news, normalized to TIMEX3 values against the
// article's publication date. Rules and vocabularies only: no model, no network.
//
// Three steps: every rule family proposes candidates; overlaps are settled (longest wins) and
// modifiers folded in; values are then computed in three passes, because some values depend on
// others: absolute dates first (their years and days feed "vendredi" and "en juillet"), then the
// rest, then what hangs on the day in focus (clock times, "le lendemain").
import { absoluteRules } from './absolute.ts';
import { parseRef, type Day } from './calendar.ts';
import { clockRules } from './clock.ts';
import { durationRules } from './durations.ts';
import { floorIndex, normalizeForMatch, sentenceStarts } from './patterns.ts';
import { refRules } from './refs.ts';
import { relativeRules } from './relative.ts';
import { extendModifiers, selectCandidates } from './select.ts';
import { setRules } from './sets.ts';
import { tenseNear } from './tense.ts';
import type { Cand, Env, Rule } from './types.ts';
import type { Lang } from './vocab.ts';

export interface Timex { text: string; start: number; end: number; type: 'date' | 'time' | 'duration' | 'set'; value: string }
export interface FindDatesOptions {
  /** ISO date or datetime: the article's publication date. */
  ref: string;
  lang: Lang;
}

const RULES = new Map<Lang, Rule[]>();
function rulesFor(lang: Lang): Rule[] {
  let rules = RULES.get(lang);
  if (!rules) {
    rules = [...absoluteRules(lang), ...relativeRules(lang), ...clockRules(lang), ...durationRules(lang), ...setRules(lang), ...refRules(lang)];
    RULES.set(lang, rules);
  }
  return rules;
}

/** Candidates from every rule, before overlaps are settled. Exported for tests and debugging. */
export function candidates(text: string, lang: Lang): Cand[] {
  const out: Cand[] = [];
  for (const rule of rulesFor(lang)) {
    for (const m of text.matchAll(rule.re)) {
      const made = rule.make(m as RegExpExecArray, text);
      if (!made) continue;
      for (const c of Array.isArray(made) ? made : [made]) if (c.end > c.start) out.push(c);
    }
  }
  return out;
}

const ABSOLUTE = new Set(['daymonth', 'dayrange', 'weekdaynum', 'numeric', 'year', 'month', 'decade', 'century', 'quarter']);
// Resolved in the first pass too: they give the year that later day-months of the sentence take ("cette année … le 6 juin").
const YEAR_GIVING = new Set(['unitrel']);

export function findDates(text: string, opts: FindDatesOptions): Timex[] {
  const parsed = parseRef(opts.ref);
  if (!parsed) throw new RangeError(`reference date is not an ISO date: ${JSON.stringify(opts.ref)}`);
  const lang: Lang = opts.lang === 'en' ? 'en' : 'fr';
  const norm = normalizeForMatch(text);
  const chosen = selectCandidates(candidates(norm, lang));
  extendModifiers(chosen, norm, lang);

  const sentences = sentenceStarts(norm);
  const sentenceOf = (pos: number): number => floorIndex(sentences, pos);
  const paragraphOf = (a: number, b: number): boolean => !norm.slice(Math.min(a, b), Math.max(a, b)).includes('\n');
  const years: { pos: number; year: number }[] = [];
  const days: { pos: number; day: Day }[] = [];
  const explicitDays: Day[] = [];

  const env: Env = {
    lang, text: norm, ref: parsed.day, explicitDays,
    sentenceYear(pos) {
      const s = sentenceOf(pos);
      let found: number | undefined;
      for (const y of years) if (y.pos < pos && sentenceOf(y.pos) === s) found = y.year;
      return found;
    },
    focusDay(pos, acrossParagraphs = false) {
      let before: { pos: number; day: Day } | undefined;
      let after: { pos: number; day: Day } | undefined;
      for (const d of days) {
        if (d.pos < pos && (acrossParagraphs || paragraphOf(d.pos, pos)) && (!before || d.pos > before.pos)) before = d;
        if (d.pos > pos && sentenceOf(d.pos) === sentenceOf(pos) && (!after || d.pos < after.pos)) after = d;
      }
      return (before ?? after)?.day;
    },
    tense(start, end, weak = true) {
      const s = sentenceOf(start);
      const from = sentences[s] ?? 0;
      const to = sentences[s + 1] ?? norm.length;
      return tenseNear(norm, start, end, from, Math.max(to, end), lang, weak);
    },
  };

  const values = new Map<Cand, { value: string; type: Timex['type'] }>();
  const run = (c: Cand): void => {
    const r = c.resolve(env, c);
    if (!r) return;
    values.set(c, { value: r.value, type: r.type ?? c.type });
    if (r.year !== undefined) years.push({ pos: c.start, year: r.year });
    if (r.day) {
      days.push({ pos: c.start, day: r.day });
      if (ABSOLUTE.has(c.rule)) explicitDays.push(r.day);
    }
  };
  const first = (c: Cand): boolean => (ABSOLUTE.has(c.rule) || YEAR_GIVING.has(c.rule)) && !c.needsFocus;
  for (const c of chosen) if (first(c)) run(c);
  for (const c of chosen) if (!first(c) && !c.needsFocus) run(c);
  for (const c of chosen) if (c.needsFocus) run(c);

  const out: Timex[] = [];
  for (const c of chosen) {
    const v = values.get(c);
    if (v) out.push({ text: text.slice(c.start, c.end), start: c.start, end: c.end, type: v.type, value: v.value });
  }
  return out;
}
