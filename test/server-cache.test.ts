// Kept responses (src/server/cache.ts) and what they must never get wrong: a kept page or JSON
// changes when what it shows changes (an article joins, a merge, any write for the lists), a
// conditional request gets its 304, gzip is the same document, pages without a form carry no
// reader's token while pages with one do and the token works, and a story page stays within its
// weight budget however large the story.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { ingest } from './helpers.ts';
import { acceptsGzip, etagMatches, finish, ResponseCache } from '../src/server/cache.ts';
import { createApp } from '../src/server/index.ts';
import { Versions } from '../src/server/versions.ts';
import { CSP } from '../src/server/security.ts';
import { articlesPage, planTimeline, storyPage, type StoryView } from '../src/server/views/story.ts';
import { Store, type ArticleLite } from '../src/store/index.ts';
import { mergeStories } from '../src/stories/index.ts';
import type { ExportEvent } from '../src/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'storyline-cache-'));
let store: Store;
let app: ReturnType<typeof createApp>;

before(async () => {
  store = await Store.open({ db: join(dir, 'c.db') });
  await ingest([new URL('../demo/corpus', import.meta.url).pathname], store, {}, { workers: 'never', analyse: true });
  app = createApp(store);
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const big = async (): Promise<string> => (await store.pages.allStories()).find((s) => s.articleIds.length > 5)!.id;

test('ResponseCache: a version change rebuilds, concurrent misses build once, failures and oversized entries are not kept', async () => {
  const cache = new ResponseCache(64 * 1024);
  let builds = 0;
  const make = (body: string) => async () => {
    builds++;
    return finish(body, { type: 'text/plain' });
  };
  const [a, b] = await Promise.all([cache.get('k', 'v1', make('one')), cache.get('k', 'v1', make('one'))]);
  assert.equal(builds, 1, 'two concurrent misses share one build');
  assert.equal(a, b);
  assert.equal(await cache.get('k', 'v1', make('one')), a, 'a hit is the same finished response');
  const c = await cache.get('k', 'v2', make('two'));
  assert.equal(builds, 2);
  assert.equal(Buffer.from(c.identity).toString(), 'two');
  await assert.rejects(Promise.resolve(cache.get('bad', 'v1', () => Promise.reject(new Error('boom')))));
  await cache.get('bad', 'v1', make('fine'));
  assert.equal(builds, 3, 'a failed build is not kept');
  await cache.get('huge', 'v1', make('x'.repeat(20_000)));
  await cache.get('huge', 'v1', make('x'.repeat(20_000)));
  assert.equal(builds, 5, 'an entry over an eighth of the budget is sent, not kept');
  // A slow build of an old version ends after the new version was kept: the new one stays.
  let release!: () => void;
  const slow = cache.get('race', 'old', async () => {
    await new Promise<void>((r) => (release = r));
    return finish('old', { type: 'text/plain' });
  });
  await cache.get('race', 'new', make('new'));
  release();
  await slow;
  const kept = await cache.get('race', 'new', make('rebuilt'));
  assert.equal(Buffer.from(kept.identity).toString(), 'new');
});

test('ResponseCache: the byte budget evicts the least recently used first', async () => {
  const cache = new ResponseCache(40 * 1024);
  const body = (i: number): string => `${i}:`.padEnd(4000, 'x');
  const built: string[] = [];
  const get = (k: string) => cache.get(k, 'v', async () => {
    built.push(k);
    return finish(body(Number(k.slice(1))), { type: 'application/octet-stream' });
  });
  for (let i = 0; i < 12; i++) await get(`k${i}`);
  assert.ok(cache.size.bytes <= 40 * 1024, `${cache.size.bytes} bytes kept`);
  assert.ok(cache.size.entries < 12);
  await get('k11'); // most recent: still kept
  assert.equal(built.filter((k) => k === 'k11').length, 1);
  await get('k0'); // oldest: evicted, built again
  assert.equal(built.filter((k) => k === 'k0').length, 2);
});

test('Versions: the generation is read once per event-loop turn; a write is seen from the next turn, or at once after forget()', async () => {
  const versions = new Versions(store);
  const id = await big();
  const g1 = await versions.generation();
  const s1 = await versions.story(id);
  assert.equal(versions.generation(), versions.generation(), 'one reading for the whole turn');
  // Any commit moves the generation: a subscription added, then removed. A turn keeps its
  // reading: a write that completes within it (SQLite answers without leaving the turn) is not
  // seen until the next one, or forget().
  const turn = versions.generation();
  await store.feeds.add({ url: 'https://versions.example/feed.xml' });
  if (versions.generation() === turn) assert.equal(await versions.generation(), g1, 'the same turn keeps its reading');
  versions.forget();
  const g2 = await versions.generation();
  assert.notEqual(g2, g1, 'after forget(), the write is seen');
  assert.deepEqual(await versions.story(id), s1, 'a stamp read again when the generation moved');
  await store.feeds.remove('https://versions.example/feed.xml');
  await new Promise((r) => setImmediate(r));
  assert.notEqual(await versions.generation(), g2, 'the next turn reads the store again');
  assert.equal(await versions.story('no-such-story'), undefined);
});

test('Accept-Encoding and If-None-Match are read as HTTP says', () => {
  assert.equal(acceptsGzip('gzip'), true);
  assert.equal(acceptsGzip('gzip, deflate, br, zstd'), true);
  assert.equal(acceptsGzip('br;q=1.0, gzip;q=0.5'), true);
  assert.equal(acceptsGzip('gzip;q=0'), false);
  assert.equal(acceptsGzip('identity'), false);
  assert.equal(acceptsGzip('*'), true);
  assert.equal(acceptsGzip('*;q=0.1, gzip;q=0'), false);
  assert.equal(acceptsGzip(undefined), false);
  assert.equal(etagMatches('W/"abc"', 'W/"abc"'), true);
  assert.equal(etagMatches('"abc"', 'W/"abc"'), true, 'weak comparison');
  assert.equal(etagMatches('"x", W/"abc"', 'W/"abc"'), true);
  assert.equal(etagMatches('*', 'W/"abc"'), true);
  assert.equal(etagMatches('W/"abd"', 'W/"abc"'), false);
  assert.equal(etagMatches(undefined, 'W/"abc"'), false);
});

test('a story page is the same for every reader: no token, no cookie; ETag, 304 and gzip of the same bytes', async () => {
  const id = await big();
  const plain = await app.request(`/stories/${id}`);
  assert.equal(plain.status, 200);
  assert.equal(plain.headers.get('set-cookie'), null, 'no cookie on a page without a form');
  const html = await plain.text();
  assert.ok(!/csrf/i.test(html), 'no token in a page without a form');
  assert.equal(plain.headers.get('cache-control'), 'no-cache');
  const etag = plain.headers.get('etag')!;
  assert.match(etag, /^W\/".+"$/);
  const gz = await app.request(`/stories/${id}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.equal(gz.headers.get('vary'), 'Accept-Encoding');
  assert.equal(gz.headers.get('etag'), etag);
  assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), html);
  const again = await app.request(`/stories/${id}`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
  assert.equal(again.headers.get('etag'), etag);
  assert.equal(again.headers.get('content-security-policy'), CSP);
  // Another reader, with cookies of their own, gets the very same bytes.
  const other = await app.request(`/stories/${id}`, { headers: { cookie: 'sl_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
  assert.equal(await other.text(), html);
});

test('a page with a form issues the reader a token, and that token passes the CSRF check', async () => {
  const articleId = (await store.pages.articles())[0]!.id;
  const page = await app.request(`/articles/${articleId}`);
  const setCookie = page.headers.get('set-cookie')!;
  assert.match(setCookie, /sl_csrf=[\w-]+\.[\w-]+;.*HttpOnly/i);
  assert.match(page.headers.get('cache-control')!, /private/);
  const cookie = setCookie.split(';')[0]!;
  const html = await page.text();
  const field = /name="_csrf" value="([\w.-]+)"/.exec(html)?.[1];
  assert.equal(field, cookie.split('=')[1], 'the form carries the cookie’s token');
  const ok = await app.request(`/articles/${articleId}/report`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: `message=typo&_csrf=${field}` });
  assert.equal(ok.status, 303);
  const forged = await app.request(`/articles/${articleId}/report`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'sl_csrf=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' }, body: `message=typo&_csrf=${field}` });
  assert.equal(forged.status, 403, 'a token that is not the cookie’s is refused');
  // A returning reader keeps their token; the report is counted on the (per-reader) page.
  const back = await app.request(`/articles/${articleId}`, { headers: { cookie } });
  assert.equal(back.headers.get('set-cookie'), null);
  assert.match(await back.text(), /1 correction request recorded/);
});

test('an article joining a story changes its kept page, JSON, feed and the lists', async () => {
  const id = await big();
  const before = {
    page: await app.request(`/stories/${id}`),
    json: await app.request(`/api/stories/${id}`),
    feed: await app.request(`/stories/${id}/feed.json`),
    list: await app.request('/api/articles?limit=5'),
    home: await app.request('/'),
  };
  const pageHtml = await before.page.text();
  const since = Number(/data-live="\/live\?since=(\d+)/.exec(pageHtml)?.[1]);
  const extra = join(dir, 'extra.json');
  writeFileSync(extra, JSON.stringify({ title: 'Veltrane : Katarina Vollmer reprend officiellement la direction', text: 'Katarina Vollmer a repris officiellement jeudi la direction de Veltrane, la société grenobloise de GridSense, après la confirmation par le conseil d’administration. Lukas Heinemann quitte l’intérim.', language: 'fr', site: 'Test', publishedAt: '2026-03-12T10:00:00Z' }));
  // Written straight to the store, not through the server: the server must notice by itself.
  await ingest([extra], store, {}, { workers: 'never', analyse: true });
  const added = (await store.pages.articles({ newestFirst: true, limit: 1 }))[0]!;
  assert.equal(added.site, 'Test');
  assert.equal(added.storyId, id, 'the article joined the story');
  const page = await app.request(`/stories/${id}`);
  assert.notEqual(page.headers.get('etag'), before.page.headers.get('etag'));
  const html = await page.text();
  assert.ok(html.includes(`/articles/${added.id}`) || html.includes(`/stories/${id}/articles`), 'the new article is listed or reachable');
  assert.ok(Number(/data-live="\/live\?since=(\d+)/.exec(html)?.[1]) > since, 'live updates count from the new page');
  const json = (await (await app.request(`/api/stories/${id}`)).json()) as { articles: Array<{ id: string }> };
  assert.ok(json.articles.some((a) => a.id === added.id));
  assert.notEqual((await app.request(`/api/stories/${id}`)).headers.get('etag'), before.json.headers.get('etag'));
  assert.notEqual((await app.request(`/stories/${id}/feed.json`)).headers.get('etag'), before.feed.headers.get('etag'));
  const list = (await (await app.request('/api/articles?limit=5')).json()) as { articles: Array<{ id: string }>; total: number };
  assert.equal(list.total, ((await before.list.json()) as { total: number }).total + 1);
  assert.ok(list.articles.some((a) => a.id === added.id), 'newest first');
  const home = await (await app.request('/')).text();
  assert.notEqual(home, await before.home.text());
  // The home page's "Latest" line of that story is its newest development as it stands now.
  const latest = (await store.analysis.newestDevelopments([id])).get(id);
  const card = home.slice(home.indexOf(`href="/stories/${id}"`));
  assert.ok(latest);
  assert.ok(card.slice(0, card.indexOf('</li>')).includes(escapeHtml(latest.summary)), 'the newest development is current');
  // The old ETag no longer matches: a client revalidating gets the new page.
  assert.equal((await app.request(`/stories/${id}`, { headers: { 'if-none-match': before.page.headers.get('etag')! } })).status, 200);
});

test('a write through the server is seen by the very next request', async () => {
  const id = await big();
  const before = (await (await app.request(`/api/stories/${id}`)).json()) as { articles: unknown[] };
  const csrf = await app.request('/api/csrf');
  const cookie = csrf.headers.get('set-cookie')!.split(';')[0]!;
  const { token } = (await csrf.json()) as { token: string };
  const record = { title: 'Veltrane : Lukas Heinemann quitte officiellement l’intérim', text: 'Lukas Heinemann a quitté officiellement jeudi l’intérim de la direction de Veltrane, après le retour confirmé de Katarina Vollmer par le conseil d’administration de la société grenobloise.', language: 'fr', site: 'Pushed', publishedAt: '2026-03-12T11:00:00Z' };
  const pushed = await app.request('/api/articles', { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token }, body: JSON.stringify(record) });
  assert.equal(pushed.status, 201);
  const { storyId } = (await pushed.json()) as { storyId: string };
  assert.equal(storyId, id, 'the pushed article joined the story');
  const after = (await (await app.request(`/api/stories/${id}`)).json()) as { articles: unknown[] };
  assert.equal(after.articles.length, before.articles.length + 1);
});

test('a merge: the merged story redirects, its JSON and its articles follow the story that absorbed it', async () => {
  const [into, from] = (await store.pages.allStories()).sort((a, b) => b.articleIds.length - a.articleIds.length).map((s) => s.id);
  const fromArticle = (await store.pages.storyArticles(from!))[0]!.id;
  const warm = {
    from: await app.request(`/stories/${from}`),
    into: await app.request(`/stories/${into}`),
    json: (await (await app.request(`/api/stories/${from}`)).json()) as { story: { id: string }; mergedFrom: string | null },
    article: (await (await app.request(`/api/articles/${fromArticle}`)).json()) as { storyId: string },
  };
  assert.equal(warm.from.status, 200);
  assert.equal(warm.json.mergedFrom, null);
  assert.equal(warm.article.storyId, from);
  await mergeStories(store.stories, into!, [from!]);
  // Written straight to the store, in-process: the server sees it from the next event-loop turn.
  await new Promise((r) => setImmediate(r));
  const moved = await app.request(`/stories/${from}`);
  assert.equal(moved.status, 301);
  assert.equal(moved.headers.get('location'), `/stories/${into}`);
  const json = (await (await app.request(`/api/stories/${from}`)).json()) as { story: { id: string }; mergedFrom: string | null };
  assert.deepEqual([json.story.id, json.mergedFrom], [into, from]);
  const article = (await (await app.request(`/api/articles/${fromArticle}`)).json()) as { storyId: string };
  assert.equal(article.storyId, into);
  assert.notEqual((await app.request(`/stories/${into}`)).headers.get('etag'), warm.into.headers.get('etag'));
});

test('search answers change with the store; every answer carries the security headers', async () => {
  const first = (await (await app.request('/api/search?q=GridSense')).json()) as { total: number; next: string | null };
  const extra = join(dir, 'gridsense.txt');
  writeFileSync(extra, 'GridSense : un nouveau capteur pour les réseaux électriques\n\nLa société GridSense présente un capteur de réseau électrique, annoncé lors d’un salon professionnel à Lyon cette semaine, avec des essais prévus dans trois régions.\n');
  await ingest([extra], store, {}, { workers: 'never' });
  const second = (await (await app.request('/api/search?q=GridSense')).json()) as { total: number };
  assert.equal(second.total, first.total + 1);
  for (const r of ['/api/search?q=GridSense', '/search?q=GridSense', '/assets/app.js', '/live?since=0', '/nope']) {
    const res = await app.request(r);
    assert.equal(res.headers.get('content-security-policy'), CSP, r);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', r);
    if (r.startsWith('/live')) await res.body?.cancel();
  }
});

// A story far larger than any real one, to check the page budget does not depend on its size.
function hugeStory(events: number, originals: number, copiesEach: number): StoryView {
  const articles: ArticleLite[] = [];
  for (let i = 0; i < originals; i++) {
    const id = `a${String(i).padStart(5, '0')}`;
    articles.push({ id, title: `A long enough article title number ${i} about the ongoing events`, site: `site${i % 60}.example`, url: null, authors: [], language: i % 2 ? 'fr' : 'en', publishedAt: '2025-01-02T17:36:57Z', ingestedAt: '2025-01-02T18:00:00Z', duplicateOf: null, versionOf: null, storyId: 's1' });
    for (let k = 0; k < copiesEach; k++) articles.push({ ...articles.at(-1)!, id: `${id}c${k}`, site: `copy${k}.example`, duplicateOf: id });
  }
  const ev: ExportEvent[] = [];
  for (let i = 0; i < events; i++) {
    const day = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    ev.push({
      id: `e${String(i).padStart(5, '0')}`,
      storyId: 's1',
      type: 'statement',
      summary: `Somebody said something notable, number ${i}, in a summary of ordinary length`,
      participants: [],
      date: { start: day, end: null, precision: 'day', text: `on ${day}` },
      sources: Array.from({ length: 8 }, (_, k) => ({ articleId: articles[(i + k) % articles.length]!.id, sentence: `Quoted sentence ${k} of event ${i}, as long as a sentence in a news article usually is, with a clause or two more.`, reportedAt: '2025-01-03T10:00:00Z' })),
      status: i % 10 === 1 ? 'superseded' : i % 10 === 2 ? 'contradicted' : 'reported',
      supersededBy: i % 10 === 1 ? `e${String((i * 7 + 90) % events).padStart(5, '0')}` : null,
      contradicts: i % 10 === 2 ? [`e${String((i * 13 + 5) % events).padStart(5, '0')}`] : [],
    });
  }
  return {
    story: { id: 's1', title: 'A very large story', summary: 'Its summary.', articleIds: articles.map((a) => a.id), entityIds: [], eventIds: ev.map((e) => e.id), firstSeenAt: '2025-01-01T00:00:00Z', updatedAt: '2025-02-01T00:00:00Z', sourceCount: originals, languages: { en: originals / 2, fr: originals / 2 }, firstAt: null, lastAt: null },
    events: ev,
    entities: [],
    articles,
  };
}

test('story pages stay under 60 KB however large the story, and every event and article is reachable', async () => {
  const v = hugeStory(500, 400, 6);
  const plan = planTimeline(v);
  const { pages } = plan;
  assert.ok(pages > 5, `${pages} pages`);
  assert.equal(storyPage(v, pages + 1, 'all', plan), undefined);
  const seen = new Map<string, number>();
  for (let p = 1; p <= pages; p++) {
    const html = String(await storyPage(v, p, 'all', plan));
    assert.ok(Buffer.byteLength(html) < 56 * 1024, `page ${p}: ${Math.round(Buffer.byteLength(html) / 1024)} KB (the frame adds about 2 KB)`);
    for (const m of html.matchAll(/<li class="event[^"]*" id="ev-(\w+)"/g)) {
      assert.ok(!seen.has(m[1]!), `${m[1]} on one page only`);
      seen.set(m[1]!, p);
    }
    // A link to an event on another page goes to that page.
    for (const m of html.matchAll(/href="([^"]*)#ev-(\w+)"/g)) {
      const target = m[2]!;
      const expected = seen.get(target) === p ? '' : undefined;
      if (expected === '') assert.equal(m[1], '', `link to ${target} on the same page`);
      else assert.match(m[1]!, /^(\/stories\/s1(\?(page=\d+&amp;)?view=all)?)?$/);
    }
  }
  assert.equal(seen.size, 500, 'every event on exactly one page');
  for (const e of v.events.filter((x) => x.supersededBy)) {
    const html = String(await storyPage(v, seen.get(e.id)!, 'all', plan));
    const target = seen.get(e.supersededBy!)!;
    const href = target === seen.get(e.id) ? `#ev-${e.supersededBy}` : `/stories/s1?${target > 1 ? `page=${target}&amp;` : ''}view=all#ev-${e.supersededBy}`;
    assert.ok(html.includes(`href="${href}"`), `${e.id} links to ${href}`);
  }
  const listed = new Set<string>();
  for (let p = 1; ; p++) {
    const page = articlesPage(v, p);
    if (!page) break;
    const html = String(await page);
    assert.ok(Buffer.byteLength(html) < 56 * 1024, `articles page ${p}: ${Math.round(Buffer.byteLength(html) / 1024)} KB`);
    for (const m of html.matchAll(/<a class="title" href="\/articles\/(a\d+)">/g)) listed.add(m[1]!);
  }
  assert.equal(listed.size, 400, 'every original on the articles view');
});

test('story page paging over HTTP: a page past the end is a 404, a bad page number too', async () => {
  const id = await big();
  assert.equal((await app.request(`/stories/${id}?page=1`)).status, 200);
  assert.equal((await app.request(`/stories/${id}?page=999`)).status, 404);
  assert.equal((await app.request(`/stories/${id}?page=abc`)).status, 404);
  assert.equal((await app.request(`/stories/${id}/articles`)).status, 200);
  assert.equal((await app.request(`/stories/${id}/articles?page=999`)).status, 404);
});
