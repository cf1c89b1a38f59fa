// The story page: its timeline with both clocks (when it happened, when it was reported),
// status badges, superseded claims struck through and linked to what replaced them,
// contradictions side by side, each event's sources with the quoted sentences, coverage by
// outlet and language, and the articles with duplicates folded under their original.
// A page's weight is bounded whatever the story's size (a reader on a phone, and every byte is
// sent to every reader): the timeline comes in pages cut by weight, the story page lists its
// first articles and the outlets that carry most, and the full list of articles has its own
// paged view (articlesPage).
import { html } from 'hono/html';
import type { ArticleLite } from '../../store/index.ts';
import type { ExportEntity, ExportEvent, InferredDate } from '../../types.ts';
import type { Story } from '../../types.ts';
import { articleDate, dateOf, fmtDate, lang, langName, pager, time, updated, type Page } from './layout.ts';

export interface StoryView {
  story: Story;
  events: ExportEvent[];
  entities: ExportEntity[];
  articles: ArticleLite[];
  /** Its newest version waits for the analysis worker: what is shown is the previous analysis. */
  analysing?: boolean;
  /** Dates the analysis inferred for its articles that give none. */
  dates?: Record<string, InferredDate>;
}

const STATUS_LABEL: Record<string, string> = {
  reported: 'reported',
  confirmed: 'confirmed',
  superseded: 'superseded',
  contradicted: 'contradicted',
  retracted: 'retracted',
};

export const badge = (status: string): Page => html`<span class="badge s-${status}">${STATUS_LABEL[status] ?? status}</span>`;

/** Timeline markup per page, in bytes, and events per page at most: with the frame, the header
 * and the first page's overview (bounded below), a story page stays under 60 KB. Pages are cut
 * by weight, not by count, because one event may carry several quotes and another one. */
const TIMELINE_BYTES = 36 * 1024;
const MAX_EVENTS_PER_PAGE = 60;
/** Original articles listed on the story page; all of them are on its articles view. */
const ARTICLES_ON_STORY = 10;
/** Original articles per page of the articles view. */
const ARTICLES_PER_PAGE = 30;
/** Copies listed under one original on the story page and on the articles view (the rest are
 * counted: a copy says what its original says). */
const COPIES_ON_STORY = 2;
const COPIES_SHOWN = 10;
/** Outlets in the coverage table (the rest are summed up in one row). */
const OUTLETS_SHOWN = 15;
/** Contradictions set side by side (all of them stay marked in the timeline). */
const CONTRADICTIONS_SHOWN = 5;
/** Quotes under an event's first one (the other sources are counted). */
const MORE_QUOTES = 2;
/** A quoted sentence longer than this is cut (the article has all of it). */
const QUOTE_CHARS = 320;

/** When it was first reported: the earliest reportedAt among its sources. */
export function firstReported(e: ExportEvent): string | null {
  return e.sources.map((s) => s.reportedAt).filter((x): x is string => !!x).sort()[0] ?? null;
}

/** Timeline order: when it happened; an undated event sits where it was first reported. */
export function timelineOrder(events: ExportEvent[]): ExportEvent[] {
  const key = (e: ExportEvent): string => e.date.start ?? firstReported(e)?.slice(0, 10) ?? '9999';
  return [...events].sort((a, b) => key(a).localeCompare(key(b)) || Number(!!b.date.start) - Number(!!a.date.start));
}

export function sourceLabel(a: ArticleLite | undefined): string {
  if (!a) return 'an article no longer stored';
  const t = a.title.trim();
  return a.site ?? hostOf(a.url) ?? (t.length > 48 ? `${t.slice(0, 46).trimEnd()}…` : t);
}

const hostOf = (url: string | null): string | null => {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
};

/** The UTC day of a timestamp, for a machine-readable date shown to the day. */
function dayOf(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().slice(0, 10);
}

/** Where the link to an event goes (`#ev-…` on this page, or the page that shows it). */
export type EventHref = (eventId: string) => string;

