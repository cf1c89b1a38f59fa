// Resolving expressions that only make sense against the publication date: weekdays, day-month
// without a year, "last week", "in three days". News conventions are encoded here, in one place.
import {
  addDays, addMonths, diffDays, fmtDay, fmtMonth, fmtWeek, isValidDay, pad, weekday, type Day,
} from './calendar.ts';
import type { Env } from './types.ts';
import type { Unit } from './vocab.ts';

export type Direction = 'last' | 'next' | 'this' | 'auto';

/**
 * A weekday seen from the reference date. "dernier"/"last" is the one strictly before, "prochain"
 * the one strictly after. Unmarked, a weekday in news refers to the past unless the clause is in
 * the future; a fully dated mention of the same weekday nearby ("samedi 29 mai" … "samedi") wins.
 */
export function resolveWeekday(wd: number, dir: Direction, env: Env, start: number, end: number): Day {
  const ref = env.ref;
  const back = (weekday(ref) - wd + 7) % 7;
  const fwd = (wd - weekday(ref) + 7) % 7;
  if (dir === 'last') return addDays(ref, -(back || 7));
  if (dir === 'next') return addDays(ref, fwd || 7);
  const tense = env.tense(start, end);
  // A dated mention of the same weekday nearby wins, unless the tense points the other way.
  const known = env.explicitDays.find((d) => {
    const diff = diffDays(d, ref);
    return weekday(d) === wd && Math.abs(diff) <= 7 && !(tense === 'past' && diff > 0) && !(tense === 'future' && diff < 0);
  });
  if (known) return known;
  if (dir === 'this') return tense === 'past' ? addDays(ref, -back) : addDays(ref, fwd);
  return tense === 'future' ? addDays(ref, fwd) : addDays(ref, -back);
}

/**
 * The year of a day-month written without one. An explicit year earlier in the sentence wins;
 * otherwise the year that puts the date nearest the reference, then moved by tense: a past-tense
 * clause naming a date after the reference date speaks of last year ("le lynchage, le 21 juin"),
 * a future one naming an earlier date speaks of next year. Deadlines ("jusqu'au 30 juin") are
 * excluded from the move by the caller.
 */
export function yearFor(m: number, d: number | undefined, env: Env, start: number, end: number, useTense = true): number {
  const given = env.sentenceYear(start);
  if (given !== undefined) return given;
  const ref = env.ref;
  const day = d ?? 15;
  let best = ref.y;
  let bestDist = Infinity;
  for (const y of [ref.y - 1, ref.y, ref.y + 1]) {
    if (!isValidDay(y, m, Math.min(day, 28))) continue;
    const dist = Math.abs(diffDays({ y, m, d: Math.min(day, 28) }, ref));
    if (dist < bestDist) { bestDist = dist; best = y; }
  }
  if (!useTense) return best;
  const cmp = diffDays({ y: best, m, d: Math.min(day, 28) }, ref);
  const monthOnly = d === undefined;
  // A month alone is "this month" in any tense; only a month entirely past or ahead moves.
  if (monthOnly && m === ref.m && best === ref.y) return best;
  const tense = env.tense(start, end, false);
  if (tense === 'past' && cmp > (monthOnly ? 20 : 0)) return best - 1;
  if (tense === 'future' && cmp < (monthOnly ? -20 : 0)) return best + 1;
  return best;
}

/** The calendar unit containing `day`, shifted by `n` units, as a TIMEX3 value. */
export function shiftUnit(day: Day, unit: Unit, n: number): string {
  switch (unit) {
    case 'D': return fmtDay(addDays(day, n));
    case 'W': return fmtWeek(addDays(day, 7 * n));
    case 'WE': {
      // The weekend of the week in question: Saturday of that ISO week.
      const sat = addDays(day, 6 - weekday(day) + 7 * n);
      return `${fmtWeek(sat)}-WE`;
    }
    case 'M': { const x = addMonths({ ...day, d: 1 }, n); return fmtMonth(x.y, x.m); }
    case 'Q': {
      const q = Math.floor((day.m - 1) / 3) + n;
      const y = day.y + Math.floor(q / 4);
      return `${pad(y, 4)}-Q${(((q % 4) + 4) % 4) + 1}`;
    }
    case 'HY': {
      const h = Math.floor((day.m - 1) / 6) + n;
      const y = day.y + Math.floor(h / 2);
      return `${pad(y, 4)}-H${(((h % 2) + 2) % 2) + 1}`;
    }
    case 'Y': return pad(day.y + n, 4);
    case 'DE': return `${pad(Math.floor(day.y / 10) + n, 3)}X`;
    case 'CE': return `${pad(Math.floor(day.y / 100) + n, 2)}XX`;
    default: return fmtDay(day);
  }
}

