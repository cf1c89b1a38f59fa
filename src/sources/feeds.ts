// Feeds → entries → raw inputs. RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed are parsed by
// feedsmith; this file decodes the bytes (BOM, transport charset, XML declaration), maps each
// format's fields onto one entry shape, and turns entries into article records. An entry that
// carries only a summary under-delivers: its linked page is fetched (guarded, robots obeyed)
// and extracted as HTML, the feed's own metadata kept over the page's.
import { detectAtomFeed, detectJsonFeed, detectRdfFeed, detectRssFeed, MalformedError, ParseError, parseFeed as feedsmithParse } from 'feedsmith';
import { Parser } from 'htmlparser2';
import { decode, sniffHtmlCharset } from '../text/encoding.ts';
import { fetchUrl, FetchError } from '../fetch/index.ts';
import type { ArticleRecord, RawInput, Rejection } from '../types.ts';
import { sha256, siteKeyOf } from './files.ts';

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

// ─── bytes → text ────────────────────────────────────────────────────────────────────────────

function utf32(bytes: Uint8Array, littleEndian: boolean, skip: number): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = skip; i + 3 < bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  }
  return out;
}

const startsWith = (b: Uint8Array, ...xs: number[]): boolean => xs.every((x, i) => b[i] === x);

/** XML bytes to text: BOM, then byte patterns of UTF-16/32, then the HTTP charset (it overrides
 * the document's, RFC 7303), then the XML declaration, then UTF-8 or windows-1252. */
export function decodeXml(bytes: Uint8Array, httpCharset?: string | null): { text: string; encoding: string; notes: string[] } {
  if (startsWith(bytes, 0xff, 0xfe, 0, 0)) return { text: utf32(bytes, true, 4), encoding: 'utf-32le', notes: [] };
  if (startsWith(bytes, 0, 0, 0xfe, 0xff)) return { text: utf32(bytes, false, 4), encoding: 'utf-32be', notes: [] };
  if (startsWith(bytes, 0x3c, 0, 0, 0)) return { text: utf32(bytes, true, 0), encoding: 'utf-32le', notes: [] };
  if (startsWith(bytes, 0, 0, 0, 0x3c)) return { text: utf32(bytes, false, 0), encoding: 'utf-32be', notes: [] };
  if (startsWith(bytes, 0x3c, 0, 0x3f, 0)) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le', notes: [] };
  if (startsWith(bytes, 0, 0x3c, 0, 0x3f)) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be', notes: [] };
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512));
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(head.replace(/^\uFEFF|^ï»¿/, ''))?.[1];
  const d = decode(bytes, httpCharset ?? declared ?? undefined);
  let text = d.text.replace(/^\uFEFF/, '');
  // C1 controls never belong in a feed: they are windows-1252 punctuation that went through a
  // Latin-1 round trip ("don\u0092t" for "don’t"), so they are mapped back.
  if (/[\u0080-\u009f]/.test(text)) {
    text = text.replace(/[\u0080-\u009f]/g, (c) => C1_AS_1252.get(c) ?? c);
    d.notes.push('C1 control characters read as windows-1252');
  }
  return { text, encoding: d.encoding, notes: d.notes };
}

const C1_AS_1252: Map<string, string> = (() => {
  const m = new Map<string, string>();
  const w = new TextDecoder('windows-1252');
  for (let b = 0x80; b <= 0x9f; b++) {
    const c = w.decode(new Uint8Array([b]));
    if (c.charCodeAt(0) > 0x9f) m.set(String.fromCharCode(b), c);
  }
  return m;
})();

// ─── HTML and text helpers ──────────────────────────────────────────────────────────────────