export function eventItem(e: ExportEvent, byId: Map<string, ExportEvent>, articles: Map<string, ArticleLite>, names: Map<string, string>, href: EventHref): Page {
  const reported = firstReported(e);
  const replacement = e.supersededBy ? byId.get(e.supersededBy) : undefined;
  const outlets = [...new Set(e.sources.map((s) => sourceLabel(articles.get(s.articleId))))];
  // Chips for the participants the summary does not already name (links to their pages).
  const people = e.participants.filter((p) => names.has(p.entityId) && !e.summary.includes(names.get(p.entityId)!));
  // One quote per distinct sentence: copies of a wire story repeat it word for word.
  const seen = new Set<string>();
  const [first, ...rest] = e.sources.filter((s) => !seen.has(s.sentence) && seen.add(s.sentence));
  const shown = rest.slice(0, MORE_QUOTES);
  const happened = e.date.start ? fmtDate(e.date.start, e.date.precision) : undefined;
  // "Reported" is where every claim starts: only the statuses that say more get a badge.
  return html`<li class="event st-${e.status}" id="ev-${e.id}"><div class="when"><p class="happened">${e.date.start ? time(e.date.start, happened) : html`<span class="muted">not stated</span>`}${e.date.text && e.date.text !== happened ? html` <span class="as-written">“${e.date.text}”</span>` : ''}</p><p class="reported">${time(reported && dayOf(reported), reported ? fmtDate(reported, 'day') : 'unknown')}</p></div>
<div class="what"><p class="summary">${e.status === 'reported' ? '' : html`${badge(e.status)} `}<span class="type">${e.type}</span> ${e.status === 'superseded' ? html`<s>${e.summary}</s>` : e.summary}</p>${e.status === 'superseded' ? html`<p class="replaced">Superseded by ${replacement ? html`<a href="${href(replacement.id)}">${replacement.summary}</a>` : e.supersededBy ? html`<a href="${href(e.supersededBy)}">a later report</a>` : 'a later report'}</p>` : ''}${e.contradicts.length ? html`<p class="replaced">Contradicts ${e.contradicts.map((id, i) => html`${i ? ', ' : ''}<a href="${href(id)}">${byId.get(id)?.summary ?? 'another report'}</a>`)}</p>` : ''}${people.length ? html`<p class="who">${people.map((p) => html`<a class="chip" href="/entities/${p.entityId}">${names.get(p.entityId)}</a>`)}</p>` : ''}${first ? quote(first, articles, reported) : ''}${rest.length ? html`<details class="more"><summary>${rest.length} more quote${rest.length > 1 ? 's' : ''} · ${outlets.length} outlet${outlets.length > 1 ? 's' : ''}</summary>${shown.map((s) => quote(s, articles, null))}${rest.length > shown.length ? html`<p class="muted">And ${rest.length - shown.length} more from ${outlets.slice(0, 8).join(', ')}${outlets.length > 8 ? '…' : ''}.</p>` : ''}</details>` : ''}</div></li>
`;
}

const cut = (sentence: string): string => (sentence.length > QUOTE_CHARS ? `${sentence.slice(0, QUOTE_CHARS - 1).trimEnd()}…` : sentence);

/** A quoted sentence with its source; its date only when it differs from the event's "reported". */
function quote(s: ExportEvent['sources'][number], articles: Map<string, ArticleLite>, reported: string | null): Page {
  const a = articles.get(s.articleId);
  const day = s.reportedAt ? fmtDate(s.reportedAt, 'day') : undefined;
  return html`<figure class="source"><blockquote>${cut(s.sentence)}</blockquote><figcaption><a href="/articles/${s.articleId}">${sourceLabel(a)}</a>${day && (!reported || fmtDate(reported, 'day') !== day) ? ` · ${day}` : ''}</figcaption></figure>`;
}

/** A story's timeline cut into pages by weight: the events in timeline order, and the page of each. */
export interface TimelinePlan {
  ordered: ExportEvent[];
  pageOf: Map<string, number>;
  pages: number;
}

/** Which events the timeline shows: the key events (the default), or all of them. */
export type TimelineView = 'key' | 'all';

