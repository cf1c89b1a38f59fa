// Entries → raw inputs. An entry that carries only a summary under-delivers: its linked page is
// fetched (guarded, robots obeyed) and extracted as HTML, the feed's own metadata kept over the
// page's.
import { fetchUrl, FetchError } from '../../fetch/index.ts';
import { decode, sniffHtmlCharset } from '../../text/encoding.ts';
import type { ArticleRecord, RawInput, Rejection } from '../../types.ts';
import { sha256, siteKeyOf } from '../files.ts';
import { htmlToText } from './html.ts';
import type { FeedEntry, ParsedFeed } from './parse.ts';


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
