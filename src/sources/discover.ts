// Feed autodiscovery: the feeds a web page announces in its head with
// <link rel="alternate" type="application/rss+xml|atom+xml|feed+json" href="…">, so a reader can
// subscribe by giving a site's address. Only the document's head is read (a page's body links
// to anything).
import { Parser } from 'htmlparser2';

const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json|rdf\+xml)$|^application\/json$|^text\/xml$|^application\/xml$/i;

export interface DiscoveredFeed {
  url: string;
  title: string | null;
  type: string;
}

/** The feed links of an HTML page, resolved against `base`, in document order, without repeats. */
export function discoverFeeds(html: string, base: string): DiscoveredFeed[] {
  const out: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  let done = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (done) return;
        if (name === 'body') {
          done = true;
          return;
        }
        if (name !== 'link') return;
        const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
        const type = (attrs.type ?? '').trim().toLowerCase();
        if (!rel.includes('alternate') || !FEED_TYPES.test(type) || !attrs.href) return;
        let url: string;
        try {
          url = new URL(attrs.href.trim(), base).href;
        } catch {
          return;
        }
        if (!/^https?:/.test(url) || seen.has(url)) return;
        seen.add(url);
        out.push({ url, title: attrs.title?.trim() || null, type });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  // The head is at the start: 512 KiB is more than any real one.
  parser.end(html.slice(0, 512 * 1024));
  return out;
}
