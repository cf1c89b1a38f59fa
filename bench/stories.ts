// Deduplication and clustering at scale: a generated stream of news (bench/stream.ts: stories of
// many sizes over months, two languages, syndicated copies, noise) through the dedupe and stories
// stages into SQLite, on one core (no workers). Reports the cost per article at each size, the
// ratio between sizes, peak memory, and how well the stories match the stream's own truth.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signature } from '../src/dedupe/index.ts';
import { Grouping, type ExtractedInput } from '../src/pipeline/grouping.ts';
import { inputId } from '../src/pipeline/index.ts';
import { sha256 } from '../src/sources/index.ts';
import { Store } from '../src/store/index.ts';
import { termCounts } from '../src/stories/index.ts';
import { bcubed } from '../eval/suites/stories.ts';
import { stream, type StreamArticle } from './stream.ts';

const CHUNK = 256;

function toExtracted(a: StreamArticle): ExtractedInput {
  const bytes = new TextEncoder().encode(a.text);
  const raw = { input: a.url, kind: 'record' as const, bytes, contentHash: sha256(bytes), siteKey: `host:${new URL(a.url).hostname}` };
  const blocks = a.text.split('\n\n').map((text) => ({ kind: 'p' as const, text }));
  const article = {
    url: a.url, title: a.title, subtitle: null, authors: [], site: null, tags: [], publishedAt: a.publishedAt, publishedAtSource: 'metadata' as const,
    language: a.language, text: a.text, blocks, removed: [], lede: a.text.split(/(?<=\.)\s/u).slice(0, 2).join(' '),
    bodyHash: sha256(a.text.toLowerCase().replace(/\s+/g, ' ')),
  };
  return { raw, id: inputId(raw), article, signature: new Uint32Array(0), terms: [], names: [] };
}

export interface ScaleResult {
  articles: number;
  /** ms per article: signature and terms (CPU), dedupe and clustering, writing their state
   * (stories, frequencies, signatures, the commit), and writing the articles themselves. */
  features: number;
  dedupeAndStories: number;
  stateWrite: number;
  articleWrite: number;
  /** Dedupe and clustering: features + decisions + their state written. */
  grouping: number;
  total: number;
  /** Articles per second of dedupe and clustering on one core (the measure). */
  perSecond: number;
  /** The same from CPU time: articles per CPU-second. */
  perCpuSecond: number;
  peakRssMb: number;
  stories: number;
  duplicates: number;
  bcubedF1: number;
}

