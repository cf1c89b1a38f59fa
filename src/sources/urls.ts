// URLs, feed files and OPML files → raw inputs. A URL may be a page (kept as one HTML or text
// input), a feed (one record per entry) or an OPML list (each feed it lists, read in turn).
import { config } from '../config.ts';
import { fetchUrl, FetchError, type FetchPurpose } from '../fetch/index.ts';
import type { RawInput, Rejection } from '../types.ts';
import { entryInputs, FeedError, parseFeedBytes } from './feeds/index.ts';
import { sha256, siteKeyOf } from './files.ts';
import { OpmlError, parseOpmlBytes } from './opml.ts';

export interface SourceOptions {
  /** Lift the fetcher's SSRF guard (CLI --allow-private-network). */
  allowPrivateNetwork?: boolean;
  /** Fetch the linked page of feed entries that carry only a summary. */
  fetchPages?: boolean;
  /** Follow symbolic links out of a folder being ingested. */
  followSymlinks?: boolean;
}

/** The options given, completed from the configuration. */
export function sourceOptions(explicit: SourceOptions = {}): Required<SourceOptions> {
  return {
    allowPrivateNetwork: explicit.allowPrivateNetwork ?? config('allowPrivateNetwork'),
    fetchPages: explicit.fetchPages ?? config('feedFetchPages'),
    followSymlinks: explicit.followSymlinks ?? config('followSymlinks'),
  };
}

type Kind = 'feed' | 'opml' | 'html' | 'text' | 'json';

/** What a fetched body is: the Content-Type first, then the bytes themselves. */
export function sniffFetched(contentType: string | null, bytes: Uint8Array): Kind {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).replace(/^\uFEFF|^ï»¿/, '').trimStart().toLowerCase();
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (/<opml\b/.test(head)) return 'opml';
  if (/<(rss|feed|rdf:rdf)\b/.test(head)) return 'feed';
  if (type.includes('rss') || type.includes('atom') || type === 'application/feed+json') return 'feed';
  if (head.startsWith('{') && /"version"\s*:\s*"https:\/\/jsonfeed\.org/.test(head)) return 'feed';
  if (type.includes('json') || head.startsWith('{') || head.startsWith('[')) return 'json';
  if (type.includes('html') || head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  if (type.includes('xml')) return 'feed';
  return 'text';
}

const reject = (input: string, stage: Rejection['stage'], reason: string): Rejection => ({ input, stage, reason });

/** One URL given by the user → its inputs. Pages obey robots.txt; a feed listed in an OPML file
 * the user gave is treated as subscribed. */
export async function* fromUrl(url: string, purpose: FetchPurpose = 'page', explicit: SourceOptions = {}): AsyncGenerator<RawInput | Rejection> {
  const opts = sourceOptions(explicit);
  let r;
  try {
    r = await fetchUrl(url, { purpose, allowPrivateNetwork: opts.allowPrivateNetwork, maxBytes: Math.min(config('fetchMaxBytes'), config('maxInputBytes')) });
  } catch (e) {
    yield reject(url, 'fetch', e instanceof FetchError ? e.message : `cannot fetch: ${(e as Error).message}`);
    return;
  }
  if (!r.bytes.length) {
    yield reject(url, 'fetch', `empty response from ${r.url}`);
    return;
  }
  const kind = sniffFetched(r.contentType, r.bytes);
  const siteKey = siteKeyOf(r.url) ?? `host:${new URL(r.url).hostname}`;
  const common = { url: r.url, fetchedAt: r.fetchedAt, ...(r.charset ? { declaredCharset: r.charset } : {}) };
  if (kind === 'feed' || (kind === 'json' && isJsonFeed(r.bytes))) {
    yield* feedInputs(url, r.bytes, { url: r.url, charset: r.charset, fetchedAt: r.fetchedAt }, explicit);
    return;
  }
  if (kind === 'opml') {
    yield* opmlInputs(url, r.bytes, explicit);
    return;
  }
  if (kind === 'json') {
    yield reject(url, 'sources', 'a JSON document that is not a JSON Feed; save it and ingest the file to read it as article records');
    return;
  }
  yield { input: url, kind, bytes: r.bytes, contentHash: sha256(r.bytes), siteKey, ...common };
}

function isJsonFeed(bytes: Uint8Array): boolean {
  return /"version"\s*:\s*"https?:\/\/jsonfeed\.org/.test(new TextDecoder().decode(bytes.subarray(0, 4096)));
}

/** Feed bytes (a file or a fetched URL) → one input per entry, named `<feed>#<guid or link>`. */
export async function* feedInputs(
  feedName: string,
  bytes: Uint8Array,
  meta: { url?: string | null; charset?: string | null; fetchedAt?: string } = {},
  explicit: SourceOptions = {},
): AsyncGenerator<RawInput | Rejection> {
  const opts = sourceOptions(explicit);
  let feed;
  try {
    feed = parseFeedBytes(bytes, { url: meta.url ?? null, charset: meta.charset ?? null });
  } catch (e) {
    yield reject(feedName, 'sources', e instanceof FeedError ? e.message : `cannot read the feed: ${(e as Error).message}`);
    return;
  }
  if (!feed.entries.length) {
    yield reject(feedName, 'sources', `the ${feed.format} feed${feed.title ? ` "${feed.title}"` : ''} has no entries`);
    return;
  }
  yield* await entryInputs(feed, { feedName, fetchPages: opts.fetchPages, allowPrivateNetwork: opts.allowPrivateNetwork, fetchedAt: meta.fetchedAt });
}

/** OPML bytes → the inputs of every feed it lists (fetched as subscribed feeds). */
export async function* opmlInputs(name: string, bytes: Uint8Array, explicit: SourceOptions = {}): AsyncGenerator<RawInput | Rejection> {
  let list;
  try {
    list = parseOpmlBytes(bytes);
  } catch (e) {
    yield reject(name, 'sources', e instanceof OpmlError ? e.message : (e as Error).message);
    return;
  }
  if (!list.feeds.length) {
    yield reject(name, 'sources', 'the OPML file lists no feeds (no outline with an xmlUrl)');
    return;
  }
  for (const f of list.feeds) yield* fromUrl(f.url, 'feed', explicit);
}
