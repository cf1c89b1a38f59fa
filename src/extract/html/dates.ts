// Date values as pages write them, turned into ISO 8601 without moving them across time zones:
// a page's own local date is what a reader would call the publication day.

const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, janv: 1, janvier: 1, feb: 2, february: 2, fev: 2, fevr: 2, fevrier: 2, mar: 3,
  march: 3, mars: 3, apr: 4, april: 4, avr: 4, avril: 4, may: 5, mai: 5, jun: 6, june: 6, juin: 6,
  jul: 7, july: 7, juil: 7, juillet: 7, aug: 8, august: 8, aou: 8, aout: 8, sep: 9, sept: 9,
  september: 9, septembre: 9, oct: 10, october: 10, octobre: 10, nov: 11, november: 11, novembre: 11,
  dec: 12, december: 12, decembre: 12,
};
const MONTH_RE = '(jan(?:uary|v(?:ier)?)?|f[eé]v(?:r(?:ier)?)?|feb(?:ruary)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?|ma[iy]|june?|juin|july?|juil(?:let)?|aug(?:ust)?|ao[uû]t?|sept?(?:ember|embre)?|oct(?:ober|obre)?|nov(?:ember|embre)?|d[eé]c(?:ember|embre)?)\\.?';
const DMY = new RegExp(`\\b(\\d{1,2})(?:er|st|nd|rd|th)?\\s+(?:de\\s+)?${MONTH_RE},?\\s+(\\d{4})(?:\\D{1,12}?(\\d{1,2})\\s*[:h]\\s*(\\d{2})(?:\\s*([ap])\\.?m\\.?)?)?`, 'i');
const MDY = new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?:\\D{1,12}?(\\d{1,2})\\s*[:h]\\s*(\\d{2})(?:\\s*([ap])\\.?m\\.?)?)?`, 'i');
const NUMERIC_DMY = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:\D{1,6}?(\d{1,2})[:h](\d{2}))?/;

const pad = (n: number): string => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): boolean {
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f.]/g, '');
  return MONTHS[w] ?? MONTHS[w.slice(0, 4)] ?? MONTHS[w.slice(0, 3)];
}

/** A machine-readable date (ISO 8601, RFC 2822, epoch) as ISO 8601, or null. */
export function parseDateValue(raw: string): string | null {
  const s = raw.trim();
  if (!s) return null;
  const m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, hh, mi, ss, frac, tz] = m;
    if (!valid(+y!, +mo!, +d!)) return null;
    let out = `${y}-${mo}-${d}`;
    if (hh !== undefined) {
      out += `T${hh}:${mi}:${ss ?? '00'}${frac ?? ''}`;
      if (tz) out += tz.toUpperCase() === 'Z' ? '+00:00' : tz.length === 3 ? `${tz}:00` : tz.includes(':') ? tz : `${tz.slice(0, 3)}:${tz.slice(3)}`;
    }
    return out;
  }
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    const ms = s.length === 13 ? +s : +s * 1000;
    const d = new Date(ms);
    return valid(d.getUTCFullYear(), 1, 1) ? d.toISOString().replace('.000Z', '+00:00') : null;
  }
  if (/^[A-Za-z]{3},? \d{1,2} [A-Za-z]{3} \d{4}/.test(s) || /\d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UTC|[+-]\d{4})/.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) {
      const d = new Date(t);
      if (valid(d.getUTCFullYear(), 1, 1)) return d.toISOString().replace('.000Z', '+00:00');
    }
  }
  return parseDateText(s);
}

/** A date written for people ("17 mai 2024 à 14h30", "May 17, 2024", "17/05/2024"), or null. */
export function parseDateText(s: string): string | null {
  let m = DMY.exec(s);
  let y: number, mo: number | undefined, d: number, hh: string | undefined, mi: string | undefined, ap: string | undefined;
  if (m) {
    d = +m[1]!;
    mo = monthOf(m[2]!);
    y = +m[3]!;
    hh = m[4];
    mi = m[5];
    ap = m[6];
  } else if ((m = MDY.exec(s))) {
    mo = monthOf(m[1]!);
    d = +m[2]!;
    y = +m[3]!;
    hh = m[4];
    mi = m[5];
    ap = m[6];
  } else if ((m = NUMERIC_DMY.exec(s))) {
    d = +m[1]!;
    mo = +m[2]!;
    y = +m[3]!;
    hh = m[4];
    mi = m[5];
  } else return null;
  if (mo === undefined || !valid(y, mo, d)) return null;
  let out = `${y}-${pad(mo)}-${pad(d)}`;
  if (hh !== undefined && mi !== undefined) {
    let h = +hh;
    if (ap) {
      if (ap.toLowerCase() === 'p' && h < 12) h += 12;
      if (ap.toLowerCase() === 'a' && h === 12) h = 0;
    }
    if (h < 24 && +mi < 60) out += `T${pad(h)}:${mi}:00`;
  }
  return out;
}

// /2024/05/17/, /2024-05-17/, -20241122 at the end of a slug: where a CMS puts the date in the path.
const URL_DATE = [
  /\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?:\/|$)/,
  /[/_-]((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[/_-]|$|\.)/,
  /[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)/,
];
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
