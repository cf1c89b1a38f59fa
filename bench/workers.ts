// Worker scaling (`npm run bench workers`, or `node bench/workers.ts [--articles=10000]
// [--stream=10000] [--workers=1,2,4]`): one PostgreSQL (a throwaway cluster with durable
// settings, unless STORYLINE_DATABASE_URL is set), inputs queued once with `storyline ingest
// --queue`, then 1, 2 and 4 `storyline worker --once --no-analysis` processes at once until the
// queue is empty. Reports throughput per worker count and the ratio per added core, and the
// machine's CPU use (every process, the database server's included: /proc/stat). Each count runs
// twice, in the order 1 2 4 4 2 1, so that a drift of the machine falls on all of them.
// Then clustering with concurrent workers: the generated news stream (bench/stream.ts, with its
// own story labels) ingested by 1, 2 and 4 workers, BCubed F1 against the labels.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bcubed } from '../eval/suites/stories.ts';
import { serverBinaries, startCluster, type Cluster } from '../scripts/postgres.ts';
import { Store } from '../src/store/index.ts';
import { start, writeCorpus } from '../test/support/writers.ts';
import { variations } from './generate.ts';

const arg = (name: string, dflt: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;

/** Busy and total jiffies of the whole machine. */
function cpuTimes(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3]! + (f[4] ?? 0);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

let runs = 0;
/** A schema of its own per run: the same database, nothing shared between runs. */
const freshSchema = (): string => `bench_${process.pid}_${runs++}`;

async function queueAndWork(dir: string, workers: number): Promise<{ seconds: number; cpuBusy: number; schema: string; outputs: string[] }> {
  const schema = freshSchema();
  const env = { STORYLINE_PG_SCHEMA: schema };
  const q = start(['ingest', '--queue', dir], env);
  if ((await q.done) !== 0) throw new Error(`queueing failed: ${q.output.stderr}`);
  const c0 = cpuTimes();
  const t0 = performance.now();
  const ws = Array.from({ length: workers }, () => start(['worker', '--once', '--no-analysis'], env));
  const codes = await Promise.all(ws.map((w) => w.done));
  const seconds = (performance.now() - t0) / 1000;
  const c1 = cpuTimes();
  if (codes.some((c) => c !== 0)) throw new Error(`a worker failed: ${ws.map((w) => w.output.stderr).join('\n')}`);
  return { seconds, cpuBusy: (c1.busy - c0.busy) / (c1.total - c0.total), schema, outputs: ws.map((w) => w.output.stdout.trim()) };
}

async function articlesIn(schema: string): Promise<Array<{ input: string; storyId: string | null; duplicateOf: string | null }>> {
  process.env.STORYLINE_PG_SCHEMA = schema;
  const store = await Store.open();
  try {
    return (await store.pages.articles()).map((a) => ({ input: a.input, storyId: a.storyId, duplicateOf: a.duplicateOf }));
  } finally {
    await store.close();
    delete process.env.STORYLINE_PG_SCHEMA;
  }
}

export async function runWorkersBench(log: (l: string) => void): Promise<void> {
  const articles = Number(arg('articles', '10000'));
  const streamSize = Number(arg('stream', '10000'));
  const counts = arg('workers', '1,2,4').split(',').map(Number);
  let cluster: Cluster | undefined;
  if (!process.env.STORYLINE_DATABASE_URL) {
    if (!serverBinaries()) return void log('skipped: no PostgreSQL server binaries (apt-get install postgresql) and no STORYLINE_DATABASE_URL');
    cluster = await startCluster({ durable: true });
    process.env.STORYLINE_DATABASE_URL = cluster.url;
  }
  const dir = mkdtempSync(join(tmpdir(), 'storyline-workers-'));
  try {
    // Throughput: generated text articles (as `npm run bench ingest`), 1,000 files a folder.
    const texts = join(dir, 'texts');
    let n = 0;
    for (const text of variations(articles)) {
      const sub = join(texts, String(Math.floor(n / 1000)));
      if (n % 1000 === 0) mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `${n++}.txt`), text);
    }
    log(`${articles} generated text articles, queued once per run, ingested by N \`storyline worker --once --no-analysis\` processes against one PostgreSQL (${cluster ? 'throwaway cluster, fsync on' : 'STORYLINE_DATABASE_URL'}); ${availableParallelism()} cores on this machine\n`);
    await queueAndWork(texts, 1); // warm-up: the page cache, the database's first checkpoints
    const order = [...counts, ...[...counts].reverse()];
    const by = new Map<number, Array<{ seconds: number; cpuBusy: number }>>();
    for (const k of order) {
      const r = await queueAndWork(texts, k);
      const stored = (await articlesIn(r.schema)).length;
      if (stored !== articles) throw new Error(`${k} workers stored ${stored} of ${articles}`);
      process.stderr.write(`  ${k} workers: ${r.seconds.toFixed(1)} s, CPU ${(r.cpuBusy * 100).toFixed(0)} %: ${r.outputs.join(' | ')}\n`);
      (by.get(k) ?? by.set(k, []).get(k)!).push(r);
    }
    const best = (k: number): { seconds: number; cpuBusy: number } => by.get(k)!.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
    const base = articles / best(counts[0]!).seconds;
    log('| workers | seconds (two runs) | articles/s (faster run) | speed-up | per added worker | machine CPU busy |');
    log('|---:|---|---:|---:|---:|---:|');
    for (const k of counts) {
      const rate = articles / best(k).seconds;
      const up = rate / base;
      log(`| ${k} | ${by.get(k)!.map((r) => r.seconds.toFixed(1)).join(', ')} | ${rate.toFixed(0)} | ${up.toFixed(2)} | ${k > 1 ? ((up - 1) / (k - 1)).toFixed(2) : '–'} | ${(best(k).cpuBusy * 100).toFixed(0)} % |`);
    }

    // Clustering with concurrent workers: the stream with its story labels.
    const gold = new Map<string, string>();
    const records = join(dir, 'stream');
    writeCorpus(records, streamSize, 7, gold);
    log(`\n${streamSize} articles of the generated stream (bench/stream.ts) as records, BCubed F1 against the stream's labels:\n`);
    log('| workers | seconds | stories | duplicates | BCubed P | BCubed R | BCubed F1 |');
    log('|---:|---:|---:|---:|---:|---:|---:|');
    for (const k of counts) {
      const r = await queueAndWork(records, k);
      const stored = await articlesIn(r.schema);
      const b = bcubed(new Map(stored.map((a) => [a.input, a.storyId!])), gold);
      log(`| ${k} | ${r.seconds.toFixed(1)} | ${new Set(stored.map((a) => a.storyId)).size} | ${stored.filter((a) => a.duplicateOf).length} | ${b.p.toFixed(4)} | ${b.r.toFixed(4)} | ${b.f1.toFixed(4)} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    cluster?.stop();
  }
}

if (import.meta.main) await runWorkersBench(console.log);
