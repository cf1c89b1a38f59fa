// server/: the web UI, JSON API, outgoing feeds and live updates over the store.
// One file per route group in routes/, templates in views/, static files in assets/.
// Order matters: security headers wrap everything (error pages too); the body limit and the
// CSRF/admin check run before any route reads a body; ETags are computed on the final body.
// Pages are rendered on the server with escaped templates (hono/html): article text is never
// inserted as markup, so nothing from a source can run in a reader's browser.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { HTTPException } from 'hono/http-exception';
import { config } from '../config.ts';
import type { Store } from '../store/index.ts';
import { render, type Deps } from './render.ts';
import { apiRoutes } from './routes/api.ts';
import { assetRoutes, loadAssets } from './routes/assets.ts';
import { feedRoutes } from './routes/feeds.ts';
import { liveRoutes } from './routes/live.ts';
import { pageRoutes } from './routes/pages.ts';
import { sourceRoutes } from './routes/sources.ts';
import { csrfAndAdmin, securityHeaders, type Env } from './security.ts';
import { errorPage } from './views/layout.ts';

const wantsJson = (path: string, accept: string | undefined): boolean => path.startsWith('/api/') || path === '/healthz' || /\bfeed\.(json|atom)$/.test(path) || (!!accept && accept.includes('application/json') && !accept.includes('text/html'));

export function createApp(store: Store): Hono<Env> {
  const assets = loadAssets();
  const deps: Deps = { store, assetVersion: assets.version };
  const app = new Hono<Env>();

  app.use('*', securityHeaders);
  // Pages and JSON travel compressed (a story page is mostly repeated markup); Hono leaves the
  // event stream alone, which must not be buffered.
  app.use('*', compress());
  app.use('*', bodyLimit({ maxSize: config('maxRequestBytes'), onError: () => { throw new HTTPException(413, { message: 'The request body is too large.' }); } }));
  app.use('*', csrfAndAdmin);
  // Weak ETags: the same JSON or feed body is the same representation; a 304 saves the transfer.
  app.use('/api/*', etag({ weak: true }));
  app.use('/stories/:id/:file{feed\\.(atom|json)}', etag({ weak: true }));
  app.use('/entities/:id/:file{feed\\.(atom|json)}', etag({ weak: true }));

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
