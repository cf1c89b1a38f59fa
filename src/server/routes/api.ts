// The JSON API of CONTRACT.md: stories (with their timeline), articles (read and push),
// entities (with roles over time), search, sources; paginated lists with a `next` link and a
// Link header. Every GET answer carries an ETag and answers 304 to a matching If-None-Match
// (cache.ts); the ones read most are kept finished, per version of what they show.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { config } from '../../config.ts';
import { inputId } from '../../pipeline/index.ts';
import { checkRecord, sha256, siteKeyOf } from '../../sources/index.ts';
import { exportArticle } from '../../store/index.ts';
import type { ArticleRecord, RawInput, Story } from '../../types.ts';
import { send, type Finished } from '../cache.ts';
import { loadEntity, loadStory, paging, type Paging } from '../data.ts';
import { finishJson, type Deps } from '../render.ts';
import { cookieName, csrfToken, isAdmin, siteOrigin, type Env } from '../security.ts';
import { timelineOrder } from '../views/story.ts';
import { openapi } from '../openapi.ts';
import { FEEDS_PER_PAGE, httpUrl, subscribe } from './sources.ts';
import { publicError, publicInput, publicUrl } from '../redact.ts';
import type { Feed } from '../../store/index.ts';

/** A page of a list: `next` (and the Link header) carry the list's own parameters, so the
 * same request always finishes to the same bytes. */
function listOf<T>(path: string, params: Record<string, string | undefined>, key: string, items: T[], p: Paging, total: number): Promise<Finished> {
  const more = p.offset + items.length < total;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  q.set('page', String(p.page + 1));
  q.set('limit', String(p.limit));
  const next = more ? `${path}?${q}` : null;
  return finishJson({ [key]: items, page: p.page, limit: p.limit, total, next }, { headers: next ? { Link: `<${next}>; rel="next"` } : undefined });
}

/** A subscription as readers may see it: no credentials, no internal host names. */
const publicFeed = (f: Feed): Partial<Feed> => ({ id: f.id, url: publicUrl(f.url), title: f.title, category: f.category, lastStatus: f.lastStatus, lastError: f.lastError && publicError(f.lastError), lastPolledAt: f.lastPolledAt, nextPollAt: f.nextPollAt, errorCount: f.errorCount, entryCount: f.entryCount });

/** An article for readers: its `input` without the server's folders or a URL's credentials. */
const publicArticle = (a: Parameters<typeof exportArticle>[0]): ReturnType<typeof exportArticle> => {
  const e = exportArticle(a);
  return { ...e, input: publicInput(e.input) };
};

/** A story in a list: the id arrays are in GET /api/stories/{id}, not left empty here. */
const listedStory = ({ articleIds: _a, entityIds: _e, eventIds: _v, ...rest }: Story): Omit<Story, 'articleIds' | 'entityIds' | 'eventIds'> => rest;

const notFound = (what: string): never => {
  throw new HTTPException(404, { message: what });
};

