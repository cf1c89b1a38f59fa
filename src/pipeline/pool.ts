// A small pool of worker threads for the CPU-bound steps of ingest, so both cores work while the
// main thread reads files and writes the database. Small batches run inline: starting workers
// costs more than it saves below a few dozen inputs.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RawInput } from '../types.ts';
import { extractJob, prepareJob, unpackOutcome, type ExtractOutcome, type LineKeys, type PackedOutcome } from './jobs.ts';

/** A prepared batch: its line keys, and the second step to run once recurring lines are known. */
export interface PreparedBatch {
  keys: Array<LineKeys | undefined>;
  extract(recurring: ReadonlyArray<ReadonlySet<string>>): Promise<ExtractOutcome[]>;
}

export interface Extractor {
  prepare(raws: RawInput[]): Promise<PreparedBatch>;
  close(): Promise<void>;
}

export function inlineExtractor(): Extractor {
  return {
    async prepare(raws) {
      return { keys: raws.map(prepareJob), extract: async (recurring) => raws.map((raw, i) => extractJob(raw, recurring[i]!)) };
    },
    async close() {},
  };
}

/** Messages per worker for its share of a batch's extraction: enough to share the end of a batch
 * evenly, few enough that messages cost nothing beside extraction. */
const EXTRACT_PARTS = 8;
/** Extraction messages a worker has queued at a time: it never waits for the main thread (busy
 * with a chunk's transaction) to send the next one. */
const EXTRACT_DEPTH = 2;

interface Reply {
  seq: number;
  results: Array<{ id: number; keys?: LineKeys; outcome?: PackedOutcome }>;
}

