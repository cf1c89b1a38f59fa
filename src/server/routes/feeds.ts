// Atom and JSON Feed per story and per entity (new and superseded facts; see server/feeds.ts).
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { loadEntity, loadStory } from '../data.ts';
import { atomFeed, jsonFeed, type FeedInput } from '../feeds.ts';
import { origin, type Deps } from '../render.ts';
import type { Env } from '../security.ts';

function send(c: Context, f: FeedInput, format: 'atom' | 'json'): Response {
  c.header('Cache-Control', 'public, max-age=60');
  if (format === 'atom') return c.body(atomFeed(f), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  return c.body(JSON.stringify(jsonFeed(f)), 200, { 'Content-Type': 'application/feed+json; charset=utf-8' });
}

export function feedRoutes(deps: Deps): Hono<Env> {
  const { store } = deps;
  const app = new Hono<Env>();

  app.get('/stories/:id/:file{feed\\.(atom|json)}', async (c) => {
    const format = c.req.param('file') === 'feed.atom' ? 'atom' : 'json';
    const v = await loadStory(store, c.req.param('id'));
    if (!v) throw new HTTPException(404, { message: `There is no story ${c.req.param('id')}.` });
    const base = origin(c);
    return send(
      c,
      { kind: 'story', id: v.story.id, title: v.story.title, pageUrl: `${base}/stories/${v.story.id}`, selfUrl: `${base}/stories/${v.story.id}/${c.req.param('file')}`, updated: v.story.updatedAt, events: v.events, articles: new Map(v.articles.map((a) => [a.id, a])), base },
      format,
    );
  });

  app.get('/entities/:id/:file{feed\\.(atom|json)}', async (c) => {
    const format = c.req.param('file') === 'feed.atom' ? 'atom' : 'json';
    const e = await loadEntity(store, c.req.param('id'));
    if (!e) throw new HTTPException(404, { message: `There is no entity ${c.req.param('id')}.` });
    const base = origin(c);
    const id = e.page.entity.id;
    return send(
      c,
      { kind: 'entity', id, title: e.page.entity.name, pageUrl: `${base}/entities/${id}`, selfUrl: `${base}/entities/${id}/${c.req.param('file')}`, updated: e.page.stories[0]?.updatedAt ?? new Date(0).toISOString(), events: e.page.events, articles: e.articles, base },
      format,
    );
  });
  return app;
}
