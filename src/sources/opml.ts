// OPML subscription lists: read (nested folders flattened, the folder kept as a category) and
// written, through feedsmith.
import { createRequire } from 'node:module';
import type * as Feedsmith from 'feedsmith';
import { decodeXml } from './feeds/index.ts';

// feedsmith takes about a tenth of a second to load: it is loaded (synchronously, Node's require
// of an ES module) by the first list read or written, not by every process that imports sources/.
const load = createRequire(import.meta.url);
let feedsmith: typeof Feedsmith | undefined;
const lib = (): typeof Feedsmith => (feedsmith ??= load('feedsmith') as typeof Feedsmith);

export interface OpmlFeed {
  url: string;
  title: string | null;
  /** The site's home page. */
  siteUrl: string | null;
  /** The folder path the outline sat in ("News/France"), or null at top level. */
  category: string | null;
}

export class OpmlError extends Error {}

type Outline = { text?: string; title?: string; xmlUrl?: string; htmlUrl?: string; url?: string; type?: string; outlines?: Outline[] };

/** The feeds an OPML document lists, in document order, each URL once. */
export function parseOpmlBytes(bytes: Uint8Array): { title: string | null; feeds: OpmlFeed[] } {
  let doc: ReturnType<typeof Feedsmith.parseOpml>;
  try {
    doc = lib().parseOpml(decodeXml(bytes).text);
  } catch (e) {
    throw new OpmlError(`not a readable OPML document: ${(e as Error).message}`);
  }
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  const visit = (outlines: Outline[] | undefined, path: string[]): void => {
    for (const o of outlines ?? []) {
      // Some exporters put the feed address in url= on type="rss" outlines instead of xmlUrl=.
      const url = o.xmlUrl ?? (o.type?.toLowerCase() === 'rss' ? o.url : undefined);
      const label = (o.title ?? o.text ?? '').trim() || null;
      if (url?.trim()) {
        const u = url.trim();
        if (!seen.has(u)) {
          seen.add(u);
          feeds.push({ url: u, title: label, siteUrl: o.htmlUrl?.trim() || null, category: path.length ? path.join('/') : null });
        }
      }
      if (o.outlines?.length) visit(o.outlines, url ? path : label ? [...path, label] : path);
    }
  };
  visit(doc.body?.outlines as Outline[] | undefined, []);
  return { title: doc.head?.title?.trim() || null, feeds };
}

/** An OPML 2.0 document listing the feeds, grouped in folders by category. */
export function writeOpml(feeds: OpmlFeed[], title = 'Storyline subscriptions'): string {
  const top: Outline[] = [];
  const folders = new Map<string, Outline>();
  for (const f of feeds) {
    const outline: Outline = { text: f.title ?? f.url, type: 'rss', xmlUrl: f.url };
    if (f.title) outline.title = f.title;
    if (f.siteUrl) outline.htmlUrl = f.siteUrl;
    if (!f.category) {
      top.push(outline);
      continue;
    }
    let folder = folders.get(f.category);
    if (!folder) {
      folder = { text: f.category, title: f.category, outlines: [] };
      folders.set(f.category, folder);
      top.push(folder);
    }
    folder.outlines!.push(outline);
  }
  return lib().generateOpml({ head: { title, dateCreated: new Date() }, body: { outlines: top as never } });
}
