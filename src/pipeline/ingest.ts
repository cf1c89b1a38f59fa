// Ingest, chunk by chunk: sources → extract → normalize (on worker threads) → dedupe → stories
// (grouping.ts) → store. Each chunk is written in one transaction, so an interrupted run leaves
// whole chunks and a rerun resumes (inputs already stored are recognised by id and skipped:
// ingest is idempotent). One bad input never stops the batch: it becomes a Rejection with its
// reason, and the rest goes on.
import { config } from '../config.ts';
import { readSources, sha256, type SourceOptions } from '../sources/index.ts';
import type { Store } from '../store/index.ts';
import type { NormalizedArticle, RawInput, Rejection } from '../types.ts';
import type { ExtractedInput, Grouped, Grouping } from './grouping.ts';
import type { ExtractOutcome } from './jobs.ts';
import { inlineExtractor, workerExtractor, type Extractor, type PreparedBatch } from './pool.ts';

export interface IngestEvents {
  /** Called once per input handled (stored, unchanged or rejected). */
  onInput?(input: string, outcome: 'stored' | 'unchanged' | 'duplicate' | 'rejected'): void;
  onRejection?(r: Rejection): void;
}

export interface IngestOptions {
  /** Extract on worker threads: 'auto' does so for chunks large enough to pay for it. */
  workers?: 'auto' | 'never';
  /** Extract with this one instead (its owner closes it): the pipeline's deadline worker for pushed
   * records, or a worker pool the CLI started early. */
  extractor?: Extractor;
  /** How sources are read: the SSRF guard, fetching pages of summary-only feed entries. */
  sources?: SourceOptions;
  /** The inputs are stored already (`storyline reprocess`): one counts as done once it has an
   * article again, not because it is stored. */
  reprocess?: boolean;
}

export interface IngestSummary {
  inputs: number;
  stored: number;
  unchanged: number;
  duplicates: number;
  rejected: Rejection[];
  elapsedMs: number;
}

/** Below this many new inputs in a chunk, extraction runs inline. */
export const MIN_PARALLEL_CHUNK = 64;

/** The inputs that files, folders and URLs give (read lazily, as ingest goes). */
export function sourcesOf(paths: string[], opts: IngestOptions = {}): AsyncIterable<RawInput | Rejection> {
  return readSources(paths, { maxBytes: config('maxInputBytes'), ...opts.sources });
}

/** Ingests raw inputs: read from files, fetched, polled from feeds or pushed through the API. */
export async function ingestInputs(
  items: AsyncIterable<RawInput | Rejection> | Iterable<RawInput | Rejection>,
  store: Store,
  grouping: Grouping,
  events: IngestEvents = {},
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const started = performance.now();
  const summary: IngestSummary = { inputs: 0, stored: 0, unchanged: 0, duplicates: 0, rejected: [], elapsedMs: 0 };
  const reject = (r: Rejection): void => {
    summary.inputs++;
    summary.rejected.push(r);
    events.onRejection?.(r);
    events.onInput?.(r.input, 'rejected');
  };
  const inline = inlineExtractor();
  let pool: Extractor | undefined;
  const extractorFor = (n: number): Extractor => opts.extractor ?? (opts.workers === 'never' || n < MIN_PARALLEL_CHUNK ? inline : (pool ??= workerExtractor()));
  const chunks = chunksOf(items, config('ingestChunk'), reject);
  // Inputs of chunks started but not yet stored: a repeat of one of them is unchanged.
  const inFlight = new Set<string>();
  const begin = async (): Promise<Started | undefined> => {
    const chunk = (await chunks.next()).value ?? undefined;
    if (!chunk) return undefined;
    const s = await startChunk(chunk, store, summary, events, inFlight, extractorFor, opts.reprocess === true);
    for (const id of s.ids) inFlight.add(id);
    return s;
  };
  // A pipeline. Each turn the main thread records chunk k+1's site lines and queues its
  // extraction, then the preparation of chunk k+2, on the workers; then it deduplicates,
  // clusters and stores chunk k while they work (extraction never depends on stories or
  // duplicates). Messages to a worker run in order.
  try {
    let preparing = begin();
    let previous: { fresh: RawInput[]; ids: string[]; outcomes: Promise<ExtractOutcome[]> } | undefined;
    for (;;) {
      const next = await preparing;
      let outcomes: Promise<ExtractOutcome[]> | undefined;
      if (next) {
        const recurring = await recurringLines(next.fresh, next.batch.keys, store);
        outcomes = next.batch.extract(recurring);
        preparing = begin();
        // Failures surface where these are awaited; until then they are not "unhandled".
        outcomes.catch(() => {});
        preparing.catch(() => {});
      }
      if (previous) {
        await finishChunk(previous.fresh, previous.ids, await previous.outcomes, grouping, summary, events, reject, opts.reprocess === true);
        for (const id of previous.ids) inFlight.delete(id);
      }
      if (!next || !outcomes) break;
      previous = { fresh: next.fresh, ids: next.ids, outcomes };
    }
  } finally {
    await pool?.close();
  }
  summary.elapsedMs = performance.now() - started;
  return summary;
}

