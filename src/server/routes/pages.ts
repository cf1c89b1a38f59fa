// Reader pages: home, story (its timeline, paged, and its articles), entity, article (with
// "report an error"), search. Pages without a form are the same for every reader and are built
// once per version of what they show (see cache.ts); pages with a form carry the reader's token.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { send } from '../cache.ts';
import { loadEntity, loadStory, paging } from '../data.ts';
import { finishPage, render, type Deps } from '../render.ts';
import { clientKey, csrfToken, type Env } from '../security.ts';
import { RateLimit } from '../limits.ts';
import { config } from '../../config.ts';
import type { Cursor, Store } from '../../store/index.ts';
import type { ExportEvent } from '../../types.ts';
import type { Story } from '../../types.ts';
import { articlePage, reportForm } from '../views/article.ts';
import { entityPage } from '../views/entity.ts';
import { homePage } from '../views/home.ts';
import { searchPage, type SearchParams } from '../views/search.ts';
import { articlesPage, storyPage } from '../views/story.ts';

const notFound = (what: string): never => {
  throw new HTTPException(404, { message: what });
};

/** The live-update stream of a page, with the positions it was built at. */
const liveUrl = (since: Cursor, story?: string): string => `/live?since=${since.articles}&analysed=${since.analyses}${story ? `&story=${story}` : ''}`;

/** A page number from the query: 1 when absent; undefined when it is not a page number. */
export function pageParam(q: string | undefined): number | undefined {
  if (q === undefined || q === '') return 1;
  return /^[1-9]\d{0,5}$/.test(q) ? Number(q) : undefined;
}

/** The newest development of each story, kept per story version: the home page is rebuilt on
 * every store change (an ingest elsewhere commits every few seconds), but only the stories that
 * changed need their analysis read again. Bounded; the oldest entries go first. */
class NewestDevelopments {
  private readonly entries = new Map<string, { version: string; event: ExportEvent | undefined }>();
  private readonly max: number;
  constructor(max = 2000) {
    this.max = max;
  }

  /** `generation`: the analysis position; an analysis written since may change any story's line. */
  async of(store: Store, stories: Story[], generation: number): Promise<Map<string, ExportEvent>> {
    const version = (s: Story): string => `${s.updatedAt}|${Object.values(s.languages).reduce((a, b) => a + b, 0)}|${generation}`;
    const out = new Map<string, ExportEvent>();
    const missing = stories.filter((s) => this.entries.get(s.id)?.version !== version(s));
    const fresh = missing.length ? await store.analysis.newestDevelopments(missing.map((s) => s.id)) : new Map<string, ExportEvent>();
    for (const s of missing) {
      this.entries.delete(s.id);
      this.entries.set(s.id, { version: version(s), event: fresh.get(s.id) });
      if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    }
    for (const s of stories) {
      const event = this.entries.get(s.id)?.event ?? fresh.get(s.id);
      if (event) out.set(s.id, event);
    }
    return out;
  }
}

