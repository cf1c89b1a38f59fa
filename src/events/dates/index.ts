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
import { B, floorIndex, normalizeForMatch, sentenceStarts } from './patterns.ts';
import { refRules } from './refs.ts';
import { relativeRules } from './relative.ts';
import { extendModifiers, selectCandidates } from './select.ts';
import { setRules } from './sets.ts';
import { tenseNear } from './tense.ts';
import type { Cand, Env, Rule } from './types.ts';
import type { Lang } from './vocab.ts';

export { parseRef } from './calendar.ts';
export { STOPWORDS, type Lang as DateLang } from './vocab.ts';

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
    for (const m of matches(rule.re, text)) {
      const made = rule.make(m, text);
      if (!made) continue;
      for (const c of Array.isArray(made) ? made : [made]) if (c.end > c.start) out.push(c);
    }
  }
  return out;
}

// Speed only: most rules open with the word boundary B, a lookbehind that the regex engine tries at
// every position of the text before anything else. Searching with the rest of the pattern and
// checking the boundary where that matches finds the same matches (the same leftmost match, with
// the same groups) two to three times faster.
const LEAD = new Map<RegExp, { body: RegExp; boundary: RegExp } | null>();

/** Every match of the global `re` in `text`, as text.matchAll gives them. */
function matches(re: RegExp, text: string): RegExpExecArray[] {
  let split = LEAD.get(re);
  if (split === undefined) {
    const rest = re.source.slice(B.length);
    split = re.source.startsWith(B) && !/^[*+?{]/.test(rest) && !topLevelBar(rest) ? { body: new RegExp(rest, re.flags), boundary: new RegExp(B, `${re.flags.replace(/[gd]/g, '')}y`) } : null;
    LEAD.set(re, split);
  }
  if (!split) return [...text.matchAll(re)] as RegExpExecArray[];
  const { body, boundary } = split;
  const out: RegExpExecArray[] = [];
  body.lastIndex = 0;
  for (let m = body.exec(text); m; m = body.exec(text)) {
    boundary.lastIndex = m.index;
    if (!boundary.test(text)) {
      body.lastIndex = nextIndex(text, m.index, body.unicode);
      continue;
    }
    out.push(m);
    if (m[0].length === 0) body.lastIndex = nextIndex(text, body.lastIndex, body.unicode);
  }
  return out;
}

/** Does the pattern have an alternative at its top level ("a|b")? B would then bind to the first
 * alternative only, and the search cannot be split. */
function topLevelBar(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** The position after the character at i (a whole surrogate pair in a Unicode pattern). */
function nextIndex(text: string, i: number, unicode: boolean): number {
  if (!unicode || i + 1 >= text.length) return i + 1;
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? i + 2 : i + 1;
}

const TENSE_WINDOW = 200;

interface Positioned<T> { pos: number; value: T }
/** Index of the last item strictly before `pos`, or -1. */
function lastBefore<T>(arr: Positioned<T>[], pos: number): number {
  let lo = 0, hi = arr.length - 1, ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((arr[mid] as Positioned<T>).pos < pos) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return ans;
}
function insertSorted<T>(arr: Positioned<T>[], item: Positioned<T>): void {
  arr.splice(lastBefore(arr, item.pos + 1) + 1, 0, item);
}

const ABSOLUTE = new Set(['daymonth', 'dayrange', 'weekdaynum', 'numeric', 'year', 'month', 'decade', 'century', 'quarter']);
// Resolved in the first pass too: they give the year that later day-months of the sentence take ("cette année … le 6 juin").
const YEAR_GIVING = new Set(['unitrel']);

export function findDates(text: string, opts: FindDatesOptions): Timex[] {
  const parsed = parseRef(opts.ref);
  if (!parsed) throw new RangeError(`reference date is not an ISO date: ${JSON.stringify(opts.ref)}`);
  const lang: Lang = opts.lang === 'en' ? 'en' : 'fr';
  const norm = normalizeForMatch(text);
  const chosen = selectCandidates(candidates(norm, lang), norm.length);
  extendModifiers(chosen, norm, lang);

  const sentences = sentenceStarts(norm);
  const sentenceOf = (pos: number): number => floorIndex(sentences, pos);
  const newlines: number[] = [];
  for (let i = norm.indexOf('\n'); i >= 0; i = norm.indexOf('\n', i + 1)) newlines.push(i);
  const paragraphOf = (pos: number): number => floorIndex(newlines, pos);
  // Both kept sorted by position, so that every lookup is a binary search.
  const years: Positioned<number>[] = [];
  const days: Positioned<Day>[] = [];
  const explicitDays: Day[] = [];

  const env: Env = {
    lang, text: norm, ref: parsed.day, explicitDays,
    sentenceYear(pos) {
      const y = years[lastBefore(years, pos)];
      return y && sentenceOf(y.pos) === sentenceOf(pos) ? y.value : undefined;
    },
    focusDay(pos, acrossParagraphs = false) {
      const i = lastBefore(days, pos);
      const before = days[i];
      if (before && (acrossParagraphs || paragraphOf(before.pos) === paragraphOf(pos))) return before.value;
      let j = i + 1;
      while (days[j] && (days[j] as Positioned<Day>).pos <= pos) j++;
      const after = days[j];
      return after && sentenceOf(after.pos) === sentenceOf(pos) ? after.value : undefined;
    },
    dayRightAfter(end) {
      const d = days[lastBefore(days, end) + 1];
      return d && /^[\s,]*(?:on|le|du|ce)?\s*$/i.test(norm.slice(end, d.pos)) && d.pos - end <= 6 ? d.value : undefined;
    },
    tense(start, end, weak = true) {
      // The clause around the expression: its sentence, at most a few lines either side.
      const s = sentenceOf(start);
      const from = Math.max(sentences[s] ?? 0, start - TENSE_WINDOW);
      const to = Math.min(Math.max(sentences[s + 1] ?? norm.length, end), end + TENSE_WINDOW);
      return tenseNear(norm, start, end, from, to, lang, weak);
    },
  };

  const values = new Map<Cand, { value: string; type: Timex['type'] }>();
  const run = (c: Cand): void => {
    const r = c.resolve(env, c);
    if (!r) return;
    values.set(c, { value: r.value, type: r.type ?? c.type });
    if (r.year !== undefined) insertSorted(years, { pos: c.start, value: r.year });
    if (r.day) {
      insertSorted(days, { pos: c.start, value: r.day });
      if (ABSOLUTE.has(c.rule)) explicitDays.push(r.day);
    }
  };
  const first = (c: Cand): boolean => (ABSOLUTE.has(c.rule) || YEAR_GIVING.has(c.rule)) && !c.needsFocus;
  for (const c of chosen) if (first(c)) run(c);
  for (const c of chosen) if (!first(c) && !c.needsFocus) run(c);
  // Anaphora before clock times, so that "vers midi le lendemain" finds the day it hangs on.
  for (const c of chosen) if (c.needsFocus && c.rule !== 'clock') run(c);
  for (const c of chosen) if (c.needsFocus && c.rule === 'clock') run(c);

  const out: Timex[] = [];
  for (const c of chosen) {
    const v = values.get(c);
    if (v) out.push({ text: text.slice(c.start, c.end), start: c.start, end: c.end, type: v.type, value: v.value });
  }
  return out;
}
