// Feed bytes → entries. RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed are parsed by feedsmith;
// each format's fields are mapped onto one entry shape here.
import { createRequire } from 'node:module';
import type * as Feedsmith from 'feedsmith';
import { sha256 } from '../files.ts';
import { parseFeedDate } from './dates.ts';
import { decodeXml } from './decode.ts';
import { htmlToText, looksHtml } from './html.ts';

// feedsmith takes about a tenth of a second to load: it is loaded (synchronously, Node's require
// of an ES module) by the first feed parsed, not by every process that imports sources/ (an
// ingest of pages and text files never needs it).
const load = createRequire(import.meta.url);
let feedsmith: typeof Feedsmith | undefined;
const lib = (): typeof Feedsmith => (feedsmith ??= load('feedsmith') as typeof Feedsmith);

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

/** One entry of a feed, whatever the format said. HTML fields are HTML, the rest plain text. */
export interface FeedEntry {
  /** Stable identity within the feed: the guid/id, else the link, else a hash of title and date. */
  key: string;
  guid: string | null;
  link: string | null;
  title: string | null;
  /** The full content as HTML (content:encoded, Atom content, content_html). */
  html: string | null;
  /** The full content as plain text (Atom type="text", content_text). */
  text: string | null;
  /** The summary as HTML (description, Atom summary, JSON summary). */
  summary: string | null;
  authors: string[];
  publishedAt: string | null;
  updatedAt: string | null;
  tags: string[];
  language: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  /** The site the feed belongs to. */
  link: string | null;
  language: string | null;
  authors: string[];
  updatedAt: string | null;
  /** RSS <ttl>, in minutes. */
  ttlMinutes: number | null;
  entries: FeedEntry[];
  /** What had to be guessed or repaired on the way. */
  notes: string[];
}

export class FeedError extends Error {}


type Obj = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Obj[]) : []);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : []);
const uniq = (xs: string[]): string[] => [...new Set(xs)];

function resolve(href: string | null, base: string | null | undefined): string | null {
  if (!href) return null;
  try {
    return base ? new URL(href, base).href : new URL(href).href;
  } catch {
    return href;
  }
}

/** Atom text constructs: HTML and XHTML stay markup, text is text. */
function atomText(t: unknown): { html: string | null; text: string | null } {
  const o = t as Obj | undefined;
  const value = str(o?.value);
  if (!value) return { html: null, text: null };
  const type = String(o?.type ?? 'text').toLowerCase();
  if (type === 'html' || type === 'xhtml' || type.includes('html')) return { html: value, text: null };
  // Any other media type is base64 (RFC 4287 §3.1.1.3); decoded when it is text.
  if (type !== 'text' && !type.startsWith('text/') && /^[A-Za-z0-9+/=\s]+$/.test(value)) {
    const decoded = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (decoded && !decoded.includes('\ufffd')) return looksHtml(decoded) ? { html: decoded, text: null } : { html: null, text: decoded };
  }
  return { html: null, text: value };
}

function titleText(v: { html: string | null; text: string | null } | string | null): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return str(looksHtml(v) ? htmlToText(v) : v.replace(/\s+/g, ' '));
  return v.html !== null ? str(htmlToText(v.html)) : v.text !== null ? str(v.text.replace(/\s+/g, ' ')) : null;
}

function person(p: Obj): string | null {
  const name = str(p.name);
  const email = str(p.email);
  if (name && email && name.includes(email)) return name;
  return name ?? email;
}

function atomLink(links: Obj[], base: string | null): string | null {
  const alt = links.find((l) => (l.rel === undefined || l.rel === 'alternate') && (!l.type || String(l.type).includes('html'))) ?? links.find((l) => l.rel === undefined || l.rel === 'alternate');
  return resolve(str(alt?.href), base);
}

/** "me@example.com (Jane Doe)", "Jane Doe (me@example.com)", "Jane Doe <me@example.com>" →
 * "Jane Doe": RSS authors are e-mail addresses by the letter of the spec, names in practice. */
function rssAuthor(s: string): string {
  const m = /^\s*\S+@\S+\s*\(([^)]+)\)\s*$/.exec(s) ?? /^\s*(.+?)\s*[(<]\s*[^\s()<>]+@[^\s()<>]+\s*[)>]\s*$/.exec(s);
  return m ? m[1]!.trim() : s.trim();
}

function entryKey(guid: string | null, link: string | null, title: string | null, date: string | null): string {
  return guid ?? link ?? `sha256:${sha256(`${title ?? ''}\n${date ?? ''}`).slice(0, 16)}`;
}