export function pageRoutes(deps: Deps): Hono<Env> {
  const { store, cache, versions } = deps;
  const app = new Hono<Env>();
  const newest = new NewestDevelopments();
  // Correction reports are open to readers: a few per client and hour.
  const reports = new RateLimit(config('correctionsPerHour'), 3600_000);

  // Home is the same for every reader until the store changes.
  app.get('/', async (c) => {
    const p = paging((k) => c.req.query(k), 30, 100);
    const generation = await versions.generation();
    const f = await cache.get(`home|${p.page}|${p.limit}`, generation, async () => {
      // The live cursor is read first: an article stored while the page is built is counted as
      // new by the live updates rather than missed.
      const since = await store.live.cursor();
      const { stories, total } = await store.pages.rankedStories(p);
      return finishPage(deps, { title: 'Stories', nav: 'home', live: liveUrl(since) }, homePage(stories, await newest.of(store, stories, since.analyses), p.page, p.offset + stories.length < total, total));
    });
    return send(c, f);
  });

  // A story page is built once per story version and page, and sent as is to every reader until
  // the story changes (an article joins, a merge, a person's decision). It shows no "… ago" of
  // its own (see views/layout.ts `updated`), so the clock does not change it.
  app.get('/stories/:id', async (c) => {
    const id = c.req.param('id');
    const page = pageParam(c.req.query('page'));
    // The timeline shows the key events unless asked for all of them.
    const view = c.req.query('view') === 'all' ? 'all' : 'key';
    const s = await versions.story(id);
    if (!s || !page) return notFound(`There is no story ${id}${page ? '' : ' page like that'}.`);
    if (s.mergedFrom) return c.redirect(`/stories/${s.id}`, 301);
    const f = await cache.get(`story|${s.id}|${page}|${view}`, s.stamp, async () => {
      const since = await store.live.cursor();
      const v = await loadStory(store, s.id);
      const body = v && storyPage(v, page, view);
      if (!v || !body) return notFound(`There is no page ${page} of story ${id}.`);
      const { story } = v;
      return finishPage(
        deps,
        { title: page > 1 ? `${story.title} (page ${page})` : story.title, description: story.summary.slice(0, 200), live: liveUrl(since, story.id), feeds: { atom: `/stories/${story.id}/feed.atom`, json: `/stories/${story.id}/feed.json` } },
        body,
      );
    });
    return send(c, f);
  });

  app.get('/stories/:id/articles', async (c) => {
    const id = c.req.param('id');
    const page = pageParam(c.req.query('page'));
    const s = await versions.story(id);
    if (!s || !page) return notFound(`There is no story ${id}${page ? '' : ' page like that'}.`);
    if (s.mergedFrom) return c.redirect(`/stories/${s.id}/articles`, 301);
    const f = await cache.get(`story-articles|${s.id}|${page}`, s.stamp, async () => {
      const since = await store.live.cursor();
      const v = await loadStory(store, s.id);
      const body = v && articlesPage(v, page);
      if (!v || !body) return notFound(`There is no page ${page} of the articles of story ${id}.`);
      return finishPage(deps, { title: `Articles: ${v.story.title}`, live: liveUrl(since, v.story.id) }, body);
    });
    return send(c, f);
  });

  app.get('/entities/:id', async (c) => {
    const id = c.req.param('id');
    const e = await loadEntity(store, id);
    if (!e) return notFound(`There is no person, organisation or place ${id} in any story.`);
    return render(c, deps, { title: e.page.entity.name, feeds: { atom: `/entities/${id}/feed.atom`, json: `/entities/${id}/feed.json` } }, entityPage(e.page, e.articles));
  });

  app.get('/articles/:id', async (c) => {
    const id = c.req.param('id');
    const a = await store.pages.article(id);
    if (!a) return notFound(`There is no article ${id}.`);
    const story = a.storyId ? await store.pages.storyTitle(a.storyId) : undefined;
    const original = a.duplicateOf ? (await store.pages.articlesLite([a.duplicateOf])).get(a.duplicateOf) : undefined;
    // The report form carries the reader's token: this page is rendered for each reader.
    const csrf = csrfToken(c);
    const inferred = a.storyId && !a.publishedAt ? (await store.analysis.inferredDates(a.storyId))[a.id] : undefined;
    return render(c, deps, { title: a.title, description: a.subtitle ?? undefined, csrf }, articlePage(a, story, original, csrf, await store.corrections.list(a.id), c.req.query('reported') === '1', inferred));
  });

  app.post('/articles/:id/report', async (c) => {
    const id = c.req.param('id');
    const turn = reports.take(clientKey(c));
    if (!turn.ok) {
      c.header('Retry-After', String(turn.retryAfterS));
      throw new HTTPException(429, { message: `You have sent many correction requests in the last hour; try again in ${Math.ceil(turn.retryAfterS / 60)} min.` });
    }
    const a = await store.pages.article(id);
    if (!a) return notFound(`There is no article ${id}.`);
    const body = await c.req.parseBody();
    const message = typeof body.message === 'string' ? body.message.trim().slice(0, 4000) : '';
    const quote = typeof body.quote === 'string' && body.quote.trim() ? body.quote.trim().slice(0, 500) : null;
    if (!message) throw new HTTPException(400, { message: 'Say what is wrong: the message is empty.' });
    await store.corrections.add({ articleId: id, message, quote });
    // htmx swaps the form for the thanks; without JavaScript, back to the article (POST/redirect/GET).
    if (c.req.header('hx-request')) return c.html(reportForm(a, csrfToken(c), true));
    return c.redirect(`/articles/${id}?reported=1#report`, 303);
  });

  // Results change only when the store does: a search page is built once per query and store
  // generation (the language and source filters are a scan of every article).
  app.get('/search', async (c) => {
    const date = (k: string): string | undefined => (/^\d{4}-\d{2}-\d{2}$/.test(c.req.query(k) ?? '') ? c.req.query(k) : undefined);
    const params: SearchParams = { q: (c.req.query('q') ?? '').slice(0, 300), lang: c.req.query('lang') || undefined, site: c.req.query('site') || undefined, from: date('from'), to: date('to') };
    const p = paging((k) => c.req.query(k), 20, 50);
    const generation = await versions.generation();
    const f = await cache.get(`search|${JSON.stringify(params)}|${p.page}|${p.limit}`, generation, async () => {
      const [filters, result] = await Promise.all([
        store.search.facets(),
        params.q.trim() ? store.search.articles({ q: params.q, language: params.lang, site: params.site, from: params.from, to: params.to, limit: p.limit, offset: p.offset }) : undefined,
      ]);
      return finishPage(deps, { title: params.q ? `Search: ${params.q}` : 'Search', nav: 'search', q: params.q }, searchPage(params, filters, result, p.page, p.limit));
    });
    return send(c, f);
  });

  return app;
}
