// Search: full text (FTS5) with filters for language, source and date.
import { html } from 'hono/html';
import type { SearchHit } from '../../store/index.ts';
import { lang, langName, pager, type Page } from './layout.ts';
import { articleLine } from './story.ts';

export interface SearchParams {
  q: string;
  lang?: string;
  site?: string;
  from?: string;
  to?: string;
}

/** The snippet escaped first, then its match markers turned into <mark>: nothing else becomes markup. */
function snippet(s: string): Page {
  const parts = s.split(/(\u0001[^\u0002]*\u0002)/);
  return html`${parts.map((p) => (p.startsWith('\u0001') ? html`<mark>${p.slice(1, -1)}</mark>` : p))}`;
}

export function searchPage(p: SearchParams, facets: { languages: string[]; sites: string[] }, result: { total: number; hits: SearchHit[] } | undefined, page: number, size: number): Page {
  return html`<h1 class="page-title">Search</h1>
<form class="search" action="/search" method="get" role="search" hx-get="/search" hx-target="main" hx-select="main" hx-swap="outerHTML" hx-push-url="true">
<div class="field wide"><label for="q">Words</label><input id="q" name="q" type="search" value="${p.q}" placeholder="Altman, conseil d'administration…"></div>
<div class="field"><label for="lang">Language</label><select id="lang" name="lang"><option value="">Any</option>${facets.languages.map((l) => html`<option value="${l}"${p.lang === l ? html` selected` : ''}>${langName(l)}</option>`)}</select></div>
<div class="field"><label for="site">Source</label><select id="site" name="site"><option value="">Any</option>${facets.sites.map((s) => html`<option value="${s}"${p.site === s ? html` selected` : ''}>${s}</option>`)}</select></div>
<div class="field"><label for="from">From</label><input id="from" name="from" type="date" value="${p.from ?? ''}"></div>
<div class="field"><label for="to">To</label><input id="to" name="to" type="date" value="${p.to ?? ''}"></div>
<div class="field"><button type="submit">Search</button></div>
</form>
${result ? html`<p class="muted">${result.total} article${result.total === 1 ? '' : 's'} found.</p>
<ol class="results">${result.hits.map((h) => html`<li>${articleLine(h)}<p class="snippet">${snippet(h.snippet)}</p>${h.storyId ? html`<a class="story-link" href="/stories/${h.storyId}">Open the story</a>` : ''}</li>`)}</ol>
${pager('/search', { q: p.q, lang: p.lang, site: p.site, from: p.from, to: p.to }, page, page * size < result.total)}` : html`<p class="muted">Type words to search every stored article, in any language (accents optional).</p>`}`;
}

export { lang };
