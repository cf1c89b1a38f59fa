import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ingest } from './helpers.ts';
import { createApp } from '../src/server/index.ts';
import { Store } from '../src/store/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'storyline-server-'));
let store: Store;
let app: ReturnType<typeof createApp>;
before(async () => {
  writeFileSync(
    join(dir, 'x.txt'),
    'Le <script>alert(1)</script> titre piégé du journal local\n\nPar Lou <b>Gras</b>\n\nUn paragraphe avec <img src=x onerror=alert(2)> et du texte, assez long pour faire un vrai corps d’article.\n',
  );
  store = await Store.open({ db: join(dir, 's.db') });
  await ingest([join(dir, 'x.txt')], store, {}, { analyse: true });
  app = createApp(store);
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('health, list, article, JSON and 404 pages answer', async () => {
  assert.deepEqual(await (await app.request('/healthz')).json(), { ok: true, inputs: 1, articles: 1, stories: 1, analysis: { stories: 0, oldest: null, failed: 0 } });
  const list = await app.request('/');
  assert.equal(list.status, 200);
  // Home lists stories; the story page lists its articles.
  const storyId = /href="\/stories\/([\w-]+)"/.exec(await list.text())?.[1];
  assert.ok(storyId);
  const html = await (await app.request(`/stories/${storyId}`)).text();
  const id = /href="\/articles\/([0-9a-f]+)"/.exec(html)?.[1];
  assert.ok(id);
  assert.equal((await app.request(`/articles/${id}`)).status, 200);
  assert.equal(((await (await app.request(`/api/articles/${id}`)).json()) as { id: string }).id, id);
  assert.equal((await app.request('/articles/nope')).status, 404);
  assert.equal((await app.request('/no/such/page')).status, 404);
});

test('article text is escaped, never markup', async () => {
  const home = await (await app.request('/')).text();
  assert.ok(!home.includes('<script>alert'), 'title escaped in the list');
  const storyId = /href="\/stories\/([\w-]+)"/.exec(home)![1];
  const html = await (await app.request(`/stories/${storyId}`)).text();
  assert.ok(!html.includes('<script>alert'), 'title escaped on the story page');
  const id = /href="\/articles\/([0-9a-f]+)"/.exec(html)![1];
  const page = await (await app.request(`/articles/${id}`)).text();
  assert.ok(!page.includes('<img src=x'));
  assert.ok(page.includes('&lt;img src=x'));
});