/** A key event: a development (not a quotation or a bare verb), or any report whose status says
 * more than "reported" about it (superseded, contradicted, retracted). */
export const isKeyEvent = (e: ExportEvent): boolean => (e.type !== 'statement' && e.type !== 'other') || e.status === 'superseded' || e.status === 'contradicted' || e.status === 'retracted';

/** Who said it: a statement's subject (else its agent). */
export function speakerOf(e: ExportEvent): string | undefined {
  return (e.participants.find((p) => p.role === 'subject') ?? e.participants.find((p) => p.role === 'agent'))?.entityId;
}

/** The events a view shows; the key view falls back to all when no event is a key one. */
export function viewEvents(events: ExportEvent[], view: TimelineView): ExportEvent[] {
  if (view === 'all') return events;
  const key = events.filter(isKeyEvent);
  return key.length ? key : events;
}

export function planTimeline(v: StoryView, view: TimelineView = 'all'): TimelinePlan {
  const ordered = timelineOrder(viewEvents(v.events, view));
  const articles = new Map(v.articles.map((a) => [a.id, a]));
  const byId = new Map(v.events.map((e) => [e.id, e]));
  const names = new Map(v.entities.map((e) => [e.id, e.name]));
  // Weighed with every link in its longest form (to another page), so the real page is lighter.
  const longest: EventHref = (id) => `/stories/${v.story.id}?page=99999#ev-${id}`;
  const pageOf = new Map<string, number>();
  let page = 1;
  let bytes = 0;
  let count = 0;
  for (const e of ordered) {
    const weight = Buffer.byteLength(String(eventItem(e, byId, articles, names, longest)));
    if (count > 0 && (bytes + weight > TIMELINE_BYTES || count >= MAX_EVENTS_PER_PAGE)) {
      page++;
      bytes = 0;
      count = 0;
    }
    pageOf.set(e.id, page);
    bytes += weight;
    count++;
  }
  return { ordered, pageOf, pages: page };
}

/** Page `page` of a story (undefined past the last): the header on every page; the timeline's
 * slice (key events by default, `view` 'all' for every event); on the first page, quotations by
 * speaker, contradictions, coverage and the first articles. */