function fromRss(feed: Obj, base: string | null, format: 'rss' | 'rdf'): ParsedFeed {
  const channelLink = resolve(str(feed.link) ?? atomLink(arr((feed.atom as Obj | undefined)?.links), base), base);
  const entryBase = base ?? channelLink;
  const entries = arr(feed.items).map((it): FeedEntry => {
    const dc = (it.dc ?? {}) as Obj;
    const atom = (it.atom ?? {}) as Obj;
    const guidObj = it.guid as Obj | undefined;
    const guid = str(guidObj?.value) ?? str((it.rdf as Obj | undefined)?.about) ?? str(atom.id);
    const link =
      resolve(str(it.link), entryBase) ??
      atomLink(arr(atom.links), entryBase) ??
      (guid && guidObj?.isPermaLink !== false && /^https?:\/\//i.test(guid) ? guid : null);
    const encoded = str((it.content as Obj | undefined)?.encoded);
    const atomContent = atomText(atom.content);
    const description = str(it.description) ?? str(strs(dc.descriptions)[0]);
    const authors = uniq([...arr(it.authors).map(person), ...strs(dc.creators), ...arr(atom.authors).map(person)].filter((x): x is string => !!x).map(rssAuthor));
    const publishedAt = parseFeedDate(str(it.pubDate) ?? str(strs(dc.dates)[0]) ?? str(atom.published) ?? str((it.dcterms as Obj | undefined)?.issued));
    const updatedAt = parseFeedDate(str(atom.updated) ?? str((it.dcterms as Obj | undefined)?.modified));
    const title = titleText(str(it.title) ?? str(strs(dc.titles)[0]) ?? atomText(atom.title).html ?? atomText(atom.title).text);
    return {
      key: entryKey(guid, link, title, publishedAt),
      guid,
      link,
      title,
      html: encoded ?? atomContent.html,
      text: encoded ? null : atomContent.text,
      summary: description,
      authors,
      publishedAt,
      updatedAt,
      tags: uniq([...arr(it.categories).map((c) => str(c.name)).filter((x): x is string => !!x), ...strs(dc.subjects)]),
      language: str(strs(dc.languages)[0]),
    };
  });
  const dc = (feed.dc ?? {}) as Obj;
  const editor = feed.managingEditor as Obj | undefined;
  return {
    format,
    title: titleText(str(feed.title) ?? str(strs(dc.titles)[0])),
    link: channelLink,
    language: str(feed.language) ?? str(strs(dc.languages)[0]),
    authors: uniq([...(editor ? [person(editor)] : []), ...strs(dc.creators)].filter((x): x is string => !!x).map(rssAuthor)),
    updatedAt: parseFeedDate(str(feed.lastBuildDate) ?? str(feed.pubDate) ?? str(strs(dc.dates)[0])),
    ttlMinutes: typeof feed.ttl === 'number' && feed.ttl > 0 ? feed.ttl : null,
    entries,
    notes: [],
  };
}

function fromAtom(feed: Obj, base: string | null): ParsedFeed {
  const feedLink = atomLink(arr(feed.links), base);
  const feedAuthors = arr(feed.authors).map(person).filter((x): x is string => !!x);
  const entries = arr(feed.entries).map((e): FeedEntry => {
    const link = atomLink(arr(e.links), base ?? feedLink);
    const guid = str(e.id);
    const content = atomText(e.content);
    const summary = atomText(e.summary);
    const dc = (e.dc ?? {}) as Obj;
    const publishedAt = parseFeedDate(str(e.published) ?? str(strs(dc.dates)[0]) ?? str((e.dcterms as Obj | undefined)?.issued) ?? str(e.issued) ?? str(e.created));
    const updatedAt = parseFeedDate(str(e.updated) ?? str(e.modified));
    const title = titleText(atomText(e.title));
    const authors = arr(e.authors).map(person).filter((x): x is string => !!x);
    return {
      key: entryKey(guid, link, title, publishedAt ?? updatedAt),
      guid,
      link,
      title,
      html: content.html,
      text: content.text,
      summary: summary.html ?? (summary.text !== null ? escapeHtml(summary.text) : null),
      authors: authors.length ? uniq([...authors, ...strs(dc.creators)]) : uniq([...strs(dc.creators), ...feedAuthors]),
      publishedAt: publishedAt ?? updatedAt,
      updatedAt,
      tags: uniq(arr(e.categories).map((c) => str(c.label) ?? str(c.term)).filter((x): x is string => !!x)),
      language: null,
    };
  });
  return {
    format: 'atom',
    title: titleText(atomText(feed.title)),
    link: feedLink,
    language: null,
    authors: feedAuthors,
    updatedAt: parseFeedDate(str(feed.updated) ?? str(feed.modified)),
    ttlMinutes: null,
    entries,
    notes: [],
  };
}

function fromJson(feed: Obj, base: string | null): ParsedFeed {
  const home = resolve(str(feed.home_page_url), base);
  const feedAuthors = [...arr(feed.authors), ...(feed.author && typeof feed.author === 'object' ? [feed.author as Obj] : [])].map((a) => str(a.name)).filter((x): x is string => !!x);
  const entries = arr(feed.items).map((it): FeedEntry => {
    const link = resolve(str(it.url) ?? str(it.external_url), base ?? home);
    const guid = str(it.id) ?? (typeof it.id === 'number' ? String(it.id) : null);
    const publishedAt = parseFeedDate(str(it.date_published));
    const title = titleText(str(it.title));
    const authors = [...arr(it.authors), ...(it.author && typeof it.author === 'object' ? [it.author as Obj] : [])].map((a) => str(a.name)).filter((x): x is string => !!x);
    const summary = str(it.summary);
    return {
      key: entryKey(guid, link, title, publishedAt),
      guid,
      link,
      title,
      html: str(it.content_html),
      text: str(it.content_html) ? null : str(it.content_text),
      summary: summary && escapeHtml(summary),
      authors: uniq(authors.length ? authors : feedAuthors),
      publishedAt: publishedAt ?? parseFeedDate(str(it.date_modified)),
      updatedAt: parseFeedDate(str(it.date_modified)),
      tags: uniq(strs(it.tags)),
      language: str(it.language),
    };
  });
  return { format: 'json', title: titleText(str(feed.title)), link: home, language: str(feed.language), authors: feedAuthors, updatedAt: null, ttlMinutes: null, entries, notes: [] };
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The damage feeds commonly carry that a loose reader gets past: a DOCTYPE with an internal
 * subset (parameter entities the XML parser refuses) and a last closing tag cut off before '>'. */
function repairXml(xml: string): string {
  return xml
    .replace(/<!DOCTYPE[^[>]*\[[\s\S]*?\]\s*>/i, '')
    .replace(/<!DOCTYPE[^>]*>/i, '')
    .replace(/(<\/[\w:.-]+)\s*$/, '$1>');
}

/** Parses feed bytes. `url` resolves relative links; `charset` is the transport's. */
export function parseFeedBytes(bytes: Uint8Array, opts: { url?: string | null; charset?: string | null } = {}): ParsedFeed {
  const { text, notes } = decodeXml(bytes, opts.charset);
  let parsed: { format: FeedFormat; feed: unknown };
  let value: unknown = text;
  try {
    if (text.trimStart().startsWith('{')) value = JSON.parse(text);
    try {
      parsed = lib().parseFeed(value) as { format: FeedFormat; feed: unknown };
    } catch (e) {
      // Under-delivered: broken XML. One loose retry on the usual damage, noted.
      const repaired = e instanceof lib().MalformedError && typeof value === 'string' ? repairXml(value) : undefined;
      if (repaired === undefined || repaired === value) throw e;
      value = repaired;
      parsed = lib().parseFeed(value) as { format: FeedFormat; feed: unknown };
      notes.push('malformed XML repaired (doctype or a cut-off closing tag)');
    }
  } catch (e) {
    // A feed document with nothing feedsmith recognises in it (<rss></rss>, Atom 0.3 elements
    // only) is an empty feed, not an unreadable one.
    const format: FeedFormat | undefined =
      e instanceof lib().ParseError ? (lib().detectRssFeed(value) ? 'rss' : lib().detectAtomFeed(value) ? 'atom' : lib().detectRdfFeed(value) ? 'rdf' : lib().detectJsonFeed(value) ? 'json' : undefined) : undefined;
    if (format) return { format, title: null, link: null, language: null, authors: [], updatedAt: null, ttlMinutes: null, entries: [], notes: [...notes, 'no element of the feed could be read'] };
    const cause = e instanceof lib().MalformedError && e.cause instanceof Error ? `malformed XML (${e.cause.message.split('\n')[0]})` : (e as Error).message;
    throw new FeedError(`not a readable RSS, Atom or JSON feed: ${cause}`);
  }
  const feed = (parsed.feed ?? {}) as Obj;
  const base = opts.url && /^https?:/i.test(opts.url) ? opts.url : null;
  const out = parsed.format === 'atom' ? fromAtom(feed, base) : parsed.format === 'json' ? fromJson(feed, base) : fromRss(feed, base, parsed.format);
  out.notes.push(...notes);
  // Deduplicated by guid and by link: the first occurrence wins (feeds list newest first).
  const seen = new Set<string>();
  out.entries = out.entries.filter((e) => {
    const ids = [e.guid && `g:${e.guid}`, e.link && `l:${e.link}`, `k:${e.key}`].filter((x): x is string => !!x);
    if (ids.some((i) => seen.has(i))) return false;
    for (const i of ids) seen.add(i);
    return true;
  });
  return out;
}
