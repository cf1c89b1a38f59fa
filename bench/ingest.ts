// Ingest throughput: generated text articles through the whole pipeline (files on disk →
// extract → normalize → dedupe → stories → SQLite), at two sizes in one run, so the cost per
// article at 10,000 can be compared with that at 1,000. Analysis is off the ingest path (a queue
// and a worker): a third run ingests 10,000 with the analysis worker running beside it, as
// `serve` and `run` do, and reports the analysis lag (from a story's change to its analysis).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pipeline } from '../src/pipeline/index.ts';
import { Store } from '../src/store/index.ts';
import { variations } from './generate.ts';

export interface IngestResult {
  articles: number;
  seconds: number;
  perSecond: number;
  msPerArticle: number;
  /** Process CPU time (user + system, every thread: main and extraction workers) per article, in ms:
   * steadier than wall-clock on a shared or saturated machine. */
  cpuMsPerArticle: number;
  peakRssMb: number;
  /** With the analysis worker running beside ingest: stories analysed, the time from the end of
   * ingest until the queue was empty, and the lag of each analysis (ms, from the first change
   * not analysed to the analysis written). */
  analysis?: { stories: number; drainSeconds: number; lagP50: number; lagP90: number; lagMax: number };
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

export async function benchIngest(count: number, withAnalysis = false): Promise<IngestResult> {
  const dir = mkdtempSync(join(tmpdir(), `storyline-bench-${count}-`));
  try {
    const src = join(dir, 'in');
    let n = 0;
    for (const text of variations(count)) {
      const sub = join(src, String(Math.floor(n / 1000)));
      if (n % 1000 === 0) mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `${n++}.txt`), text);
    }
    const store = await Store.open({ db: join(dir, 'bench.db') });
    const pipeline = new Pipeline(store);
    global.gc?.();
    let peak = process.memoryUsage().rss;
    const started = new Date().toISOString();
    if (withAnalysis) pipeline.startAnalysis();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const s = await pipeline.ingest([src], { onInput: () => void (peak = Math.max(peak, process.memoryUsage.rss())) });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    let analysis: IngestResult['analysis'];
    if (withAnalysis) {
      const t1 = performance.now();
      while ((await store.analysis.backlog(Number.MAX_SAFE_INTEGER)).stories > 0) await new Promise((r) => setTimeout(r, 50));
      const lags = await store.analysis.lags(started);
      analysis = { stories: lags.length, drainSeconds: (performance.now() - t1) / 1000, lagP50: pct(lags, 50), lagP90: pct(lags, 90), lagMax: Math.max(...lags) };
    }
    await pipeline.close();
    await store.close();
    if (s.stored + s.duplicates !== count) throw new Error(`expected ${count} articles, stored ${s.stored} + ${s.duplicates} duplicates; rejected: ${s.rejected.slice(0, 3).map((r) => r.reason).join('; ')}`);
    return { articles: count, seconds, perSecond: count / seconds, msPerArticle: (seconds * 1000) / count, cpuMsPerArticle: (cpu.user + cpu.system) / 1000 / count, peakRssMb: peak / 1e6, analysis };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runIngestBench(log: (l: string) => void): Promise<Record<string, number>> {
  await benchIngest(200); // warm-up: JIT, caches
  const small = await benchIngest(1000);
  const large = await benchIngest(10000);
  const ratio = large.msPerArticle / small.msPerArticle;
  // CPU ms/article comes last, so the earlier columns keep their places in BENCHMARKS.md.
  log('| articles | seconds | articles/s | ms/article | peak RSS MB | CPU ms/article |');
  log('|---:|---:|---:|---:|---:|---:|');
  for (const r of [small, large])
    log(`| ${r.articles} | ${r.seconds.toFixed(2)} | ${r.perSecond.toFixed(0)} | ${r.msPerArticle.toFixed(3)} | ${r.peakRssMb.toFixed(0)} | ${r.cpuMsPerArticle.toFixed(3)} |`);
  log(`time per article at 10,000 / at 1,000: ${ratio.toFixed(2)} (target ≤ 1.2); throughput at 10,000: ${large.perSecond.toFixed(0)}/s (target ≥ 1,000)`);
  // The same 10,000 with the analysis worker (a thread) running beside ingest, as in serve and run.
  const both = await benchIngest(10000, true);
  const a = both.analysis!;
  log(`with the analysis worker running: ingest ${both.perSecond.toFixed(0)}/s; ${a.stories} story analyses; queue empty ${a.drainSeconds.toFixed(1)} s after ingest ended; analysis lag p50 ${(a.lagP50 / 1000).toFixed(1)} s, p90 ${(a.lagP90 / 1000).toFixed(1)} s, max ${(a.lagMax / 1000).toFixed(1)} s`);
  return {
    ingestPerSecond10k: large.perSecond,
    ingestPerSecond1k: small.perSecond,
    ingestScaleRatio: ratio,
    ingestCpuMsPerArticle10k: large.cpuMsPerArticle,
    ingestCpuMsPerArticle1k: small.cpuMsPerArticle,
    ingestWithAnalysisPerSecond10k: both.perSecond,
    analysisLagP50Ms: a.lagP50,
    analysisLagP90Ms: a.lagP90,
    analysisDrainSeconds: a.drainSeconds,
  };
}

if (import.meta.main) await runIngestBench(console.log);
