// Publication dates as pages and scraped texts write them, turned into ISO 8601 without moving
// them across time zones: the day a page gives is the day a reader saw, and a value that carries
// an offset keeps it ("2026-03-06T21:48:00-05:00" stays the evening of March 6th, never becomes
// "2026-03-07T02:48Z"). Absolute forms only: relative and free-text expressions ("vendredi
// dernier") are the events stage's business (src/events/dates).
//
// One parser for both paths (HTML metadata and text, scraped lines): machine values (ISO 8601,
// RFC 2822, epoch seconds) and dates written for people, with month names as data below.

// Month names and their usual abbreviations, per language, as data. French and English are the
// project's languages; German and Spanish are common enough on the pages it is fed that their
// dates should not be lost.
const MONTH_NAMES: Record<number, string[]> = {
  1: ['january', 'jan', 'janvier', 'janv', 'januar', 'jänner', 'jaenner', 'enero', 'ene'],
  2: ['february', 'feb', 'fevrier', 'fevr', 'fev', 'februar', 'febrero'],
  3: ['march', 'mar', 'mars', 'marz', 'maerz', 'mrz', 'marzo'],
  4: ['april', 'apr', 'avril', 'avr', 'abril', 'abr'],
  5: ['may', 'mai', 'mayo'],
  6: ['june', 'jun', 'juin', 'juni', 'junio'],
  7: ['july', 'jul', 'juillet', 'juil', 'juli', 'julio'],
  8: ['august', 'aug', 'aout', 'agosto', 'ago'],
  9: ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre'],
  10: ['october', 'oct', 'octobre', 'oktober', 'okt', 'octubre'],
  11: ['november', 'nov', 'novembre', 'noviembre'],
  12: ['december', 'dec', 'decembre', 'dezember', 'dez', 'diciembre', 'dic'],
};
const MONTHS = new Map<string, number>();
for (const [m, names] of Object.entries(MONTH_NAMES)) for (const n of names) MONTHS.set(n, +m);

// Time-zone abbreviations a dateline may end with, and their offsets (unambiguous ones only:
// "ET" or "CT" could be either of two offsets and is left as local time).
const ZONES: Record<string, string> = {
  utc: '+00:00', gmt: '+00:00', z: '+00:00', bst: '+01:00', cet: '+01:00', cest: '+02:00', mez: '+01:00', mesz: '+02:00',
  est: '-05:00', edt: '-04:00', cst: '-06:00', cdt: '-05:00', mst: '-07:00', mdt: '-06:00', pst: '-08:00', pdt: '-07:00',
};

