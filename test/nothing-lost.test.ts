// Nothing lost, nothing twice, whatever the writers do: several writers at once on one store, a
// kill -9 at random points of an ingest, a bad record among good ones, a backup taken mid-ingest,
// a reprocess interrupted and run again. Runs on SQLite and (npm test's second pass) PostgreSQL.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Pipeline, verifyStore } from '../src/pipeline/index.ts';
import { Store } from '../src/store/index.ts';
import { bcubed } from '../eval/suites/stories.ts';
import { check, crashIngest, start, writeCorpus } from './support/writers.ts';

const root = mkdtempSync(join(tmpdir(), 'storyline-lost-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('two ingests and a serving server write one store at once: no error, every input stored once, counts equal a recount', async () => {
  const dir = join(root, 'three');
  const paths = writeCorpus(dir, 1500, 11);
  const db = join(root, 'three.db');
  // The ingests share their middle folder: the same inputs, given to both.
  const [a, b, c] = [join(dir, 'part-000'), join(dir, 'part-001'), join(dir, 'part-002')];
  const server = start(['serve', '--db', db, '--port', '0', '--no-analysis'], { STORYLINE_ADMIN_TOKEN: 'three-writers' });
  const base = await new Promise<string>((resolve, reject) => {
    const look = setInterval(() => {
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(server.output.stderr);
      if (m) {
        clearInterval(look);
        resolve(m[1]!);
      }
    }, 20);
    void server.done.then((code) => reject(new Error(`serve exited (${code}): ${server.output.stderr}`)));
  });
  const first = start(['ingest', a, b, '--db', db]);
  const second = start(['ingest', b, c, '--db', db]);
  // Pushed records, four clients at a time, while both ingests run.
  const pushed = Array.from({ length: 120 }, (_, i) => ({ title: `Dépêche poussée numéro ${i}`, text: `La dépêche ${i} arrive par l’API pendant que deux imports écrivent la même base. Elle parle du port de Brest-${i} et de ses grues ${i * 7}.`, url: `https://push.example/${i}` }));
  const statuses: number[] = [];
  await Promise.all(
    [0, 1, 2, 3].map(async (k) => {
      for (let i = k; i < pushed.length; i += 4) {
        const r = await fetch(`${base}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer three-writers' }, body: JSON.stringify(pushed[i]) });
        statuses.push(r.status);
        await r.arrayBuffer();
      }
    }),
  );
  const codes = [await first.done, await second.done];
  server.kill('SIGTERM');
  await server.done;
  assert.deepEqual(codes, [0, 0], `${first.output.stderr}\n${second.output.stderr}`);
  assert.deepEqual(statuses.filter((s) => s !== 201), [], 'every push stored');
  assert.doesNotMatch(first.output.stderr + second.output.stderr + server.output.stderr, /locked|Error/);
  const expected = new Set([...paths, ...pushed.map((p) => p.url)]);
  const { problems, stored } = await check(db, expected);
  assert.deepEqual(problems, []);
  assert.equal(stored, expected.size, 'every input stored');
});

test('kill -9 at random points of an ingest: after every restart each input is stored once, derived counts equal a recount, integrity holds', async () => {
  const dir = join(root, 'crash');
  const expected = new Set(writeCorpus(dir, 1200, 5));
  const { rounds, final } = await crashIngest({ dir, db: join(root, 'crash.db'), expected, kills: 3, seed: 3,
    // Chunks of 64 instead of 256: more chunks, so more places for a kill in a small corpus.
    env: { STORYLINE_INGEST_CHUNK: '64' } });
  for (const [i, r] of rounds.entries()) assert.deepEqual(r.problems, [], `after kill ${i + 1} (${r.killedAfterMs} ms, ${r.stored} stored)`);
  assert.ok(rounds.filter((r) => !r.finished && r.stored < expected.size).length >= 2, `kills fell mid-ingest: ${rounds.map((r) => `${r.killedAt} → ${r.stored}`).join(', ')}`);
  assert.deepEqual(final.problems, []);
  assert.equal(final.stored, expected.size);
});

test('a record nested a million deep is rejected on its own, with its reason; the file’s other records are stored', async () => {
  const dir = join(root, 'nested');
  mkdirSync(dir, { recursive: true });
  const good = Array.from({ length: 9 }, (_, i) => ({ title: `Une bonne dépêche ${i}`, text: `Le texte de la bonne dépêche numéro ${i}, qui parle de la ville de Quimper et de son marché ${i}.` }));
  const deep = `{"title": "piège", "text": "x", "extra": ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
  writeFileSync(join(dir, 'array.json'), `[${good.slice(0, 5).map((g) => JSON.stringify(g)).join(',')},${deep}]`);
  writeFileSync(join(dir, 'lines.jsonl'), `${good.slice(5).map((g) => JSON.stringify(g)).join('\n')}\n${deep}\n`);
  const store = await Store.open({ db: join(root, 'nested.db') });
  const pipeline = new Pipeline(store);
  const rejected: string[] = [];
  const summary = await pipeline.ingest([dir], { onRejection: (r) => rejected.push(`${r.input}: ${r.reason}`) }, { workers: 'never' });
  await pipeline.close();
  assert.equal(summary.stored + summary.duplicates, 9, 'every good record stored (alike as they are, some as copies)');
  assert.equal(rejected.length, 2);
  for (const r of rejected) assert.match(r, /(array\.json#6|lines\.jsonl#5): a record nested 1000001 levels deep \(at most 32\): not read/);
  assert.deepEqual(await verifyStore(store), []);
  await store.close();
});

test('storyline backup copies the store consistently while an ingest writes it (SQLite); PostgreSQL says to use pg_dump', async () => {
  const dir = join(root, 'backup');
  const expected = new Set(writeCorpus(dir, 800, 13));
  const db = join(root, 'backup.db');
  const ingest = start(['ingest', dir, '--db', db, '--no-analysis'], { STORYLINE_INGEST_CHUNK: '64' });
  // Wait for some of it, then copy twice while it goes on.
  for (let n = 0; n < 1; ) {
    await new Promise((r) => setTimeout(r, 50));
    const s = await Store.open({ db });
    n = (await s.pages.counts()).articles;
    await s.close();
  }
  const copies = [join(root, 'copy-1.db'), join(root, 'copy-2.db')];
  const results = [];
  for (const copy of copies) results.push(await start(['backup', copy, '--db', db]).done.then(async (code) => code));
  assert.equal(await ingest.done, 0);
  const probe = await Store.open({ db });
  const dialect = probe.dialect;
  await probe.close();
  if (dialect === 'postgres') {
    const r = start(['backup', join(root, 'never.db'), '--db', db]);
    assert.equal(await r.done, 1);
    assert.match(r.output.stderr, /pg_dump --format=custom/);
    return;
  }
  assert.deepEqual(results, [0, 0]);
  for (const copy of copies) {
    // A copy is a store of its own: whole articles, counts equal a recount, integrity.
    const { problems, stored } = await check(copy, expected);
    assert.deepEqual(problems, [], copy);
    assert.ok(stored > 0, `${copy}: ${stored} articles`);
  }
  const again = start(['backup', copies[0]!, '--db', db]);
  assert.equal(await again.done, 2, 'an existing file is never overwritten');
});

test('storyline reprocess: killed midway and run again, it makes the same store; run once more, the same again', async () => {
  const dir = join(root, 'reprocess');
  const expected = new Set(writeCorpus(dir, 500, 17));
  const db = join(root, 'reprocess.db');
  const env = { STORYLINE_INGEST_CHUNK: '64' };
  assert.equal(await start(['ingest', dir, '--db', db, '--no-analysis'], env).done, 0);
  const snapshot = async (): Promise<string[]> => {
    const store = await Store.open({ db });
    const doc = await store.export();
    await store.close();
    const input = new Map(doc.articles.map((a) => [a.id, a.input]));
    // Every article's content and relations, and the partition into stories (by input names).
    const rows = doc.articles.map((a) => JSON.stringify([a.input, a.title, a.text, a.language, a.publishedAt, a.duplicateOf && input.get(a.duplicateOf), a.versionOf]));
    const stories = doc.stories.map((s) => s.articleIds.map((id) => input.get(id)).sort().join(' ')).sort();
    return [...rows.sort(), ...stories];
  };
  const before = await snapshot();
  // Killed once a fifth of the articles are back.
  const first = start(['reprocess', '--db', db, '--no-analysis'], env);
  for (;;) {
    await new Promise((r) => setTimeout(r, 25));
    const s = await Store.open({ db });
    const n = (await s.pages.counts()).articles;
    const running = await s.ingest.reprocessing();
    await s.close();
    if (running && n > expected.size / 5) break;
  }
  first.kill('SIGKILL');
  await first.done;
  const middle = await check(db, expected);
  assert.deepEqual(middle.problems, []);
  assert.ok(middle.stored < expected.size, `killed midway (${middle.stored} articles back)`);
  const second = start(['reprocess', '--db', db, '--no-analysis'], env);
  assert.equal(await second.done, 0, second.output.stderr);
  assert.match(second.output.stderr, /resuming the reprocess/);
  assert.deepEqual(await snapshot(), before, 'the same store as before');
  assert.deepEqual((await check(db, expected)).problems, []);
  const third = start(['reprocess', '--db', db], env);
  assert.equal(await third.done, 0, third.output.stderr);
  assert.match(third.output.stdout, /reprocessed 500 inputs/);
  assert.deepEqual(await snapshot(), before, 'again');
});

test('workers share queued inputs: each stored once, and two workers at once group as one does (BCubed)', async () => {
  const dir = join(root, 'workers');
  const gold = new Map<string, string>();
  const expected = new Set(writeCorpus(dir, 1500, 23, gold));
  const env = { STORYLINE_INGEST_CHUNK: '64' };
  const score = async (db: string): Promise<number> => {
    const store = await Store.open({ db });
    const predicted = new Map((await store.pages.articles()).map((a) => [a.input, a.storyId!]));
    await store.close();
    return bcubed(predicted, gold).f1;
  };
  const results: number[] = [];
  for (const workers of [1, 2]) {
    const db = join(root, `workers-${workers}.db`);
    const queue = start(['ingest', '--queue', dir, '--db', db], env);
    assert.equal(await queue.done, 0, queue.output.stderr);
    assert.match(queue.output.stdout, /queued 1500 inputs/);
    const running = Array.from({ length: workers }, () => start(['worker', '--once', '--no-analysis', '--db', db], env));
    const codes = await Promise.all(running.map((w) => w.done));
    assert.deepEqual(codes, running.map(() => 0), running.map((w) => w.output.stderr).join('\n'));
    if (workers > 1) assert.ok(running.every((w) => /ingested [1-9]\d* queued inputs/.test(w.output.stdout)), `each worker took a share: ${running.map((w) => w.output.stdout.trim()).join(' | ')}`);
    const { problems, stored } = await check(db, expected);
    assert.deepEqual(problems, [], `${workers} workers`);
    assert.equal(stored, expected.size);
    const store = await Store.open({ db });
    assert.deepEqual(await store.work.backlog(5), [{ kind: 'fetch', waiting: 0, failed: 0 }, { kind: 'ingest', waiting: 0, failed: 0 }], 'the queue is empty');
    await store.close();
    results.push(await score(db));
  }
  assert.ok(results[1]! >= results[0]! - 0.01, `BCubed F1: one worker ${results[0]}, two ${results[1]}`);
  assert.ok(results[0]! > 0.9, `BCubed F1 ${results[0]}`);
});
