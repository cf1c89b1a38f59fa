// A subscription is checked when it is made, not at the first poll: the address is fetched, and
// either it is a feed (its title is kept), or it is a web page that announces feeds in its head
// (<link rel="alternate">), and the first of those that reads as a feed is subscribed instead.
// Anything else is refused with its real cause (the host not found, a refusal of the SSRF guard,
// an HTTP status, a page without feeds).
import { fetchUrl, FetchError } from '../fetch/index.ts';
import { discoverFeeds, FeedError, parseFeedBytes, sniffFetched, type ParsedFeed } from '../sources/index.ts';

export type FeedCheck = { ok: true; url: string; title: string | null; site: string | null; entries: number; discoveredFrom: string | null } | { ok: false; error: string };

export interface CheckOptions {
  allowPrivateNetwork?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Feeds tried from one page, at most. */
const MAX_DISCOVERED = 4;

async function readFeed(url: string, opts: CheckOptions): Promise<{ parsed: ParsedFeed; url: string } | { kind: string; bytes: Uint8Array; url: string; error?: string }> {
  const r = await fetchUrl(url, { purpose: 'feed', allowPrivateNetwork: opts.allowPrivateNetwork, signal: opts.signal, timeoutMs: opts.timeoutMs });
  const kind = sniffFetched(r.contentType, r.bytes);
  if (kind !== 'feed') return { kind, bytes: r.bytes, url: r.url };
  try {
    return { parsed: parseFeedBytes(r.bytes, { url: r.url, charset: r.charset }), url: r.url };
  } catch (e) {
    return { kind, bytes: r.bytes, url: r.url, error: e instanceof FeedError ? e.message : (e as Error).message };
  }
}

const cause = (e: unknown): string => (e instanceof FetchError ? e.message : `cannot fetch: ${(e as Error).message}`);

/** Checks that `url` is a feed, or a page that announces one; never subscribes by itself. */
export async function checkFeed(url: string, opts: CheckOptions = {}): Promise<FeedCheck> {
  let first;
  try {
    first = await readFeed(url, opts);
  } catch (e) {
    return { ok: false, error: cause(e) };
  }
  if ('parsed' in first) return { ok: true, url: first.url, title: first.parsed.title, site: first.parsed.link, entries: first.parsed.entries.length, discoveredFrom: null };
  if (first.error) return { ok: false, error: `${first.url} is ${first.error}` };
  if (first.kind !== 'html') return { ok: false, error: `${first.url} is not a feed (it reads as ${first.kind}) and not a web page that names one` };
  const found = discoverFeeds(new TextDecoder().decode(first.bytes), first.url).slice(0, MAX_DISCOVERED);
  if (!found.length) return { ok: false, error: `${first.url} is a web page that names no feed (no <link rel="alternate"> to RSS, Atom or JSON Feed in its head); give the feed's own address` };
  const failures: string[] = [];
  for (const f of found) {
    try {
      const r = await readFeed(f.url, opts);
      if ('parsed' in r) return { ok: true, url: r.url, title: r.parsed.title ?? f.title, site: r.parsed.link ?? first.url, entries: r.parsed.entries.length, discoveredFrom: first.url };
      failures.push(`${f.url}: ${r.error ?? `not a feed (${r.kind})`}`);
    } catch (e) {
      failures.push(cause(e));
    }
  }
  return { ok: false, error: `${first.url} names ${found.length} feed${found.length > 1 ? 's' : ''}, none readable: ${failures.join('; ')}` };
}