export function apiRoutes(deps: Deps): Hono<Env> {
  const { store, pipeline, cache, versions } = deps;
  const app = new Hono<Env>();
  // Answers that change only when the store does are kept per store generation; a story's and an
  // article's per their own stamp, so an ingest elsewhere does not rebuild them all.
  const byGeneration = async (key: string, make: () => Promise<Finished>): Promise<Finished> => cache.get(key, await versions.generation(), make);

  app.get('/api/openapi.json', async (c) => send(c, await cache.get('openapi', '', () => finishJson(openapi()))));
  app.get('/api/csrf', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ token: csrfToken(c), header: 'X-CSRF-Token', cookie: cookieName('csrf', siteOrigin(c).secure) });
  });

  app.get('/api/stories', async (c) => {
    const p = paging((k) => c.req.query(k), 20, 100);
    const f = await byGeneration(`api/stories|${p.page}|${p.limit}`, async () => {
      const { stories, total } = await store.pages.rankedStories(p);
      return listOf('/api/stories', {}, 'stories', stories.map(listedStory), p, total);
    });
    return send(c, f);
  });

  app.get('/api/stories/:id', async (c) => {
    const id = c.req.param('id');
    const s = await versions.story(id);
    if (!s) return notFound(`no story ${id}`);
    const f = await cache.get(`api/story|${id}`, s.stamp, async () => {
      const v = await loadStory(store, s.id);
      if (!v) return notFound(`no story ${id}`);
      return finishJson({ story: v.story, mergedFrom: s.mergedFrom ?? null, timeline: timelineOrder(v.events), entities: v.entities, articles: v.articles });
    });
    return send(c, f);
  });

  app.get('/api/articles', async (c) => {
    const p = paging((k) => c.req.query(k), 20, 100);
    const f = await byGeneration(`api/articles|${p.page}|${p.limit}`, async () => {
      const [articles, counts] = await Promise.all([store.pages.articles({ limit: p.limit, offset: p.offset, newestFirst: true }), store.pages.counts()]);
      return listOf('/api/articles', {}, 'articles', articles.map(publicArticle), p, counts.articles);
    });
    return send(c, f);
  });

  app.get('/api/articles/:id', async (c) => {
    const id = c.req.param('id');
    const stamp = await versions.article(id);
    if (!stamp) return notFound(`no article ${id}`);
    const f = await cache.get(`api/article|${id}`, stamp, async () => {
      const a = await store.pages.article(id);
      return a ? finishJson(publicArticle(a)) : notFound(`no article ${id}`);
    });
    return send(c, f);
  });

  app.post('/api/articles', async (c) => {
    let record: unknown;
    try {
      record = await c.req.json();
    } catch {
      throw new HTTPException(400, { message: 'the body must be one JSON article record' });
    }
    const problem = checkRecord(record, { strict: true });
    if (problem) throw new HTTPException(400, { message: problem });
    const r = record as ArticleRecord;
    if (r.url && !httpUrl(r.url)) throw new HTTPException(400, { message: '"url" must be an http(s) URL' });
    // The same canonical bytes a records file would give (sources/files.ts recordsOf), so a
    // record pushed twice, or pushed and also ingested from a file, is one input.
    // A record may be megabytes: each whole-body step gets its own turn of the event loop, so
    // other requests (a health check, a reader) are answered between them.
    const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    await turn();
    const canonical = new TextEncoder().encode(JSON.stringify(r));
    await turn();
    const contentHash = sha256(canonical);
    await turn();
    const raw: RawInput = { input: r.url ?? `api:${contentHash.slice(0, 16)}`, kind: 'record', bytes: canonical, contentHash, siteKey: siteKeyOf(r.url) ?? 'api' };
    // The pipeline ingests one batch at a time; the analysis worker picks the story up after.
    // Extraction runs on the pipeline's deadline worker: the server's thread never parses it.
    const summary = await pipeline.ingestPushed([raw]);
    if (summary.rejected.length) throw new HTTPException(422, { message: summary.rejected[0]!.reason });
    const row = await store.ingest.articleOfInput(inputId(raw));
    if (!row) throw new HTTPException(422, { message: 'the record was read but produced no article' });
    const status = summary.unchanged ? 'unchanged' : summary.duplicates ? 'duplicate' : 'stored';
    c.header('Location', `/api/articles/${row.id}`);
    return c.json({ id: row.id, storyId: row.storyId, duplicateOf: row.duplicateOf, status }, status === 'unchanged' ? 200 : 201);
  });

  app.get('/api/entities/:id', async (c) => {
    const e = await loadEntity(store, c.req.param('id'));
    if (!e) return notFound(`no entity ${c.req.param('id')}`);
    return c.json({ entity: e.page.entity, events: timelineOrder(e.page.events), stories: e.page.stories });
  });

  // Results change only when the store does: kept per query and store generation.
  app.get('/api/search', async (c) => {
    const date = (k: string): string | undefined => (/^\d{4}-\d{2}-\d{2}$/.test(c.req.query(k) ?? '') ? c.req.query(k) : undefined);
    const params = { q: (c.req.query('q') ?? '').slice(0, 300), lang: c.req.query('lang') || undefined, site: c.req.query('site') || undefined, from: date('from'), to: date('to') };
    const p = paging((k) => c.req.query(k), 20, 100);
    const f = await byGeneration(`api/search|${JSON.stringify(params)}|${p.page}|${p.limit}`, async () => {
      const r = await store.search.articles({ q: params.q, language: params.lang, site: params.site, from: params.from, to: params.to, limit: p.limit, offset: p.offset });
      // Match markers become [[…]] in JSON: plain text a client can highlight without parsing HTML.
      const hits = r.hits.map((h) => ({ ...h, snippet: h.snippet.replace(/\u0001/g, '[[').replace(/\u0002/g, ']]') }));
      return listOf('/api/search', params, 'results', hits, p, r.total);
    });
    return send(c, f);
  });

  // Readers see the subscriptions with their addresses and errors redacted (kept per store
  // generation and page); the admin sees them whole (not kept).
  app.get('/api/sources', async (c) => {
    const p = paging((k) => c.req.query(k), FEEDS_PER_PAGE, 200);
    const admin = config('adminToken') !== '' && (await isAdmin(c));
    const make = async (): Promise<Finished> => {
      const { feeds, total } = await store.feeds.page(p.limit, p.offset);
      return listOf('/api/sources', {}, 'feeds', admin ? feeds : feeds.map(publicFeed), p, total);
    };
    if (admin) {
      c.header('Cache-Control', 'private, no-store');
      return send(c, await make());
    }
    return send(c, await byGeneration(`api/sources|${p.page}|${p.limit}`, make));
  });
  app.post('/api/sources', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { url?: unknown; category?: unknown; title?: unknown };
    const url = typeof body.url === 'string' ? httpUrl(body.url) : undefined;
    if (!url) throw new HTTPException(400, { message: '"url" must be an http(s) URL' });
    const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);
    const r = await subscribe(deps, url, { category: text(body.category, 100), title: text(body.title, 300) });
    if (!r.ok) throw new HTTPException(422, { message: `not subscribed: ${r.error}` });
    const feed = (await store.feeds.get(r.url))!;
    return c.json({ feed, added: r.added, discoveredFrom: r.discoveredFrom }, r.added ? 201 : 200);
  });
  app.post('/api/sources/:id/refresh', async (c) => {
    const f = await store.feeds.byId(c.req.param('id'));
    if (!f) return notFound(`no subscription ${c.req.param('id')}`);
    await store.feeds.pollNow(f.url);
    deps.poller?.wake();
    return c.json({ feed: f, polling: !!deps.poller }, 202);
  });
  app.delete('/api/sources/:id', async (c) => {
    const f = await store.feeds.byId(c.req.param('id'));
    if (!f) return notFound(`no subscription ${c.req.param('id')}`);
    await store.feeds.remove(f.url);
    return c.body(null, 204);
  });

  app.get('/api/corrections', async (c) => {
    if (!(await isAdmin(c))) throw new HTTPException(401, { message: 'correction requests are for the admin: send the admin token' });
    return c.json({ corrections: await store.corrections.list(c.req.query('article') || undefined) });
  });

  app.get('/healthz', async (c) => send(c, await byGeneration('healthz', async () => finishJson({ ok: true, ...(await store.pages.counts()), analysis: await store.analysis.backlog(config('analysisMaxAttempts')) }))));
  return app;
}
