// The analysis stage as a queue and a worker: ingest marks stories, reads never analyse (nor write
// anything), the page says "analysing…" until the worker is done and live pages hear of it, a
// story changed while it was analysed is analysed again, and a worker killed with SIGKILL in the
// middle loses nothing: after a restart every story is analysed, and its rows are there once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Pipeline } from '../src/pipeline/index.ts';
import { createApp } from '../src/server/index.ts';
import { Store } from '../src/store/index.ts';

const root = mkdtempSync(join(tmpdir(), 'storyline-analysis-'));
after(() => rmSync(root, { recursive: true, force: true }));
const demo = join(import.meta.dirname, '..', 'demo', 'corpus');
const BIN = join(import.meta.dirname, '..', 'bin', 'storyline');

test('ingest queues the stories it touched; GETs of every page and API route write nothing, and show "analysing…"', async () => {
  const store = await Store.open({ db: join(root, 'reads.db') });
  const pipeline = new Pipeline(store);
  await pipeline.ingest([demo], {}, { workers: 'never' });
  const stories = await store.pages.allStories();
  assert.ok(stories.length >= 3);
  const queued = await store.analysis.backlog(99);
  assert.equal(queued.stories, stories.length, 'every story touched is queued');
  const app = createApp(store, { pipeline });
  const big = stories.sort((a, b) => b.articleIds.length - a.articleIds.length)[0]!;
  const generation = await store.live.generation();
  const before = JSON.stringify(await store.export());
  const routes = ['/', `/stories/${big.id}`, `/stories/${big.id}/articles`, `/api/stories`, `/api/stories/${big.id}`, `/api/articles`, `/api/articles/${big.articleIds[0]}`, `/articles/${big.articleIds[0]}`, `/search?q=Vollmer`, `/api/search?q=Vollmer`, `/stories/${big.id}/feed.atom`, `/stories/${big.id}/feed.json`, '/healthz', '/sources', '/api/sources', '/api/openapi.json'];
  for (const r of routes) assert.equal((await app.request(r)).status, 200, r);
  const page = await (await app.request(`/stories/${big.id}`)).text();
  assert.match(page, /Analysing…/);
  // SQLite's generation moves with this file's commits alone; PostgreSQL's with any transaction
  // that writes in the cluster (other tests' schemas too), so there the data is compared.
  if (store.dialect === 'sqlite') assert.equal(await store.live.generation(), generation, 'no GET wrote to the store');
  assert.equal(JSON.stringify(await store.export()), before, 'no GET changed what the store holds');
  assert.equal((await store.analysis.backlog(99)).stories, stories.length, 'no GET analysed a story');
  assert.deepEqual((await store.export()).events, [], 'nothing analysed: the export only reads');

  const report = await pipeline.analyse();
  assert.equal(report.analysed, stories.length);
  assert.equal((await store.analysis.backlog(99)).stories, 0);
  // Written in-process, outside the server: seen from the next event-loop turn (server/versions.ts).
  await new Promise((r) => setImmediate(r));
  const after = await (await app.request(`/stories/${big.id}`)).text();
  assert.doesNotMatch(after, /Analysing…/);
  const doc = await store.export();
  assert.ok(doc.events.length > 0 && doc.entities.length > 0);
  assert.deepEqual(doc.pending, []);
  // An entity page finds the entity in every story whose analysis names it, from rows.
  const someone = doc.entities.find((e) => e.type === 'person' && e.roles.length)!;
  assert.equal((await app.request(`/entities/${someone.id}`)).status, 200);
  const entity = (await (await app.request(`/api/entities/${someone.id}`)).json()) as { entity: { id: string; mentions: unknown[] } };
  assert.equal(entity.entity.id, someone.id);
  await pipeline.close();
  await store.close();
});

test('a story marked again while it is being analysed stays queued for its newer version', async () => {
  const store = await Store.open({ db: join(root, 'again.db') });
  const pipeline = new Pipeline(store);
  await pipeline.ingest([join(demo, '01-courrier-eco-veltrane-limoge-sa-pdg.txt')], {}, { workers: 'never' });
  const [claim] = await store.analysis.claim(1, 60_000, 3);
  assert.ok(claim);
  const input = await store.analysis.input(claim.storyId);
  assert.equal(input.gone, false);
  // Meanwhile, another report of the story arrives and marks it.
  await pipeline.ingest([join(demo, '02-alpine-ledger-board-ousts-vollmer.txt')], {}, { workers: 'never' });
  const stories = await store.pages.allStories();
  assert.equal(stories.length, 1, 'the second report joined the story');
  await store.analysis.save(claim, input.gone ? '' : input.version, { entities: [], events: [], quotations: [], inferredDates: {} });
  assert.deepEqual([...(await store.analysis.pending([claim.storyId]))], [claim.storyId], 'still queued: its newest version is not analysed');
  const r = await pipeline.analyse();
  assert.equal(r.analysed, 1);
  assert.equal((await store.analysis.pending([claim.storyId])).size, 0);
  await pipeline.close();
  await store.close();
});

