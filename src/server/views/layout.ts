// The page frame and the small pieces every page shares. Templates are hono/html tagged
// templates: every interpolated value is escaped, so article text is never markup. No inline
// script or style anywhere: the CSP forbids them; behaviour and looks come from /assets files.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface Frame {
  title: string;
  /** The reader's CSRF token, on pages with a form (htmx sends it with its requests). Pages
   * without one carry no token, so they are the same for every reader. */
  csrf?: string;
  /** Asset version (content hash), so files can be cached for a year. */
  v: string;
  /** Live updates for this page: the SSE URL with the page's cursor. */
  live?: string;
  /** Alternate feeds of the page. */
  feeds?: { atom: string; json: string };
  /** Current section of the navigation. */
  nav?: 'home' | 'search' | 'sources';
  description?: string;
  q?: string;
}

export function layout(f: Frame, body: Page): Page {
  const cur = (n: Frame['nav']): Page | string => (f.nav === n ? html` aria-current="page"` : '');
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${f.title} · Storyline</title>
${f.description ? html`<meta name="description" content="${f.description}">` : ''}
<meta name="color-scheme" content="light dark">
${f.csrf ? html`<meta name="csrf-token" content="${f.csrf}">
` : ''}<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false,"selfRequestsOnly":true}'>
<link rel="stylesheet" href="/assets/style.css?v=${f.v}">
${f.feeds ? html`<link rel="alternate" type="application/atom+xml" title="Atom feed" href="${f.feeds.atom}"><link rel="alternate" type="application/feed+json" title="JSON Feed" href="${f.feeds.json}">` : ''}
<script src="/assets/htmx.min.js?v=${f.v}" defer></script><script src="/assets/app.js?v=${f.v}" defer></script>
</head>
<body${f.live ? html` data-live="${f.live}"` : ''}${f.csrf ? html` hx-headers='{"X-CSRF-Token":"${f.csrf}"}'` : ''}>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><div class="bar">
<a class="brand" href="/">Storyline</a>
<nav aria-label="Main"><a href="/"${cur('home')}>Stories</a><a href="/search"${cur('search')}>Search</a><a href="/sources"${cur('sources')}>Sources</a></nav>
<form class="quick" action="/search" method="get" role="search"><label class="sr" for="quick-q">Search articles</label><input id="quick-q" name="q" type="search" placeholder="Search" value="${f.q ?? ''}"></form>
</div></header>
<main id="main">${body}</main>
<div class="live" id="live" role="status" aria-live="polite" hidden><a href="" id="live-load">New updates</a></div>
<footer class="site"><p>Storyline keeps every article's source; rights stay with the publishers. <a href="/api/openapi.json">API</a></p></footer>
</body></html>`;
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

function parse(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** A date as precise as it is known: "2022", "November 2023", "17 Nov 2023", with time when it has one. */
export function fmtDate(iso: string | null | undefined, precision: string = 'day'): string {
  const d = parse(iso);
  if (!d) return 'date unknown';
  if (precision === 'year') return String(d.getUTCFullYear());
  if (precision === 'month') return MONTH.format(d);
  if (precision === 'hour' || (iso!.length > 10 && !/T00:00(:00(\.000)?)?Z$/.test(iso!) && precision !== 'day' && precision !== 'week')) return `${TIME.format(d)} UTC`;
  if (precision === 'week') return `week of ${DAY.format(d)}`;
  return DAY.format(d);
}

export function fmtStamp(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? `${TIME.format(d)} UTC` : 'unknown';
}

/** "3 hours ago" style age, for last updates (the exact time is in the title attribute). */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  const d = parse(iso);
  if (!d) return 'unknown';
  const s = Math.round((now - d.getTime()) / 1000);
  if (s < 0) return fmtDate(iso);
  if (s < 90) return 'just now';
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h ago`;
  if (s < 45 * 86400) return `${Math.round(s / 86400)} days ago`;
  return fmtDate(iso);
}

/** When something was last updated, on a page kept for every reader (cache.ts): the exact time,
 * which stays true however long the page is kept; app.js shows it as "12 min ago", with the
 * exact time as its title, and keeps it current while the page is open. */
export function updated(iso: string): Page {
  return html`<time class="ago" datetime="${iso}">${fmtStamp(iso)}</time>`;
}

export function time(iso: string | null | undefined, text?: string): Page {
  // The machine-readable date only as precise as needed: the page weight adds up over a timeline.
  const dt = iso && /T00:00(:00(\.000)?)?Z$/.test(iso) ? iso.slice(0, 10) : iso;
  return iso ? html`<time datetime="${dt}">${text ?? fmtDate(iso)}</time>` : html`<span class="muted">${text ?? 'date unknown'}</span>`;
}

const LANGS: Record<string, string> = { fr: 'French', en: 'English', de: 'German', es: 'Spanish', it: 'Italian', pt: 'Portuguese', nl: 'Dutch', und: 'Unknown' };
export const langName = (l: string): string => LANGS[l] ?? l;
export const lang = (l: string): Page => html`<abbr class="lang" title="${langName(l)}">${l.toUpperCase()}</abbr>`;

export function pager(base: string, params: Record<string, string | undefined>, page: number, hasNext: boolean): Page {
  const href = (p: number): string => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  if (page <= 1 && !hasNext) return html``;
  return html`<nav class="pager" aria-label="Pages">${page > 1 ? html`<a rel="prev" href="${href(page - 1)}">← Previous</a>` : html`<span></span>`}<span class="muted">Page ${page}</span>${hasNext ? html`<a rel="next" href="${href(page + 1)}">Next →</a>` : html`<span></span>`}</nav>`;
}

export function errorPage(status: number, message: string): Page {
  const title = status === 404 ? 'Not found' : status === 401 ? 'Sign-in needed' : status === 403 ? 'Not allowed' : status >= 500 ? 'Something went wrong' : 'Bad request';
  return html`<section class="error"><p class="code">${status}</p><h1>${title}</h1><p>${message}</p><p><a href="/">Back to the stories</a> · <a href="/search">Search</a></p></section>`;
}

/** An article's one date, the same on every page: its publication date when it gives one; else
 * the date the analysis inferred from its text or its story, marked as such; else none, said
 * plainly. The date Storyline stored it is never shown as its publication date. */
export interface HonestDate {
  iso: string | null;
  text: string;
  kind: 'published' | 'inferred' | 'none';
}

export function articleDate(a: { publishedAt: string | null }, inferred?: { date: string; precision: string; basis: string }): HonestDate {
  if (a.publishedAt) return { iso: a.publishedAt, text: fmtDate(a.publishedAt, 'day'), kind: 'published' };
  if (inferred && inferred.basis !== 'ingested') return { iso: inferred.date, text: `about ${fmtDate(inferred.date, inferred.precision === 'hour' ? 'day' : inferred.precision)}`, kind: 'inferred' };
  return { iso: null, text: 'date not given', kind: 'none' };
}

/** The article's date as a <time> (or a muted "date not given"), with why when it is inferred. */
export function dateOf(d: HonestDate): Page {
  if (!d.iso) return html`<span class="muted">${d.text}</span>`;
  const dt = /T00:00(:00(\.000)?)?Z$/.test(d.iso) || d.kind === 'inferred' ? d.iso.slice(0, 10) : d.iso;
  return d.kind === 'inferred' ? html`<time datetime="${dt}" title="The article gives no date; inferred from its text and story">${d.text}</time>` : html`<time datetime="${dt}">${d.text}</time>`;
}
