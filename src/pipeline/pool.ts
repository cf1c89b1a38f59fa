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
  return {
    async prepare(raws) {
      const ids = raws.map(() => nextId++);
      // Input i of a batch goes to the same worker in both steps, so its prepared text is reused.
      const worker = (i: number): number => ids[i]! % size;
      const parts = workers.map((_, w) => raws.flatMap((raw, i) => (worker(i) === w ? [{ id: ids[i]!, raw }] : [])));
      const replies = await Promise.all(parts.map((jobs, w) => call(w, { type: 'prepare', jobs })));
      const index = new Map(ids.map((id, i) => [id, i]));
      const keys = new Array<LineKeys | undefined>(raws.length);
      for (const r of replies) for (const x of r.results) keys[index.get(x.id)!] = x.keys;
      return {
        keys,
        async extract(recurring) {
          const jobsOf = workers.map((_, w) => raws.flatMap((_, i) => (worker(i) === w ? [{ id: ids[i]!, recurring: [...recurring[i]!] }] : [])));
          const out = new Array<ExtractOutcome>(raws.length);
          for (const r of await Promise.all(jobsOf.map((jobs, w) => call(w, { type: 'extract', jobs }))))
            for (const x of r.results) out[index.get(x.id)!] = unpackOutcome(x.outcome!);
          return out;
        },
      };
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
