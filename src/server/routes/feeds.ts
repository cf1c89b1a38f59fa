// Atom and JSON Feed per story and per entity (new and superseded facts; see server/feeds.ts).
// A story's feeds are kept finished per story version (and origin: their links are absolute).
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { finish, send, type Finished } from '../cache.ts';
import { loadEntity, loadStory } from '../data.ts';
import { atomFeed, jsonFeed, newStoriesAtom, type FeedInput } from '../feeds.ts';
import { origin, type Deps } from '../render.ts';
import type { Env } from '../security.ts';

function feed(f: FeedInput, format: 'atom' | 'json'): Promise<Finished> {
  const cacheControl = 'public, max-age=60';
  if (format === 'atom') return finish(atomFeed(f), { type: 'application/atom+xml; charset=utf-8', cacheControl });
  return finish(JSON.stringify(jsonFeed(f)), { type: 'application/feed+json; charset=utf-8', cacheControl });
}

export function feedRoutes(deps: Deps): Hono<Env> {
  const { store, cache, versions } = deps;
  const app = new Hono<Env>();

  // New stories, site-wide: kept per store generation and origin.
  app.get('/feed.atom', async (c) => {
    const base = origin(c);
    const f = await cache.get(`feed|stories|${base}`, await versions.generation(), async () => finish(newStoriesAtom(await store.pages.newestStories(50), base), { type: 'application/atom+xml; charset=utf-8', cacheControl: 'public, max-age=60' }));
    return send(c, f);
  });

  // One route per format, not a pattern parameter: plain paths keep Hono on its RegExpRouter
  // (one regular expression for the whole route table) rather than walking a trie per request.
  for (const format of ['atom', 'json'] as const) {
    app.get(`/stories/:id/feed.${format}`, async (c) => {
      const id = c.req.param('id');
      const s = await versions.story(id);
      if (!s) throw new HTTPException(404, { message: `There is no story ${id}.` });
      const base = origin(c);
      const f = await cache.get(`feed|${id}|${format}|${base}`, s.stamp, async () => {
        const v = await loadStory(store, s.id);
        if (!v) throw new HTTPException(404, { message: `There is no story ${id}.` });
        return feed(
          { kind: 'story', id: v.story.id, title: v.story.title, pageUrl: `${base}/stories/${v.story.id}`, selfUrl: `${base}/stories/${v.story.id}/feed.${format}`, updated: v.story.updatedAt, events: v.events, articles: new Map(v.articles.map((a) => [a.id, a])), base },
          format,
        );
      });
      return send(c, f);
    });

    app.get(`/entities/:id/feed.${format}`, async (c) => {
      const e = await loadEntity(store, c.req.param('id'));
      if (!e) throw new HTTPException(404, { message: `There is no entity ${c.req.param('id')}.` });
      const base = origin(c);
      const id = e.page.entity.id;
      return send(
        c,
        await feed(
          { kind: 'entity', id, title: e.page.entity.name, pageUrl: `${base}/entities/${id}`, selfUrl: `${base}/entities/${id}/feed.${format}`, updated: e.page.stories[0]?.updatedAt ?? new Date(0).toISOString(), events: e.page.events, articles: e.articles, base },
          format,
        ),
      );
    });
  }
  return app;
}
