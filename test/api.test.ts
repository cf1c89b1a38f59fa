// The HTTP surface through app.request: every route answers, lists paginate, ETags give 304,
// the OpenAPI document lists every registered route, CSRF and the admin token guard mutations,
// POST /api/articles stores a record, feeds are valid Atom and JSON Feed, live updates resume.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseFeed } from 'feedsmith';
import { ingest } from './helpers.ts';
import { createApp } from '../src/server/index.ts';
import { CSP } from '../src/server/security.ts';
import { NOT_API } from '../src/server/openapi.ts';
import { Store } from '../src/store/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'storyline-api-'));
let store: Store;
let app: ReturnType<typeof createApp>;
let storyId: string;
let entityId: string;

before(async () => {
  store = await Store.open({ db: join(dir, 'a.db') });
  await ingest([new URL('../demo/corpus', import.meta.url).pathname], store, {}, { workers: 'never', analyse: true });
  app = createApp(store);
  storyId = (await store.pages.allStories()).find((s) => s.articleIds.length > 5)!.id;
  const full = (await (await app.request(`/api/stories/${storyId}`)).json()) as { entities: Array<{ id: string; name: string; roles: unknown[] }> };
  entityId = full.entities.find((e) => e.roles.length > 0)!.id;
});
after(async () => {
  delete process.env.STORYLINE_ADMIN_TOKEN;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A browser-like session: keeps the CSRF cookie and returns its token. */
async function session(): Promise<{ cookie: string; token: string }> {
  const r = await app.request('/api/csrf');
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  assert.match(r.headers.get('set-cookie')!, /HttpOnly/i);
  assert.match(r.headers.get('set-cookie')!, /SameSite=Strict/i);
  return { cookie, token: ((await r.json()) as { token: string }).token };
}

test('every page and API route answers, with the CSP on every response', async () => {
  const articleId = (await store.pages.articles())[0]!.id;
  const routes = ['/', '/healthz', `/stories/${storyId}`, `/entities/${entityId}`, `/articles/${articleId}`, '/search?q=Veltrane', '/sources', '/api/stories', `/api/stories/${storyId}`, '/api/articles', `/api/articles/${articleId}`, `/api/entities/${entityId}`, '/api/search?q=Vollmer', '/api/sources', '/api/openapi.json', '/api/csrf', `/stories/${storyId}/feed.atom`, `/stories/${storyId}/feed.json`, `/entities/${entityId}/feed.atom`, `/entities/${entityId}/feed.json`, '/assets/style.css', '/assets/app.js', '/assets/htmx.min.js'];
  for (const r of routes) {
    const res = await app.request(r);
    assert.equal(res.status, 200, r);
    assert.equal(res.headers.get('content-security-policy'), CSP, r);
    assert.ok(!/unsafe-inline|unsafe-eval/.test(CSP));
  }
  for (const r of ['/stories/nope', '/entities/nope', '/articles/nope', '/no/such/page']) {
    const res = await app.request(r);
    assert.equal(res.status, 404, r);
    assert.match(await res.text(), /<h1>Not found<\/h1>/);
  }
  assert.equal((await app.request('/api/stories/nope')).status, 404);
  assert.deepEqual(await (await app.request('/api/nope')).json(), { error: 'nothing at /api/nope' });
  // No inline script or style anywhere in a page: the CSP would refuse them.
  const page = await (await app.request(`/stories/${storyId}`)).text();
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(page), 'no inline <script>');
  assert.ok(!/<style|\sstyle=/i.test(page), 'no inline style');
  assert.ok(!/\son[a-z]+=/i.test(page), 'no event-handler attributes');
});

test('story API carries the timeline with superseded and contradicted events', async () => {
  const body = (await (await app.request(`/api/stories/${storyId}`)).json()) as { story: { id: string; eventIds: string[] }; timeline: Array<{ id: string; status: string; supersededBy: string | null; contradicts: string[] }> };
  assert.equal(body.story.id, storyId);
  assert.ok(body.timeline.length > 5);
  const sup = body.timeline.find((e) => e.status === 'superseded');
  assert.ok(sup && body.timeline.some((e) => e.id === sup.supersededBy));
  const page = await (await app.request(`/stories/${storyId}`)).text();
  assert.match(page, new RegExp(`<s>[^<]+</s>`));
  assert.ok(page.includes(`href="#ev-${sup!.supersededBy}"`));
  // The budget is 60 KB uncompressed: this 11-article, 58-event story's timeline takes two pages.
  assert.ok(Buffer.byteLength(page) / 1024 < 60, `story page ${Math.round(Buffer.byteLength(page) / 1024)} KB`);
});

test('pagination: limit, page, next and Link', async () => {
  const p1 = (await (await app.request('/api/stories?limit=2')).json()) as { stories: Array<{ id: string }>; total: number; next: string | null; page: number };
  assert.equal(p1.stories.length, 2);
  // The demo corpus's three stories (demo/README.md).
  assert.equal(p1.total, 3);
  assert.ok(p1.next);
  const r2 = await app.request(p1.next!);
  const p2 = (await r2.json()) as { stories: Array<{ id: string }>; next: string | null; page: number };
  assert.equal(p2.page, 2);
  assert.equal(p2.next, null);
  assert.equal(new Set([...p1.stories, ...p2.stories].map((s) => s.id)).size, 3);
  const a = await app.request('/api/articles?limit=5&page=2');
  assert.match(a.headers.get('link')!, /page=3/);
  assert.equal(((await a.json()) as { articles: unknown[] }).articles.length, 5);
});

test('ETag and 304 on If-None-Match', async () => {
  for (const u of [`/api/stories/${storyId}`, '/api/stories', `/stories/${storyId}/feed.atom`]) {
    const r = await app.request(u);
    const tag = r.headers.get('etag');
    assert.ok(tag, u);
    const again = await app.request(u, { headers: { 'If-None-Match': tag! } });
    assert.equal(again.status, 304, u);
    assert.equal(await again.text(), '');
  }
});

test('OpenAPI 3.1 documents every machine-readable route, with operationIds and tags, and no HTML route', async () => {
  const doc = (await (await app.request('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>>; tags: Array<{ name: string }> };
  assert.equal(doc.openapi, '3.1.0');
  const registered = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue;
    const path = r.path.replace(/:(\w+)\{[^}]*\}/g, (_m, _n) => '{FILE}').replace(/:(\w+)/g, '{$1}');
    for (const p of path.includes('{FILE}') ? [path.replace('{FILE}', 'feed.atom'), path.replace('{FILE}', 'feed.json')] : [path]) registered.add(`${r.method.toLowerCase()} ${p}`);
  }
  const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)));
  const missing = [...registered].filter((r) => !documented.has(r) && !NOT_API.has(r));
  assert.deepEqual(missing, [], 'routes neither documented nor listed as browser routes');
  const stale = [...documented, ...NOT_API].filter((d) => !registered.has(d));
  assert.deepEqual(stale, [], 'listed routes that do not exist');
  assert.deepEqual([...documented].filter((d) => NOT_API.has(d)), [], 'HTML routes in the API document');
  const ids = new Set<string>();
  const tags = new Set(doc.tags.map((t) => t.name));
  for (const [p, ops] of Object.entries(doc.paths))
    for (const [m, o] of Object.entries(ops)) {
      assert.ok(o.operationId && !ids.has(o.operationId), `${m} ${p}: a unique operationId`);
      ids.add(o.operationId!);
      assert.ok(o.tags?.length && o.tags.every((t) => tags.has(t)), `${m} ${p}: declared tags`);
      assert.ok(!JSON.stringify(o).includes('text/html'), `${m} ${p} answers no HTML`);
    }
});

