// fetch/: the one HTTP client. Polite (honest User-Agent, robots.txt for pages, per-host limit,
// backoff on 429/503 honoring Retry-After), safe (SSRF guard at connect time and on every
// redirect hop, credentials kept to their origin, total deadline, size cap after decompression)
// and cache-friendly (conditional GET). One verb: `fetchUrl`.
import { createRequire } from 'node:module';
import type { Agent, Dispatcher } from 'undici';
import type * as Undici from 'undici';
import { config } from '../config.ts';
import { DecodingError, readBody, TooLargeError } from './body.ts';
import { guardedConnector, parseAllowList, urlVerdict, type GuardPolicy } from './guard.ts';
import { robotsVerdict } from './robots.ts';
import { FetchError, type FetchOptions, type FetchResult } from './types.ts';

export { FetchError } from './types.ts';
export type { FetchOptions, FetchResult, FetchPurpose } from './types.ts';
export { blockedReason, parseAllowList, urlVerdict } from './guard.ts';
export { clearRobotsCache } from './robots.ts';

export const USER_AGENT = 'Storyline/0.1 (+https://github.com/storyline; self-hosted news reader)';

const DEFAULT_ACCEPT: Record<string, string> = {
  page: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5',
  feed: 'application/rss+xml,application/atom+xml,application/feed+json,application/json;q=0.9,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5',
  robots: 'text/plain,*/*;q=0.5',
};
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
/** RFC 9309 asks crawlers to read at least 500 KiB of robots.txt. */
const ROBOTS_MAX_BYTES = 512 * 1024;
const ROBOTS_TIMEOUT_MS = 10_000;


// One connection pool per guard policy: a pool's connector is where addresses are checked.
// undici takes about a tenth of a second to load: loaded (synchronously, Node's require) by the
// first fetch, so that a process that fetches nothing (an ingest of files) never pays for it.
const load = createRequire(import.meta.url);
let undici: typeof Undici | undefined;
const lib = (): typeof Undici => (undici ??= load('undici') as typeof Undici);

const agents = new Map<string, Agent>();
function agentFor(policy: GuardPolicy): Agent {
  const key = policy.allowPrivateNetwork ? 'open' : `guarded:${(policy.allowAddresses ?? []).join(',')}|${(policy.allowHosts ?? []).join(',')}`;
  let a = agents.get(key);
  if (!a) {
    a = new (lib().Agent)({ connect: guardedConnector(policy), keepAliveTimeout: 4_000, keepAliveMaxTimeout: 30_000 });
    agents.set(key, a);
  }
  return a;
}

// Per-host concurrency: a FIFO of waiters per host, each giving up when its deadline passes.
const slots = new Map<string, { active: number; queue: Array<() => void> }>();
async function acquireHost(host: string, limit: number, signal: AbortSignal): Promise<() => void> {
  let s = slots.get(host);
  if (!s) slots.set(host, (s = { active: 0, queue: [] }));
  const state = s;
  if (state.active >= limit) {
    await new Promise<void>((resolve, reject) => {
      const go = (): void => {
        signal.removeEventListener('abort', gone);
        resolve();
      };
      const gone = (): void => {
        const i = state.queue.indexOf(go);
        if (i >= 0) state.queue.splice(i, 1);
        reject(signal.reason);
      };
      if (signal.aborted) return gone();
      signal.addEventListener('abort', gone, { once: true });
      state.queue.push(go);
    });
  } else state.active++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = state.queue.shift();
    if (next) next(); // the slot passes straight to the next waiter
    else if (--state.active === 0) slots.delete(host);
  };
}

interface Resolved {
  purpose: 'page' | 'feed' | 'robots';
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  retries: number;
  maxRetryWaitMs: number;
  policy: GuardPolicy;
}

/** The SSRF guard's policy: the caller's, else the configuration (with its allow-list). */
function policyOf(o: FetchOptions): GuardPolicy {
  const listed = parseAllowList(config('allowPrivateHosts'));
  return {
    allowPrivateNetwork: o.allowPrivateNetwork ?? config('allowPrivateNetwork'),
    allowAddresses: [...(o.allowAddresses ?? []), ...listed.allowAddresses],
    allowHosts: listed.allowHosts,
  };
}

function resolveOptions(o: FetchOptions): Resolved {
  return {
    purpose: o.purpose ?? 'page',
    timeoutMs: o.timeoutMs ?? config('fetchTimeoutMs'),
    maxBytes: o.maxBytes ?? config('fetchMaxBytes'),
    maxRedirects: o.maxRedirects ?? config('fetchMaxRedirects'),
    retries: o.retries ?? config('fetchRetries'),
    maxRetryWaitMs: o.maxRetryWaitMs ?? config('fetchMaxRetryWaitMs'),
    policy: policyOf(o),
  };
}

