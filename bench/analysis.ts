// Speed of the analysis stage (entities, roles, events, timeline: timeline/analyzeStory), one core.
// Text: the demo corpus (demo/corpus, French and English news the team wrote, with triggers, roles
// and dates), ingested once through the real pipeline into a temporary store, then scaled: each
// copy of an article gets its own id and its paragraphs in another order, so no cached reading is
// reused where a new article is meant. Two measures:
//   throughput   stories of ten such articles, each analysed once from cold: articles per second
//   growth       one story growing article by article to N: the time of each re-analysis (the
//                per-article readings cached, only the new article read) against the time the
//                same story takes from cold (every article read again)
// Run: node bench/analysis.ts [--articles=400] [--grow=200] (also `npm run bench analysis`).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pipeline } from '../src/pipeline/index.ts';
import { Store } from '../src/store/index.ts';
import { analyzeStory } from '../src/timeline/index.ts';
import type { StoryArticle } from '../src/types.ts';
import { readingCacheStats } from '../src/entities/index.ts';

async function demoArticles(): Promise<StoryArticle[]> {
  const dir = mkdtempSync(join(tmpdir(), 'storyline-bench-analysis-'));
  try {
    const store = await Store.open({ db: join(dir, 'demo.db') });
    const pipeline = new Pipeline(store);
    await pipeline.ingest([join(import.meta.dirname, '..', 'demo', 'corpus')], {}, { workers: 'never' });
    await pipeline.close();
    const stored = await store.pages.articles();
    await store.close();
    return stored
      .filter((a) => !a.duplicateOf && (a.language === 'fr' || a.language === 'en'))
      .map((a) => ({ id: a.id, title: a.title, text: a.text, language: a.language, publishedAt: a.publishedAt, publishedAtSource: a.publishedAtSource, ingestedAt: a.ingestedAt, url: a.url, site: a.site }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Copy `n` of the demo articles: a new id, the paragraphs rotated (deterministic). */
function scaled(base: StoryArticle[], n: number, tag: string): StoryArticle[] {
  return Array.from({ length: n }, (_, i) => {
    const a = base[i % base.length]!;
    const paras = a.text.split('\n\n');
    const k = Math.floor(i / base.length) % paras.length;
    return { ...a, id: `${tag}-${i}-${a.id}`, text: [...paras.slice(k), ...paras.slice(0, k)].join('\n\n') };
  });
}

export async function runAnalysisBench(log: (line: string) => void, articles = 400, grow = 200): Promise<void> {
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  const base = await demoArticles();
  const words = base.reduce((n, a) => n + a.text.split(/\s+/).length, 0) / base.length;
  log(`demo corpus: ${base.length} originals, ${Math.round(words)} words per article on average\n`);
  // Warm-up: models loaded, JIT compiled (not timed).
  analyzeStory('warm', scaled(base, base.length, 'warm'));

  const all = scaled(base, articles, 'run');
  // Wall time, and the process's CPU time (every thread: GC included), which a loaded shared
  // machine inflates less than the wall clock: articles per CPU-second is the per-core figure.
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < all.length; i += 10) analyzeStory(`s${i}`, all.slice(i, i + 10));
  const secs = (performance.now() - t0) / 1000;
  const c1 = process.cpuUsage(c0);
  const cpu = (c1.user + c1.system) / 1e6;
  log('| measure | articles | wall s | CPU s | articles/s (wall) | articles per CPU-second |');
  log('|---|---:|---:|---:|---:|---:|');
  log(`| whole analysis, stories of 10, cold | ${all.length} | ${secs.toFixed(2)} | ${cpu.toFixed(2)} | ${(all.length / secs).toFixed(0)} | **${(all.length / cpu).toFixed(0)}** |`);
  log(`\ntarget ≥ 100 articles/s per core: ${all.length / cpu >= 100 ? 'met' : 'not met'} (load average before the run ${load})`);

  log('\n| story size | re-analysis with cached readings (ms) | same story from cold (ms) | cold / cached |');
  log('|---:|---:|---:|---:|');
  const story = scaled(base, grow, 'grow');
  const marks = new Set([10, 25, 50, 100, 150, 200, 400].filter((n) => n <= grow));
  for (let n = 1; n <= grow; n++) {
    const t1 = performance.now();
    analyzeStory('growing', story.slice(0, n));
    const warm = performance.now() - t1;
    if (!marks.has(n)) continue;
    const cold = scaled(base, n, `cold${n}`).map((a, i) => ({ ...a, text: story[i]!.text }));
    const t2 = performance.now();
    analyzeStory('cold', cold);
    const coldMs = performance.now() - t2;
    log(`| ${n} | ${warm.toFixed(1)} | ${coldMs.toFixed(1)} | ${(coldMs / warm).toFixed(1)} |`);
  }
  const st = readingCacheStats();
  log(`\nper-article readings cached: ${st.size} (hits ${st.hits}, misses ${st.misses}); load average after ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

if (import.meta.main) {
  const arg = (k: string, d: number): number => Number(process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d);
  await runAnalysisBench(console.log, arg('articles', 400), arg('grow', 200));
}
