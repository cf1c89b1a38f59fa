// Finished responses. A response is "finished" once: its body encoded to bytes, gzipped once,
// hashed once for its ETag, its header sets (plain, gzip, 304) built once; sending it again is
// choosing one of them. Routes whose output only changes with a version (a story's last update,
// an article's story, the store's write generation) keep finished responses in a ResponseCache,
// so a repeated request costs a version check (versions.ts) and one write. Everything else is finished
// per request by `finishing` (below), which also gives every response its security headers.
//
// Why not Hono's compress and etag middlewares: they gzip through web streams and hash with an
// async digest on every request, which cost more than the rest of a cached request together;
// and each header set after the response exists copies the response.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { SECURITY_HEADERS } from './security.ts';

const gzip = promisify(gzipCallback);

/** Below this size gzip saves too little to be worth it (the same threshold Hono uses). */
const COMPRESS_MIN = 1024;
const COMPRESSIBLE = /^\s*(?:text\/(?!event-stream)|application\/(?:[\w.+-]*\+)?(?:json|xml|javascript))/i;

export interface Finished {
  status: number;
  /** Weak ETag of the uncompressed body: both encodings are the same representation. */
  etag: string | undefined;
  identity: Uint8Array;
  gzipped: Uint8Array | undefined;
  /** Complete header sets, ready for writeHead. */
  plainHeaders: Record<string, string>;
  gzipHeaders: Record<string, string> | undefined;
  notModifiedHeaders: Record<string, string>;
  /** What the entry weighs in a cache. */
  bytes: number;
}

export interface FinishOptions {
  status?: number;
  type: string;
  cacheControl?: string;
  /** Further headers (Link, Location, …). */
  headers?: Record<string, string>;
  /** Give a 200 an ETag (default): not for the answer to a POST. */
  validator?: boolean;
}

/** Encodes, gzips and hashes a body once, and builds the headers it will be sent with. */
export async function finish(body: string | Uint8Array, opts: FinishOptions): Promise<Finished> {
  const identity = typeof body === 'string' ? Buffer.from(body) : body;
  const status = opts.status ?? 200;
  const compressible = identity.byteLength >= COMPRESS_MIN && COMPRESSIBLE.test(opts.type);
  const gzipped = compressible ? await gzip(identity) : undefined;
  // Only a 200 carries a validator: a 304 stands for "the 200 you have is still right".
  const etag = status === 200 && opts.validator !== false ? `W/"${createHash('sha1').update(identity).digest('base64url')}"` : undefined;
  const common: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': opts.type, ...opts.headers };
  if (opts.cacheControl) common['Cache-Control'] = opts.cacheControl;
  if (etag) common.ETag = etag;
  if (compressible) common.Vary = 'Accept-Encoding';
  const plainHeaders = { ...common, 'Content-Length': String(identity.byteLength) };
  const gzipHeaders = gzipped && { ...common, 'Content-Encoding': 'gzip', 'Content-Length': String(gzipped.byteLength) };
  const notModifiedHeaders: Record<string, string> = { ...SECURITY_HEADERS };
  for (const k of ['ETag', 'Cache-Control', 'Vary']) if (common[k]) notModifiedHeaders[k] = common[k];
  return { status, etag, identity, gzipped, plainHeaders, gzipHeaders, notModifiedHeaders, bytes: identity.byteLength + (gzipped?.byteLength ?? 0) + 1024 };
}

/** Responses built by send(): complete, so `finishing` lets them through untouched. */
const complete = new WeakSet<Response>();

/** The response for this request: 304 when its ETag matches If-None-Match, gzip when accepted. */
export function send(c: Context, f: Finished): Response {
  let res: Response;
  if (f.etag && etagMatches(c.req.header('if-none-match'), f.etag)) res = new Response(null, { status: 304, headers: f.notModifiedHeaders });
  else if (f.gzipped && acceptsGzip(c.req.header('accept-encoding'))) res = new Response(f.gzipped as Uint8Array<ArrayBuffer>, { status: f.status, headers: f.gzipHeaders });
  else res = new Response(f.identity as Uint8Array<ArrayBuffer>, { status: f.status, headers: f.plainHeaders });
  complete.add(res);
  return res;
}