export async function benchStories(count: number, log: (l: string) => void = () => {}): Promise<ScaleResult> {
  const dir = mkdtempSync(join(tmpdir(), `storyline-scale-${count}-`));
  const store = await Store.open({ db: join(dir, 'scale.db') });
  const groups = new Grouping(store);
  // Quality on a sample of about 20,000 articles (BCubed over every article is quadratic in story
  // size), kept from the start: maps of every article would weigh on the collector at 1,000,000.
  const every = Math.max(1, Math.floor(count / 20000));
  const gold = new Map<string, string>();
  const predicted = new Map<string, string>();
  let seen = 0;
  const t = { features: 0, group: 0, write: 0, articles: 0 };
  // CPU time (this process, all its threads) of the same parts: less sensitive than wall-clock
  // time to other work on the machine, and what "per core" means.
  const cpu = { grouping: 0, articles: 0 };
  const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  let peak = 0;
  let duplicates = 0;
  let chunk: StreamArticle[] = [];
  const flush = async (): Promise<void> => {
    // What extraction hands over (not timed: the ingest benchmark measures extraction) …
    const extracted = chunk.map((a) => {
      const x = toExtracted(a);
      if (seen++ % every === 0) gold.set(x.id, a.story ?? `noise:${a.id}`);
      return x;
    });
    // … and the features dedupe and clustering need, which extraction computes in ingest.
    const c0 = cpuMs();
    let t0 = performance.now();
    for (const x of extracted) {
      x.signature = signature(x.article.text);
      const names = new Set<string>();
      x.terms = [...termCounts(x.article.title, x.article.text, names)];
      x.names = [...names];
    }
    t.features += performance.now() - t0;
    t0 = performance.now();
    // Decided inside a grouping transaction (the lock, the state brought up to date) that writes
    // nothing …
    const decided = await store.ingest.grouping(async (tx) => {
      await groups.sync(tx);
      return groups.decide(tx, extracted, new Date().toISOString());
    });
    t.group += performance.now() - t0;
    // … then what the store's grouping transaction writes in one transaction, written here in
    // two so that each part carries its own commit, that is the pages it dirtied: the articles
    // themselves (inputs, rows, full-text index: the spine's work) and the dedupe and story state
    // (stories, the chunk's counts in the grouping log, folded into term_df when due). In one
    // transaction, the commit of the article pages (half of it at 100,000 articles) was timed as
    // story state.
    t0 = performance.now();
    const c1 = cpuMs();
    await store.ingest.saveArticles(decided.write);
    cpu.articles += cpuMs() - c1;
    t.articles += performance.now() - t0;
    const fold = groups.stories.foldWith(decided.counts);
    const g = await store.stories.commit({ stories: decided.write.stories, merges: decided.write.merges, counts: groups.stories.chunkRows(decided.counts), fold });
    groups.committed(g, decided.written, decided.counts, fold !== null, await store.ingest.newestSeq());
    t.write += performance.now() - t0;
    cpu.grouping += cpuMs() - c0;
    for (const a of decided.write.articles) if (a.duplicateOf) duplicates++;
    chunk = [];
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  let n = 0;
  const started = performance.now();
  // At the same 1,500 articles a day whatever the size, so that sizes differ only in how much the
  // store holds (with the generator's 30-day floor, 10,000 articles came at a quarter of the rate a
  // million come at, and a chunk touched fewer stories: less state to write per article).
  for (const a of stream(count, 7, 0)) {
    chunk.push(a);
    if (chunk.length === CHUNK) await flush();
    if (++n % 100_000 === 0) {
      // Live memory (after a full collection) shows whether state grows with the stream; RSS also
      // holds garbage not yet collected and the database's memory map.
      global.gc?.();
      const m = process.memoryUsage();
      log(`  ${n} articles, ${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${(m.rss / 1e6).toFixed(0)} MB, live heap ${(m.heapUsed / 1e6).toFixed(0)} MB`);
    }
  }
  if (chunk.length) await flush();
  // Merges move articles after the fact: read the final assignment back.
  for (const [id, a] of await store.pages.articlesLite([...gold.keys()])) predicted.set(id, a.storyId!);
  const stories = (await store.pages.counts()).stories;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const b = bcubed(predicted, gold);
  const grouping = t.features + t.group + t.write - t.articles;
  return {
    articles: count,
    features: t.features / count,
    dedupeAndStories: t.group / count,
    stateWrite: (t.write - t.articles) / count,
    articleWrite: t.articles / count,
    grouping: grouping / count,
    total: (grouping + t.articles) / count,
    perSecond: count / (grouping / 1000),
    perCpuSecond: count / ((cpu.grouping - cpu.articles) / 1000),
    peakRssMb: peak / 1e6,
    stories,
    duplicates,
    bcubedF1: b.f1,
  };
}

/** Runs of the smallest size, half before the larger sizes and half after, of which a median is
 * kept: a run of 10,000 articles lasts about two seconds, this machine's speed drifts by a third
 * within the hour, and the smallest size is the denominator of the ratio the issue sets. */
const SMALL_RUNS = 6;

export async function runStoriesBench(log: (l: string) => void, sizes = [10_000, 1_000_000]): Promise<void> {
  await benchStories(2000); // warm-up
  const [small, ...larger] = sizes;
  const runs: ScaleResult[] = [];
  const smallRuns = async (n: number): Promise<void> => {
    for (let k = 0; k < n; k++) runs.push(await benchStories(small!, log));
  };
  await smallRuns(SMALL_RUNS / 2);
  const results: ScaleResult[] = [];
  for (const size of larger) results.push(await benchStories(size, log));
  await smallRuns(SMALL_RUNS / 2);
  log(`${small} articles, ${SMALL_RUNS} runs (half before, half after): ${runs.map((r) => r.grouping.toFixed(3)).join(', ')} ms per article (the lower median is kept)`);
  // Of the two middle runs, the faster: the one that makes the ratio larger.
  results.unshift([...runs].sort((x, y) => x.grouping - y.grouping)[SMALL_RUNS / 2 - 1]!);
  log('| articles | features | decide | state write | dedupe+clustering ms | articles/s (1 core) | per CPU-second | article write | total ms | peak RSS MB | stories | duplicates | BCubed F1 |');
  log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results)
    log(
      `| ${r.articles} | ${r.features.toFixed(3)} | ${r.dedupeAndStories.toFixed(3)} | ${r.stateWrite.toFixed(3)} | ${r.grouping.toFixed(3)} | ${r.perSecond.toFixed(0)} | ${r.perCpuSecond.toFixed(0)} | ${r.articleWrite.toFixed(3)} | ${r.total.toFixed(3)} | ${r.peakRssMb.toFixed(0)} | ${r.stories} | ${r.duplicates} | ${r.bcubedF1.toFixed(3)} |`,
    );
  if (results.length > 1) {
    const [a, b] = [results[0]!, results[results.length - 1]!];
    log(`cost per article of dedupe+clustering at ${b.articles} / at ${a.articles}: ${(b.grouping / a.grouping).toFixed(2)} (target ≤ 1.5); with the article write: ${(b.total / a.total).toFixed(2)}`);
  }
}

if (import.meta.main) {
  const max = Number(process.argv.find((a) => a.startsWith('--max='))?.slice(6) ?? 1_000_000);
  await runStoriesBench(console.log, [10_000, max]);
}
