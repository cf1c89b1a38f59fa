// Home: stories ranked by freshness and independent sources, each with its languages, sources,
// last update and its newest development in one line.
import { html } from 'hono/html';
import type { ExportEvent } from '../../types.ts';
import type { Story } from '../../types.ts';
import { fmtDate, lang, pager, time, updated, type Page } from './layout.ts';
import { badge } from './story.ts';

export function homePage(stories: Story[], newest: Map<string, ExportEvent>, page: number, hasNext: boolean, total: number): Page {
  return html`<h1 class="page-title">Stories</h1>
<p class="muted intro">${total} ${total === 1 ? 'story' : 'stories'}, freshest and most widely covered first.</p>
${stories.length ? html`<ol class="stories">${stories.map((s) => {
    const e = newest.get(s.id);
    const langs = Object.entries(s.languages).sort((a, b) => b[1] - a[1]);
    return html`<li class="story-card"><h2><a href="/stories/${s.id}">${s.title}</a></h2>
${e ? html`<p class="newest"><span class="label">Latest</span> ${e.date.start ? html`${time(e.date.start, fmtDate(e.date.start, e.date.precision))} · ` : ''}${e.summary} ${e.status === 'confirmed' ? badge(e.status) : ''}</p>` : s.summary ? html`<p class="newest">${s.summary.length > 220 ? `${s.summary.slice(0, 220)}…` : s.summary}</p>` : ''}
<p class="meta">${s.sourceCount} source${s.sourceCount === 1 ? '' : 's'} ·${langs.map(([l]) => html` ${lang(l)}`)} · updated ${updated(s.updatedAt)}${s.lastAt ? html` · latest news ${time(s.lastAt, fmtDate(s.lastAt, 'day'))}` : ''}</p></li>`;
  })}</ol>` : html`<p class="empty">No stories yet. Ingest some articles: <code>storyline ingest demo/corpus</code>, or subscribe to feeds on the <a href="/sources">Sources</a> page.</p>`}
${pager('/', {}, page, hasNext)}`;
}
