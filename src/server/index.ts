// server/: the web UI, JSON API, outgoing feeds and live updates over the store.
// One file per route group in routes/, templates in views/, static files in assets/.
// Order matters: `finishing` wraps everything (security headers, gzip and ETags, error pages
// too); the body limit and the CSRF/admin check run before any route reads a body, and only for
// requests that have one. Pages are rendered on the server with escaped templates (hono/html):
// article text is never inserted as markup, so nothing from a source can run in a reader's browser.
// What is read most (story pages, story and article JSON, lists, search) is kept finished per
// version of what it shows (cache.ts, versions.ts): under load a request is a version check
// and a write.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { config } from '../config.ts';
import { Pipeline } from '../pipeline/index.ts';
import type { Store } from '../store/index.ts';
import { finishing, ResponseCache } from './cache.ts';
import { render, type Deps } from './render.ts';
import { Versions } from './versions.ts';
import { apiRoutes } from './routes/api.ts';
import { assetRoutes, loadAssets } from './routes/assets.ts';
import { feedRoutes } from './routes/feeds.ts';
import { liveRoutes } from './routes/live.ts';
import { pageRoutes } from './routes/pages.ts';
import { sourceRoutes } from './routes/sources.ts';
import { clientKey, csrfAndAdmin, MUTATING, type Env } from './security.ts';
import { errorPage } from './views/layout.ts';

const wantsJson = (path: string, accept: string | undefined): boolean => path.startsWith('/api/') || path === '/healthz' || /\bfeed\.(json|atom)$/.test(path) || (!!accept && accept.includes('application/json') && !accept.includes('text/html'));

export interface AppOptions {
  /** Memory for finished responses, in bytes (default 64 MiB). */
  cacheBytes?: number;
  /** The pipeline pushed records go through (default: one of its own over `store`). */
  pipeline?: Pipeline;
  /** The feed poller of this process: woken by a new subscription or "refresh now". */
  poller?: { wake(): void };
  /** Access log: one structured line per request (method, path, status, duration, client). */
  log?: { info(obj: object, msg: string): void };
}

export function createApp(store: Store, opts: AppOptions = {}): Hono<Env> {
  const assets = loadAssets();
  const deps: Deps = { store, pipeline: opts.pipeline ?? new Pipeline(store), assetVersion: assets.version, cache: new ResponseCache(opts.cacheBytes ?? 64 * 1024 * 1024), versions: new Versions(store), poller: opts.poller };
  const app = new Hono<Env>();

  // Pages and JSON travel compressed (a story page is mostly repeated markup), with weak ETags
  // (a 304 saves the transfer); the event stream passes unbuffered.
  if (opts.log) {
    const log = opts.log;
    app.use('*', async (c, next) => {
      const started = performance.now();
      await next();
      log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10, client: clientKey(c) }, 'request');
    });
  }
  app.use('*', finishing);
  // The store's signing secret (for CSRF tokens), read once; every request sees it and the store.
  const secret = store.sessions.secret();
  app.use('*', async (c, next) => {
    c.set('secret', await secret);
    c.set('store', store);
    return next();
  });
  // Requests that write: the body's size limit, then the CSRF and admin checks; once done, kept
  // responses are checked against the store again (versions.ts). Reads pass straight through:
  // reading `body` of a GET would build a full Request object for nothing.
  const limit = bodyLimit({ maxSize: config('maxRequestBytes'), onError: () => { throw new HTTPException(413, { message: 'The request body is too large.' }); } });
  app.use('*', async (c, next) => {
    if (!MUTATING.has(c.req.method)) return next();
    try {
      await limit(c, async () => {
        await csrfAndAdmin(c, next);
      });
    } finally {
      deps.versions.forget();
    }
  });

  app.route('/', assetRoutes(assets));
  app.route('/', apiRoutes(deps));
  app.route('/', feedRoutes(deps));
  app.route('/', liveRoutes(deps));
  app.route('/', sourceRoutes(deps));
  app.route('/', pageRoutes(deps));

  app.notFound((c) => {
    if (wantsJson(c.req.path, c.req.header('accept'))) return c.json({ error: `nothing at ${c.req.path}` }, 404);
    return render(c, deps, { title: 'Not found' }, errorPage(404, `Nothing lives at ${c.req.path}.`), 404);
  });
  app.onError((err, c) => {
    const status = err instanceof HTTPException ? err.status : 500;
    const message = err instanceof HTTPException ? err.message : 'The server could not answer this request. The error was logged.';
    if (status >= 500) process.stderr.write(`storyline serve: ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}\n`);
    if (wantsJson(c.req.path, c.req.header('accept'))) return c.json({ error: message }, status);
    return render(c, deps, { title: status === 404 ? 'Not found' : 'Error' }, errorPage(status, message), status);
  });
  return app;
}
