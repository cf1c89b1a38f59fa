// Ingest throughput: generated text articles through the whole pipeline (files on disk →
// extract → normalize → dedupe → stories → SQLite), at two sizes in one run, so the cost per
// article at 10,000 can be compared with that at 1,000.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../src/pipeline.ts';
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
}

export async function benchIngest(count: number): Promise<IngestResult> {
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
    global.gc?.();
    let peak = process.memoryUsage().rss;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const s = await ingest([src], store, { onInput: () => void (peak = Math.max(peak, process.memoryUsage.rss())) });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    await store.close();
    if (s.stored + s.duplicates !== count) throw new Error(`expected ${count} articles, stored ${s.stored} + ${s.duplicates} duplicates; rejected: ${s.rejected.slice(0, 3).map((r) => r.reason).join('; ')}`);
    return { articles: count, seconds, perSecond: count / seconds, msPerArticle: (seconds * 1000) / count, cpuMsPerArticle: (cpu.user + cpu.system) / 1000 / count, peakRssMb: peak / 1e6 };
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
  return {
    ingestPerSecond10k: large.perSecond,
    ingestPerSecond1k: small.perSecond,
    ingestScaleRatio: ratio,
    ingestCpuMsPerArticle10k: large.cpuMsPerArticle,
    ingestCpuMsPerArticle1k: small.cpuMsPerArticle,
  };
}

if (import.meta.main) await runIngestBench(console.log);