export function storyPage(v: StoryView, page = 1, view: TimelineView = 'key', plan: TimelinePlan = planTimeline(v, view)): Page | undefined {
  if (page < 1 || page > plan.pages) return undefined;
  const { story } = v;
  const articles = new Map(v.articles.map((a) => [a.id, a]));
  const byId = new Map(v.events.map((e) => [e.id, e]));
  const names = new Map(v.entities.map((e) => [e.id, e.name]));
  const { ordered, pageOf, pages } = plan;
  const shown = ordered.filter((e) => pageOf.get(e.id) === page);
  const from = ordered.indexOf(shown[0]!);
  // Links between events cross pages: each goes to the page that shows its target; an event the
  // key view leaves out is on the view of all events.
  const base = `/stories/${story.id}`;
  const viewParam = view === 'all' ? 'view=all' : '';
  const href: EventHref = (id) => {
    const p = pageOf.get(id);
    if (p === undefined) return `${base}?view=all#ev-${id}`;
    if (p === page) return `#ev-${id}`;
    const q = [p > 1 ? `page=${p}` : '', viewParam].filter(Boolean).join('&');
    return `${base}${q ? `?${q}` : ''}#ev-${id}`;
  };
  const keyCount = viewEvents(v.events, 'key').length;
  const langs = Object.entries(story.languages).sort((a, b) => b[1] - a[1]);
  const people = v.entities.filter((e) => e.roles.length && (e.type === 'person' || e.type === 'organization')).slice(0, 12);
  const first = page === 1 && view === 'key' ? base : `${base}${view === 'all' ? '?view=all' : ''}`;
  return html`<article class="story">
<p class="kicker">Story · ${story.sourceCount} independent source${story.sourceCount === 1 ? '' : 's'} · ${langs.map(([l]) => lang(l))} · updated ${updated(story.updatedAt)}</p>
<h1>${story.title}</h1>
${story.summary ? html`<p class="lede">${story.summary}</p>` : ''}
<nav class="toc" aria-label="On this page"><a href="${page === 1 ? '' : first}#timeline">Timeline</a>${page === 1 && view === 'key' && quotations(v.events).size ? html`<a href="#quotations">Quotations</a>` : ''}<a href="${page === 1 ? '' : base}#coverage">Coverage</a><a href="${page === 1 ? '' : base}#articles">Articles (${v.articles.length})</a><a href="${base}/feed.atom">Atom</a><a href="${base}/feed.json">JSON Feed</a></nav>
${people.length ? html`<section class="people" aria-label="People and organisations"><h2 class="sr">Who</h2>${people.map((e) => html`<a class="chip" href="/entities/${e.id}">${e.name}</a>`)}</section>` : ''}
<section id="timeline"><h2>Timeline</h2>
${v.analysing ? html`<p class="analysing" role="status">Analysing… new articles of this story are being read; the timeline below is from before them and updates when the analysis is done.</p>` : ''}
${v.events.length > keyCount || view === 'all' ? html`<p class="views" role="navigation" aria-label="Timeline view">${view === 'key' ? html`<b aria-current="page">Key events (${keyCount})</b> · <a href="${base}?view=all#timeline">All ${v.events.length} events, with every quotation</a>` : html`<a href="${base}#timeline">Key events (${keyCount})</a> · <b aria-current="page">All ${v.events.length} events</b>`}</p>` : ''}
${ordered.length ? html`<p class="legend muted">Each event shows two clocks: when it <b>happened</b> and when it was first <b>reported</b>. Superseded reports stay, struck through, linked to what replaced them.${pages > 1 ? ` Events ${from + 1}–${from + shown.length} of ${ordered.length}.` : ''}</p>
<ol class="timeline" start="${from + 1}">${shown.map((e) => eventItem(e, byId, articles, names, href))}</ol>
${pager(base, { view: view === 'all' ? 'all' : undefined }, page, page < pages)}` : html`<p class="muted">No dated events found in these articles yet.</p>`}
</section>
${page === 1 ? html`${view === 'key' ? quotationsSection(v, names, articles) : ''}${storyOverview(v, byId, href)}` : html`<p><a href="${base}">Back to the first page: coverage and articles</a></p>`}
</article>`;
}

/** Quotations (statements with a named speaker) by speaker, most quoted first. */
export function quotations(events: ExportEvent[]): Map<string, ExportEvent[]> {
  const out = new Map<string, ExportEvent[]>();
  for (const e of timelineOrder(events)) {
    if (e.type !== 'statement') continue;
    const who = speakerOf(e);
    if (who) (out.get(who) ?? out.set(who, []).get(who)!).push(e);
  }
  return new Map([...out].sort((a, b) => b[1].length - a[1].length));
}

/** Quotes under each speaker on the story page (the rest are in the view of all events). */
const QUOTES_PER_SPEAKER = 3;
const SPEAKERS_SHOWN = 8;

function quotationsSection(v: StoryView, names: Map<string, string>, articles: Map<string, ArticleLite>): Page {
  const q = [...quotations(v.events)].filter(([id]) => names.has(id));
  if (!q.length) return html``;
  const shown = q.slice(0, SPEAKERS_SHOWN);
  return html`<section id="quotations"><h2>Quotations</h2><p class="muted">What the people of this story said, by speaker; every quotation is also in <a href="/stories/${v.story.id}?view=all#timeline">the view of all events</a>.</p>
${shown.map(([id, list]) => html`<section class="speaker"><h3><a href="/entities/${id}">${names.get(id)}</a> <span class="muted">${list.length} quotation${list.length === 1 ? '' : 's'}</span></h3><ul class="quotes">${list.slice(0, QUOTES_PER_SPEAKER).map((e) => {
    const s = e.sources[0];
    const when = e.date.start ? fmtDate(e.date.start, e.date.precision) : s?.reportedAt ? fmtDate(s.reportedAt, 'day') : '';
    return html`<li>${s ? html`<blockquote>${cut(s.sentence)}</blockquote>` : html`<p>${e.summary}</p>`}<p class="meta">${when}${s ? html`${when ? ' · ' : ''}<a href="/articles/${s.articleId}">${sourceLabel(articles.get(s.articleId))}</a>` : ''}</p></li>`;
  })}</ul>${list.length > QUOTES_PER_SPEAKER ? html`<p class="muted">And ${list.length - QUOTES_PER_SPEAKER} more.</p>` : ''}</section>`)}
${q.length > shown.length ? html`<p class="muted">${q.length - shown.length} more speakers in the view of all events.</p>` : ''}</section>`;
}

