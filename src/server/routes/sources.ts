// Sources: subscriptions (list, add, OPML import) and admin sign-in. Mutations here pass the
// CSRF check and, when an admin token is configured, need it (see security.ts).
import { Hono } from 'hono';
import { setCookie, deleteCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { config } from '../../config.ts';
import { OpmlError, parseOpmlBytes } from '../../sources/index.ts';
import { render, type Deps } from '../render.ts';
import { ADMIN_COOKIE, adminCookieValue, csrfToken, isAdmin, type Env } from '../security.ts';
import { sourcesPage } from '../views/sources.ts';

export function httpUrl(s: string): string | undefined {
  try {
    const u = new URL(s.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function sourceRoutes(deps: Deps): Hono<Env> {
  const { store } = deps;
  const app = new Hono<Env>();

  app.get('/sources', async (c) => {
    const msg = c.req.query('msg')?.slice(0, 200);
    // Its forms carry the reader's token: this page is rendered for each reader.
    const csrf = csrfToken(c);
    return render(c, deps, { title: 'Sources', nav: 'sources', csrf }, sourcesPage(await store.feeds.list(), csrf, isAdmin(c), config('adminToken') !== '', msg));
  });

  app.post('/sources/feeds', async (c) => {
    const body = await c.req.parseBody();
    const url = typeof body.url === 'string' ? httpUrl(body.url) : undefined;
    if (!url) throw new HTTPException(400, { message: 'A feed address must be an http(s) URL.' });
    const category = typeof body.category === 'string' && body.category.trim() ? body.category.trim().slice(0, 100) : null;
    const { added } = await store.feeds.add({ url, category });
    return c.redirect(`/sources?msg=${encodeURIComponent(added ? `Subscribed to ${url}.` : `Already subscribed to ${url}.`)}`, 303);
  });

  app.post('/sources/opml', async (c) => {
    const body = await c.req.parseBody();
    let bytes: Uint8Array | undefined;
    if (body.file instanceof File && body.file.size > 0) bytes = new Uint8Array(await body.file.arrayBuffer());
    else if (typeof body.opml === 'string' && body.opml.trim()) bytes = new TextEncoder().encode(body.opml);
    if (!bytes) throw new HTTPException(400, { message: 'Choose an OPML file or paste one.' });
    let feeds;
    try {
      feeds = parseOpmlBytes(bytes).feeds;
    } catch (e) {
      throw new HTTPException(400, { message: e instanceof OpmlError ? e.message : 'That is not an OPML document.' });
    }
    let added = 0;
    let skipped = 0;
    for (const f of feeds) {
      const url = httpUrl(f.url);
      if (!url) {
        skipped++;
        continue;
      }
      if ((await store.feeds.add({ url, title: f.title, site: f.siteUrl, category: f.category })).added) added++;
    }
    return c.redirect(`/sources?msg=${encodeURIComponent(`OPML: ${added} new feed${added === 1 ? '' : 's'}, ${feeds.length - added - skipped} already there${skipped ? `, ${skipped} skipped (not http)` : ''}.`)}`, 303);
  });

  app.get('/admin/login', (c) => c.redirect('/sources', 302));
  app.post('/admin/login', async (c) => {
    const token = config('adminToken');
    const body = await c.req.parseBody();
    if (!token) return c.redirect('/sources', 303);
    if (typeof body.token !== 'string' || body.token !== token) throw new HTTPException(401, { message: 'That admin token is not right.' });
    setCookie(c, ADMIN_COOKIE, adminCookieValue(token), { path: '/', httpOnly: true, sameSite: 'Strict', secure: new URL(c.req.url).protocol === 'https:', maxAge: 30 * 86400 });
    return c.redirect('/sources?msg=Signed%20in.', 303);
  });
  app.post('/admin/logout', (c) => {
    deleteCookie(c, ADMIN_COOKIE, { path: '/' });
    return c.redirect('/sources?msg=Signed%20out.', 303);
  });

  return app;
}
