// Static assets: our stylesheet and script, and htmx from its npm package (never a CDN). Read
// once at start and finished (gzipped, hashed) on first request; served with a content-hash
// version in their URLs, so they cache for a year.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { finish, send, type Finished } from '../cache.ts';
import type { Env } from '../security.ts';

const here = new URL('../assets/', import.meta.url);

interface Asset {
  body: Uint8Array;
  type: string;
}

export function loadAssets(): { files: Map<string, Asset>; version: string } {
  const require = createRequire(import.meta.url);
  const files = new Map<string, Asset>([
    ['style.css', { body: readFileSync(new URL('style.css', here)), type: 'text/css; charset=utf-8' }],
    ['app.js', { body: readFileSync(new URL('app.js', here)), type: 'text/javascript; charset=utf-8' }],
    ['htmx.min.js', { body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js')), type: 'text/javascript; charset=utf-8' }],
  ]);
  const h = createHash('sha256');
  for (const f of files.values()) h.update(f.body);
  return { files, version: h.digest('hex').slice(0, 10) };
}

export function assetRoutes(assets: ReturnType<typeof loadAssets>): Hono<Env> {
  const app = new Hono<Env>();
  const finished = new Map<string, Promise<Finished>>();
  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name');
    const f = assets.files.get(name);
    if (!f) return c.notFound();
    const versioned = c.req.query('v') === assets.version;
    const key = `${name}|${versioned}`;
    let ready = finished.get(key);
    if (!ready) {
      ready = finish(f.body, { type: f.type, cacheControl: versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300' });
      finished.set(key, ready);
    }
    return send(c, await ready);
  });
  app.get('/favicon.ico', (c) => c.body(null, 204));
  return app;
}