/** Retry-After as a wait in ms (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function maxAgeOf(cacheControl: string | undefined): number | null {
  const m = /(?:^|,)\s*(?:s-maxage|max-age)\s*=\s*"?(\d+)/i.exec(cacheControl ?? '');
  return m ? Number(m[1]) : null;
}

function charsetOf(contentType: string | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = (): void => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
  });

function raceSignal<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const stop = (): void => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', stop);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', stop);
        reject(e);
      },
    );
  });
}

function parseUrl(input: string): URL {
  try {
    return new URL(input);
  } catch {
    throw new FetchError('bad-url', input, `not a URL: ${JSON.stringify(input)}`);
  }
}

interface Hop {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  bytes: Uint8Array;
}

/**
 * Fetches one URL. Resolves for 2xx and 304 (notModified); everything else throws a FetchError
 * whose code says why (blocked, robots, timeout, too-large, http with status and Retry-After…).
 */
export async function fetchUrl(input: string, options: FetchOptions = {}): Promise<FetchResult> {
  const o = resolveOptions(options);
  const deadline = AbortSignal.timeout(o.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const start = parseUrl(input);
  try {
    return await fetchWithin(start, input, o, options, signal);
  } catch (e) {
    throw asFetchError(e, input, o, deadline, options.signal);
  }
}

async function fetchWithin(start: URL, input: string, o: Resolved, options: FetchOptions, signal: AbortSignal): Promise<FetchResult> {
  // Credentials belong to the origin they were given for: the URL's userinfo and the
  // Authorization/Cookie headers are sent there and nowhere else.
  const base: Record<string, string> = { 'user-agent': USER_AGENT, accept: options.accept ?? DEFAULT_ACCEPT[o.purpose]!, 'accept-encoding': 'gzip, deflate, br' };
  const credentials: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.headers ?? {})) (CREDENTIAL_HEADERS.includes(k.toLowerCase()) ? credentials : base)[k.toLowerCase()] = v;
  if (start.username || start.password) {
    credentials['authorization'] ??= `Basic ${Buffer.from(`${decodeURIComponent(start.username)}:${decodeURIComponent(start.password)}`).toString('base64')}`;
    start.username = '';
    start.password = '';
  }
  const credentialOrigin = start.origin;
  if (options.etag) base['if-none-match'] = options.etag;
  if (options.lastModified) base['if-modified-since'] = options.lastModified;

  const started = Date.now();
  let url = start;
  const redirects: string[] = [];
  for (let attempt = 0; ; attempt++) {
    let hop: Hop;
    for (let hops = 0; ; hops++) {
      const why = urlVerdict(url, o.policy);
      if (why) throw new FetchError('blocked', url.href, `refused ${url.href}: ${why}`);
      if (o.purpose === 'page') {
        let robots: string | undefined;
        try {
          robots = await raceSignal(robotsVerdict(url, config('robotsTtlMs'), (r) => fetchRobots(r, options)), signal);
        } catch (e) {
          // The host could not be reached at all (no DNS answer, refused, timed out): that is the
          // page's own failure, reported as such, not as a robots.txt problem.
          if (e instanceof FetchError && (e.code === 'network' || e.code === 'timeout')) throw new FetchError(e.code, url.href, e.message.replace(`${url.origin}/robots.txt`, url.href));
          throw e;
        }
        if (robots) throw new FetchError('robots', url.href, robots);
      }
      const headers = url.origin === credentialOrigin ? { ...base, ...credentials } : base;
      hop = await oneHop(url, headers, o, signal);
      const location = REDIRECTS.has(hop.status) ? header(hop.headers, 'location') : undefined;
      if (!location) break;
      if (hops >= o.maxRedirects) throw new FetchError('too-many-redirects', input, `more than ${o.maxRedirects} redirects (last: ${url.href})`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new FetchError('bad-url', url.href, `redirect to an invalid URL ${JSON.stringify(location)}`);
      }
      // A server may not hand us credentials for another origin through the Location header.
      next.username = '';
      next.password = '';
      next.hash = '';
      url = next;
      redirects.push(url.href);
    }
    if (hop.status === 429 || hop.status === 503) {
      const retryAfter = parseRetryAfter(header(hop.headers, 'retry-after'));
      const wait = retryAfter ?? 1000 * 2 ** attempt;
      const remaining = o.timeoutMs - (Date.now() - started);
      if (attempt < o.retries && wait <= o.maxRetryWaitMs && wait < remaining) {
        await sleep(wait, signal);
        continue;
      }
      throw new FetchError('http', url.href, `HTTP ${hop.status} from ${url.href}${retryAfter !== undefined ? `, retry after ${Math.ceil(retryAfter / 1000)} s` : ''}`, {
        status: hop.status,
        retryAfterMs: retryAfter,
      });
    }
    if (hop.status !== 304 && (hop.status < 200 || hop.status >= 300))
      throw new FetchError('http', url.href, `HTTP ${hop.status} from ${url.href}`, { status: hop.status });
    const contentType = header(hop.headers, 'content-type') ?? null;
    return {
      requestedUrl: input,
      url: url.href,
      status: hop.status,
      notModified: hop.status === 304,
      bytes: hop.bytes,
      contentType,
      charset: charsetOf(contentType ?? undefined),
      etag: header(hop.headers, 'etag') ?? (hop.status === 304 ? (options.etag ?? null) : null),
      lastModified: header(hop.headers, 'last-modified') ?? (hop.status === 304 ? (options.lastModified ?? null) : null),
      maxAgeSeconds: maxAgeOf(header(hop.headers, 'cache-control')),
      redirects,
      fetchedAt: new Date().toISOString(),
    };
  }
}

