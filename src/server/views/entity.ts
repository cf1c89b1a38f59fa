// Entity page: for an organisation, its office holders in turn ("CEO of X: A → B (interim) → A");
// the roles the entity holds; both drawn on one time axis (views/roles.ts) with a table of the
// same for screen readers; aliases, events and stories.
import { html } from 'hono/html';
import type { EntityPage } from '../../store/index.ts';
import type { ArticleLite } from '../../store/index.ts';
import { ago, fmtDate, type Page } from './layout.ts';
import { axisOf, mergeTenures, roleName, succession, tenureChart, tenureLegend, type Tenure } from './roles.ts';
import { eventItem, sourceLabel, timelineOrder } from './story.ts';

export function entityPage(p: EntityPage, articles: Map<string, ArticleLite>): Page {
  const e = p.entity;
  const byId = new Map(p.events.map((ev) => [ev.id, ev]));
  const eventDates = p.events.map((ev) => ev.date.start).filter((d): d is string => !!d);
  const own = mergeTenures(e.roles);
  const held = mergeTenures(p.holders);
  // One time axis for every chart of the page, so bars line up from one chart to the next.
  const axis = axisOf([...own, ...held], eventDates);
  const offices = [...groupBy(held, (h) => h.role)].sort((a, b) => (a[0] === 'ceo' ? -1 : b[0] === 'ceo' ? 1 : a[0].localeCompare(b[0])));
  const orgName = (r: Tenure): string | undefined => (r.organizationId ? p.names.get(r.organizationId) : undefined);
  return html`<article class="entity">
<p class="kicker">${e.type} · in ${p.stories.length} stor${p.stories.length === 1 ? 'y' : 'ies'} · ${e.mentions.length} mention${e.mentions.length === 1 ? '' : 's'}</p>
<h1>${e.name}</h1>
${e.aliases.length ? html`<p class="aliases">Also written: ${e.aliases.map((a, i) => html`${i ? ', ' : ''}<span class="alias">${a}</span>`)}</p>` : ''}
<nav class="toc" aria-label="On this page">${held.length ? html`<a href="#offices">Office holders</a>` : ''}<a href="#roles">Roles</a><a href="#events">Events</a><a href="#stories">Stories</a><a href="/entities/${e.id}/feed.atom">Atom</a><a href="/entities/${e.id}/feed.json">JSON Feed</a></nav>
${own.length || held.length ? tenureLegend : ''}
${held.length ? html`<section id="offices"><h2>Office holders</h2>${offices.map(([role, list]) => html`<section class="office"><h3>${roleName(role)} of ${e.name}</h3><p class="succession">${succession(list)}</p>
${tenureChart(list.map((t) => ({ tenure: t, label: html`<a href="/entities/${t.holderId}">${t.holderName}</a>${t.interim ? ' (interim)' : ''}` })), axis, `${roleName(role)} of ${e.name} over time`)}</section>`)}
<div class="table-wrap"><table class="roles-table"><caption class="sr">Office holders</caption><thead><tr><th scope="col">Office</th><th scope="col">Holder</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Source</th></tr></thead>
<tbody>${held.map((r) => html`<tr><td>${roleName(r.role)}${r.interim ? ' (interim)' : ''}<br><span class="muted">“${r.label}”</span></td><td><a href="/entities/${r.holderId}">${r.holderName}</a></td><td>${r.from ? fmtDate(r.from) : '—'}</td><td>${r.to ? fmtDate(r.to) : '—'}</td><td>${r.sources[0] ? html`<a href="/articles/${r.sources[0].articleId}">${sourceLabel(articles.get(r.sources[0].articleId))}</a>` : ''}</td></tr>`)}</tbody></table></div></section>` : ''}
<section id="roles"><h2>Roles${held.length ? ` ${e.name} holds` : ' over time'}</h2>
${own.length ? html`${tenureChart(own.map((r) => ({ tenure: r, label: `${roleName(r.role)}${orgName(r) ? ` · ${orgName(r)}` : ''}${r.interim ? ' (interim)' : ''}` })), axis, `Roles of ${e.name} over time`)}
<div class="table-wrap"><table class="roles-table"><caption class="sr">Roles</caption><thead><tr><th scope="col">Role</th><th scope="col">Organisation</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Source</th></tr></thead>
<tbody>${own.map((r) => html`<tr><td>${roleName(r.role)}${r.interim ? ' (interim)' : ''}<br><span class="muted">“${r.label}”</span></td><td>${r.organizationId ? html`<a href="/entities/${r.organizationId}">${p.names.get(r.organizationId) ?? 'organisation'}</a>` : '—'}</td><td>${r.from ? fmtDate(r.from) : '—'}</td><td>${r.to ? fmtDate(r.to) : '—'}</td><td>${r.sources[0] ? html`<a href="/articles/${r.sources[0].articleId}">${sourceLabel(articles.get(r.sources[0].articleId))}</a>` : ''}</td></tr>`)}</tbody></table></div>` : html`<p class="muted">${held.length ? `${e.name} holds no role itself in these stories.` : `No roles reported for ${e.name}.`}</p>`}
</section>
<section id="events"><h2>Events</h2>${p.events.length ? html`<ol class="timeline">${timelineOrder(p.events).map((ev) => eventItem(ev, byId, articles, p.names, (id) => `/stories/${ev.storyId}#ev-${id}`))}</ol>` : html`<p class="muted">No events yet.</p>`}</section>
<section id="stories"><h2>Stories</h2><ul class="plain">${p.stories.map((s) => html`<li><a href="/stories/${s.id}">${s.title}</a> <span class="muted">updated ${ago(s.updatedAt)}</span></li>`)}</ul></section>
</article>`;
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of list) (m.get(key(t)) ?? m.set(key(t), []).get(key(t))!).push(t);
  return m;
}