// One worker per core (up to eight). An earlier choice was one per core but one, since the main
// thread is busy too (reading files, dedupe, clustering and the SQLite transaction take about as
// much CPU per generated text article as its extraction); for web pages extraction costs several
// times more than everything the main thread does, and with one worker on two cores
// `storyline ingest` of the 160 extraction-dev pages waited 4.4 s of its 7.6 s on it (main thread
// idle). Two workers on two cores: see BENCHMARKS.md ("Whole-process speed on real pages") for
// the measured effect on pages and on generated text articles. On a single core there is still
// one worker, so the main thread never extracts.
export function workerExtractor(size = Math.max(1, Math.min(8, availableParallelism()))): Extractor {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./worker.ts', import.meta.url)));
  const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let nextId = 0;
  for (const w of workers) {
    w.on('message', (r: Reply) => {
      if (r.seq === undefined) return; // the worker's "ready"
      waiting.get(r.seq)?.resolve(r);
      waiting.delete(r.seq);
    });
    w.on('error', (e: Error) => {
      for (const p of waiting.values()) p.reject(e);
      waiting.clear();
    });
  }
  // Messages to one worker are handled in order, so a batch can be prepared while the previous
  // one is still being extracted.
  const call = (w: number, msg: object): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const s = seq++;
      waiting.set(s, { resolve, reject });
      workers[w]!.postMessage({ ...msg, seq: s });
    });
  // Extraction is handed out a few inputs at a time, at most EXTRACT_DEPTH messages ahead per
  // worker; each worker takes the inputs it prepared first, and one that has none left takes the
  // last ones of the worker with the most left (sending the input along: the other one holds it),
  // so that no core idles while another still has a queue (pages differ tenfold in cost: with
  // fixed halves, one worker waited about half a second of the 160 pages' 4 s for the other).
  // Batches are served oldest first, so a chunk's extraction is not slowed by the next chunk's.
  // Results are placed by input: the outcomes and their order are the same however work is shared.
  type Job = { id: number; recurring: string[]; raw?: RawInput };
  interface Extracting {
    ids: number[];
    index: Map<number, number>;
    raws: RawInput[];
    recurring: ReadonlyArray<ReadonlySet<string>>;
    /** Per worker, the batch's inputs (positions) it prepared and that are not handed out yet. */
    own: number[][];
    part: number;
    out: ExtractOutcome[];
    left: number;
    resolve: (out: ExtractOutcome[]) => void;
    reject: (e: Error) => void;
  }
  const extracting: Extracting[] = [];
  const inFlight = workers.map(() => 0);
  // Inputs a worker prepared that another worker extracted: dropped with its next message.
  const forget = workers.map((): number[] => []);
  const jobsFor = (w: number): { batch: Extracting; jobs: Job[] } | undefined => {
    for (const batch of extracting) {
      const job = (i: number, raw?: RawInput): Job => ({ id: batch.ids[i]!, recurring: [...batch.recurring[i]!], ...(raw ? { raw } : {}) });
      const mine = batch.own[w]!.splice(0, batch.part);
      if (mine.length) return { batch, jobs: mine.map((i) => job(i)) };
      const from = batch.own.reduce((best, q, k) => (q.length > batch.own[best]!.length ? k : best), w);
      if (!batch.own[from]!.length) continue;
      const stolen = batch.own[from]!.splice(-Math.max(1, batch.part >> 1));
      forget[from]!.push(...stolen.map((i) => batch.ids[i]!));
      return { batch, jobs: stolen.map((i) => job(i, batch.raws[i]!)) };
    }
    return undefined;
  };
  const pump = (): void => {
    for (let w = 0; w < size; w++) {
      while (inFlight[w]! < EXTRACT_DEPTH) {
        const next = jobsFor(w);
        if (!next) break;
        const { batch, jobs } = next;
        inFlight[w]!++;
        call(w, { type: 'extract', jobs, forget: forget[w]!.splice(0) }).then(
          (r) => {
            inFlight[w]!--;
            for (const x of r.results) batch.out[batch.index.get(x.id)!] = unpackOutcome(x.outcome!);
            batch.left -= r.results.length;
            if (batch.left === 0) {
              extracting.splice(extracting.indexOf(batch), 1);
              batch.resolve(batch.out);
            }
            pump();
          },
          (e: Error) => {
            inFlight[w]!--;
            const i = extracting.indexOf(batch);
            if (i >= 0) extracting.splice(i, 1);
            batch.reject(e);
          },
        );
      }
    }
  };
  return {
    async prepare(raws) {
      const ids = raws.map(() => nextId++);
      // Input i of a batch is prepared by one worker, which extracts it too unless another
      // worker runs out of its own first: its prepared text is reused.
      const worker = (i: number): number => ids[i]! % size;
      const parts = workers.map((_, w) => raws.flatMap((raw, i) => (worker(i) === w ? [{ id: ids[i]!, raw }] : [])));
      const replies = await Promise.all(parts.map((jobs, w) => call(w, { type: 'prepare', jobs })));
      const index = new Map(ids.map((id, i) => [id, i]));
      const keys = new Array<LineKeys | undefined>(raws.length);
      for (const r of replies) for (const x of r.results) keys[index.get(x.id)!] = x.keys;
      return {
        keys,
        extract(recurring) {
          if (!raws.length) return Promise.resolve([]);
          return new Promise<ExtractOutcome[]>((resolve, reject) => {
            extracting.push({
              ids,
              index,
              raws,
              recurring,
              own: workers.map((_, w) => raws.flatMap((_, i) => (worker(i) === w ? [i] : []))),
              // About EXTRACT_PARTS messages per worker for its share.
              part: Math.max(1, Math.ceil(raws.length / (size * EXTRACT_PARTS))),
              out: new Array<ExtractOutcome>(raws.length),
              left: raws.length,
              resolve,
              reject,
            });
            pump();
          });
        },
      };
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** The reason given for an input whose extraction ran past its deadline. */
export const deadlineReason = (ms: number): string => `extraction did not finish within ${ms} ms (STORYLINE_PUSH_EXTRACT_TIMEOUT_MS); the input was dropped`;

/**
 * One worker thread for inputs that arrive one at a time from outside (records pushed to the
 * API): their extraction never runs on the main thread, so a hostile page cannot stall the
 * server, and each step has a deadline. A worker past its deadline is terminated (the only way
 * to stop a running parse) and a new one is started for the next input; the input is rejected
 * with the reason. Started once and kept: a worker costs ~0.3 s to start.
 */
export class DeadlineExtractor implements Extractor {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private readonly waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private nextId = 0;
  private readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
  }

  private spawn(): Promise<void> {
    if (this.ready) return this.ready;
    const w = new Worker(new URL('./worker.ts', import.meta.url));
    this.worker = w;
    this.ready = new Promise<void>((resolve, reject) => {
      w.once('error', reject);
      w.on('message', (r: Reply | { ready: true }) => {
        if ('ready' in r) return resolve();
        this.waiting.get(r.seq)?.resolve(r);
        this.waiting.delete(r.seq);
      });
    });
    w.on('error', (e: Error) => this.fail(w, e));
    w.on('exit', () => this.fail(w, new Error('the extraction worker stopped')));
    // An idle worker does not keep the process alive (a test's app is never closed); a job in
    // flight does, through its deadline timer. After the listeners: adding one refs it again.
    w.unref();
    return this.ready;
  }

  private fail(w: Worker, e: Error): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    this.ready = undefined;
    for (const p of this.waiting.values()) p.reject(e);
    this.waiting.clear();
  }

  private async call(msg: object): Promise<Reply> {
    const ready = this.spawn();
    const w = this.worker!;
    // Held while a job is in flight (the worker is unref'd when idle).
    w.ref();
    try {
      await ready;
      return await new Promise<Reply>((resolve, reject) => {
        const s = this.seq++;
        const timer = setTimeout(() => {
          this.waiting.delete(s);
          reject(new DeadlineError(deadlineReason(this.timeoutMs)));
          // Terminated, not asked: a parse in progress does not read its messages.
          this.fail(w, new DeadlineError(deadlineReason(this.timeoutMs)));
          void w.terminate();
        }, this.timeoutMs);
        this.waiting.set(s, {
          resolve: (r) => (clearTimeout(timer), resolve(r)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        });
        w.postMessage({ ...msg, seq: s });
      });
    } finally {
      if (!this.waiting.size) w.unref();
    }
  }

  async prepare(raws: RawInput[]): Promise<PreparedBatch> {
    const ids = raws.map(() => this.nextId++);
    const index = new Map(ids.map((id, i) => [id, i]));
    let failed: string | undefined;
    const keys = new Array<LineKeys | undefined>(raws.length);
    try {
      const r = await this.call({ type: 'prepare', jobs: raws.map((raw, i) => ({ id: ids[i]!, raw })) });
      for (const x of r.results) keys[index.get(x.id)!] = x.keys;
    } catch (e) {
      failed = (e as Error).message;
    }
    return {
      keys,
      extract: async (recurring) => {
        if (failed) return raws.map(() => ({ error: failed! }));
        try {
          const r = await this.call({ type: 'extract', jobs: raws.map((_, i) => ({ id: ids[i]!, recurring: [...recurring[i]!] })) });
          const out = new Array<ExtractOutcome>(raws.length);
          for (const x of r.results) out[index.get(x.id)!] = unpackOutcome(x.outcome!);
          return out;
        } catch (e) {
          return raws.map(() => ({ error: (e as Error).message }));
        }
      },
    };
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    await w?.terminate();
  }
}

export class DeadlineError extends Error {}
