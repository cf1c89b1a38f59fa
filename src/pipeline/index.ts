// The orchestrator. Data flows one way:
//
//   ingest:   sources → extract → normalize → dedupe → stories → store   (ingest.ts, grouping.ts)
//                                                                  │ marks the stories it touched
//   analyse:  store's queue → entities → events → timeline → store  (analyse.ts)
//
// Ingest stays fast because analysis is off its path: a chunk is written with its stories marked
// for analysis in the same transaction, and an analysis worker (in `run` and `serve`, or
// `storyline worker` on its own) takes them from the queue; `storyline export` runs what waits
// before printing. Pages and the API only read.
// A Pipeline owns the in-memory state dedupe and clustering consult per article (grouping.ts);
// one per process and store.
import type { Store } from '../store/index.ts';
import type { RawInput, Rejection } from '../types.ts';
import { AnalysisWorker, analyseQueued, inlineAnalyser, threadAnalyser, type AnalysisOptions, type AnalysisReport } from './analyse.ts';
import { Grouping } from './grouping.ts';
import { enqueue, work, type QueueSummary, type WorkOptions, type WorkSummary } from './work.ts';
import { ingestInputs, sourcesOf, type IngestEvents, type IngestOptions, type IngestSummary } from './ingest.ts';
import { DeadlineExtractor } from './pool.ts';
import { config } from '../config.ts';

export { inputId, MIN_PARALLEL_CHUNK, type IngestEvents, type IngestOptions, type IngestSummary } from './ingest.ts';
export { AnalysisWorker, type AnalysisReport } from './analyse.ts';
export { verifyStore } from './verify.ts';
export { workerExtractor, type Extractor } from './pool.ts';
export { type QueueSummary, type WorkSummary } from './work.ts';

export class Pipeline {
  readonly store: Store;
  private readonly grouping: Grouping;
  /** Ingests run one at a time: the grouping state follows one writer's chunks in order. */
  private queue: Promise<unknown> = Promise.resolve();
  private worker: AnalysisWorker | undefined;
  /** Extraction of pushed records: on a thread of its own, with a deadline (pool.ts). */
  private pushed: DeadlineExtractor | undefined;

  constructor(store: Store) {
    this.store = store;
    this.grouping = new Grouping(store);
  }

  /** Ingests files, folders and URLs. */
  ingest(paths: string[], events: IngestEvents = {}, opts: IngestOptions = {}): Promise<IngestSummary> {
    return this.ingestInputs(sourcesOf(paths, opts), events, opts);
  }

  /** Ingests raw inputs already read or fetched (feed entries, records pushed through the API). */
  ingestInputs(items: AsyncIterable<RawInput | Rejection> | Iterable<RawInput | Rejection>, events: IngestEvents = {}, opts: IngestOptions = {}): Promise<IngestSummary> {
    const run = this.queue.then(() => ingestInputs(items, this.store, this.grouping, events, opts));
    this.queue = run.catch(() => undefined);
    return run.finally(() => this.worker?.wake());
  }

  /** Ingests inputs pushed from outside (the API): extracted off the main thread, each step
   * within `pushExtractTimeoutMs`, so no input can stall the process that serves pages. */
  ingestPushed(items: RawInput[], events: IngestEvents = {}): Promise<IngestSummary> {
    this.pushed ??= new DeadlineExtractor(config('pushExtractTimeoutMs'));
    return this.ingestInputs(items, events, { extractor: this.pushed });
  }

  /** Re-extracts and regroups every stored input with the current code (`storyline reprocess`):
   * every article and what derives from it (stories, frequencies, analyses) is made again from the
   * inputs kept verbatim, each article with the time its input first came; people's decisions are
   * kept and honoured. Interrupted, it resumes (an input with its article again is done); begun
   * again once done, it makes the same store again. The stories it writes are queued for analysis. */
  async reprocess(events: IngestEvents = {}, opts: IngestOptions = {}): Promise<IngestSummary & { resumed: boolean }> {
    const run = await this.store.ingest.beginReprocess();
    const store = this.store;
    async function* stored(): AsyncGenerator<RawInput> {
      let after: { receivedAt: string; input: string; id: string } | null = null;
      for (;;) {
        const page = await store.ingest.storedInputs(after, 512);
        if (!page.length) return;
        yield* page;
        after = page.at(-1)!;
      }
    }
    const summary = await this.ingestInputs(stored(), events, { ...opts, reprocess: true });
    await store.ingest.endReprocess();
    return { ...summary, resumed: run.resumed };
  }

  /** Queues files, folders and URLs for `storyline worker` processes (work.ts). */
  enqueue(paths: string[], events: IngestEvents = {}, opts: IngestOptions = {}): Promise<QueueSummary> {
    return enqueue(this.store, paths, events, opts);
  }

  /** Takes queued work (inputs, URLs to fetch) and ingests it, until the queue is empty (`once`)
   * or `signal`. */
  work(events: IngestEvents = {}, opts: WorkOptions = {}): Promise<WorkSummary> {
    return work(this.store, (items, ev, o) => this.ingestInputs(items, ev, o), events, opts);
  }

  /** Analyses what is queued now, here (a CLI command, a test); returns what it did. */
  async analyse(opts: AnalysisOptions = {}): Promise<AnalysisReport> {
    const analyser = inlineAnalyser();
    try {
      return await analyseQueued(this.store, analyser, opts);
    } finally {
      await analyser.close();
    }
  }

  /** Starts a worker that analyses queued stories until the pipeline closes (on a thread). */
  startAnalysis(opts: Omit<AnalysisOptions, 'signal' | 'limit'> = {}): AnalysisWorker {
    this.worker ??= new AnalysisWorker(this.store, threadAnalyser(), opts).start();
    return this.worker;
  }

  /** Waits for the ingests under way and stops the analysis worker (the store stays open). Nothing
   * else is held back: each chunk's write carries everything grouping counted. */
  async close(): Promise<void> {
    await this.queue;
    await this.worker?.stop();
    this.worker = undefined;
    await this.pushed?.close();
    this.pushed = undefined;
  }
}
