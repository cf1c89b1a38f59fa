// Issue #17, "feeds from the UI alone": a reader who only uses the Sources page gives a site's
// address, the feed it announces is found and checked at once, the server's own poller brings
// its articles, and the feed can be refreshed, renamed, exported and removed from the page. A
// private host is reachable only when it is on the allow-list.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Pipeline } from '../src/pipeline/index.ts';
import { createApp } from '../src/server/index.ts';
import { Store } from '../src/store/index.ts';
import { checkFeed, Poller } from '../src/subscriptions/index.ts';
import { discoverFeeds } from '../src/sources/index.ts';
import { startRouteServer, type RouteServer } from './support/route-server.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'feeds');
const dir = mkdtempSync(join(tmpdir(), 'storyline-feeds-ui-'));
let server: RouteServer;
let store: Store;
let pipeline: Pipeline;
let poller: Poller;
let app: ReturnType<typeof createApp>;

before(async () => {
  server = await startRouteServer();
  const rss = readFileSync(join(FIX, 'rss2.xml'));
  server.routes.set('/', (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><title>Le Quotidien</title><link rel="stylesheet" href="/s.css"><link rel="alternate" type="application/rss+xml" title="À la une" href="/rss.xml"></head><body><a href="/other.xml" rel="alternate" type="application/rss+xml">not in the head</a></body></html>');
  });
  server.routes.set('/rss.xml', (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(rss);
  });
  server.routes.set('/nofeed', (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><head><title>x</title></head><body>Nothing</body></html>');
  });
  process.env.STORYLINE_ALLOW_PRIVATE_HOSTS = '127.0.0.1';
  process.env.STORYLINE_FEED_FETCH_PAGES = 'false';
  store = await Store.open({ db: join(dir, 'f.db') });
  pipeline = new Pipeline(store);
  poller = new Poller(pipeline).start();
  app = createApp(store, { pipeline, poller });
});
after(async () => {
  delete process.env.STORYLINE_ALLOW_PRIVATE_HOSTS;
  delete process.env.STORYLINE_FEED_FETCH_PAGES;
  await poller.stop();
  await pipeline.close();
  await store.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function session(): Promise<{ cookie: string; token: string }> {
  const r = await app.request('/api/csrf');
  return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, token: ((await r.json()) as { token: string }).token };
}

const post = async (path: string, body: Record<string, string>): Promise<string> => {
  const { cookie, token } = await session();
  const r = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: new URLSearchParams({ ...body, _csrf: token }).toString() });
  assert.equal(r.status, 303, path);
  return decodeURIComponent(new URL(r.headers.get('location')!, 'http://x').searchParams.get('msg') ?? '');
};

test('autodiscovery reads the feed links of a page head only, resolved against the page', () => {
  const found = discoverFeeds('<html><head><link rel="alternate" type="application/atom+xml" href="feed.atom" title="Atom"><link rel="alternate stylesheet" href="x.css" type="text/css"><link rel="Alternate" type="application/feed+json" href="https://a.example/feed.json"></head><body><link rel="alternate" type="application/rss+xml" href="/late.xml"></body></html>', 'https://a.example/news/');
  assert.deepEqual(found.map((f) => f.url), ['https://a.example/news/feed.atom', 'https://a.example/feed.json']);
});

test('a site address subscribes to the feed it announces; the server polls it and its articles arrive', async () => {
  const msg = await post('/sources/feeds', { url: `${server.base}/` });
  assert.match(msg, new RegExp(`Subscribed to .* \\(found on ${server.base}/\\)`));
  const feeds = await store.feeds.list();
  assert.equal(feeds.length, 1);
  assert.equal(feeds[0]!.url, `${server.base}/rss.xml`);
  // Nothing else runs: the poller inside the server brings the entries.
  const deadline = Date.now() + 15_000;
  while ((await store.pages.counts()).articles === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.ok((await store.pages.counts()).articles > 0, 'articles arrived from the subscribed feed');
  assert.ok((await store.feeds.get(`${server.base}/rss.xml`))!.lastPolledAt);
});

test('a page without feeds, and an unreachable host, are refused at once with their real cause', async () => {
  assert.match(await post('/sources/feeds', { url: `${server.base}/nofeed` }), /Not subscribed: .* is a web page that names no feed/);
  assert.match(await post('/sources/feeds', { url: 'https://nothing-here.invalid/rss' }), /Not subscribed: cannot fetch https:\/\/nothing-here\.invalid\/rss: host not found/);
  assert.equal((await store.feeds.list()).length, 1);
});

test('refresh now, rename, OPML export and unsubscribe from the page', async () => {
  const feed = (await store.feeds.list())[0]!;
  const page = await (await app.request('/sources')).text();
  for (const action of ['refresh', 'edit', 'remove']) assert.ok(page.includes(`action="/sources/feeds/${feed.id}/${action}"`), action);
  assert.ok(page.includes('href="/sources/export.opml"'));
  const polledBefore = feed.lastPolledAt!;
  assert.match(await post(`/sources/feeds/${feed.id}/refresh`, {}), /Refreshing/);
  const deadline = Date.now() + 10_000;
  while ((await store.feeds.byId(feed.id))!.lastPolledAt === polledBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.notEqual((await store.feeds.byId(feed.id))!.lastPolledAt, polledBefore, 'polled again at once');
  await post(`/sources/feeds/${feed.id}/edit`, { title: 'Mon quotidien', category: 'Presse' });
  const edited = (await store.feeds.byId(feed.id))!;
  assert.equal(edited.title, 'Mon quotidien');
  assert.equal(edited.category, 'Presse');
  const opml = await (await app.request('/sources/export.opml')).text();
  assert.match(opml, /<opml/);
  assert.ok(opml.includes(`${server.base}/rss.xml`) && opml.includes('Presse'));
  assert.match(await post(`/sources/feeds/${feed.id}/remove`, {}), /Unsubscribed from Mon quotidien/);
  assert.equal((await store.feeds.list()).length, 0);
  assert.ok((await store.pages.counts()).articles > 0, 'its articles stay');
});

test('private hosts: only those on the allow-list are reachable, and a refusal says how to allow one', async () => {
  const listed = await checkFeed(`${server.base}/rss.xml`);
  assert.ok(listed.ok);
  const other = await (async () => {
    process.env.STORYLINE_ALLOW_PRIVATE_HOSTS = 'rss-bridge.lan, 10.0.0.0/8';
    try {
      return await checkFeed(`${server.base}/rss.xml`);
    } finally {
      process.env.STORYLINE_ALLOW_PRIVATE_HOSTS = '127.0.0.1';
    }
  })();
  assert.ok(!other.ok);
  assert.match(other.error, /127\.0\.0\.1 is loopback .*STORYLINE_ALLOW_PRIVATE_HOSTS=127\.0\.0\.1 allows this address alone/);
  process.env.STORYLINE_ALLOW_PRIVATE_HOSTS = 'localhost';
  try {
    const byName = await checkFeed(`${server.base.replace('127.0.0.1', 'localhost')}/rss.xml`);
    assert.ok(byName.ok, 'a host name on the list may resolve to a private address');
  } finally {
    process.env.STORYLINE_ALLOW_PRIVATE_HOSTS = '127.0.0.1';
  }
});
