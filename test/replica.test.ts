// The deployment of docs/storage.md, for real: a PostgreSQL primary that `storyline ingest`
// writes, a hot standby following it by streaming replication, and `storyline serve` on the
// standby answering pages, search, the API and feeds (a standby refuses every write: the server
// must not need one to start or to read). Runs once, in the SQLite pass of `npm test`, on
// clusters of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, serverBinaries, startCluster, startReplica, type Cluster } from '../scripts/postgres.ts';
import { start } from './support/writers.ts';

const skip = !serverBinaries() ? 'no PostgreSQL server binaries (apt-get install postgresql)' : process.env.STORYLINE_DATABASE_URL ? 'runs once, in the SQLite pass' : false;

async function query<T>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

test('storyline serve reads from a read replica (hot standby) of the primary that ingest writes', { skip, timeout: 180_000 }, async () => {
  let primary: Cluster | undefined;
  let replica: Cluster | undefined;
  let server: ReturnType<typeof start> | undefined;
  try {
    primary = await startCluster();
    const ingest = start(['ingest', join(import.meta.dirname, '..', 'demo', 'corpus')], { STORYLINE_DATABASE_URL: primary.url, STORYLINE_PG_SCHEMA_PER_DB: 'false' });
    assert.equal(await ingest.done, 0, ingest.output.stderr);
   replica = await startReplica(primary);
    assert.deepEqual(await query(replica.url, 'select pg_is_in_recovery() as r'), [{ r: true }]);
    // The standby has replayed what the primary committed.
    const count = async (url: string): Promise<number> => Number((await query<{ n: string }>(url, 'select count(*) as n from articles'))[0]!.n);
    const want = await count(primary.url);
    for (let i = 0; i < 100 && (await count(replica.url)) < want; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await count(replica.url), want);

   const port = await freePort();
    server = start(['serve', '--no-analysis', '--no-poll', '--port', String(port)], { STORYLINE_DATABASE_URL: replica.url, STORYLINE_PG_SCHEMA_PER_DB: 'false' });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 150; i++) {
      if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
      assert.equal(server.exitCode, null, `serve exited: ${server.output.stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const stories = (await (await fetch(`${base}/api/stories`)).json()) as { stories: Array<{ id: string }> } | Array<{ id: string }>;
    const list = Array.isArray(stories) ? stories : stories.stories;
    assert.ok(list.length >= 3, 'the stories the primary holds');
    for (const path of ['/', '/search?q=Vollmer', `/stories/${list[0]!.id}`, '/feed.atom', '/api/openapi.json']) {
      const r = await fetch(`${base}${path}`);
      assert.equal(r.status, 200, path);
    }
   assert.match(await (await fetch(`${base}/search?q=Vollmer`)).text(), /Vollmer/);
    assert.equal(server.exitCode, null, server.output.stderr);
    assert.doesNotMatch(server.output.stderr, /read-only transaction/);
  } finally {
    server?.kill('SIGTERM');
    await server?.done;
    replica?.stop();
    primary?.stop();
  }
});
