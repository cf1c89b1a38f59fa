// Subscriptions end to end: a user imports an OPML file, runs `storyline run --once`, and finds
// the articles of its feeds in the store; then re-polls (conditional GET, only changed entries,
// versions), scheduling (ttl, Cache-Control, Retry-After, backoff) and a restart that resumes.
import { strict as assert } from 'node:assert';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { Pipeline } from '../src/pipeline/index.ts';
import { Store } from '../src/store/index.ts';
import { nextPollAt, pollDue } from '../src/subscriptions/index.ts';
import { startRouteServer, type RouteServer } from './support/route-server.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'storyline');
const FIX = join(ROOT, 'fixtures', 'feeds');
const run = promisify(execFile);

let dir: string;
let base = '';
let routes: RouteServer['routes'];
let requests: RouteServer['requests'];
let server: RouteServer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'storyline-subs-'));
  server = await startRouteServer();
  ({ base, routes, requests } = server);
});
after(async () => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Serves a body with an ETag and answers 304 when the client already holds it. */
function conditional(type: string, body: () => string | Uint8Array, extra: Record<string, string> = {}) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const b = body();
    const etag = `"${Buffer.from(b).toString('base64').length}-${Buffer.from(b).subarray(-40).toString('hex').slice(0, 12)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, ...extra });
      return void res.end();
    }
    res.writeHead(200, { 'content-type': type, etag, ...extra });
    res.end(b);
  };
}

describe('a user subscribes from OPML and reads the articles', () => {
  test('feeds import → run --once → export shows the articles of the RSS and the Atom feed', async () => {
    routes.set('/quotidien/rss.xml', conditional('application/rss+xml', () => readFileSync(join(FIX, 'rss2.xml'))));
    routes.set('/ledger/feed.atom', conditional('application/atom+xml', () => readFileSync(join(FIX, 'atom.xml')), { 'cache-control': 'max-age=7200' }));
    const db = join(dir, 'cli.db');
    const opml = join(dir, 'subs.opml');
    writeFileSync(opml, readFileSync(join(FIX, 'subscriptions.opml'), 'utf8').replaceAll('{{BASE}}', base));
    const env = { ...process.env, STORYLINE_FEED_FETCH_PAGES: 'false' };

    const imported = await run(BIN, ['feeds', 'import', opml, '--db', db], { env });
    assert.match(imported.stdout, /2 new subscriptions/);
    // Guard on by default: loopback feeds are refused and the failure is recorded, not fatal.
    const refused = await run(BIN, ['run', '--once', '--db', db], { env }).catch((e: { stdout: string; stderr: string }) => e);
    assert.match(refused.stderr, /loopback/);
    const listed = await run(BIN, ['feeds', 'list', '--db', db], { env });
    assert.match(listed.stdout, /error ×1/);
    assert.match(listed.stdout, /last error: refused/);
    assert.match(listed.stdout, /next poll in/);

    // The user lifts the guard for these loopback feeds; the failed ones are due again after backoff,
    // so they are made due now the way a restart after the backoff would find them.
    const store = await Store.open({ db });
    await store.feeds.pollNow(undefined, new Date(0));
    await store.close();
    const polled = await run(BIN, ['run', '--once', '--allow-private-network', '--db', db], { env });
    assert.match(polled.stdout, /polled 2 feeds, 0 failed/);
    assert.match(polled.stderr, /2 new, 0 changed, 2 stored/);

    const exported = JSON.parse((await run(BIN, ['export', '--db', db], { env })).stdout) as { articles: Array<{ input: string; title: string; url: string; authors: string[]; publishedAt: string }> };
    const titles = exported.articles.map((a) => a.title).sort();
    assert.deepEqual(titles, [
      'Board ousts chief executive without warning',
      "Le conseil d'administration limoge son PDG",
      'Ousted chief executive returns',
      'Retour surprise du dirigeant évincé',
    ]);
    const rss = exported.articles.find((a) => a.input === `${base}/quotidien/rss.xml#qdm-1001`)!;
    assert.equal(rss.url, 'https://quotidien.example/2023/11/17/pdg-limoge');
    assert.deepEqual(rss.authors, ['Claire Martin']);

    const list = JSON.parse((await run(BIN, ['feeds', 'list', '--json', '--db', db], { env })).stdout) as Array<{ url: string; title: string; lastStatus: number; nextPollAt: string; entryCount: number; etag: string }>;
    const ledger = list.find((f) => f.url.endsWith('/ledger/feed.atom'))!;
    assert.equal(ledger.title, 'The Morning Ledger');
    assert.equal(ledger.lastStatus, 200);
    assert.equal(ledger.entryCount, 2);
    assert.ok(ledger.etag);
    // Cache-Control max-age=7200 sets the next poll; the RSS feed's <ttl>45</ttl> sets its own.
    const inMin = (iso: string): number => Math.round((new Date(iso).getTime() - Date.now()) / 60000);
    assert.ok(Math.abs(inMin(ledger.nextPollAt) - 120) <= 1, ledger.nextPollAt);
    assert.ok(Math.abs(inMin(list.find((f) => f.url.endsWith('/rss.xml'))!.nextPollAt) - 45) <= 1);

    const exportedOpml = (await run(BIN, ['feeds', 'export', '--db', db], { env })).stdout;
    assert.match(exportedOpml, /<opml version="2.0">/);
    assert.match(exportedOpml, new RegExp(`xmlUrl="${base}/ledger/feed.atom"`));
    assert.match(exportedOpml, /text="Presse française"/);

    // Nothing is due: a second --once polls nothing and changes nothing.
    const idle = await run(BIN, ['run', '--once', '--allow-private-network', '--db', db], { env });
    assert.match(idle.stdout, /polled 0 feeds/);
  });

  test('feeds add refuses what is not an http(s) URL, and adding twice changes nothing', async () => {
    const db = join(dir, 'add.db');
    const bad = await run(BIN, ['feeds', 'add', 'file:///etc/passwd', '--db', db]).catch((e: { code: number; stderr: string }) => e);
    assert.equal((bad as { code: number }).code, 2);
    assert.match(bad.stderr, /only http and https/);
    assert.match((await run(BIN, ['feeds', 'add', 'https://example.com/feed.xml', '--db', db])).stdout, /subscribed/);
    assert.match((await run(BIN, ['feeds', 'add', 'https://example.com/feed.xml', '--db', db])).stdout, /already subscribed/);
  });
});