/** The first page's sections after the timeline: contradictions, coverage, the first articles. */
function storyOverview(v: StoryView, byId: Map<string, ExportEvent>, href: EventHref): Page {
  const { story } = v;
  const contradictions = pairs(v.events, byId);
  const shownPairs = contradictions.slice(0, CONTRADICTIONS_SHOWN);
  const outlets = coverage(v.articles);
  const otherOutlets = outlets.slice(OUTLETS_SHOWN);
  const langs = Object.entries(story.languages).sort((a, b) => b[1] - a[1]);
  const { originals, copies } = folded(v.articles);
  const first = originals.slice(0, ARTICLES_ON_STORY);
  return html`${contradictions.length ? html`<section id="contradictions"><h2>Contradictions</h2>${shownPairs.map(([a, b]) => html`<div class="versus"><div>${badge(a.status)} <a href="${href(a.id)}">${a.summary}</a>${a.sources[0] ? html`<blockquote>${cut(a.sources[0].sentence)}</blockquote>` : ''}</div><div>${badge(b.status)} <a href="${href(b.id)}">${b.summary}</a>${b.sources[0] ? html`<blockquote>${cut(b.sources[0].sentence)}</blockquote>` : ''}</div></div>`)}${contradictions.length > shownPairs.length ? html`<p class="muted">${contradictions.length - shownPairs.length} more, marked “contradicted” in the timeline.</p>` : ''}</section>` : ''}
<section id="coverage"><h2>Coverage</h2>
<div class="cols"><table><caption>By outlet</caption><thead><tr><th scope="col">Outlet</th><th scope="col">Articles</th><th scope="col">Languages</th></tr></thead><tbody>${outlets.slice(0, OUTLETS_SHOWN).map((o) => html`<tr><td>${o.name}</td><td class="num">${o.count}</td><td>${o.langs.map((l) => lang(l))}</td></tr>`)}${otherOutlets.length ? html`<tr><td>${otherOutlets.length} other outlet${otherOutlets.length > 1 ? 's' : ''}</td><td class="num">${otherOutlets.reduce((n, o) => n + o.count, 0)}</td><td></td></tr>` : ''}</tbody></table>
<table><caption>By language</caption><thead><tr><th scope="col">Language</th><th scope="col">Articles</th></tr></thead><tbody>${langs.map(([l, n]) => html`<tr><td>${langName(l)}</td><td class="num">${n}</td></tr>`)}</tbody></table></div>
</section>
<section id="articles"><h2>Articles</h2>${articleList(first, copies, COPIES_ON_STORY, `/stories/${story.id}/articles`, v.dates)}
${originals.length > first.length ? html`<p><a href="/stories/${story.id}/articles">All ${v.articles.length} articles (${originals.length} originals, copies folded under them)</a></p>` : ''}</section>`;
}

/** The articles of a story, paged: originals in the order they arrived, copies folded under each. */
export function articlesPage(v: StoryView, page: number): Page | undefined {
  const { story } = v;
  const { originals, copies } = folded(v.articles);
  if (page < 1 || (page > 1 && (page - 1) * ARTICLES_PER_PAGE >= originals.length)) return undefined;
  const from = (page - 1) * ARTICLES_PER_PAGE;
  const shown = originals.slice(from, from + ARTICLES_PER_PAGE);
  const base = `/stories/${story.id}/articles`;
  return html`<article class="story">
<p class="kicker"><a href="/stories/${story.id}">${story.title}</a></p>
<h1>Articles</h1>
<p class="muted">${v.articles.length} article${v.articles.length === 1 ? '' : 's'}: ${originals.length} original${originals.length === 1 ? '' : 's'}, copies folded under them${originals.length > shown.length ? `; ${from + 1}–${from + shown.length} here` : ''}.</p>
<section id="articles">${articleList(shown, copies, COPIES_SHOWN, undefined, v.dates)}</section>
${pager(base, {}, page, from + shown.length < originals.length)}
</article>`;
}

