// Feed dates: RFC 822, W3C-DTF / ISO 8601 and their common mistakes, as UTC ISO 8601.


const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const ZONES: Record<string, number> = { UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, CET: 1, CEST: 2, BST: 1 };
// RFC 822 military zones: A..M (no J) east, N..Y west.
for (let i = 0; i < 25; i++) {
  const c = 'ABCDEFGHIKLMNOPQRSTUVWXY'[i];
  if (c) ZONES[c] ??= i < 12 ? i + 1 : -(i - 11);
}

function utcIso(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMin: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 61) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) - offsetMin * 60_000;
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString().replace(/\.000Z$/, 'Z');
}

function offsetOf(zone: string | undefined): number {
  if (!zone) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  return (ZONES[zone.toUpperCase()] ?? 0) * 60;
}

/** A feed date (RFC 822, W3C-DTF/ISO 8601 and their common mistakes) as UTC ISO 8601, or null. */
export function parseFeedDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const s = value.trim();
  let m = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:[T ]\s*(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(s);
  if (m) return utcIso(+m[1]!, +(m[2] ?? 1), +(m[3] ?? 1), +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), offsetOf(m[7]));
  m = /^(?:[a-z]+,?\s*)?(\d{1,2})\s*[ -]([a-z]{3})[a-z]*\.?[ -]\s*(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?\b/i.exec(s);
  if (m) {
    const mo = MONTHS[m[2]!.toLowerCase()];
    let y = +m[3]!;
    if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900;
    if (mo) return utcIso(y, mo, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), offsetOf(m[7]));
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString().replace(/\.000Z$/, 'Z');
}