test('list endpoints return no required array left empty: a story in a list has no id arrays; the story has them filled', async () => {
  const list = (await (await app.request('/api/stories')).json()) as { stories: Array<Record<string, unknown>> };
  for (const s of list.stories) for (const k of ['articleIds', 'entityIds', 'eventIds']) assert.ok(!(k in s), `${k} is not in a listed story`);
  const one = (await (await app.request(`/api/stories/${storyId}`)).json()) as { story: { articleIds: string[]; entityIds: string[]; eventIds: string[] } };
  assert.ok(one.story.articleIds.length > 5 && one.story.entityIds.length > 0 && one.story.eventIds.length > 0);
});

test('CSRF: a POST without the token is refused; with cookie + token it passes', async () => {
  const record = { title: 'Un article poussé sans jeton', text: 'Ce texte ne doit jamais être enregistré sans jeton CSRF valide, car la requête est refusée.' };
  const bare = await app.request('/api/articles', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record) });
  assert.equal(bare.status, 403);
  const { cookie, token } = await session();
  const wrong = await app.request('/api/articles', { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': `${token}x` }, body: JSON.stringify(record) });
  assert.equal(wrong.status, 403);
  const form = await app.request(`/articles/${(await store.pages.articles())[0]!.id}/report`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'message=wrong' });
  assert.equal(form.status, 403);
  assert.match(await form.text(), /CSRF/);
  const okForm = await app.request(`/articles/${(await store.pages.articles())[0]!.id}/report`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: `message=Le+nom+est+mal+%C3%A9crit&_csrf=${token}` });
  assert.equal(okForm.status, 303);
});