/** A point `n` units away from the reference ("il y a trois ans", "in two weeks"), at the unit's granularity. */
export function offsetPoint(ref: Day, unit: Unit, n: number): { value: string; day?: Day } {
  switch (unit) {
    case 'S': case 'MIN': case 'H': return { value: 'PRESENT_REF' };
    case 'D': { const d = addDays(ref, n); return { value: fmtDay(d), day: d }; }
    case 'W': case 'WE': return { value: fmtWeek(addDays(ref, 7 * n)) };
    case 'M': { const x = addMonths(ref, n); return { value: fmtMonth(x.y, x.m) }; }
    case 'Q': { const x = addMonths(ref, 3 * n); return { value: shiftUnit(x, 'Q', 0) }; }
    case 'HY': { const x = addMonths(ref, 6 * n); return { value: fmtMonth(x.y, x.m) }; }
    case 'Y': return { value: pad(ref.y + n, 4) };
    case 'DE': return { value: pad(ref.y + 10 * n, 4) };
    case 'CE': return { value: pad(ref.y + 100 * n, 4) };
    default: return { value: pad(ref.y + 1000 * n, 4) };
  }
}

/** TIMEX3 duration value: P3D, PT48H, P6M for a semester, P50Y for a half-century. */
export function durationValue(n: number | 'X', unit: Unit): string {
  const scale: Partial<Record<Unit, [string, number, boolean]>> = {
    S: ['S', 1, true], MIN: ['M', 1, true], H: ['H', 1, true], D: ['D', 1, false], W: ['W', 1, false],
    WE: ['WE', 1, false], M: ['M', 1, false], Q: ['M', 3, false], HY: ['M', 6, false], Y: ['Y', 1, false],
    DE: ['Y', 10, false], CE: ['Y', 100, false], ML: ['Y', 1000, false],
  };
  const [letter, factor, isTime] = scale[unit] ?? ['D', 1, false];
  if (n === 'X') {
    const vague: Partial<Record<Unit, string>> = { DE: 'DE', CE: 'CE', Q: 'Q', HY: 'M' };
    return `P${isTime ? 'T' : ''}X${vague[unit] ?? letter}`;
  }
  const v = Math.round(n * factor * 1000) / 1000;
  return `P${isTime ? 'T' : ''}${v}${letter}`;
}

/** "vendredi 17 novembre": the year near the reference in which the 17th of November is a Friday. */
export function anchorYearForWeekday(m: number, d: number, wd: number, env: Env, start: number): number | undefined {
  const given = env.sentenceYear(start);
  const years = [env.ref.y, env.ref.y - 1, env.ref.y + 1];
  if (given !== undefined) years.unshift(given);
  let best: number | undefined;
  let bestDist = Infinity;
  for (const y of years) {
    if (!isValidDay(y, m, d) || weekday({ y, m, d }) !== wd) continue;
    if (y === given) return y;
    const dist = Math.abs(diffDays({ y, m, d }, env.ref));
    if (dist < bestDist) { bestDist = dist; best = y; }
  }
  return best;
}

const DEADLINE: Record<string, RegExp> = {
  any: /(?:jusqu'(?:au|à|en)|d'ici(?:\s+(?:au|à|le|la|fin))?|avant|à\s+partir\s+d[ue']|au\s+plus\s+tard|dès|until|by|before|no\s+later\s+than|starting|from)\s*(?:le\s+|the\s+)?$/iu,
};

/** Deadlines and starting points ("jusqu'au 30 juin") say nothing about when the clause's verb happened. */
export function isDeadline(text: string, start: number): boolean {
  return (DEADLINE.any as RegExp).test(text.slice(Math.max(0, start - 30), start));
}
