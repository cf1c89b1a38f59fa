// Outgoing feeds per story and per entity, in Atom and JSON Feed. Their entries are facts: one
// per event, and a new entry when a fact is superseded (the entry id carries the status), so a
// reader subscribed to a story sees each new fact and each correction once, never the churn.
import type { ExportEvent, Story } from '../types.ts';
import type { ArticleLite } from '../store/index.ts';
import { sourceLabel } from './views/story.ts';
import { fmtDate } from './views/layout.ts';

export interface FeedInput {
  kind: 'story' | 'entity';
  id: string;
  title: string;
  /** Absolute URLs. */
  pageUrl: string;
  selfUrl: string;
  updated: string;
  events: ExportEvent[];
  articles: Map<string, ArticleLite>;
  base: string;
}

interface Item {
  id: string;
  title: string;
  url: string;
  text: string;
  date: string;
}

const MAX_ITEMS = 50;

/** When Storyline published a fact: when it stored the first article that reports it (the
 * analysis follows within moments). Feed readers sort entries by this time, so it must be the
 * time the entry appeared here, never the time the event happened or a source's own date (an
 * article dated last week but ingested now is news now). */
function publishedAt(e: ExportEvent, articles: Map<string, ArticleLite>, fallback: string): string {
  const times = e.sources.map((s) => articles.get(s.articleId)?.ingestedAt).filter((t): t is string => !!t).sort();
  return times[0] ?? fallback;
}

/** A title a feed reader can show in one line: the summary cut at a word, then the day it happened. */
export function readableTitle(e: ExportEvent, max = 110): string {
  const s = e.summary.replace(/\s+/g, ' ').trim();
  const cut = s.length > max ? `${s.slice(0, s.lastIndexOf(' ', max - 1) > 40 ? s.lastIndexOf(' ', max - 1) : max - 1).replace(/[\s,;:—–-]+$/, '')}…` : s;
  const when = e.date.start ? ` (${fmtDate(e.date.start, e.date.precision)})` : '';
  return `${cut}${when}`;
}

function items(f: FeedInput): Item[] {
  const byId = new Map(f.events.map((e) => [e.id, e]));
  const out: Item[] = [];
  for (const e of f.events) {
    // Facts only: events with nothing but a bare verb ("statement", "other") are not news.
    if (e.type === 'other') continue;
    const published = publishedAt(e, f.articles, f.updated);
    const when = e.date.start ? ` (${e.date.text || fmtDate(e.date.start, e.date.precision)})` : '';
    const sources = [...new Set(e.sources.map((s) => sourceLabel(f.articles.get(s.articleId))))].join(', ');
    const quote = e.sources[0] ? `\n\n“${e.sources[0].sentence}”` : '';
    const story = `${f.base}/stories/${e.storyId}#ev-${e.id}`;
    out.push({ id: `urn:storyline:event:${e.id}`, title: readableTitle(e), url: story, text: `${e.summary}${when} Reported by ${sources || 'one source'}.${quote}`, date: published });
    if (e.status === 'superseded') {
      const by = e.supersededBy ? byId.get(e.supersededBy) : undefined;
      const date = by ? publishedAt(by, f.articles, published) : published;
      out.push({
        id: `urn:storyline:event:${e.id}:superseded`,
        title: `No longer stands: ${readableTitle(e, 90)}`,
        url: story,
        text: `An earlier report no longer stands: “${e.summary}”.${by ? ` It was superseded by: ${by.summary}` : ''}`,
        date: date > published ? date : published,
      });
    }
  }
  return out.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id)).slice(0, MAX_ITEMS);
}

/** The site-wide feed of new stories: one entry per story, at the time Storyline first saw it. */
export function newStoriesAtom(stories: Story[], base: string): string {
  const entries = stories.map((s) => ({ id: `urn:storyline:story:${s.id}`, title: s.title, url: `${base}/stories/${s.id}`, text: s.summary, date: s.firstSeenAt }));
  return atomDocument({ id: 'urn:storyline:stories', title: 'New stories · Storyline', subtitle: 'Stories as Storyline first finds them', selfUrl: `${base}/feed.atom`, pageUrl: `${base}/`, updated: entries[0]?.date ?? new Date(0).toISOString() }, entries);
}

const xml = (s: string): string =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const iso = (d: string): string => (Number.isNaN(Date.parse(d)) ? new Date(0).toISOString() : new Date(d).toISOString());

function atomDocument(head: { id: string; title: string; subtitle: string; selfUrl: string; pageUrl: string; updated: string }, list: Item[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${xml(head.id)}</id>
<title>${xml(head.title)}</title>
<subtitle>${xml(head.subtitle)}</subtitle>
<updated>${iso(head.updated)}</updated>
<link rel="self" type="application/atom+xml" href="${xml(head.selfUrl)}"/>
<link rel="alternate" type="text/html" href="${xml(head.pageUrl)}"/>
<author><name>Storyline</name></author>
<generator>Storyline</generator>
${list
  .map(
    (i) => `<entry><id>${xml(i.id)}</id><title>${xml(i.title)}</title><published>${iso(i.date)}</published><updated>${iso(i.date)}</updated><link rel="alternate" type="text/html" href="${xml(i.url)}"/><content type="text">${xml(i.text)}</content></entry>`,
  )
  .join('\n')}
</feed>
`;
}

export function atomFeed(f: FeedInput): string {
  const list = items(f);
  return atomDocument({ id: `urn:storyline:${f.kind}:${f.id}`, title: `${f.title} · Storyline`, subtitle: `New and superseded facts of this ${f.kind}`, selfUrl: f.selfUrl, pageUrl: f.pageUrl, updated: list[0]?.date ?? f.updated }, list);
}

export function jsonFeed(f: FeedInput): object {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: `${f.title} · Storyline`,
    home_page_url: f.pageUrl,
    feed_url: f.selfUrl,
    description: `New and superseded facts of this ${f.kind}`,
    authors: [{ name: 'Storyline' }],
    items: items(f).map((i) => ({ id: i.id, url: i.url, title: i.title, content_text: i.text, date_published: iso(i.date) })),
  };
}