describe('polling', () => {
  test('re-polls: 304 ingests nothing; a changed entry becomes a new version with what changed; a new entry is added', async () => {
    let body = readFileSync(join(FIX, 'rss2.xml'), 'utf8');
    routes.set('/poll/rss.xml', conditional('application/rss+xml', () => body));
    const store = await Store.open({ db: join(dir, 'poll.db') });
    try {
      const url = `${base}/poll/rss.xml`;
      await store.feeds.add({ url });
      let clock = Date.now();
      const now = (): Date => new Date(clock);
      const opts = { allowPrivateNetwork: true, fetchPages: false, now };
      const [first] = await pollDue(new Pipeline(store), opts);
      assert.equal(first!.outcome, 'updated');
      assert.equal(first!.newEntries, 2);

      clock += 2 * 3600_000; // past the ttl
      const before = requests.filter((r) => r.url === '/poll/rss.xml').length;
      const [second] = await pollDue(new Pipeline(store), opts);
      assert.equal(second!.outcome, 'not-modified');
      assert.equal(requests.filter((r) => r.url === '/poll/rss.xml').at(-1)!.headers['if-none-match'] !== undefined, true);
      assert.equal(requests.filter((r) => r.url === '/poll/rss.xml').length, before + 1);

      body = body.replace('Retour surprise du dirigeant évincé', 'Retour confirmé du dirigeant évincé').replace(
        '</channel>',
        `<item><title>Nouveau conseil d'administration</title><link>https://quotidien.example/2023/11/23/conseil</link><guid isPermaLink="false">qdm-1003</guid><content:encoded><![CDATA[<p>Le nouveau conseil d'administration a tenu sa première réunion jeudi, sous la présidence d'un ancien ministre des finances.</p>]]></content:encoded></item></channel>`,
      );
      clock += 2 * 3600_000;
      const [third] = await pollDue(new Pipeline(store), opts);
      assert.equal(third!.newEntries, 1);
      assert.equal(third!.changedEntries, 1);
      assert.equal(third!.stored, 2);
      const entries = await store.feeds.entries(url);
      const changed = entries.find((e) => e.key === 'qdm-1002')!;
      assert.equal(changed.version, 2);
      assert.deepEqual(changed.changes, ['title']);
      const doc = await store.export();
      const versions = doc.articles.filter((a) => a.input === `${url}#qdm-1002`).map((a) => a.title).sort();
      assert.deepEqual(versions, ['Retour confirmé du dirigeant évincé', 'Retour surprise du dirigeant évincé'], 'both versions are kept');
      assert.equal(doc.articles.length, 4);
    } finally {
      await store.close();
    }
  });

  test('429 with Retry-After reschedules the feed no sooner than asked; errors back off; a restart resumes the jobs', async () => {
    routes.set('/busy.xml', (_q, res) => {
      res.writeHead(429, { 'retry-after': '7200' });
      res.end();
    });
    routes.set('/gone.xml', (_q, res) => {
      res.writeHead(500);
      res.end();
    });
    const db = join(dir, 'sched.db');
    let store = await Store.open({ db });
    const t0 = Date.now();
    await store.feeds.add({ url: `${base}/busy.xml` }, new Date(t0));
    await store.feeds.add({ url: `${base}/gone.xml` }, new Date(t0));
    const reports = await pollDue(new Pipeline(store), { allowPrivateNetwork: true, fetchPages: false, now: () => new Date(t0) });
    const busy = reports.find((r) => r.url.endsWith('/busy.xml'))!;
    assert.equal(busy.status, 429);
    assert.equal(new Date(busy.nextPollAt!).getTime() - t0, 7200_000);
    assert.match(busy.why!, /Retry-After/);
    const gone = reports.find((r) => r.url.endsWith('/gone.xml'))!;
    assert.equal(gone.outcome, 'failed');
    assert.match(gone.error!, /HTTP 500/);
    // A claimed job whose runner died is locked, then claimable again when the lock expires.
    await store.feeds.add({ url: `${base}/later.xml` }, new Date(t0));
    const claimed = await store.feeds.claimDue(new Date(t0 + 1000), new Date(t0 + 60_000), 10);
    assert.deepEqual(claimed.map((f) => f.url), [`${base}/later.xml`]);
    await store.close();
    store = await Store.open({ db });
    assert.equal((await store.feeds.claimDue(new Date(t0 + 2000), new Date(t0 + 60_000), 10)).length, 0, 'still locked');
    assert.equal((await store.feeds.claimDue(new Date(t0 + 61_000), new Date(t0 + 120_000), 10)).length, 1, 'lock expired: resumed');
    assert.ok((await store.feeds.nextDueAt())!.getTime() <= t0 + 61_000);
    assert.equal((await store.feeds.get(`${base}/gone.xml`))!.errorCount, 1);
    assert.equal((await store.feeds.list()).length, 3);
    await store.close();
  });

  test('schedule: ttl and max-age within bounds, Retry-After honored, exponential backoff', () => {
    const now = new Date('2024-01-01T00:00:00Z');
    const b = { defaultSeconds: 1800, minSeconds: 300, maxSeconds: 86400 };
    const secs = (o: Parameters<typeof nextPollAt>[1]): number => (nextPollAt(now, o, b).at.getTime() - now.getTime()) / 1000;
    assert.equal(secs({ ok: true, errorCount: 0 }), 1800);
    assert.equal(secs({ ok: true, ttlMinutes: 60, errorCount: 0 }), 3600);
    assert.equal(secs({ ok: true, maxAgeSeconds: 0, errorCount: 0 }), 1800);
    assert.equal(secs({ ok: true, maxAgeSeconds: 10, errorCount: 0 }), 300, 'never sooner than the minimum');
    assert.equal(secs({ ok: true, ttlMinutes: 60 * 24 * 30, errorCount: 0 }), 86400, 'never later than the maximum');
    assert.equal(secs({ ok: false, retryAfterMs: 900_000, errorCount: 1 }), 900);
    assert.equal(secs({ ok: false, errorCount: 1 }), 1800);
    assert.equal(secs({ ok: false, errorCount: 3 }), 7200);
  });

  test('storyline run stops cleanly on SIGINT', async () => {
    const db = join(dir, 'sigint.db');
    const child = spawn(BIN, ['run', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    // Signal only once it says it is running (its handlers are in place): start-up is slow under load.
    const deadline = Date.now() + 30_000;
    while (!/polling the feeds/.test(err) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number];
    assert.equal(code, 0, err);
    assert.match(err, /stopping/);
    assert.match(out, /polled 0 feeds/);
  });
});