/** If-None-Match by weak comparison (RFC 9110 13.1.2): a GET may use a weak validator. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  for (const part of header.split(',')) {
    const t = part.trim();
    if ((t.startsWith('W/') ? t.slice(2) : t) === opaque) return true;
  }
  return false;
}

// Clients send a handful of distinct Accept-Encoding values: remember the verdict for each.
const gzipVerdicts = new Map<string, boolean>();

/** Whether Accept-Encoding allows gzip: listed (or `*`) with a q-value above zero. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let verdict = gzipVerdicts.get(header);
  if (verdict !== undefined) return verdict;
  let gz: number | undefined;
  let star: number | undefined;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const qp = params.find((p) => p.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    if (name === 'gzip' || name === 'x-gzip') gz = Number.isNaN(q) ? 0 : q;
    else if (name === '*') star = Number.isNaN(q) ? 0 : q;
  }
  verdict = (gz ?? star ?? 0) > 0;
  if (gzipVerdicts.size < 256) gzipVerdicts.set(header, verdict);
  return verdict;
}

/**
 * Finishes what the routes did not: security headers on every response; for a complete body of a
 * compressible type, gzip when the client accepts it, and on a GET 200 an ETag (and a 304 when it
 * matches). Event streams and HEAD pass with headers only. Mounted first, so error pages get it too.
 */
export const finishing: MiddlewareHandler = async (c, next) => {
  await next();
  const res = c.res;
  if (complete.has(res)) return;
  const type = res.headers.get('content-type') ?? '';
  if (c.req.method === 'HEAD' || !res.body || !COMPRESSIBLE.test(type) || res.headers.has('content-encoding') || res.status === 206 || res.status === 304) {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
    return;
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (k !== 'set-cookie' && k !== 'content-length' && k !== 'content-type') headers[k] = v;
  });
  const f = await finish(new Uint8Array(await res.arrayBuffer()), { status: res.status, type, headers, validator: c.req.method === 'GET' });
  const out = send(c, f);
  // A cookie the route set (the CSRF cookie of a page with a form) belongs to this response only.
  for (const cookie of res.headers.getSetCookie()) out.headers.append('Set-Cookie', cookie);
  // Cleared first: assigning over an existing response would merge the old headers into the new
  // one (Hono's `set res`), stale Content-Length included.
  c.res = undefined;
  c.res = out;
};

/**
 * Finished responses by key, each valid for one version of what it was built from (a story's
 * stamp, the store's generation…): a lookup with another version is a miss and the entry is
 * rebuilt. Least recently used out, within a byte budget. Concurrent misses of one key and
 * version share one build, so a change does not make fifty connections render the same page.
 */
export class ResponseCache {
  private readonly entries = new Map<string, { version: string; value: Finished; seq: number }>();
  private readonly building = new Map<string, { version: string; value: Promise<Finished> }>();
  private bytes = 0;
  /** Builds are numbered: a slow build of an older version never replaces a newer entry. */
  private seq = 0;
  readonly budget: number;

  constructor(budget: number) {
    this.budget = budget;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  get(key: string, version: string, make: () => Promise<Finished>): Finished | Promise<Finished> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Most recently used last: eviction takes from the front.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const pending = this.building.get(key);
    if (pending && pending.version === version) return pending.value;
    const seq = ++this.seq;
    const done = (): void => {
      if (this.building.get(key)?.value === value) this.building.delete(key);
    };
    const value = make().then(
      (f) => {
        done();
        this.put(key, version, f, seq);
        return f;
      },
      (e: unknown) => {
        done();
        throw e;
      },
    );
    this.building.set(key, { version, value });
    return value;
  }

  private put(key: string, version: string, value: Finished, seq: number): void {
    const old = this.entries.get(key);
    if (old && old.seq > seq) return;
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.value.bytes;
    }
    // One huge response would push out hundreds of ordinary ones: it is sent, not kept.
    if (value.bytes > this.budget / 8) return;
    this.entries.set(key, { version, value, seq });
    this.bytes += value.bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(k);
      this.bytes -= e.value.bytes;
    }
  }
}
