// dedupe/: one report counts once. Three relations, strongest first:
//   exact      — the same body text (a page saved twice, a copy under other clutter);
//   version    — the same URL, a changed body: a newer version of one article (what changed is kept);
//   near-dup   — bodies sharing most of their five-word sequences (MinHash/LSH): syndication.
// A duplicate points at its original (the first one stored) with the evidence; both stay stored.
import type { Block, DuplicateEvidence, VersionChanges } from '../types.ts';
import type { NearDuplicates, SignatureSource } from './memory.ts';
import { bandKeys, fromBytes, similarity } from './minhash.ts';

export { NearDuplicates } from './memory.ts';
export { fnv1a, fromBytes, signature, toBytes } from './minhash.ts';

/** Estimated Jaccard similarity above which two bodies are one report. Chosen on the labelled
 * pairs of eval/suites/dedupe.ts (near-duplicates vs distinct reports of one story). */
export const NEAR_DUPLICATE = 0.45;

export interface DedupeInput {
  id: string;
  bodyHash: string;
  url: string | null;
  title: string;
  blocks: Block[];
  signature: Uint32Array;
}

/** A stored original and the story it is in. */
export interface Original {
  id: string;
  storyId: string | null;
}

/** What dedupe looks up in the store: earlier articles by fingerprint, by URL, their stories. */
export interface DedupeLookups extends SignatureSource {
  byBodyHash(hashes: string[]): Promise<Map<string, Original>>;
  latestByUrl(urls: string[]): Promise<Map<string, Original & { title: string; blocks: string; signature: Uint8Array | null }>>;
  storiesOf(ids: string[]): Promise<Map<string, string | null>>;
}

export interface DedupeResult {
  duplicates: Map<string, Original & { evidence: DuplicateEvidence }>;
  versions: Map<string, Original & { changes: VersionChanges }>;
}

/** Finds each article's original, if it has one; `recent` must reflect the store
 * (pipeline/grouping.ts keeps it so) and learns this chunk's originals. */
export async function findDuplicates(articles: DedupeInput[], recent: NearDuplicates, store: DedupeLookups): Promise<DedupeResult> {
  const duplicates: DedupeResult['duplicates'] = new Map();
  const versions: DedupeResult['versions'] = new Map();
  const exact = await store.byBodyHash(articles.map((a) => a.bodyHash));
  const urls = await store.latestByUrl(articles.flatMap((a) => (a.url ? [a.url] : [])));
  // What earlier articles of this batch contribute, as the loop goes.
  const batchExact = new Map<string, string>();
  const batchUrl = new Map<string, Prior>();
  const priorAt = (url: string): Prior | undefined => {
    const inBatch = batchUrl.get(url);
    if (inBatch) return inBatch;
    const s = urls.get(url);
    return s && { id: s.id, storyId: s.storyId, title: s.title, blocks: JSON.parse(s.blocks), signature: s.signature ? fromBytes(s.signature) : undefined };
  };
  const near = new Map<string, { id: string; similarity: number }>();

  for (const a of articles) {
    const same = exact.get(a.bodyHash) ?? (batchExact.has(a.bodyHash) ? { id: batchExact.get(a.bodyHash)!, storyId: null } : undefined);
    if (same && same.id !== a.id) {
      duplicates.set(a.id, { ...same, evidence: { method: 'exact', similarity: 1 } });
      continue;
    }
    const keys = bandKeys(a.signature);
    const previous = a.url ? priorAt(a.url) : undefined;
    if (previous && previous.id !== a.id) {
      versions.set(a.id, { id: previous.id, storyId: previous.storyId, changes: compare(previous, a) });
    } else {
      // Near-duplicates among the recent originals (this batch's included, as they are added).
      const best = recent.nearest(a.signature, keys, a.id);
      if (best && best.similarity >= NEAR_DUPLICATE) {
        near.set(a.id, best);
        continue;
      }
    }
    batchExact.set(a.bodyHash, a.id);
    if (a.url) batchUrl.set(a.url, { id: a.id, storyId: null, title: a.title, blocks: a.blocks, signature: a.signature });
    recent.addOriginal(a.id, a.signature, keys);
  }
  // The stories of the originals found (an original of this same batch has none yet).
  const stories = await store.storiesOf([...near.values()].map((b) => b.id));
  for (const [id, best] of near) duplicates.set(id, { id: best.id, storyId: stories.get(best.id) ?? null, evidence: { method: 'minhash', similarity: round(best.similarity) } });
  return { duplicates, versions };
}

/** The previous version of an article at a URL. */
interface Prior extends Original {
  title: string;
  blocks: Block[];
  signature: Uint32Array | undefined;
}

function compare(before: Prior, after: DedupeInput): VersionChanges {
  const old = new Set(before.blocks.map((b) => b.text));
  const now = new Set(after.blocks.map((b) => b.text));
  let added = 0;
  let removed = 0;
  for (const t of now) if (!old.has(t)) added++;
  for (const t of old) if (!now.has(t)) removed++;
  const sim = before.signature ? round(similarity(before.signature, after.signature)) : 0;
  return { titleChanged: before.title !== after.title, paragraphsAdded: added, paragraphsRemoved: removed, similarity: sim };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