async function* chunksOf(items: AsyncIterable<RawInput | Rejection> | Iterable<RawInput | Rejection>, size: number, reject: (r: Rejection) => void): AsyncGenerator<RawInput[], undefined> {
  let chunk: RawInput[] = [];
  for await (const item of items) {
    if ('reason' in item) reject(item);
    else chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
  return undefined;
}

/** Input id: the same name with the same bytes is the same input, whenever it comes back. */
export const inputId = (raw: Pick<RawInput, 'input' | 'contentHash'>): string => sha256(`${raw.input}\n${raw.contentHash}`).slice(0, 16);

interface Started {
  fresh: RawInput[];
  /** Their input ids, computed once (a hash of name and content). */
  ids: string[];
  batch: PreparedBatch;
}

// Inputs already stored (or in the chunk still in flight) are unchanged; the rest is prepared.
async function startChunk(
  chunk: RawInput[],
  store: Store,
  summary: IngestSummary,
  events: IngestEvents,
  inFlight: Set<string>,
  extractorFor: (n: number) => Extractor,
  reprocess: boolean,
): Promise<Started> {
  const all = chunk.map(inputId);
  const known = reprocess ? await store.ingest.knownArticles(all) : await store.ingest.knownInputs(all);
  const fresh: RawInput[] = [];
  const ids: string[] = [];
  const seen = new Set<string>();
  chunk.forEach((raw, i) => {
    const id = all[i]!;
    if (known.has(id) || seen.has(id) || inFlight.has(id)) {
      summary.inputs++;
      summary.unchanged++;
      events.onInput?.(raw.input, 'unchanged');
    } else {
      seen.add(id);
      fresh.push(raw);
      ids.push(id);
    }
  });
  return { fresh, ids, batch: await extractorFor(fresh.length).prepare(fresh) };
}

async function finishChunk(
  fresh: RawInput[],
  ids: string[],
  outcomes: ExtractOutcome[],
  grouping: Grouping,
  summary: IngestSummary,
  events: IngestEvents,
  reject: (r: Rejection) => void,
  reprocess: boolean,
): Promise<void> {
  const extracted: ExtractedInput[] = [];
  outcomes.forEach((o, i) => {
    const raw = fresh[i]!;
    if ('error' in o) return reject({ input: raw.input, stage: 'extract', reason: o.error });
    const problem = unstorable(o.article);
    if (problem) reject({ input: raw.input, stage: 'store', reason: problem });
    else extracted.push({ raw, id: ids[i]!, ...o });
  });
  const now = new Date().toISOString();
  let grouped: Grouped;
  try {
    grouped = await grouping.group(extracted, now, reprocess);
  } catch (e) {
    if (extracted.length < 2 || isBusy(e)) throw e;
    // One input never fails its chunk: each is written on its own, and one the store refuses is
    // rejected with the reason. If every one fails alike, the store itself is failing: the chunk
    // fails (a rerun resumes it).
    grouped = { written: [], unchanged: [] };
    const failed: Rejection[] = [];
    for (const x of extracted) {
      try {
        const one = await grouping.group([x], now, reprocess);
        grouped.written.push(...one.written);
        grouped.unchanged.push(...one.unchanged);
      } catch (e1) {
        if (isBusy(e1)) throw e1;
        failed.push({ input: x.raw.input, stage: 'store', reason: `not stored: ${(e1 as Error).message}` });
      }
    }
    if (failed.length === extracted.length) throw e;
    for (const r of failed) reject(r);
  }
  for (const a of grouped.written) {
    summary.inputs++;
    if (a.duplicateOf) summary.duplicates++;
    else summary.stored++;
    events.onInput?.(a.input, a.duplicateOf ? 'duplicate' : 'stored');
  }
  for (const input of grouped.unchanged) {
    summary.inputs++;
    summary.unchanged++;
    events.onInput?.(input, 'unchanged');
  }
}

/** The store waited as long as it may for another writer: not the input's fault. */
const isBusy = (e: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test((e as { code?: string })?.code ?? '');

/** Largest URL kept: an index entry in PostgreSQL holds at most about 2.7 KB, and no real page's
 * address is near it. */
const MAX_URL = 2048;

/** Why an extracted article cannot be stored as it is (the same on every engine), if it cannot. */
export function unstorable(a: NormalizedArticle): string | undefined {
  if (a.url && a.url.length > MAX_URL) return `its URL is ${a.url.length} characters long (at most ${MAX_URL})`;
  for (const [field, value] of [['title', a.title], ['subtitle', a.subtitle], ['url', a.url], ['site', a.site], ['language', a.language], ['publishedAt', a.publishedAt], ['text', a.text]] as const)
    if (value?.includes('\u0000')) return `its ${field} holds a NUL character`;
  for (const [field, list] of [['authors', a.authors], ['tags', a.tags]] as const) if (list.some((x) => x.includes('\u0000'))) return `its ${field} hold a NUL character`;
  return undefined;
}

// The statistical clutter signal: the short lines a document shares with other, distinct
// documents of its site. The whole chunk is recorded before any document is extracted, so the
// first document of a site benefits too.
async function recurringLines(fresh: RawInput[], keys: Array<{ docKey: string; hashes: string[] } | undefined>, store: Store): Promise<Array<Set<string>>> {
  const rows: Array<{ site: string; docKey: string; hash: string }> = [];
  fresh.forEach((raw, i) => {
    const k = keys[i];
    if (k) for (const hash of k.hashes) rows.push({ site: raw.siteKey, docKey: k.docKey, hash });
  });
  const seenIn = await store.ingest.recordSiteLines(rows);
  return fresh.map((raw, i) => {
    const shared = new Set<string>();
    const k = keys[i];
    const s = seenIn.get(raw.siteKey);
    if (!k || !s) return shared;
    for (const h of k.hashes) {
      const r = s.get(h);
      // Seen in two distinct documents, or in one that is not this one.
      if (r && (r.second !== null || r.first !== k.docKey)) shared.add(h);
    }
    return shared;
  });
}
