// Roles over time, for a person (the roles they held) and for an organisation (who held its
// offices, in turn). Several stories report the same tenure, each with the dates it knows ("CEO
// since 2019" in one, "CEO until 17 Nov" in another): those are one tenure and are drawn as one
// bar, while a tenure that ended and another that began later stay two.
// The charts of a page share one time axis, carry a legend, and read on a phone: labels are
// HTML text at the page's size above each bar, and the bars are SVG tracks that stretch to the
// width (no inline style: positions are SVG attributes, looks come from the stylesheet).
import { html } from 'hono/html';
import type { ExportRole } from '../../types.ts';
import { fmtDate, type Page } from './layout.ts';

export const ROLE_NAMES: Record<string, string> = { ceo: 'CEO', cto: 'CTO', cfo: 'CFO', coo: 'COO', chair: 'Chair', president: 'President', 'board-member': 'Board member', founder: 'Founder', employee: 'Employee' };
export const roleName = (r: string): string => ROLE_NAMES[r] ?? r.replace(/-/g, ' ');

const dayNum = (iso: string): number => Math.floor(Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso) / 86_400_000);
const valid = (d: string | null): d is string => !!d && !Number.isNaN(Date.parse(d));

/** A role with who holds it (a person's own page leaves `holderId` out). */
export type Tenure = ExportRole & { holderId?: string; holderName?: string };

/** One tenure per (holder, role, organisation, interim) and stretch of time: reports of the same
 * tenure merge (an undated report joins a dated one; "since X" joins "until Y" when X ≤ Y;
 * overlapping spans join); tenures separated in time stay apart. Sorted by start (or end,
 * where no start is known). */
