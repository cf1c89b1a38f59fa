// The orchestrator. It reads like the pipeline:
//   sources → extract → normalize → dedupe → stories → store
// Inputs flow in chunks; each chunk is extracted, normalized, deduplicated, grouped and written
// in one transaction, so an interrupted run leaves whole chunks and a rerun resumes (inputs
// already stored are recognised by id and skipped: ingest is idempotent).
// One bad input never stops the batch: it becomes a Rejection with its reason, and the rest goes on.
import { config } from './config.ts';
import { findDuplicates } from './dedupe/index.ts';
import { EXTRACTOR_VERSION, extractArticle, siteLineKeys } from './extract/index.ts';
import { normalizeArticle } from './normalize/index.ts';
import { readSources, sha256 } from './sources/index.ts';
import { assignStories } from './stories/index.ts';
import type { ArticleRow, Store, StoredInput } from './store/index.ts';
import type { NormalizedArticle, RawInput, Rejection } from './types.ts';

export interface IngestEvents {
  /** Called once per input handled (stored, unchanged or rejected). */
  onInput?(input: string, outcome: 'stored' | 'unchanged' | 'duplicate' | 'rejected'): void;
  onRejection?(r: Rejection): void;
}

export interface IngestSummary {
  inputs: number;
  stored: number;
  unchanged: number;
  duplicates: number;
  rejected: Rejection[];
  elapsedMs: number;
}

export async function ingest(paths: string[], store: Store, events: IngestEvents = {}): Promise<IngestSummary> {
  const started = performance.now();
  const summary: IngestSummary = { inputs: 0, stored: 0, unchanged: 0, duplicates: 0, rejected: [], elapsedMs: 0 };
  const reject = (r: Rejection): void => {
    summary.inputs++;
    summary.rejected.push(r);
    events.onRejection?.(r);
    events.onInput?.(r.input, 'rejected');
  };
  let chunk: RawInput[] = [];
  const flush = async (): Promise<void> => {
    if (chunk.length) await ingestChunk(chunk, store, summary, events, reject);
    chunk = [];
  };
  for await (const item of readSources(paths, { maxBytes: config('maxInputBytes') })) {
    if ('reason' in item) reject(item);
    else chunk.push(item);
    if (chunk.length >= config('ingestChunk')) await flush();
  }
  await flush();
  summary.elapsedMs = performance.now() - started;
  return summary;
}

/** Input id: the same name with the same bytes is the same input, whenever it comes back. */
export const inputId = (raw: Pick<RawInput, 'input' | 'contentHash'>): string => sha256(`${raw.input}\n${raw.contentHash}`).slice(0, 16);

async function ingestChunk(chunk: RawInput[], store: Store, summary: IngestSummary, events: IngestEvents, reject: (r: Rejection) => void): Promise<void> {
  const known = await store.knownInputs(chunk.map(inputId));
  const fresh: RawInput[] = [];
  const seen = new Set<string>();
  for (const raw of chunk) {
    const id = inputId(raw);
    if (known.has(id) || seen.has(id)) {
      summary.inputs++;
      summary.unchanged++;
      events.onInput?.(raw.input, 'unchanged');
    } else {
      seen.add(id);
      fresh.push(raw);
    }
  }
  const now = new Date().toISOString();
  // Statistical clutter signal: short lines a document shares with other, distinct documents of
  // its site. All of the chunk is recorded first, so the first document of a site benefits too.
  const recurring = await recurringLines(fresh, store);
  const extracted: Array<{ raw: RawInput; id: string; article: NormalizedArticle }> = [];
  for (const raw of fresh) {
    try {
      const shared = recurring.get(raw);
      const article = normalizeArticle(extractArticle(raw, { siteBoilerplate: shared ? (key) => shared.has(lineHash(key)) : undefined }));
      extracted.push({ raw, id: inputId(raw), article });
    } catch (e) {
      reject({ input: raw.input, stage: 'extract', reason: (e as Error).message });
    }
  }
  const duplicates = await findDuplicates(extracted.map((x) => ({ id: x.id, bodyHash: x.article.bodyHash })), store);
  const { storyIds, opened } = assignStories(
    extracted.map((x) => ({ id: x.id, title: x.article.title, sentences: x.article.sentences, ingestedAt: now, duplicateOf: duplicates.get(x.id) ?? null })),
  );
  const inputs: StoredInput[] = extracted.map(({ raw, id }) => ({ ...raw, id, receivedAt: now }));
  const articles: ArticleRow[] = extracted.map(({ raw, id, article }) => {
    const { sentences: _s, ...rest } = article;
    return {
      ...rest,
      id,
      inputId: id,
      input: raw.input,
      duplicateOf: duplicates.get(id)?.id ?? null,
      storyId: storyIds.get(id) ?? null,
      ingestedAt: now,
      extractorVersion: EXTRACTOR_VERSION,
    };
  });
  await store.saveBatch({ inputs, articles, stories: opened });
  for (const a of articles) {
    summary.inputs++;
    if (a.duplicateOf) summary.duplicates++;
    else summary.stored++;
    events.onInput?.(a.input, a.duplicateOf ? 'duplicate' : 'stored');
  }
}

const lineHash = (key: string): string => sha256(key).slice(0, 16);

async function recurringLines(fresh: RawInput[], store: Store): Promise<Map<RawInput, Set<string>>> {
  const docs = new Map<RawInput, { docKey: string; hashes: string[] }>();
  const bySite = new Map<string, string[]>();
  const rows: Array<{ site: string; docKey: string; hash: string }> = [];
  for (const raw of fresh) {
    const lines = siteLinesOf(raw);
    if (!lines) continue;
    docs.set(raw, lines);
    for (const hash of lines.hashes) rows.push({ site: raw.siteKey, docKey: lines.docKey, hash });
    (bySite.get(raw.siteKey) ?? bySite.set(raw.siteKey, []).get(raw.siteKey)!).push(...lines.hashes);
  }
  await store.addSiteLines(rows);
  const seenIn = new Map<string, Map<string, { first: string; second: string | null }>>();
  for (const [site, hashes] of bySite) seenIn.set(site, await store.siteLineDocs(site, hashes));
  const out = new Map<RawInput, Set<string>>();
  for (const [raw, { docKey, hashes }] of docs) {
    const s = seenIn.get(raw.siteKey)!;
    const shared = new Set<string>();
    for (const h of hashes) {
      const r = s.get(h);
      // Seen in two distinct documents, or in one that is not this one.
      if (r && (r.second !== null || r.first !== docKey)) shared.add(h);
    }
    out.set(raw, shared);
  }
  return out;
}

function siteLinesOf(raw: RawInput): { docKey: string; hashes: string[] } | undefined {
  const keys = siteLineKeys(raw);
  return keys && { docKey: lineHash(keys.docKey), hashes: keys.lines.map(lineHash) };
}