test('POST /api/articles stores a record through the pipeline, idempotently', async () => {
  const { cookie, token } = await session();
  const before = (await store.pages.counts()).articles;
  const record = { title: 'Veltrane : le conseil confirme le retour de Katarina Vollmer', text: 'Le conseil d’administration de Veltrane a confirmé jeudi le retour de Katarina Vollmer comme PDG. Lukas Heinemann quitte ses fonctions.', url: 'https://push.example/veltrane-retour', language: 'fr', authors: ['Agence Test'], publishedAt: '2026-03-12T09:00:00Z' };
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': token };
  const r = await app.request('/api/articles', { method: 'POST', headers, body: JSON.stringify(record) });
  assert.equal(r.status, 201);
  const out = (await r.json()) as { id: string; status: string; storyId: string };
  assert.equal(out.status, 'stored');
  assert.equal((await store.pages.counts()).articles, before + 1);
  const stored = (await (await app.request(`/api/articles/${out.id}`)).json()) as { title: string; authors: string[] };
  assert.equal(stored.title, record.title);
  assert.deepEqual(stored.authors, ['Agence Test']);
  const again = await app.request('/api/articles', { method: 'POST', headers, body: JSON.stringify(record) });
  assert.equal(again.status, 200);
  assert.equal(((await again.json()) as { status: string }).status, 'unchanged');
  const bad = await app.request('/api/articles', { method: 'POST', headers, body: JSON.stringify({ title: 'no text' }) });
  assert.equal(bad.status, 400);
  assert.match(((await bad.json()) as { error: string }).error, /text/);
});

