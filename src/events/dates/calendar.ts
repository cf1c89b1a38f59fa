// Calendar arithmetic in UTC on plain year/month/day triples: time zones play no part in a
// calendar date written in an article, so no Date object ever sees a local time.

export interface Day { y: number; m: number; d: number }

const ms = (x: Day): number => Date.UTC(x.y, x.m - 1, x.d);
const fromMs = (t: number): Day => {
  const dt = new Date(t);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
};

export const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');
export const fmtDay = (x: Day): string => `${pad(x.y, 4)}-${pad(x.m)}-${pad(x.d)}`;
export const fmtMonth = (y: number, m: number): string => `${pad(y, 4)}-${pad(m)}`;

export function addDays(x: Day, n: number): Day {
  return fromMs(ms(x) + n * 86_400_000);
}

/** Clamps the day so that "31 January + 1 month" is the end of February, as people mean it. */
export function addMonths(x: Day, n: number): Day {
  const total = x.y * 12 + (x.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return { y, m, d: Math.min(x.d, daysInMonth(y, m)) };
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function weekday(x: Day): number {
  const w = new Date(ms(x)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO 8601 week-numbering year and week. */
export function isoWeek(x: Day): { y: number; w: number } {
  const thursday = addDays(x, 4 - weekday(x));
  const jan1 = { y: thursday.y, m: 1, d: 1 };
  return { y: thursday.y, w: Math.floor((ms(thursday) - ms(jan1)) / 604_800_000) + 1 };
}

export const fmtWeek = (x: Day): string => {
  const { y, w } = isoWeek(x);
  return `${pad(y, 4)}-W${pad(w)}`;
};

export const diffDays = (a: Day, b: Day): number => Math.round((ms(a) - ms(b)) / 86_400_000);

/** Easter Sunday (Gregorian), anonymous algorithm. */
export function easter(y: number): Day {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30, i = Math.floor(c / 4), k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { y, m: month, d: ((h + l - 7 * m + 114) % 31) + 1 };
}

/** Parses the reference date: "2023-11-17", "2023-11-17T09:30:00Z", "2023-11-17 09:30". */
export function parseRef(ref: string): { day: Day; hour?: number; minute?: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(ref.trim());
  if (!m) return undefined;
  const day = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (!isValidDay(day.y, day.m, day.d)) return undefined;
  return m[4] === undefined ? { day } : { day, hour: Number(m[4]), minute: Number(m[5]) };
}

export function seasonOf(x: Day): 'SP' | 'SU' | 'FA' | 'WI' {
  const k = x.m * 100 + x.d;
  if (k >= 321 && k < 621) return 'SP';
  if (k >= 621 && k < 923) return 'SU';
  if (k >= 923 && k < 1221) return 'FA';
  return 'WI';
}