export function mergeTenures<T extends Tenure>(roles: T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const r of roles) {
    const key = `${r.holderId ?? ''}|${r.role}|${r.organizationId ?? ''}|${r.interim}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
  }
  const out: T[] = [];
  for (const list of groups.values()) {
    const dated = list.filter((r) => valid(r.from) || valid(r.to)).sort((a, b) => (a.from ?? a.to ?? '').localeCompare(b.from ?? b.to ?? ''));
    const merged: T[] = [];
    for (const r of dated) {
      const m = merged.find((x) => sameTenure(x, r));
      if (m) {
        if (valid(r.from) && (!valid(m.from) || r.from < m.from)) m.from = r.from;
        if (valid(r.to) && (!valid(m.to) || r.to > m.to)) m.to = r.to;
        m.sources = [...m.sources, ...r.sources.filter((s) => !m.sources.some((t) => t.articleId === s.articleId && t.sentence === s.sentence))];
      } else merged.push({ ...r, sources: [...r.sources] });
    }
    // Undated reports add their sources to the tenure they most likely speak of (the latest).
    const undated = list.filter((r) => !valid(r.from) && !valid(r.to));
    if (merged.length) merged[merged.length - 1]!.sources.push(...undated.flatMap((r) => r.sources));
    else if (undated.length) merged.push({ ...undated[0]!, sources: undated.flatMap((r) => r.sources) });
    out.push(...merged);
  }
  // On one day, a tenure known only to end then came before one that starts then.
  return out.sort((a, b) => (a.from ?? a.to ?? '9999').localeCompare(b.from ?? b.to ?? '9999') || Number(valid(a.from)) - Number(valid(b.from)) || (a.holderName ?? '').localeCompare(b.holderName ?? ''));
}

function sameTenure(a: Tenure, b: Tenure): boolean {
  const [af, at, bf, bt] = [a.from, a.to, b.from, b.to].map((d) => (valid(d) ? d : null));
  // "Since X" (no end) and "until Y" (no start) are halves of one tenure when X ≤ Y.
  if (af && !at && !bf && bt) return af <= bt;
  if (bf && !bt && !af && at) return bf <= at;
  // Both bounded where they meet: overlap.
  if (af && at && bf && bt) return af <= bt && bf <= at;
  // One open on the side facing the other: the same tenure only if they share a known date.
  return (!!af && af === bf) || (!!at && at === bt);
}

/** The time span every chart of a page shares, with a margin so open tenures run past it. */
export interface Axis {
  lo: number;
  hi: number;
}

export function axisOf(roles: Tenure[], extraDates: string[] = []): Axis {
  // The tenures' own dates set the span; other dates of the page (its events) only when no
  // tenure has one, so a founding date years back does not squeeze a week of changes into a line.
  const own = roles.flatMap((r) => [r.from, r.to]).filter(valid).map(dayNum);
  const dated = own.length ? own : extraDates.filter(valid).map(dayNum);
  let lo = dated.length ? Math.min(...dated) : 0;
  let hi = dated.length ? Math.max(...dated) : 1;
  const pad = Math.max(3, Math.round((hi - lo) * 0.15));
  lo -= pad;
  hi += pad;
  return { lo, hi };
}

const W = 1000;
const x = (axis: Axis, iso: string | null, fallback: number): number => (valid(iso) ? Math.round(((dayNum(iso) - axis.lo) / (axis.hi - axis.lo)) * W) : fallback);

/** "17 Nov 2023 – 19 Nov 2023", "from 22 Nov 2023", "until 17 Nov 2023", "dates not reported". */
export function span(r: Tenure): string {
  const f = valid(r.from) ? fmtDate(r.from) : null;
  const t = valid(r.to) ? fmtDate(r.to) : null;
  return f && t ? `${f} – ${t}` : f ? `from ${f}` : t ? `until ${t}` : 'dates not reported';
}

function ticks(axis: Axis): string[] {
  const days = axis.hi - axis.lo;
  return [0, 0.25, 0.5, 0.75, 1].map((f) => fmtDate(new Date((axis.lo + f * days) * 86_400_000).toISOString().slice(0, 10), days > 800 ? 'year' : days > 90 ? 'month' : 'day'));
}

/** A chart of tenures on the page's axis: one row per tenure, its label in HTML above its bar. */
export function tenureChart(rows: Array<{ tenure: Tenure; label: Page | string }>, axis: Axis, caption: string): Page {
  if (!rows.length) return html``;
  return html`<figure class="tenures"><figcaption class="sr">${caption}</figcaption>
<div class="axis" aria-hidden="true">${ticks(axis).map((t) => html`<span>${t}</span>`)}</div>
<ol class="tenure-rows">${rows.map(({ tenure: r, label }) => {
    const x1 = x(axis, r.from, 0);
    const x2 = Math.max(x(axis, r.to, W), x1 + 6);
    return html`<li><p class="tenure-label">${label} <span class="muted">${span(r)}</span></p><svg class="track" viewBox="0 0 ${W} 14" preserveAspectRatio="none" aria-hidden="true"><line class="grid" x1="250" x2="250" y1="0" y2="14"></line><line class="grid" x1="500" x2="500" y1="0" y2="14"></line><line class="grid" x1="750" x2="750" y1="0" y2="14"></line><rect class="bar${r.interim ? ' interim' : ''}${valid(r.from) ? '' : ' open-start'}${valid(r.to) ? '' : ' open-end'}" x="${x1}" y="2" width="${x2 - x1}" height="10" rx="2"></rect></svg></li>`;
  })}</ol></figure>`;
}

/** What the bars mean, once per page. */
export const tenureLegend = html`<p class="legend tenure-legend"><span><span class="key bar"></span> role held</span> <span><span class="key bar interim"></span> interim</span> <span><span class="key bar open"></span> start or end not reported</span></p>`;

/** "Altman → Murati (interim, 17 Nov – 19 Nov) → Shear (interim, from 19 Nov) → Altman (from 22 Nov)". */
export function succession(tenures: Tenure[]): string {
  return tenures
    .map((t) => {
      const bits = [t.interim ? 'interim' : '', valid(t.from) || valid(t.to) ? span(t) : ''].filter(Boolean);
      return `${t.holderName ?? ''}${bits.length ? ` (${bits.join(', ')})` : ''}`;
    })
    .join(' → ');
}