test('live pages hear "analysed" when their story is analysed', async () => {
  process.env.STORYLINE_LIVE_POLL_MS = '100';
  const store = await Store.open({ db: join(root, 'live.db') });
  try {
    const pipeline = new Pipeline(store);
    await pipeline.ingest([join(demo, '01-courrier-eco-veltrane-limoge-sa-pdg.txt')], {}, { workers: 'never' });
    const app = createApp(store, { pipeline });
    const [story] = await store.pages.allStories();
    const html = await (await app.request(`/stories/${story!.id}`)).text();
    const live = /data-live="([^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&');
    assert.match(live, /analysed=\d+/);
    const res = await app.request(live);
    const reader = res.body!.getReader();
    void pipeline.analyse();
    let text = '';
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !/event: analysed/.test(text)) {
      const chunk = await Promise.race([reader.read(), new Promise<{ value: undefined }>((r) => setTimeout(() => r({ value: undefined }), 300))]);
      if (chunk.value) text += new TextDecoder().decode(chunk.value);
    }
    await reader.cancel();
    assert.match(text, /event: analysed\ndata: \{"stories":\["[^"]+"\],"story":"/);
    await pipeline.close();
  } finally {
    delete process.env.STORYLINE_LIVE_POLL_MS;
    await store.close();
  }
});

/** Records about many unrelated topics (words of their own, made up from syllables): as many
 * stories to analyse, each naming a person and an organisation. */
function manyStories(dir: string, n: number): void {
  mkdirSync(dir, { recursive: true });
  const syllables = ['ka', 'lo', 'mi', 'ru', 'te', 'zan', 'vor', 'pel', 'qui', 'das', 'nor', 'bex', 'fi', 'gu', 'sto', 'wen'];
  let seed = 7;
  const rand = (k: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % k;
  const word = (): string => Array.from({ length: 2 + rand(2) }, () => syllables[rand(syllables.length)]).join('');
  const cap = (w: string): string => w[0]!.toUpperCase() + w.slice(1);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const topic = Array.from({ length: 12 }, word);
    const person = `${cap(word())} ${cap(word())}`;
    const org = `${cap(word())} Industries`;
    lines.push(
      JSON.stringify({
        title: `${cap(topic[0]!)} ${topic[1]} ${topic[2]} ${topic[3]} ${topic[8]}`,
        text: `${org} a nommé lundi ${person} directeur général. Le ${topic[0]} ${topic[1]} ${topic[2]} et le ${topic[3]} ${topic[4]} restent au programme. ${person} a déclaré que le ${topic[5]} ${topic[6]} ${topic[7]} était prioritaire pour ${org}. ${cap(topic[8]!)} ${topic[9]} ${topic[10]} ${topic[11]}.`,
        language: 'fr',
        url: `https://site${i}.example/${topic[0]}`,
        publishedAt: '2026-02-02T10:00:00Z',
      }),
    );
  }
  writeFileSync(join(dir, 'records.jsonl'), `${lines.join('\n')}\n`);
}

test('a worker killed with SIGKILL mid-analysis loses nothing: on restart every story is analysed, once', { timeout: 120_000 }, async () => {
  const db = join(root, 'kill.db');
  const src = join(root, 'many');
  manyStories(src, 60);
  const store = await Store.open({ db });
  const pipeline = new Pipeline(store);
  await pipeline.ingest([src], {}, { workers: 'never' });
  await pipeline.close();
  const stories = (await store.pages.allStories()).map((s) => s.id);
  assert.ok(stories.length >= 40, `${stories.length} stories`);
  await store.close();

  // The worker claims stories (leases of 1 s), analyses them one by one; it is killed as soon
  // as it has written its first few, with others claimed and not analysed.
  const env = { ...process.env, STORYLINE_ANALYSIS_LEASE_MS: '1000', STORYLINE_ANALYSIS_BATCH: '8' };
  const first = spawn(BIN, ['worker', '--db', db], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    first.stderr.on('data', (d: Buffer) => {
      log += d.toString();
      if ((log.match(/analysed story/g) ?? []).length >= 3) {
        first.kill('SIGKILL');
        resolve();
      }
    });
    first.once('exit', () => resolve());
    setTimeout(() => reject(new Error(`the worker analysed nothing in time: ${log}`)), 60_000);
  });
  await new Promise((r) => first.once('exit', r));
  const middle = await Store.open({ db });
  const left = await middle.analysis.backlog(99);
  await middle.close();
  assert.ok(left.stories > 0 && left.stories < stories.length, `killed midway: ${left.stories} of ${stories.length} left`);

  // Restarted after the leases lapsed: it finishes the queue.
  await new Promise((r) => setTimeout(r, 1100));
  const second = spawn(BIN, ['worker', '--once', '--db', db], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const code = await new Promise((r) => second.once('exit', r));
  assert.equal(code, 0);

  const check = await Store.open({ db });
  assert.deepEqual(await check.analysis.backlog(99), { stories: 0, oldest: null, failed: 0 });
  const analyses = await check.analysis.ofStories(stories);
  assert.equal(analyses.size, stories.length, 'every story analysed');
  const doc = await check.export();
  const ids = doc.events.map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length, 'no event twice');
  for (const [id, a] of analyses) {
    const names = a.entities.map((e) => e.id);
    assert.equal(new Set(names).size, names.length, `no entity twice in ${id}`);
    for (const e of a.entities) {
      const spans = e.mentions.map((m) => `${m.articleId}:${m.start}`);
      assert.equal(new Set(spans).size, spans.length, `no mention twice for ${e.name}`);
    }
  }
  await check.close();
});