/** Originals (copies whose original is not in the story count as originals) and copies by original. */
function folded(list: ArticleLite[]): { originals: ArticleLite[]; copies: Map<string, ArticleLite[]> } {
  const ids = new Set(list.map((a) => a.id));
  const copies = new Map<string, ArticleLite[]>();
  const originals: ArticleLite[] = [];
  for (const a of list) {
    if (a.duplicateOf && ids.has(a.duplicateOf)) (copies.get(a.duplicateOf) ?? copies.set(a.duplicateOf, []).get(a.duplicateOf)!).push(a);
    else originals.push(a);
  }
  return { originals, copies };
}

function articleList(originals: ArticleLite[], copies: Map<string, ArticleLite[]>, copiesShown: number, more?: string, dates: Record<string, InferredDate> = {}): Page {
  return html`<ol class="articles">${originals.map((a) => {
    const c = copies.get(a.id) ?? [];
    const listed = c.slice(0, copiesShown);
    return html`<li>${articleLine(a, dates[a.id])}${c.length ? html`<details class="copies"><summary>${c.length} duplicate${c.length > 1 ? 's' : ''} of this article</summary><ul>${listed.map((d) => html`<li>${copyLine(d, a, dates[d.id])}</li>`)}</ul>${c.length > listed.length ? html`<p class="muted">And ${c.length - listed.length} more${more ? html` on <a href="${more}">the articles view</a>` : ''}.</p>` : ''}</details>` : ''}</li>
`;
  })}</ol>`;
}

/** A copy under its original: its title only when it differs (a copy usually repeats it). */
function copyLine(d: ArticleLite, original: ArticleLite, inferred?: InferredDate): Page {
  return d.title === original.title ? html`<a href="/articles/${d.id}">${sourceLabel(d)}</a><span class="meta">${lang(d.language)} · ${dateOf(articleDate(d, inferred))}</span>` : articleLine(d, inferred);
}

/** An article in a list: its title, outlet, language and its one honest date (layout.ts articleDate). */
export function articleLine(a: ArticleLite, inferred?: InferredDate): Page {
  return html`<a class="title" href="/articles/${a.id}">${a.title}</a><span class="meta">${sourceLabel(a)} · ${lang(a.language)} · ${dateOf(articleDate(a, inferred))}${a.versionOf ? ' · updated version' : ''}</span>`;
}

/** The outlet of an article: its site's name, else its host; never its title. */
export const outletOf = (a: ArticleLite): string => a.site ?? hostOf(a.url) ?? 'outlet not named';

function coverage(articles: ArticleLite[]): Array<{ name: string; count: number; langs: string[] }> {
  const m = new Map<string, { name: string; count: number; langs: Set<string> }>();
  for (const a of articles) {
    const name = outletOf(a);
    const o = m.get(name) ?? m.set(name, { name, count: 0, langs: new Set() }).get(name)!;
    o.count++;
    o.langs.add(a.language);
  }
  return [...m.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).map((o) => ({ ...o, langs: [...o.langs] }));
}

function pairs(events: ExportEvent[], byId: Map<string, ExportEvent>): Array<[ExportEvent, ExportEvent]> {
  const out: Array<[ExportEvent, ExportEvent]> = [];
  const seen = new Set<string>();
  for (const e of events)
    for (const id of e.contradicts) {
      const other = byId.get(id);
      const key = [e.id, id].sort().join('|');
      if (other && !seen.has(key)) {
        seen.add(key);
        out.push([e, other]);
      }
    }
  return out;
}