// One request on one URL, holding a slot of its host until the body is read or dropped.
async function oneHop(url: URL, headers: Record<string, string>, o: Resolved, signal: AbortSignal): Promise<Hop> {
  const release = await acquireHost(url.hostname, config('fetchPerHost'), signal);
  try {
    const res = await lib().request(url, { method: 'GET', headers, signal, dispatcher: agentFor(o.policy), headersTimeout: o.timeoutMs, bodyTimeout: o.timeoutMs });
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    if (!ok) {
      // Redirects and errors: their bodies are not kept (a short one is drained so the
      // connection can be reused; dump() drops the socket past the limit).
      await res.body.dump({ limit: 16 * 1024 }).catch(() => undefined);
      return { status: res.statusCode, headers: res.headers, bytes: new Uint8Array(0) };
    }
    const length = Number(header(res.headers, 'content-length'));
    const encoding = header(res.headers, 'content-encoding');
    if (Number.isFinite(length) && length > o.maxBytes && !encoding) {
      discard(res.body);
      throw new TooLargeError(`Content-Length ${length} is over the ${o.maxBytes}-byte cap`);
    }
    return { status: res.statusCode, headers: res.headers, bytes: await readBody(res.body, encoding, o.maxBytes, signal) };
  } finally {
    release();
  }
}

function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

// robots.txt is read with the caller's guard, but on its own short deadline: a page's deadline
// running out must not be cached as "robots.txt unreachable".
async function fetchRobots(robotsUrl: string, options: FetchOptions): Promise<{ status: number; text: string }> {
  try {
    const r = await fetchUrl(robotsUrl, {
      purpose: 'robots',
      timeoutMs: ROBOTS_TIMEOUT_MS,
      maxBytes: ROBOTS_MAX_BYTES,
      retries: 0,
      allowPrivateNetwork: options.allowPrivateNetwork,
      allowAddresses: options.allowAddresses,
    });
    return { status: r.status, text: new TextDecoder().decode(r.bytes) };
  } catch (e) {
    if (e instanceof FetchError && e.code === 'http' && e.status !== undefined) return { status: e.status, text: '' };
    if (e instanceof FetchError && e.code === 'too-large') return { status: 200, text: '' };
    throw e;
  }
}

function asFetchError(e: unknown, input: string, o: Resolved, deadline: AbortSignal, caller: AbortSignal | undefined): FetchError {
  if (e instanceof FetchError) return e;
  if (deadline.aborted) return new FetchError('timeout', input, `no complete response within ${o.timeoutMs} ms (total deadline)`);
  if (caller?.aborted) return new FetchError('aborted', input, 'fetch cancelled');
  if (e instanceof TooLargeError) return new FetchError('too-large', input, `${e.message}; stopped reading ${input}`);
  if (e instanceof DecodingError) return new FetchError('decoding', input, e.message);
  const err = e as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const blocked = [err, err.cause].find((x) => x?.code === 'ESTORYLINE_BLOCKED');
  if (blocked) return new FetchError('blocked', input, `refused ${input}: ${blocked.message}`);
  const code = err.code ?? err.cause?.code;
  const what: Record<string, string> = {
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'DNS lookup failed (temporary)',
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    UND_ERR_SOCKET: 'connection closed by the server',
    UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  };
  const msg = (code && what[code]) ?? err.message;
  return new FetchError('network', input, `cannot fetch ${input}: ${msg}${code && !what[code] ? ` (${code})` : ''}`);
}
