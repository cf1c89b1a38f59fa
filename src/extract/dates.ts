// Dates as they appear in metadata fields and bylines ("Publish date : 2023-11-20 12:16:51",
// "Publié le 20 novembre 2023 à 12h16", "March 5, 2024"): absolute forms only. Relative and
// free-text expressions ("vendredi dernier") are the events stage's business (src/events/dates).

const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, avril: 4, avr: 4, mai: 5, juin: 6, juillet: 7, juil: 7, aout: 8,
  septembre: 9, sept: 9, octobre: 10, oct: 10, novembre: 11, nov: 11, decembre: 12, dec: 12,
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sep: 9, october: 10, november: 11, december: 12,
};
const MONTH_WORD = '(janvier|janv\\.?|f[ée]vrier|f[ée]vr?\\.?|mars|avril|avr\\.?|mai|juin|juillet|juil\\.?|ao[uû]t|septembre|sept\\.?|octobre|oct\\.?|novembre|nov\\.?|d[ée]cembre|d[ée]c\\.?|january|jan\\.?|february|feb\\.?|march|mar\\.?|april|apr\\.?|may|june|jun\\.?|july|jul\\.?|august|aug\\.?|september|sep\\.?|october|november|december)';

const ISO = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/;
const NUMERIC = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:\D{1,4}(\d{1,2})[h:](\d{2})?)?/;
const DAY_MONTH_YEAR = new RegExp(`\\b(1er|\\d{1,2})(?:st|nd|rd|th)? ${MONTH_WORD} (\\d{4})(?:\\D{1,6}(\\d{1,2})\\s*[h:]\\s*(\\d{2})?)?`, 'iu');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH_WORD} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})(?:\\D{1,6}(\\d{1,2}):(\\d{2})\\s*(am|pm)?)?`, 'iu');

const pad = (n: number): string => String(n).padStart(2, '0');

function monthOf(word: string): number | undefined {
  const key = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\.$/, '');
  return MONTHS[key];
}

function build(y: number, mo: number, d: number, h?: number, mi?: number, s?: number, zone?: string): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCDate() !== d) return null; // 31 February and friends
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  if (h === undefined || Number.isNaN(h) || h > 23) return day;
  const z = zone ? (zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '';
  return `${day}T${pad(h)}:${pad(mi ?? 0)}:${pad(s ?? 0)}${z}`;
}

/** The first absolute date in a metadata value, as ISO 8601 (date, or date and time), or null. */
export function parseMetaDate(value: string): string | null {
  let m = ISO.exec(value);
  if (m) return build(+m[1]!, +m[2]!, +m[3]!, m[4] ? +m[4] : undefined, m[5] ? +m[5] : undefined, m[6] ? +m[6] : undefined, m[7]);
  m = DAY_MONTH_YEAR.exec(value);
  if (m) {
    const mo = monthOf(m[2]!);
    if (mo) return build(+m[3]!, mo, m[1] === '1er' ? 1 : +m[1]!, m[4] ? +m[4] : undefined, m[5] ? +m[5] : undefined);
  }
  m = MONTH_DAY_YEAR.exec(value);
  if (m) {
    const mo = monthOf(m[1]!);
    let h = m[4] ? +m[4] : undefined;
    if (h !== undefined && m[6]?.toLowerCase() === 'pm' && h < 12) h += 12;
    if (h !== undefined && m[6]?.toLowerCase() === 'am' && h === 12) h = 0;
    if (mo) return build(+m[3]!, mo, +m[2]!, h, m[5] ? +m[5] : undefined);
  }
  m = NUMERIC.exec(value);
  if (m) {
    // Day first (European usage) unless that cannot be: 05/13/2024 is May 13th.
    let d = +m[1]!;
    let mo = +m[2]!;
    if (mo > 12 && d <= 12) [d, mo] = [mo, d];
    return build(+m[3]!, mo, d, m[4] ? +m[4] : undefined, m[5] ? +m[5] : undefined);
  }
  return null;
}
