// The JSON API of CONTRACT.md: stories (with their timeline), articles (read and push),
// entities (with roles over time), search, sources; paginated lists with a `next` link and a
// Link header; ETags with 304 come from the etag middleware mounted in index.ts.
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ingestInputs, inputId } from '../../pipeline.ts';
import { checkRecord, sha256, siteKeyOf } from '../../sources/index.ts';
import { exportArticle } from '../../store/export.ts';
import { addFeed, listFeeds } from '../../store/feeds.ts';
import { corrections, rankedStories, searchArticles } from '../../store/read.ts';
import type { ArticleRecord, RawInput } from '../../types.ts';
import { loadEntity, loadStory, paging, type Paging, StoryMemo, storyVersion } from '../data.ts';
import type { Deps } from '../render.ts';
import type { Env } from '../security.ts';
import { timelineOrder } from '../views/story.ts';
import { openapi } from '../openapi.ts';
import { httpUrl } from './sources.ts';

function listOf<T>(c: Context, key: string, items: T[], p: Paging, total: number): Response {
  const more = p.offset + items.length < total;
  const url = new URL(c.req.url);
  url.searchParams.set('page', String(p.page + 1));
  url.searchParams.set('limit', String(p.limit));
  const next = more ? `${url.pathname}${url.search}` : null;
  if (next) c.header('Link', `<${next}>; rel="next"`);
  return c.json({ [key]: items, page: p.page, limit: p.limit, total, next });
}

const notFound = (what: string): never => {
  throw new HTTPException(404, { message: what });
};

export function apiRoutes(deps: Deps): Hono<Env> {
  const { store } = deps;
  const app = new Hono<Env>();
  const storyJson = new StoryMemo<string | undefined>();
  // Pushes go through the pipeline one at a time: it writes chunk by chunk and is not re-entrant.
  let pushing: Promise<unknown> = Promise.resolve();

  app.get('/api/openapi.json', (c) => c.json(openapi()));
  app.get('/api/csrf', (c) => c.json({ token: c.get('csrf'), header: 'X-CSRF-Token', cookie: 'sl_csrf' }));

  app.get('/api/stories', async (c) => {
    const p = paging((k) => c.req.query(k), 20, 100);
    const { stories, total } = await rankedStories(store.db, p);
    return listOf(c, 'stories', stories, p, total);
  });

  app.get('/api/stories/:id', async (c) => {
    const id = c.req.param('id');
    const version = await storyVersion(store, id);
    const body = version
      ? await storyJson.get(id, version, async () => {
          const v = await loadStory(store, id);
          return v && JSON.stringify({ story: v.story, mergedFrom: v.mergedFrom ?? null, timeline: timelineOrder(v.events), entities: v.entities, articles: v.articles });
        })
      : undefined;
    if (!body) return notFound(`no story ${id}`);
    return c.body(body, 200, { 'content-type': 'application/json; charset=UTF-8' });
  });

  app.get('/api/articles', async (c) => {
    const p = paging((k) => c.req.query(k), 20, 100);
    const [articles, counts] = await Promise.all([store.articles({ limit: p.limit, offset: p.offset, newestFirst: true }), store.counts()]);
    return listOf(c, 'articles', articles.map(exportArticle), p, counts.articles);
  });

  app.get('/api/articles/:id', async (c) => {
    const a = await store.article(c.req.param('id'));
    return a ? c.json(exportArticle(a)) : notFound(`no article ${c.req.param('id')}`);
  });

  app.post('/api/articles', async (c) => {
    let record: unknown;
    try {
      record = await c.req.json();
    } catch {
      throw new HTTPException(400, { message: 'the body must be one JSON article record' });
    }
    const problem = checkRecord(record);
    if (problem) throw new HTTPException(400, { message: problem });
    const r = record as ArticleRecord;
    if (r.url && !httpUrl(r.url)) throw new HTTPException(400, { message: '"url" must be an http(s) URL' });
    // The same canonical bytes a records file would give (sources/files.ts recordsOf), so a
    // record pushed twice, or pushed and also ingested from a file, is one input.
    const canonical = new TextEncoder().encode(JSON.stringify(r));
    const contentHash = sha256(canonical);
    const raw: RawInput = { input: r.url ?? `api:${contentHash.slice(0, 16)}`, kind: 'record', bytes: canonical, contentHash, siteKey: siteKeyOf(r.url) ?? 'api' };
    const run = pushing.then(() => ingestInputs([raw], store, {}, { workers: 'never' }));
    pushing = run.catch(() => undefined);
    const summary = await run;
    if (summary.rejected.length) throw new HTTPException(422, { message: summary.rejected[0]!.reason });
    const row = await store.db.selectFrom('articles').select(['id', 'story_id', 'duplicate_of']).where('input_id', '=', inputId(raw)).executeTakeFirst();
    if (!row) throw new HTTPException(422, { message: 'the record was read but produced no article' });
    const status = summary.unchanged ? 'unchanged' : summary.duplicates ? 'duplicate' : 'stored';
    c.header('Location', `/api/articles/${row.id}`);
    return c.json({ id: row.id, storyId: row.story_id, duplicateOf: row.duplicate_of, status }, status === 'unchanged' ? 200 : 201);
  });

  app.get('/api/entities/:id', async (c) => {
    const e = await loadEntity(store, c.req.param('id'));
    if (!e) return notFound(`no entity ${c.req.param('id')}`);
    return c.json({ entity: e.page.entity, events: timelineOrder(e.page.events), stories: e.page.stories });
  });

  app.get('/api/search', async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 300);
    const p = paging((k) => c.req.query(k), 20, 100);
    const date = (k: string): string | undefined => (/^\d{4}-\d{2}-\d{2}$/.test(c.req.query(k) ?? '') ? c.req.query(k) : undefined);
    const r = await searchArticles(store.db, { q, language: c.req.query('lang') || undefined, site: c.req.query('site') || undefined, from: date('from'), to: date('to'), limit: p.limit, offset: p.offset });
    // Match markers become [[…]] in JSON: plain text a client can highlight without parsing HTML.
    const hits = r.hits.map((h) => ({ ...h, snippet: h.snippet.replace(/\u0001/g, '[[').replace(/\u0002/g, ']]') }));
    return listOf(c, 'results', hits, p, r.total);
  });

  app.get('/api/sources', async (c) => c.json({ feeds: await listFeeds(store.db) }));
  app.post('/api/sources', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { url?: unknown; category?: unknown; title?: unknown };
    const url = typeof body.url === 'string' ? httpUrl(body.url) : undefined;
    if (!url) throw new HTTPException(400, { message: '"url" must be an http(s) URL' });
    const { feed, added } = await addFeed(store.db, { url, category: typeof body.category === 'string' ? body.category : null, title: typeof body.title === 'string' ? body.title : null });
    return c.json({ feed, added }, added ? 201 : 200);
  });

  app.get('/api/corrections', async (c) => {
    if (!c.get('admin')) throw new HTTPException(401, { message: 'correction requests are for the admin: send the admin token' });
    return c.json({ corrections: await corrections(store.db, c.req.query('article') || undefined) });
  });

  app.get('/healthz', async (c) => c.json({ ok: true, ...(await store.counts()) }));
  return app;
}
