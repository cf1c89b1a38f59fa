// node bench/push.ts — how long /healthz waits while the server extracts a pushed page that is
// hard to parse (100,000 nested <div>, 1.1 MB: the page of issue #17 that froze the server for
// 2.5 s). Side by side in one run: extraction inline on the server's thread (as before) and on
// the deadline worker (Pipeline.ingestPushed). /healthz is asked every 10 ms during the push; the
// slowest answer is what a health check or a reader would have waited.
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Pipeline, type IngestSummary } from '../src/pipeline/index.ts';
import { createApp } from '../src/server/index.ts';
import { Store } from '../src/store/index.ts';
import type { RawInput } from '../src/types.ts';

const DEPTH = Number(process.argv.find((a) => a.startsWith('--depth='))?.slice(8) ?? 100_000);

/** The pipeline as it was: a pushed record extracted on the calling thread. */
class InlinePipeline extends Pipeline {
  override ingestPushed(items: RawInput[]): Promise<IngestSummary> {
    return this.ingestInputs(items, {}, { workers: 'never' });
  }
}

async function run(label: string, make: (s: Store) => Pipeline): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'storyline-bench-push-'));
  const store = await Store.open({ db: join(dir, 'b.db') });
  const pipeline = make(store);
  const server = serve({ fetch: createApp(store, { pipeline }).fetch, port: 0, hostname: '127.0.0.1' });
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const r0 = await fetch(`${base}/api/csrf`);
  const cookie = r0.headers.get('set-cookie')!.split(';')[0]!;
  const { token } = (await r0.json()) as { token: string };
  // Warm: the worker started, the routes compiled.
  await fetch(`${base}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token }, body: JSON.stringify({ title: 'warm', text: 'Un court texte pour chauffer le serveur avant la mesure, sans plus.' }) });
  const html = `<html><body>${'<div>'.repeat(DEPTH)}Texte au fond.${'</div>'.repeat(DEPTH)}</body></html>`;
  const started = performance.now();
  let done = false;
  const push = fetch(`${base}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token }, body: JSON.stringify({ html, url: `https://push.example/nested-${label}` }) }).then(async (r) => {
    done = true;
    return r.status;
  });
  const waits: number[] = [];
  while (!done) {
    const t = performance.now();
    await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
    waits.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 10));
  }
  const status = await push;
  const pushMs = performance.now() - started;
  waits.sort((a, b) => a - b);
  console.log(`| ${label} | ${(html.length / 1e6).toFixed(2)} MB, depth ${DEPTH} | ${status} | ${Math.round(pushMs)} ms | ${waits.length} | ${waits[Math.floor(waits.length / 2)]!.toFixed(1)} ms | ${waits.at(-1)!.toFixed(1)} ms |`);
  server.close();
  await pipeline.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

console.log('| extraction | page | push status | push took | /healthz asked | /healthz median | /healthz max |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
await run('inline (before)', (s) => new InlinePipeline(s));
await run('deadline worker', (s) => new Pipeline(s));
