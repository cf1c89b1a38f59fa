// Reader pages: home, story, entity, article (with "report an error"), search.
import { Hono } from 'hono';
import { raw } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import { addCorrection, corrections, facets, liveCursor, newestDevelopments, rankedStories, searchArticles } from '../../store/read.ts';
import { loadEntity, loadStory, paging, StoryMemo, storyVersion } from '../data.ts';
import { render, type Deps } from '../render.ts';
import type { Env } from '../security.ts';
import type { Story } from '../../types.ts';
import { articlePage, reportForm } from '../views/article.ts';
import { entityPage } from '../views/entity.ts';
import { homePage } from '../views/home.ts';
import { searchPage, type SearchParams } from '../views/search.ts';
import { storyPage } from '../views/story.ts';

const notFound = (what: string): never => {
  throw new HTTPException(404, { message: what });
};

export function pageRoutes(deps: Deps): Hono<Env> {
  const { store } = deps;
  const app = new Hono<Env>();
  const storyPages = new StoryMemo<{ story: Story; body: string } | { redirect: string } | undefined>();

  app.get('/', async (c) => {
    const p = paging((k) => c.req.query(k), 30, 100);
    const [{ stories, total }, since] = await Promise.all([rankedStories(store.db, p), liveCursor(store.db)]);
    const newest = await newestDevelopments(store.db, stories.map((s) => s.id));
    return render(c, deps, { title: 'Stories', nav: 'home', live: `/live?since=${since}` }, homePage(stories, newest, p.page, p.offset + stories.length < total, total));
  });

  app.get('/stories/:id', async (c) => {
    const id = c.req.param('id');
    const version = await storyVersion(store, id);
    if (!version) return notFound(`There is no story ${id}.`);
    // The page says how long ago the story changed: a rendering lasts a minute at most.
    const page = await storyPages.get(id, `${version}|${Math.floor(Date.now() / 60_000)}`, async () => {
      const v = await loadStory(store, id);
      if (!v) return undefined;
      if (v.mergedFrom) return { redirect: v.story.id };
      return { story: v.story, body: (await storyPage(v)).toString() };
    });
    if (!page) return notFound(`There is no story ${id}.`);
    if ('redirect' in page) return c.redirect(`/stories/${page.redirect}`, 301);
    const since = await liveCursor(store.db);
    const { story } = page;
    return render(
      c,
      deps,
      { title: story.title, description: story.summary.slice(0, 200), live: `/live?since=${since}&story=${story.id}`, feeds: { atom: `/stories/${story.id}/feed.atom`, json: `/stories/${story.id}/feed.json` } },
      raw(page.body),
    );
  });

  app.get('/entities/:id', async (c) => {
    const id = c.req.param('id');
    const e = await loadEntity(store, id);
    if (!e) return notFound(`There is no person, organisation or place ${id} in any story.`);
    return render(c, deps, { title: e.page.entity.name, feeds: { atom: `/entities/${id}/feed.atom`, json: `/entities/${id}/feed.json` } }, entityPage(e.page, e.articles));
  });

  app.get('/articles/:id', async (c) => {
    const id = c.req.param('id');
    const a = await store.article(id);
    if (!a) return notFound(`There is no article ${id}.`);
    const story = a.storyId ? await store.db.selectFrom('stories').select(['id', 'title']).where('id', '=', a.storyId).executeTakeFirst() : undefined;
    const original = a.duplicateOf ? await store.db.selectFrom('articles').select(['id', 'title']).where('id', '=', a.duplicateOf).executeTakeFirst() : undefined;
    return render(c, deps, { title: a.title, description: a.subtitle ?? undefined }, articlePage(a, story, original, c.get('csrf'), await corrections(store.db, a.id), c.req.query('reported') === '1'));
  });

  app.post('/articles/:id/report', async (c) => {
    const id = c.req.param('id');
    const a = await store.article(id);
    if (!a) return notFound(`There is no article ${id}.`);
    const body = await c.req.parseBody();
    const message = typeof body.message === 'string' ? body.message.trim().slice(0, 4000) : '';
    const quote = typeof body.quote === 'string' && body.quote.trim() ? body.quote.trim().slice(0, 500) : null;
    if (!message) throw new HTTPException(400, { message: 'Say what is wrong: the message is empty.' });
    await addCorrection(store.db, { articleId: id, message, quote });
    // htmx swaps the form for the thanks; without JavaScript, back to the article (POST/redirect/GET).
    if (c.req.header('hx-request')) return c.html(reportForm(a, c.get('csrf'), true));
    return c.redirect(`/articles/${id}?reported=1#report`, 303);
  });

  app.get('/search', async (c) => {
    const date = (k: string): string | undefined => (/^\d{4}-\d{2}-\d{2}$/.test(c.req.query(k) ?? '') ? c.req.query(k) : undefined);
    const params: SearchParams = { q: (c.req.query('q') ?? '').slice(0, 300), lang: c.req.query('lang') || undefined, site: c.req.query('site') || undefined, from: date('from'), to: date('to') };
    const p = paging((k) => c.req.query(k), 20, 50);
    const [f, result] = await Promise.all([
      facets(store.db),
      params.q.trim() ? searchArticles(store.db, { q: params.q, language: params.lang, site: params.site, from: params.from, to: params.to, limit: p.limit, offset: p.offset }) : undefined,
    ]);
    return render(c, deps, { title: params.q ? `Search: ${params.q}` : 'Search', nav: 'search', q: params.q }, searchPage(params, f, result, p.page, p.limit));
  });

  return app;
}