test('admin token: when set, mutations need it (Bearer or sign-in), and Bearer needs no CSRF', async () => {
  process.env.STORYLINE_ADMIN_TOKEN = 's3cret-token';
  try {
    const { cookie, token } = await session();
    const body = JSON.stringify({ url: 'https://feeds.example/a.xml' });
    const noAdmin = await app.request('/api/sources', { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token }, body });
    assert.equal(noAdmin.status, 401);
    const wrong = await app.request('/api/sources', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body });
    assert.equal(wrong.status, 403);
    // Past the guard, the subscription is checked at once: the host does not exist, and the
    // answer says so (not a robots.txt problem, not a later poll's error).
    const ok = await app.request('/api/sources', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer s3cret-token' }, body });
    assert.equal(ok.status, 422);
    assert.match(((await ok.json()) as { error: string }).error, /not subscribed: cannot fetch https:\/\/feeds\.example\/a\.xml: host not found/);
    // Browser sign-in sets an HttpOnly SameSite=Strict cookie that then allows form mutations.
    const login = await app.request('/admin/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: `token=s3cret-token&_csrf=${token}` });
    assert.equal(login.status, 303);
    const admin = login.headers.get('set-cookie')!.split(';')[0]!;
    const add = await app.request('/sources/feeds', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${cookie}; ${admin}` }, body: `url=https%3A%2F%2Ffeeds.example%2Fb.xml&_csrf=${token}` });
    assert.equal(add.status, 303);
    assert.match(decodeURIComponent(add.headers.get('location')!), /Not subscribed: cannot fetch https:\/\/feeds\.example\/b\.xml: host not found/);
    await store.feeds.add({ url: 'https://feeds.example/b.xml' });
    const page = await (await app.request('/sources')).text();
    assert.ok(page.includes('feeds.example/b.xml'));
    assert.ok(page.includes('Sign in to manage sources'), 'without the cookie, the sign-in form');
    // Readers can still report errors (CSRF-protected, no admin needed).
    const report = await app.request(`/articles/${(await store.pages.articles())[0]!.id}/report`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: `message=typo&_csrf=${token}` });
    assert.equal(report.status, 303);
    assert.equal((await app.request('/api/corrections')).status, 401);
    const list = (await (await app.request('/api/corrections', { headers: { authorization: 'Bearer s3cret-token' } })).json()) as { corrections: unknown[] };
    assert.ok(list.corrections.length >= 1);
  } finally {
    delete process.env.STORYLINE_ADMIN_TOKEN;
  }
});

test('OPML import adds the feeds it lists', async () => {
  const { cookie, token } = await session();
  const opml = '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body><outline text="News"><outline text="One" type="rss" xmlUrl="https://one.example/feed"/><outline text="Two" type="rss" xmlUrl="https://two.example/rss"/></outline></body></opml>';
  const form = new FormData();
  form.set('_csrf', token);
  form.set('file', new File([opml], 'subs.opml', { type: 'text/xml' }));
  const r = await app.request('/sources/opml', { method: 'POST', headers: { cookie }, body: form });
  assert.equal(r.status, 303);
  assert.match(decodeURIComponent(r.headers.get('location')!), /2 new feeds/);
  const feeds = (await (await app.request('/api/sources')).json()) as { feeds: Array<{ url: string; category: string | null }> };
  assert.ok(feeds.feeds.some((f) => f.url === 'https://two.example/rss' && f.category === 'News'));
});

test('story and entity feeds are valid Atom and JSON Feed with new and superseded facts', async () => {
  for (const base of [`/stories/${storyId}`, `/entities/${entityId}`]) {
    const atom = await app.request(`${base}/feed.atom`);
    assert.match(atom.headers.get('content-type')!, /application\/atom\+xml/);
    const parsed = parseFeed(await atom.text());
    assert.equal(parsed.format, 'atom');
    const entries = (parsed.feed as { entries?: Array<{ id: string; title: string; updated: string }> }).entries ?? [];
    assert.ok(entries.length > 0, base);
    for (const e of entries) assert.ok(e.id && e.title && !Number.isNaN(Date.parse(e.updated)));
    const json = await app.request(`${base}/feed.json`);
    assert.match(json.headers.get('content-type')!, /application\/feed\+json/);
    const jf = (await json.json()) as { version: string; title: string; items: Array<{ id: string; content_text: string; url: string }> };
    assert.equal(jf.version, 'https://jsonfeed.org/version/1.1');
    assert.ok(jf.items.length > 0 && jf.items.every((i) => i.id && i.content_text && i.url.startsWith('http')));
    if (base.startsWith('/stories')) assert.ok(jf.items.some((i) => i.id.endsWith(':superseded')), 'a superseded fact is its own entry');
  }
});

test('search with filters', async () => {
  const all = (await (await app.request('/api/search?q=Vollmer')).json()) as { results: Array<{ language: string; snippet: string }>; total: number };
  assert.ok(all.total > 1);
  assert.ok(all.results.some((r) => r.snippet.includes('[[')));
  const en = (await (await app.request('/api/search?q=Vollmer&lang=en')).json()) as { results: Array<{ language: string }>; total: number };
  assert.ok(en.total > 0 && en.total < all.total && en.results.every((r) => r.language === 'en'));
  const accents = (await (await app.request('/api/search?q=societe')).json()) as { total: number };
  assert.ok(accents.total > 0, 'accents optional');
  const none = (await (await app.request('/api/search?q=%22%29%28*')).json()) as { total: number };
  assert.equal(none.total, 0, 'FTS syntax in the query is not an error');
  const page = await (await app.request('/search?q=Vollmer&lang=fr')).text();
  assert.match(page, /<mark>/);
});

test('live updates: SSE sends "N new" after the page cursor and resumes with Last-Event-ID', async () => {
  process.env.STORYLINE_LIVE_POLL_MS = '100';
  try {
    const since = (await store.live.cursor()).articles;
    const read = async (headers: Record<string, string> = {}): Promise<string> => {
      const res = await app.request(`/live?since=${since}`, { headers });
      assert.match(res.headers.get('content-type')!, /text\/event-stream/);
      const reader = res.body!.getReader();
      let text = '';
      const deadline = Date.now() + 3000;
      while (Date.now() < deadline && !/event: update[\s\S]*\n\n/.test(text)) {
        const chunk = await Promise.race([reader.read(), new Promise<{ done: true; value: undefined }>((r) => setTimeout(() => r({ done: true, value: undefined }), 400))]);
        if (chunk.value) text += new TextDecoder().decode(chunk.value);
      }
      await reader.cancel();
      return text;
    };
    const { cookie, token } = await session();
    await app.request('/api/articles', { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token }, body: JSON.stringify({ title: 'Tram T4 : nouvelle date annoncée pour la mise en service', text: 'La métropole a annoncé une nouvelle date pour la mise en service de l’extension du tram T4, désormais prévue à la rentrée.', language: 'fr' }) });
    const first = await read();
    const id = /id: (\d+\.\d+)/.exec(first)?.[1];
    assert.ok(id, first);
    assert.match(first, /"count":1/);
    // Reconnecting with the last id seen: nothing new, so no update is sent again.
    const resumed = await read({ 'Last-Event-ID': id! });
    assert.ok(!resumed.includes('event: update'), resumed);
  } finally {
    delete process.env.STORYLINE_LIVE_POLL_MS;
  }
});