// Month words as written: accents and a trailing dot allowed ("févr.", "März", "déc.").
const MONTH_WORD = '([A-Za-zÀ-ÿ]{3,10})\\.?';
const TIME = '(?:\\D{1,14}?(\\d{1,2})\\s*[:h.]\\s*(\\d{2})(?:[:.](\\d{2}))?(?:\\s*([ap])\\.?\\s?m\\b\\.?)?(?:\\s*(?:uhr|heures?))?(?:\\s*\\(?([A-Za-z]{1,4}|[+-]\\d{2}:?\\d{2})\\)?(?![\\p{L}\\d]))?)?';
// "17 mai 2024", "1er février 2023", "23. Juli 2017", "10 de mayo de 2022", "7th March 2026".
const DMY = new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})(?:er|st|nd|rd|th|\\.)?\\s*(?:de\\s+)?${MONTH_WORD},?\\s+(?:de\\s+)?(\\d{4})(?!\\d)${TIME}`, 'iu');
// "May 17, 2024", "March 3 2026".
const MDY = new RegExp(`(?<![\\p{L}\\d])${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)${TIME}`, 'iu');
// "17/05/2024", "07.11.2023", "2024/05/17", "2024.05.17".
const NUMERIC = new RegExp(`(?<![\\d.,/-])(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4})(?![\\d.,/-]\\d)${TIME}`, 'u');
const NUMERIC_YMD = new RegExp(`(?<![\\d.,/-])(\\d{4})([./])(\\d{1,2})\\2(\\d{1,2})(?![\\d.,/-]\\d)${TIME}`, 'u');
const ISO = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)/i;
// Compact forms machine fields use: 20240517, 20240517T093000Z.
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})?)?$/;
const RFC2822 = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([+-]\d{4})|([A-Za-z]{1,4}))?/;

const pad = (n: number): string => String(n).padStart(2, '0');

export function monthOf(word: string): number | undefined {
  const w = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\.$/, '');
  return MONTHS.get(w) ?? (w.length > 4 ? MONTHS.get(w.slice(0, 4)) ?? MONTHS.get(w.slice(0, 3)) : undefined);
}

function valid(y: number, m: number, d: number): boolean {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d; // 31 February and friends
}

function offsetOf(zone: string | undefined): string {
  if (!zone) return '';
  if (/^[+-]\d{2}:?\d{2}$/.test(zone)) return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  if (/^[+-]\d{2}$/.test(zone)) return `${zone}:00`;
  return ZONES[zone.toLowerCase()] ?? '';
}

/** ISO 8601 from parts: a day, a local time when given, and the offset when the source gave one. */
function build(y: number, mo: number, d: number, h?: string, mi?: string, s?: string, ap?: string, zone?: string): string | null {
  if (!valid(y, mo, d)) return null;
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  if (h === undefined || mi === undefined) return day;
  let hour = +h;
  if (ap) {
    if (ap.toLowerCase() === 'p' && hour < 12) hour += 12;
    if (ap.toLowerCase() === 'a' && hour === 12) hour = 0;
  }
  if (hour > 23 || +mi > 59 || (s !== undefined && +s > 59)) return day;
  return `${day}T${pad(hour)}:${mi}:${s ?? '00'}${offsetOf(zone)}`;
}

/** A machine-readable date (ISO 8601, RFC 2822, epoch seconds or milliseconds, compact
 * YYYYMMDD), or else the first date written for people in the value; null when none. */
export function parseDate(raw: string, opts: { monthFirst?: boolean } = {}): string | null {
  const s = raw.trim();
  if (!s) return null;
  let m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, hh, mi, ss, frac, tz] = m;
    if (!valid(+y!, +mo!, +d!)) return null;
    let out = `${y}-${pad(+mo!)}-${pad(+d!)}`;
    if (hh !== undefined && +hh < 24) {
      out += `T${pad(+hh)}:${mi}:${ss ?? '00'}${frac ?? ''}`;
      if (tz) out += tz.toUpperCase() === 'Z' ? '+00:00' : offsetOf(tz);
    }
    return out;
  }
  if ((m = COMPACT.exec(s))) {
    const [, y, mo, d, hh, mi, ss, tz] = m;
    return build(+y!, +mo!, +d!, hh, mi, ss, undefined, tz === 'Z' ? 'Z' : tz);
  }
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    // An instant and nothing else: UTC is all it says.
    const date = new Date(s.length === 13 ? +s : +s * 1000);
    const y = date.getUTCFullYear();
    return y >= 1990 && y <= 2100 ? date.toISOString().replace(/\.\d{3}Z$/, '+00:00') : null;
  }
  if ((m = RFC2822.exec(s))) {
    const mo = monthOf(m[2]!);
    // The local time as written, with its offset: "Sat, 19 Oct 2019 00:04:00 +0200" stays the 19th.
    if (mo) return build(+m[3]!, mo, +m[1]!, m[4], m[5], m[6], undefined, m[7] ?? m[8]);
  }
  return parseDateText(s, opts);
}

/** The first date written for people in a text ("Publié le 8 mars 2024 à 7h15", "May 17, 2024
 * 5:30 p.m. ET", "23. Juli 2017", "17/05/2024"), with its time when one follows; null when none.
 * Numeric dates are read day first (European usage) unless that cannot be or `monthFirst`. */
export function parseDateText(s: string, opts: { monthFirst?: boolean } = {}): string | null {
  return findDateText(s, opts)?.value ?? null;
}

/** The first date written for people in a text and where it starts. */
export function findDateText(s: string, opts: { monthFirst?: boolean } = {}): { at: number; value: string } | null {
  // The earliest match of any form wins: "le 3 mars, mis à jour le 4 mars" is the 3rd.
  let best: { at: number; value: string } | null = null;
  const consider = (at: number, value: string | null): void => {
    if (value && (!best || at < best.at)) best = { at, value };
  };
  let m = DMY.exec(s);
  if (m) {
    const mo = monthOf(m[2]!);
    if (mo) consider(m.index, build(+m[3]!, mo, +m[1]!, m[4], m[5], m[6], m[7], m[8]));
  }
  if ((m = MDY.exec(s))) {
    const mo = monthOf(m[1]!);
    if (mo) consider(m.index, build(+m[3]!, mo, +m[2]!, m[4], m[5], m[6], m[7], m[8]));
  }
  if ((m = NUMERIC.exec(s))) {
    let d = +m[1]!;
    let mo = +m[3]!;
    if ((opts.monthFirst && d <= 12) || (mo > 12 && d <= 12)) [d, mo] = [mo, d];
    consider(m.index, build(+m[4]!, mo, d, m[5], m[6], m[7], m[8], m[9]));
  }
  if ((m = NUMERIC_YMD.exec(s))) consider(m.index, build(+m[1]!, +m[3]!, +m[4]!, m[5], m[6], m[7], m[8], m[9]));
  if ((m = ISO.exec(s))) consider(m.index, parseDate(m[0]));
  return best;
}

// /2024/05/17/, /2024-05-17/, -20241122 at the end of a slug: where a CMS puts the date in the path.
const URL_DATE = [
  /\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?:\/|$|[_-])/,
  /[/_-]((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[/_-]|$|\.)/,
  /[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)/,
];
/** The publication day a URL's path spells out in full, or null. */
export function dateFromUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  for (const re of URL_DATE) {
    const m = re.exec(path);
    if (m && valid(+m[1]!, +m[2]!, +m[3]!)) return `${m[1]}-${pad(+m[2]!)}-${pad(+m[3]!)}`;
  }
  return null;
}

// Words that say what a date in a line is: its publication, or a later update. Data, per language.
const PUBLISHED_CUE = /(?<![\p{L}])(?:publi[ée]e?s?|paru|mis en ligne|posted|published|first published|posté|post[ée] par|released|filed|veröffentlicht|erschienen|publicado|fecha de publicaci[oó]n|date de publication|publish(?:ed)? date|(?:date|datum|fecha)\s*:)(?![\p{L}])/iu;
const UPDATED_CUE = /(?<![\p{L}])(?:mis [àa] jour|mise [àa] jour|actualis[ée]e?|modifi[ée]e?|updated|last updated|last modified|aktualisiert|stand|actualizado|corrected|rectifi[ée])(?![\p{L}])/iu;

export type DateCue = 'published' | 'updated' | null;

/** What a short line says its date is, from its words: "published", "updated", or null. The
 * first cue in the line counts ("Publié le 3 mars, mis à jour le 4 mars" is a publication). */
export function dateCue(line: string): DateCue {
  const p = PUBLISHED_CUE.exec(line);
  const u = UPDATED_CUE.exec(line);
  if (p && (!u || p.index < u.index)) return 'published';
  if (u) return 'updated';
  return null;
}

/** The date a cue introduces ("… mis à jour le 5 mars 2026 à 07h40" → the 5th), else the line's first date. */
export function dateAfterCue(line: string, cue: DateCue, opts: { monthFirst?: boolean } = {}): string | null {
  const re = cue === 'published' ? PUBLISHED_CUE : cue === 'updated' ? UPDATED_CUE : null;
  const m = re?.exec(line);
  return (m && parseDateText(line.slice(m.index), opts)) || parseDateText(line, opts);
}

/** The calendar day of an ISO value, as written (no time-zone conversion). */
export const dayOf = (iso: string): string => iso.slice(0, 10);
