// Ingest as shared work: `storyline ingest --queue` queues inputs (and URLs to fetch) in the store,
// and any number of `storyline worker` processes, on any hosts that reach the database, take them
// a chunk at a time. A worker runs the same pipeline as `storyline ingest`: it fetches what is
// queued to fetch, extracts its chunk on its threads, then groups and writes it under the store's
// grouping lock, taking its turn with the other workers (grouping.ts); the input's queue row goes
// in the transaction that writes its article. Extraction, the bulk of the CPU, runs on every
// worker at once; grouping, a fifth of it, one worker at a time.
import { setTimeout as sleep } from 'node:timers/promises';
import { config } from '../config.ts';
import { readSources } from '../sources/index.ts';
import type { Store, WorkItem } from '../store/index.ts';
import type { RawInput, Rejection } from '../types.ts';
import { inputId, sourcesOf, type IngestEvents, type IngestOptions, type IngestSummary } from './ingest.ts';

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

export interface QueueSummary {
  queued: number;
  urls: number;
  rejected: Rejection[];
}

/** Queues files, folders (read here: workers need not see this disk) and URLs (fetched by a
 * worker). An input queued twice, or queued when stored already, is done once. */
export async function enqueue(store: Store, paths: string[], events: IngestEvents = {}, opts: IngestOptions = {}): Promise<QueueSummary> {
  const summary: QueueSummary = { queued: 0, urls: 0, rejected: [] };
  const urls = paths.filter(isUrl);
  await store.work.enqueue(urls.map((url) => ({ id: `fetch:${url}`, kind: 'fetch', url, options: { allowPrivateNetwork: opts.sources?.allowPrivateNetwork } })));
  summary.urls = urls.length;
  let batch: WorkItem[] = [];
  const flush = async (): Promise<void> => {
    const known = await store.ingest.knownInputs(batch.map((w) => w.id));
    await store.work.enqueue(batch.filter((w) => !known.has(w.id)));
    summary.queued += batch.length - known.size;
    batch = [];
  };
  for await (const x of sourcesOf(paths.filter((p) => !isUrl(p)), opts)) {
    if ('reason' in x) {
      summary.rejected.push(x);
      events.onRejection?.(x);
      continue;
    }
    batch.push({ id: inputId(x), kind: 'ingest', raw: x });
    events.onInput?.(x.input, 'stored');
    if (batch.length >= 256) await flush();
  }
  if (batch.length) await flush();
  return summary;
}

export interface WorkOptions {
  /** Stop once nothing is left to take (else wait for more, until `signal`). */
  once?: boolean;
  signal?: AbortSignal;
}

export interface WorkSummary extends IngestSummary {
  fetched: number;
}

/** Takes queued work until the queue is empty (`once`) or `signal`; `ingest` runs the pipeline
 * over the inputs given (Pipeline.ingestInputs). */
export async function work(
  store: Store,
  ingest: (items: AsyncIterable<RawInput | Rejection>, events: IngestEvents, opts: IngestOptions) => Promise<IngestSummary>,
  events: IngestEvents = {},
  opts: WorkOptions = {},
): Promise<WorkSummary> {
  const lease = config('workLeaseMs');
  const attempts = config('workMaxAttempts');
  // Claimed inputs not yet written, by name (what the pipeline's events report).
  const claimed = new Map<string, string>();
  const finished: string[] = [];
  const failed: Array<[string, string]> = [];
  let fetched = 0;
  const settle = async (): Promise<void> => {
    await store.work.done(finished.splice(0));
    for (const [id, reason] of failed.splice(0)) await store.work.fail(id, reason, attempts);
  };

  // URLs queued to fetch: what they give is queued as inputs (a feed gives many).
  const fetchSome = async (): Promise<number> => {
    const jobs = await store.work.claim('fetch', 4, lease, attempts);
    for (const job of jobs) {
      if (job.kind !== 'fetch') continue;
      const found: WorkItem[] = [];
      const problems: Rejection[] = [];
      for await (const x of readSources([job.url], { maxBytes: config('maxInputBytes'), ...job.options })) {
        if ('reason' in x) problems.push(x);
        else found.push({ id: inputId(x), kind: 'ingest', raw: x });
      }
      await store.work.enqueue(found);
      for (const p of problems) events.onRejection?.(p);
      if (!found.length && problems.length) await store.work.fail(job.id, problems[0]!.reason, attempts);
      else await store.work.done([job.id]);
      fetched++;
    }
    return jobs.length;
  };

  async function* queued(): AsyncGenerator<RawInput> {
    while (!opts.signal?.aborted) {
      await settle();
      const fetchedNow = await fetchSome();
      const items = await store.work.claim('ingest', config('ingestChunk'), lease, attempts);
      if (!items.length) {
        if (opts.once && !fetchedNow) return;
        if (!fetchedNow) await sleep(config('workPollMs'), undefined, { signal: opts.signal }).catch(() => {});
        continue;
      }
      for (const it of items) {
        if (it.kind !== 'ingest') continue;
        claimed.set(it.raw.input, it.id);
        yield it.raw;
      }
    }
  }

  const summary = await ingest(
    queued(),
    {
      onInput(input, outcome) {
        const id = claimed.get(input);
        claimed.delete(input);
        // Stored ones left the queue with their article; one stored before is done.
        if (id && outcome === 'unchanged') finished.push(id);
        events.onInput?.(input, outcome);
      },
      onRejection(r) {
        const id = claimed.get(r.input);
        claimed.delete(r.input);
        if (id) failed.push([id, r.reason]);
        events.onRejection?.(r);
      },
    },
    {},
  );
  await settle();
  return { ...summary, fetched };
}
