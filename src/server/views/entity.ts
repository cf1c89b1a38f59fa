// Entity page: roles over time drawn as an SVG timeline (no script needed; positions are SVG
// attributes, colours come from the stylesheet, so the CSP needs no inline style), with a table
// of the same roles for screen readers, aliases, events and stories.
import { html } from 'hono/html';
import type { EntityPage } from '../../store/index.ts';
import type { ExportRole } from '../../types.ts';
import type { ArticleLite } from '../../store/index.ts';
import { ago, fmtDate, type Page } from './layout.ts';
import { eventItem, sourceLabel, timelineOrder } from './story.ts';

const ROLE_NAMES: Record<string, string> = { ceo: 'CEO', cto: 'CTO', cfo: 'CFO', coo: 'COO', chair: 'Chair', president: 'President', 'board-member': 'Board member', founder: 'Founder', employee: 'Employee' };
const roleName = (r: string): string => ROLE_NAMES[r] ?? r.replace(/-/g, ' ');

const dayNum = (iso: string): number => Math.floor(Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso) / 86_400_000);

export function rolesSvg(roles: ExportRole[], names: Map<string, string>, extraDates: string[] = []): Page {
  const dated = [...roles.flatMap((r) => [r.from, r.to]), ...extraDates].filter((d): d is string => !!d && !Number.isNaN(Date.parse(d)));
  if (!roles.length) return html``;
  let lo = dated.length ? Math.min(...dated.map(dayNum)) : 0;
  let hi = dated.length ? Math.max(...dated.map(dayNum)) : 1;
  // A little room on both sides, so open-ended roles visibly run past the known dates.
  const pad = Math.max(2, Math.round((hi - lo) * 0.15));
  lo -= pad;
  hi += pad;
  const W = 640;
  const L = 8;
  const R = W - 8;
  const x = (iso: string | null, fallback: number): number => (iso && !Number.isNaN(Date.parse(iso)) ? L + ((dayNum(iso) - lo) / (hi - lo)) * (R - L) : fallback);
  const rowH = 46;
  const top = 30;
  const H = top + roles.length * rowH + 6;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const d = new Date((lo + f * (hi - lo)) * 86_400_000).toISOString().slice(0, 10);
    return { x: L + f * (R - L), label: fmtDate(d, hi - lo > 800 ? 'year' : hi - lo > 90 ? 'month' : 'day') };
  });
  return html`<svg class="roles" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="roles-title"><title id="roles-title">Roles over time</title>
${ticks.map((t, i) => html`<line class="tick" x1="${t.x}" x2="${t.x}" y1="${top - 8}" y2="${H}"></line><text class="axis" x="${t.x}" y="14" text-anchor="${i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}">${t.label}</text>`)}
${roles.map((r, i) => {
    const x1 = x(r.from, L);
    const x2 = Math.max(x(r.to, R), x1 + 4);
    const y = top + i * rowH;
    const org = r.organizationId ? names.get(r.organizationId) : undefined;
    return html`<text class="role-label" x="${Math.min(x1, W - 220)}" y="${y + 12}">${roleName(r.role)}${org ? ` · ${org}` : ''}${r.interim ? ' (interim)' : ''} — “${r.label}”</text>
<rect class="bar${r.interim ? ' interim' : ''}${r.from ? '' : ' open-start'}${r.to ? '' : ' open-end'}" x="${x1}" y="${y + 18}" width="${x2 - x1}" height="14" rx="3"></rect>`;
  })}
</svg>`;
}

export function entityPage(p: EntityPage, articles: Map<string, ArticleLite>): Page {
  const e = p.entity;
  const byId = new Map(p.events.map((ev) => [ev.id, ev]));
  const eventDates = p.events.map((ev) => ev.date.start).filter((d): d is string => !!d);
  return html`<article class="entity">
<p class="kicker">${e.type} · in ${p.stories.length} stor${p.stories.length === 1 ? 'y' : 'ies'} · ${e.mentions.length} mention${e.mentions.length === 1 ? '' : 's'}</p>
<h1>${e.name}</h1>
${e.aliases.length ? html`<p class="aliases">Also written: ${e.aliases.map((a, i) => html`${i ? ', ' : ''}<span class="alias">${a}</span>`)}</p>` : ''}
<nav class="toc" aria-label="On this page"><a href="#roles">Roles</a><a href="#events">Events</a><a href="#stories">Stories</a><a href="/entities/${e.id}/feed.atom">Atom</a><a href="/entities/${e.id}/feed.json">JSON Feed</a></nav>
<section id="roles"><h2>Roles over time</h2>
${e.roles.length ? html`${rolesSvg(e.roles, p.names, eventDates)}
<table class="roles-table"><caption class="sr">Roles</caption><thead><tr><th scope="col">Role</th><th scope="col">Organisation</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Source</th></tr></thead>
<tbody>${e.roles.map((r) => html`<tr><td>${roleName(r.role)}${r.interim ? ' (interim)' : ''}<br><span class="muted">“${r.label}”</span></td><td>${r.organizationId ? html`<a href="/entities/${r.organizationId}">${p.names.get(r.organizationId) ?? 'organisation'}</a>` : '—'}</td><td>${r.from ? fmtDate(r.from) : '—'}</td><td>${r.to ? fmtDate(r.to) : '—'}</td><td>${r.sources[0] ? html`<a href="/articles/${r.sources[0].articleId}">${sourceLabel(articles.get(r.sources[0].articleId))}</a>` : ''}</td></tr>`)}</tbody></table>` : html`<p class="muted">No roles reported for ${e.name}.</p>`}
</section>
<section id="events"><h2>Events</h2>${p.events.length ? html`<ol class="timeline">${timelineOrder(p.events).map((ev) => eventItem(ev, byId, articles, p.names, (id) => `/stories/${ev.storyId}#ev-${id}`))}</ol>` : html`<p class="muted">No events yet.</p>`}</section>
<section id="stories"><h2>Stories</h2><ul class="plain">${p.stories.map((s) => html`<li><a href="/stories/${s.id}">${s.title}</a> <span class="muted">updated ${ago(s.updatedAt)}</span></li>`)}</ul></section>
</article>`;
}
