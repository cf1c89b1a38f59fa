// The analysis stage: entities → events → timeline (timeline/analyzeStory), for the stories that
// ingest and people's decisions marked in the store's queue. A worker takes a few stories at a
// time, analyses each story's newest version once, and writes what it found as rows, replacing
// the previous analysis in one transaction. Killed midway, it leaves the story queued (its claim
// lapses after analysisLeaseMs) and the previous rows whole: the story is analysed again, once.
// The CPU work runs on a worker thread (analysis-thread.ts), so a server stays responsive.
import { Worker } from 'node:worker_threads';
import { config } from '../config.ts';
import type { Claim, Store } from '../store/index.ts';
import type { StoryAnalysis, StoryArticle } from '../types.ts';

/** Runs the analysis of one story, here or on a thread. */
export interface Analyser {
  analyse(storyId: string, articles: StoryArticle[]): Promise<StoryAnalysis>;
  close(): Promise<void>;
}

// The analysis code (timeline → events → entities → the language core and its lexicons) costs
// about 0.6 CPU-seconds to load, before any model: it is loaded where an analysis runs, when the
// first one does, so a process that hands analysis to a thread (or runs none) never pays for it.
let analyzeStory: typeof import('../timeline/index.ts').analyzeStory | undefined;

export function inlineAnalyser(): Analyser {
  return {
    analyse: async (storyId, articles) => (analyzeStory ??= (await import('../timeline/index.ts')).analyzeStory)(storyId, articles),
    close: async () => {},
  };
}

/** One worker thread: analyses run one after the other, off the main thread. */
export function threadAnalyser(): Analyser {
  const worker = new Worker(new URL('./analysis-thread.ts', import.meta.url));
  worker.unref();
  const waiting = new Map<number, { resolve: (a: StoryAnalysis) => void; reject: (e: Error) => void }>();
  let next = 0;
  const failAll = (e: Error): void => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('message', (m: { id: number; analysis?: StoryAnalysis; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(m.error));
    else w?.resolve(m.analysis!);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the analysis thread exited (code ${code})`)));
  return {
    analyse(storyId, articles) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, storyId, articles });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

export interface AnalysisReport {
  analysed: number;
  /** Stories merged away or removed since they were queued: their analysis was dropped. */
  dropped: number;
  failed: Array<{ storyId: string; error: string }>;
}

export interface AnalysisOptions {
  /** Stop after this many stories (the rest stays queued). */
  limit?: number;
  onStory?(storyId: string, outcome: 'analysed' | 'dropped' | 'failed', ms: number): void;
  signal?: AbortSignal;
}

/** Analyses what is queued now, a few stories at a time, until the queue is empty (or `limit`). */
export async function analyseQueued(store: Store, analyser: Analyser, opts: AnalysisOptions = {}): Promise<AnalysisReport> {
  const report: AnalysisReport = { analysed: 0, dropped: 0, failed: [] };
  const done = (): number => report.analysed + report.dropped + report.failed.length;
  while (!opts.signal?.aborted && (opts.limit === undefined || done() < opts.limit)) {
    const want = Math.min(config('analysisBatch'), opts.limit === undefined ? Infinity : opts.limit - done());
    const claims = await store.analysis.claim(want, config('analysisLeaseMs'), config('analysisMaxAttempts'));
    if (!claims.length) break;
    for (const claim of claims) {
      if (opts.signal?.aborted) {
        // Let the rest go at once rather than when the lease lapses.
        await store.analysis.fail(claim, 'the worker stopped before analysing it');
        continue;
      }
      const started = performance.now();
      const outcome = await analyseOne(store, analyser, claim, report);
      opts.onStory?.(claim.storyId, outcome, performance.now() - started);
    }
  }
  return report;
}

async function analyseOne(store: Store, analyser: Analyser, claim: Claim, report: AnalysisReport): Promise<'analysed' | 'dropped' | 'failed'> {
  try {
    const input = await store.analysis.input(claim.storyId);
    if (input.gone) {
      await store.analysis.drop(claim);
      report.dropped++;
      return 'dropped';
    }
    const analysis = await analyser.analyse(claim.storyId, input.articles);
    await store.analysis.save(claim, input.version, analysis);
    report.analysed++;
    return 'analysed';
  } catch (e) {
    const error = (e as Error).message;
    report.failed.push({ storyId: claim.storyId, error });
    await store.analysis.fail(claim, error).catch(() => {});
    return 'failed';
  }
}

/** A worker that runs until stopped: it drains the queue, then looks again every
 * analysisPollMs (ingest may run in another process), or at once when woken. */
export class AnalysisWorker {
  private readonly store: Store;
  private readonly analyser: Analyser;
  private readonly opts: Omit<AnalysisOptions, 'signal' | 'limit'>;
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  /** The last error met while draining (the worker goes on; a status page can show it). */
  lastError: string | null = null;

  constructor(store: Store, analyser: Analyser, opts: Omit<AnalysisOptions, 'signal' | 'limit'> = {}) {
    this.store = store;
    this.analyser = analyser;
    this.opts = opts;
  }

  start(): this {
    this.running ??= this.loop();
    return this;
  }

  /** Something was queued: look now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.wakeUp?.();
    await this.running;
    await this.analyser.close();
  }

  private async loop(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      this.woken = false;
      try {
        await analyseQueued(this.store, this.analyser, { ...this.opts, signal: this.stopping.signal });
      } catch (e) {
        // The store may be busy (another process writing): try again at the next poll.
        this.lastError = (e as Error).message;
      }
      if (this.stopping.signal.aborted || this.woken) continue;
      await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        this.timer = setTimeout(resolve, config('analysisPollMs'));
      });
      clearTimeout(this.timer);
      this.wakeUp = undefined;
    }
  }
}
