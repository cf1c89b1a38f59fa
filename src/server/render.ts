// The pieces every route group shares: the store, the asset version, and page rendering in the frame.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Store } from '../store/index.ts';
import type { Env } from './security.ts';
import { layout, type Frame, type Page } from './views/layout.ts';

export interface Deps {
  store: Store;
  /** Content hash of the assets, for cache-busting URLs. */
  assetVersion: string;
}

export function render(c: Context<Env>, deps: Deps, frame: Omit<Frame, 'csrf' | 'v'>, body: Page, status: ContentfulStatusCode = 200): Response | Promise<Response> {
  // Pages carry the reader's CSRF token: never stored by shared caches.
  c.header('Cache-Control', 'private, no-cache');
  return c.html(layout({ ...frame, csrf: c.get('csrf'), v: deps.assetVersion }, body), status);
}

/** The site's own origin as the reader reached it, for absolute links in feeds. */
export function origin(c: Context): string {
  return new URL(c.req.url).origin;
}