const BLOCK = new Set(['p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'tr', 'section', 'article']);

/** The readable text of an HTML fragment (entities decoded, scripts and styles dropped). */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/[ \t\r\n]+/g, ' ').trim();
  let out = '';
  let skip = 0;
  const p = new Parser(
    {
      onopentagname(name) {
        if (name === 'script' || name === 'style') skip++;
        if (BLOCK.has(name)) out += '\n';
      },
      onclosetag(name) {
        if (name === 'script' || name === 'style') skip = Math.max(0, skip - 1);
        if (BLOCK.has(name)) out += '\n';
      },
      ontext(t) {
        if (!skip) out += t;
      },
    },
    { decodeEntities: true },
  );
  p.write(html);
  p.end();
  return out
    .split(/\n+/)
    .map((l) => l.replace(/[ \t\r\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

const looksHtml = (s: string): boolean => /<\/?[a-z][\w-]*[\s>/]|&(?:[a-z]+|#\d+|#x[\da-f]+);/i.test(s);

// ─── dates ──────────────────────────────────────────────────────────────────────────────────

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const ZONES: Record<string, number> = { UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, CET: 1, CEST: 2, BST: 1 };
// RFC 822 military zones: A..M (no J) east, N..Y west.
for (let i = 0; i < 25; i++) {
  const c = 'ABCDEFGHIKLMNOPQRSTUVWXY'[i];
  if (c) ZONES[c] ??= i < 12 ? i + 1 : -(i - 11);
}

function utcIso(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMin: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 61) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) - offsetMin * 60_000;
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString().replace(/\.000Z$/, 'Z');
}

function offsetOf(zone: string | undefined): number {
  if (!zone) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  return (ZONES[zone.toUpperCase()] ?? 0) * 60;
}

/** A feed date (RFC 822, W3C-DTF/ISO 8601 and their common mistakes) as UTC ISO 8601, or null. */
export function parseFeedDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const s = value.trim();
  let m = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:[T ]\s*(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(s);
  if (m) return utcIso(+m[1]!, +(m[2] ?? 1), +(m[3] ?? 1), +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), offsetOf(m[7]));
  m = /^(?:[a-z]+,?\s*)?(\d{1,2})\s*[ -]([a-z]{3})[a-z]*\.?[ -]\s*(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?\b/i.exec(s);
  if (m) {
    const mo = MONTHS[m[2]!.toLowerCase()];
    let y = +m[3]!;
    if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900;
    if (mo) return utcIso(y, mo, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), offsetOf(m[7]));
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString().replace(/\.000Z$/, 'Z');
}

// ─── feed → entries ─────────────────────────────────────────────────────────────────────────

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
      parsed = feedsmithParse(value) as { format: FeedFormat; feed: unknown };
    } catch (e) {
      // Under-delivered: broken XML. One loose retry on the usual damage, noted.
      const repaired = e instanceof MalformedError && typeof value === 'string' ? repairXml(value) : undefined;
      if (repaired === undefined || repaired === value) throw e;
      value = repaired;
      parsed = feedsmithParse(value) as { format: FeedFormat; feed: unknown };
      notes.push('malformed XML repaired (doctype or a cut-off closing tag)');
    }
  } catch (e) {
    // A feed document with nothing feedsmith recognises in it (<rss></rss>, Atom 0.3 elements
    // only) is an empty feed, not an unreadable one.
    const format: FeedFormat | undefined =
      e instanceof ParseError ? (detectRssFeed(value) ? 'rss' : detectAtomFeed(value) ? 'atom' : detectRdfFeed(value) ? 'rdf' : detectJsonFeed(value) ? 'json' : undefined) : undefined;
    if (format) return { format, title: null, link: null, language: null, authors: [], updatedAt: null, ttlMinutes: null, entries: [], notes: [...notes, 'no element of the feed could be read'] };
    const cause = e instanceof MalformedError && e.cause instanceof Error ? `malformed XML (${e.cause.message.split('\n')[0]})` : (e as Error).message;
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

// ─── entries → raw inputs ───────────────────────────────────────────────────────────────────

/** Below this many characters of text a summary-only entry is taken as a teaser. */
const TEASER_CHARS = 600;
const TRUNCATED = /(\u2026|\.\.\.|\[\s*(?:\u2026|\.\.\.)\s*\]|\b(?:read more|continue reading|lire la suite|la suite|en savoir plus)\b[^a-z]*)\s*$/i;

/** The entry's body falls short of an article: there is no full content, only a short or cut summary. */
export function isSummaryOnly(e: FeedEntry): boolean {
  if (e.html || e.text) return false;
  if (!e.summary) return true;
  const text = htmlToText(e.summary);
  return text.length < TEASER_CHARS || TRUNCATED.test(text);
}

/** The article record an entry makes on its own, without the linked page. */
export function entryRecord(e: FeedEntry, feed: ParsedFeed): ArticleRecord | undefined {
  const body = e.html ?? (e.text === null ? e.summary : null);
  const record: ArticleRecord = {};
  if (e.title) record.title = e.title;
  if (body !== null) {
    // Wrapped as a document so that the HTML extractor reads a fragment as the article it is.
    record.html = `<html><body><article>${body}</article></body></html>`;
  } else if (e.text !== null) record.text = e.text;
  else return undefined;
  if (e.link) record.url = e.link;
  if (e.authors.length) record.authors = e.authors;
  if (e.publishedAt) record.publishedAt = e.publishedAt;
  if (feed.title) record.site = feed.title;
  if (e.tags.length) record.tags = e.tags;
  const lang = (e.language ?? feed.language)?.slice(0, 2).toLowerCase();
  if (lang && /^[a-z]{2}$/.test(lang)) record.language = lang;
  return record;
}

export interface EntryInputOptions {
  /** Name of the feed in input names: its URL, or the file it was read from. */
  feedName: string;
  /** Fetch the linked page of summary-only entries. */
  fetchPages: boolean;
  allowPrivateNetwork?: boolean;
  /** At most this many pages fetched for one feed read; the rest keep their summaries. */
  maxPageFetches?: number;
  fetchedAt?: string;
  /** The input name of an entry (subscriptions map a changed guid back to its first key). */
  nameOf?: (e: FeedEntry) => string;
}

export const entryInputName = (feedName: string, e: FeedEntry): string => `${feedName}#${e.key}`;

function recordInput(name: string, record: ArticleRecord, siteKey: string, extra: Partial<RawInput>): RawInput {
  const bytes = new TextEncoder().encode(JSON.stringify(record));
  return { input: name, kind: 'record', bytes, contentHash: sha256(bytes), siteKey, ...extra };
}

/** One raw input per entry (or a rejection naming the entry and why). */
export async function entryInputs(feed: ParsedFeed, opts: EntryInputOptions): Promise<Array<RawInput | Rejection>> {
  const feedSite = siteKeyOf(feed.link) ?? siteKeyOf(opts.feedName) ?? `feed:${opts.feedName}`;
  let budget = opts.maxPageFetches ?? 30;
  const tasks = feed.entries.map((e) => async (): Promise<RawInput | Rejection> => {
    const name = opts.nameOf?.(e) ?? entryInputName(opts.feedName, e);
    const siteKey = siteKeyOf(e.link) ?? feedSite;
    const own = entryRecord(e, feed);
    if (opts.fetchPages && e.link && /^https?:/i.test(e.link) && isSummaryOnly(e) && budget > 0) {
      budget--;
      const page = await pageRecord(e, feed, opts);
      if ('record' in page) return recordInput(name, page.record, siteKey, { url: page.url, fetchedAt: page.fetchedAt });
      if (!own) return { input: name, stage: 'fetch', reason: `entry has no content and its page could not be fetched: ${page.error}` };
    }
    if (!own) return { input: name, stage: 'sources', reason: 'entry has no content, summary or link to fetch' };
    return recordInput(name, own, siteKey, opts.fetchedAt ? { fetchedAt: opts.fetchedAt } : {});
  });
  // Page fetches overlap a few at a time; the per-host limit of the fetcher does the rest.
  const out: Array<RawInput | Rejection> = [];
  for (let i = 0; i < tasks.length; i += 8) out.push(...(await Promise.all(tasks.slice(i, i + 8).map((t) => t()))));
  return out;
}

async function pageRecord(e: FeedEntry, feed: ParsedFeed, opts: EntryInputOptions): Promise<{ record: ArticleRecord; url: string; fetchedAt: string } | { error: string }> {
  try {
    const r = await fetchUrl(e.link!, { purpose: 'page', allowPrivateNetwork: opts.allowPrivateNetwork });
    const type = (r.contentType ?? '').toLowerCase();
    if (type && !type.includes('html')) return { error: `the page is ${type}, not HTML` };
    const html = decode(r.bytes, r.charset ?? sniffHtmlCharset(r.bytes)).text;
    const base = entryRecord({ ...e, html: null, text: null, summary: e.summary ?? '' }, feed) ?? {};
    const { text: _t, ...meta } = base;
    return { record: { ...meta, html, url: r.url }, url: r.url, fetchedAt: r.fetchedAt };
  } catch (err) {
    return { error: err instanceof FetchError ? err.message : (err as Error).message };
  }
}
