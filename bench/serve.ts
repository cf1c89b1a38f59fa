// Reading under load: a store of generated articles (bench/stream.ts) served by `createApp` on
// loopback, and a second process that keeps 50 connections busy for a fixed time on story pages,
// then on API calls, recording each request's latency. Reports p50/p99 per group and the size of
// story pages (as sent, compressed, and uncompressed).
//   node bench/serve.ts [--articles=100000] [--seconds=10] [--db=FILE] [--cold-api]   (reuses --db if it exists)
//   --profile=PREFIX writes a CPU profile of the server during each phase (PREFIX-pages.cpuprofile,
//   PREFIX-api.cpuprofile), to see where a request's time goes under load.
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { request } from 'undici';
import { Pipeline } from '../src/pipeline/index.ts';
import { createApp } from '../src/server/index.ts';
import { sha256 } from '../src/sources/index.ts';
import { Store } from '../src/store/index.ts';
import type { RawInput } from '../src/types.ts';
import { stream } from './stream.ts';

const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

// ── the load generator (child process) ──────────────────────────────────────────────────────
if (process.argv[2] === '--load') {
  const [base, seconds, connections, ...paths] = process.argv.slice(3);
  const { Pool } = await import('undici');
  const pool = new Pool(base!, { connections: Number(connections) });
  const latencies: number[] = [];
  let errors = 0;
  const cpu0 = process.cpuUsage();
  const until = performance.now() + Number(seconds) * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: Number(connections) }, async () => {
      while (performance.now() < until) {
        const path = paths[i++ % paths.length]!;
        const t0 = performance.now();
        try {
          const r = await pool.request({ path, method: 'GET', headers: { 'accept-encoding': 'gzip' } });
          await r.body.arrayBuffer();
          if (r.statusCode !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  await pool.close();
  // Exit only once the report is sent: a large message is written asynchronously.
  const cpu = process.cpuUsage(cpu0);
  process.send!({ latencies, errors, cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
}

async function build(db: string, count: number): Promise<void> {
  const store = await Store.open({ db });
  const inputs = function* (): Generator<RawInput> {
    for (const a of stream(count)) {
      const bytes = new TextEncoder().encode(JSON.stringify({ title: a.title, text: a.text, url: a.url, publishedAt: a.publishedAt, language: a.language }));
      yield { input: `bench:${a.id}`, kind: 'record', bytes, contentHash: sha256(bytes), siteKey: `host:${new URL(a.url).hostname}` };
    }
  };
  const t0 = performance.now();
  const pipeline = new Pipeline(store);
  const s = await pipeline.ingestInputs(inputs());
  console.log(`built ${s.stored} articles + ${s.duplicates} duplicates in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  // Pages read what the analysis stage wrote: analyse every story, as the worker of a running site has.
  const t1 = performance.now();
  const r = await pipeline.analyse();
  console.log(`analysed ${r.analysed} stories in ${((performance.now() - t1) / 1000).toFixed(0)} s`);
  await pipeline.close();
  await store.close();
}

interface Run {
  latencies: number[];
  errors: number;
  /** CPU time of the load generator and of the server during the run (the machine's two cores
   * are shared: a contention-free view of what a request costs each side). */
  cpuMs: number;
  serverCpuMs: number;
}

function load(base: string, seconds: number, paths: string[]): Promise<Omit<Run, 'serverCpuMs'>> {
  return new Promise((resolve, reject) => {
    const child = fork(import.meta.filename, ['--load', base, String(seconds), '50', ...paths], { stdio: 'inherit' });
    child.once('message', (m) => resolve(m as Omit<Run, 'serverCpuMs'>));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the load generator exited (${code}) before reporting`)));
  });
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

const count = Number(arg('articles', '100000'));
const seconds = Number(arg('seconds', '10'));
const db = arg('db', join(mkdtempSync(join(tmpdir(), 'storyline-serve-')), 'serve.db'));
if (!existsSync(db)) await build(db, count);
const store = await Store.open({ db });
const app = createApp(store);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

// The stories a reader opens: the largest ones and a spread of the rest; warmed once (their
// pages and JSON built and kept), as a
// running site's would be: the phases measure readers, not first builds. --cold-api leaves the
// API answers unbuilt, so the API phase starts by building them.
const stories = (await store.pages.allStories()).sort((a, b) => b.articleIds.length - a.articleIds.length);
const chosen = [...stories.slice(0, 40), ...stories.filter((_, i) => i % Math.max(1, Math.floor(stories.length / 160)) === 0).slice(0, 160)];
const articles = await store.pages.articles({ limit: 200 });
const t0 = performance.now();
const sizes: Array<{ sent: number; raw: number }> = [];
for (const s of chosen) {
  const gz = await request(`${base}/stories/${s.id}`, { headers: { 'accept-encoding': 'gzip' } });
  const sent = (await gz.body.arrayBuffer()).byteLength;
  const plain = await request(`${base}/stories/${s.id}`);
  sizes.push({ sent, raw: (await plain.body.arrayBuffer()).byteLength });
}
console.log(`${stories.length} stories; warmed ${chosen.length} story pages in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const pages = chosen.map((s) => `/stories/${s.id}`);
const api = [...chosen.map((s) => `/api/stories/${s.id}`), ...articles.map((a) => `/api/articles/${a.id}`), '/api/stories?limit=20', '/api/search?q=vote'];
if (!process.argv.includes('--cold-api')) {
  const t1 = performance.now();
  for (const path of api) await (await request(`${base}${path}`, { headers: { 'accept-encoding': 'gzip' } })).body.arrayBuffer();
  console.log(`warmed ${api.length} API answers in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
}
const profile = arg('profile', '');
async function phase(name: string, paths: string[]): Promise<Run> {
  const { Session } = await import('node:inspector/promises');
  const session = profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const cpu0 = process.cpuUsage();
  const r = await load(base, seconds, paths);
  const cpu = process.cpuUsage(cpu0);
  if (session) {
    const { profile: data } = await session.post('Profiler.stop');
    writeFileSync(`${profile}-${name}.cpuprofile`, JSON.stringify(data));
    session.disconnect();
  }
  return { ...r, serverCpuMs: (cpu.user + cpu.system) / 1000 };
}
const p = await phase('pages', pages);
const a = await phase('api', api);
server.close();
await store.close();
const maxRaw = Math.max(...sizes.map((x) => x.raw));
const maxSent = Math.max(...sizes.map((x) => x.sent));
const perRequest = (r: Run, ms: number): string => ((ms * 1000) / Math.max(1, r.latencies.length)).toFixed(0);
const row = (label: string, r: Run, target: number): string =>
  `| ${label} | 50 | ${r.latencies.length} | ${r.errors} | ${pct(r.latencies, 50).toFixed(1)} | ${pct(r.latencies, 99).toFixed(1)} | ${target} | ${perRequest(r, r.serverCpuMs)} | ${perRequest(r, r.cpuMs)} |`;
console.log('| requests | connections | count | errors | p50 ms | p99 ms | target p99 | server CPU µs/req | load generator CPU µs/req |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
console.log(row('story pages', p, 30));
console.log(row('API calls', a, 15));
console.log(`story page size: largest ${(maxSent / 1024).toFixed(1)} KB sent (gzip), ${(maxRaw / 1024).toFixed(1)} KB uncompressed; median ${(pct(sizes.map((x) => x.raw), 50) / 1024).toFixed(1)} KB uncompressed (target 60 KB)`);
