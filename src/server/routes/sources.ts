// Sources: subscriptions (list, add with a check and feed autodiscovery, refresh now, edit,
// remove, OPML import and export) and admin sign-in. Mutations here pass the CSRF check and,
// when an admin token is configured, need it (see security.ts). Readers see the list with
// addresses and errors redacted (redact.ts); the admin sees them whole.
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { config } from '../../config.ts';
import { OpmlError, parseOpmlBytes, writeOpml } from '../../sources/index.ts';
import { checkFeed } from '../../subscriptions/index.ts';
import { paging } from '../data.ts';
import { RateLimit } from '../limits.ts';
import { render, type Deps } from '../render.ts';
import { clientKey, csrfToken, endSession, equal, isAdmin, startSession, type Env } from '../security.ts';
import { sourcesPage } from '../views/sources.ts';

export function httpUrl(s: string): string | undefined {
  try {
    const u = new URL(s.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Feeds per page of /sources and /api/sources. */
export const FEEDS_PER_PAGE = 50;

const back = (c: Context, message: string, status: 303 = 303): Response => c.redirect(`/sources?msg=${encodeURIComponent(message.slice(0, 400))}`, status);
const field = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);

/** Checks a new subscription at once (fetch, feed or autodiscovery); the feed it names, or the
 * reason it cannot be subscribed to. */
export async function subscribe(deps: Deps, url: string, extra: { title?: string | null; category?: string | null }): Promise<{ ok: true; url: string; added: boolean; title: string | null; discoveredFrom: string | null } | { ok: false; error: string }> {
  const check = await checkFeed(url, { timeoutMs: Math.min(config('fetchTimeoutMs'), 20_000) });
  if (!check.ok) return check;
  const { added } = await deps.store.feeds.add({ url: check.url, title: extra.title ?? check.title, site: check.site, category: extra.category ?? null });
  deps.poller?.wake();
  return { ok: true, url: check.url, added, title: check.title, discoveredFrom: check.discoveredFrom };
}

/** OPML bytes → subscriptions, at most `maxOpmlFeeds`, in one transaction. */
export async function importOpml(deps: Deps, bytes: Uint8Array): Promise<{ added: number; already: number; skipped: number; over: number }> {
  const { feeds } = parseOpmlBytes(bytes);
  const max = config('maxOpmlFeeds');
  const valid = feeds.flatMap((f) => {
    const url = httpUrl(f.url);
    return url ? [{ url, title: f.title?.slice(0, 300) ?? null, site: f.siteUrl && httpUrl(f.siteUrl) ? f.siteUrl : null, category: f.category?.slice(0, 100) ?? null }] : [];
  });
  const taken = valid.slice(0, max);
  const added = await deps.store.feeds.addMany(taken);
  deps.poller?.wake();
  return { added, already: taken.length - added, skipped: feeds.length - valid.length, over: valid.length - taken.length };
}

export function sourceRoutes(deps: Deps): Hono<Env> {
  const { store } = deps;
  const app = new Hono<Env>();
  const logins = new RateLimit(config('loginAttemptsPerMinute'), 60_000);

  app.get('/sources', async (c) => {
    const msg = c.req.query('msg')?.slice(0, 400);
    const p = paging((k) => c.req.query(k), FEEDS_PER_PAGE, FEEDS_PER_PAGE);
    const { feeds, total } = await store.feeds.page(p.limit, p.offset);
    // Its forms carry the reader's token: this page is rendered for each reader.
    const csrf = csrfToken(c);
    const admin = await isAdmin(c);
    return render(
      c,
      deps,
      { title: 'Sources', nav: 'sources', csrf },
      sourcesPage({ feeds, total, page: p.page, hasNext: p.offset + feeds.length < total, csrf, admin, tokenSet: config('adminToken') !== '', readOnly: config('publicReadOnly') && config('adminToken') === '', polling: !!deps.poller, message: msg }),
    );
  });

  app.post('/sources/feeds', async (c) => {
    const body = await c.req.parseBody();
    const url = typeof body.url === 'string' ? httpUrl(body.url) : undefined;
    if (!url) throw new HTTPException(400, { message: 'A feed address must be an http(s) URL.' });
    const r = await subscribe(deps, url, { category: field(body.category, 100) });
    if (!r.ok) return back(c, `Not subscribed: ${r.error}`);
    const found = r.discoveredFrom ? ` (found on ${r.discoveredFrom})` : '';
    return back(c, r.added ? `Subscribed to ${r.title ?? r.url}${found}; its entries are on their way.` : `Already subscribed to ${r.url}${found}.`);
  });

  const feedOf = async (c: Context<Env>): Promise<NonNullable<Awaited<ReturnType<typeof store.feeds.byId>>>> => {
    const f = await store.feeds.byId(c.req.param('id') ?? '');
    if (!f) throw new HTTPException(404, { message: 'There is no such subscription.' });
    return f;
  };

  app.post('/sources/feeds/:id/refresh', async (c) => {
    const f = await feedOf(c);
    await store.feeds.pollNow(f.url);
    deps.poller?.wake();
    return back(c, deps.poller ? `Refreshing ${f.title ?? f.url} now.` : `${f.title ?? f.url} is due now; \`storyline run\` will poll it.`);
  });

  app.post('/sources/feeds/:id/edit', async (c) => {
    const f = await feedOf(c);
    const body = await c.req.parseBody();
    await store.feeds.edit(f.id, { title: field(body.title, 300), category: field(body.category, 100) });
    return back(c, `Saved ${field(body.title, 300) ?? f.url}.`);
  });

  app.post('/sources/feeds/:id/remove', async (c) => {
    const f = await feedOf(c);
    await store.feeds.remove(f.url);
    return back(c, `Unsubscribed from ${f.title ?? f.url}; its articles stay.`);
  });

  // The whole list with its addresses (credentials included): the admin's only.
  app.get('/sources/export.opml', async (c) => {
    if (!(await isAdmin(c))) throw new HTTPException(401, { message: 'The subscription list is for the admin: sign in on the Sources page.' });
    const list = await store.feeds.list();
    c.header('Content-Disposition', 'attachment; filename="storyline-subscriptions.opml"');
    c.header('Cache-Control', 'private, no-store');
    return c.body(`${writeOpml(list.map((f) => ({ url: f.url, title: f.title, siteUrl: f.site, category: f.category })))}\n`, 200, { 'Content-Type': 'text/x-opml; charset=utf-8' });
  });

  app.post('/sources/opml', async (c) => {
    const body = await c.req.parseBody();
    let bytes: Uint8Array | undefined;
    if (body.file instanceof File && body.file.size > 0) bytes = new Uint8Array(await body.file.arrayBuffer());
    else if (typeof body.opml === 'string' && body.opml.trim()) bytes = new TextEncoder().encode(body.opml);
    if (!bytes) throw new HTTPException(400, { message: 'Choose an OPML file or paste one.' });
    let r;
    try {
      r = await importOpml(deps, bytes);
    } catch (e) {
      throw new HTTPException(400, { message: e instanceof OpmlError ? e.message : 'That is not an OPML document.' });
    }
    return back(c, `OPML: ${r.added} new feed${r.added === 1 ? '' : 's'}, ${r.already} already there${r.skipped ? `, ${r.skipped} skipped (not http)` : ''}${r.over ? `, ${r.over} left out (at most ${config('maxOpmlFeeds')} per import)` : ''}.`);
  });

  app.get('/admin/login', (c) => c.redirect('/sources', 302));
  app.post('/admin/login', async (c) => {
    const token = config('adminToken');
    if (!token) return c.redirect('/sources', 303);
    const client = clientKey(c);
    const turn = logins.take(client);
    if (!turn.ok) {
      c.header('Retry-After', String(turn.retryAfterS));
      throw new HTTPException(429, { message: `Too many sign-in attempts; try again in ${turn.retryAfterS} s.` });
    }
    const body = await c.req.parseBody();
    if (typeof body.token !== 'string' || !equal(body.token, token)) throw new HTTPException(401, { message: 'That admin token is not right.' });
    logins.clear(client);
    await startSession(c);
    return c.redirect('/sources?msg=Signed%20in.', 303);
  });
  app.post('/admin/logout', async (c) => {
    await endSession(c);
    return c.redirect('/sources?msg=Signed%20out.', 303);
  });

  return app;
}
