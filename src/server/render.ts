// The pieces every route group shares: the store, the asset version, the response cache, and
// pages in the frame, rendered for one request or finished once for every reader.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Pipeline } from '../pipeline/index.ts';
import type { Store } from '../store/index.ts';
import { finish, type Finished, type ResponseCache } from './cache.ts';
import type { Env } from './security.ts';
import type { Versions } from './versions.ts';
import { layout, type Frame, type Page } from './views/layout.ts';

export interface Deps {
  store: Store;
  /** Ingests what the API is pushed (one batch at a time, with the grouping state it owns). */
  pipeline: Pipeline;
  /** Content hash of the assets, for cache-busting URLs. */
  assetVersion: string;
  /** Finished responses by route and version (see cache.ts). */
  cache: ResponseCache;
  /** The versions they are checked against (see versions.ts). */
  versions: Versions;
  /** The feed poller running in this process, when there is one (`serve` runs it by default). */
  poller?: { wake(): void };
}

export const HTML = 'text/html; charset=UTF-8';
export const JSON_TYPE = 'application/json; charset=UTF-8';

/** A page rendered for this request. One with a form carries the reader's CSRF token
 * (`frame.csrf`), so shared caches must not keep it. */
export function render(c: Context<Env>, deps: Deps, frame: Omit<Frame, 'v'>, body: Page, status: ContentfulStatusCode = 200): Response | Promise<Response> {
  c.header('Cache-Control', frame.csrf ? 'private, no-cache' : 'no-cache');
  return c.html(layout({ ...frame, v: deps.assetVersion }, body), status);
}

/** A page finished once and sent to every reader: it holds nothing of any one reader (no token),
 * and is revalidated by its ETag. */
export async function finishPage(deps: Deps, frame: Omit<Frame, 'v' | 'csrf'>, body: Page, status = 200): Promise<Finished> {
  return finish(String(await layout({ ...frame, v: deps.assetVersion }, body)), { status, type: HTML, cacheControl: 'no-cache' });
}

/** A JSON body finished once. */
export function finishJson(value: unknown, opts: { headers?: Record<string, string>; cacheControl?: string; type?: string } = {}): Promise<Finished> {
  return finish(JSON.stringify(value), { type: opts.type ?? JSON_TYPE, headers: opts.headers, cacheControl: opts.cacheControl });
}

/** The site's own origin as the reader reached it, for absolute links in feeds. */
export function origin(c: Context): string {
  return new URL(c.req.url).origin;
}
