// Outgoing feeds per story and per entity, in Atom and JSON Feed. Their entries are facts: one
// per event, and a new entry when a fact is superseded (the entry id carries the status), so a
// reader subscribed to a story sees each new fact and each correction once, never the churn.
import type { ExportEvent } from '../types.ts';
import type { ArticleLite } from '../store/index.ts';
import { firstReported, sourceLabel } from './views/story.ts';

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

function items(f: FeedInput): Item[] {
  const byId = new Map(f.events.map((e) => [e.id, e]));
  const out: Item[] = [];
  for (const e of f.events) {
    // Facts only: events with nothing but a bare verb ("statement", "other") are not news.
    if (e.type === 'other') continue;
    const reported = firstReported(e) ?? f.updated;
    const when = e.date.start ? ` (${e.date.text || e.date.start})` : '';
    const sources = [...new Set(e.sources.map((s) => sourceLabel(f.articles.get(s.articleId))))].join(', ');
    const quote = e.sources[0] ? `\n\n“${e.sources[0].sentence}”` : '';
    const story = `${f.base}/stories/${e.storyId}#ev-${e.id}`;
    out.push({ id: `urn:storyline:event:${e.id}`, title: `${e.summary}${when}`, url: story, text: `${e.summary}${when} Reported by ${sources || 'one source'}.${quote}`, date: reported });
    if (e.status === 'superseded') {
      const by = e.supersededBy ? byId.get(e.supersededBy) : undefined;
      const date = (by && firstReported(by)) ?? reported;
      out.push({
        id: `urn:storyline:event:${e.id}:superseded`,
        title: `Superseded: ${e.summary}`,
        url: story,
        text: `An earlier report no longer stands: “${e.summary}”.${by ? ` It was superseded by: ${by.summary}` : ''}`,
        date,
      });
    }
  }
  return out.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id)).slice(0, MAX_ITEMS);
}

const xml = (s: string): string =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const iso = (d: string): string => (Number.isNaN(Date.parse(d)) ? new Date(0).toISOString() : new Date(d).toISOString());

export function atomFeed(f: FeedInput): string {
  const list = items(f);
  const updated = iso(list[0]?.date ?? f.updated);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>urn:storyline:${f.kind}:${xml(f.id)}</id>
<title>${xml(f.title)} · Storyline</title>
<subtitle>New and superseded facts of this ${f.kind}</subtitle>
<updated>${updated}</updated>
<link rel="self" type="application/atom+xml" href="${xml(f.selfUrl)}"/>
<link rel="alternate" type="text/html" href="${xml(f.pageUrl)}"/>
<author><name>Storyline</name></author>
<generator>Storyline</generator>
${list
  .map(
    (i) => `<entry><id>${xml(i.id)}</id><title>${xml(i.title)}</title><updated>${iso(i.date)}</updated><link rel="alternate" type="text/html" href="${xml(i.url)}"/><content type="text">${xml(i.text)}</content></entry>`,
  )
  .join('\n')}
</feed>
`;
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
