// dedupe/: one report counts once. Three relations, strongest first:
//   exact      — the same body text (a page saved twice, a copy under other clutter);
//   version    — the same URL, a changed body: a newer version of one article (what changed is kept);
//   near-dup   — bodies sharing most of their five-word sequences (MinHash/LSH): syndication.
// A duplicate points at its original (the first one stored) with the evidence; both stay stored.
import type { Kysely } from 'kysely';
import { bandCandidates, byBodyHash, latestByUrl, signaturesOf, type Original } from '../store/dedupe.ts';
import type { Database } from '../store/schema.ts';
import type { Block, DuplicateEvidence, VersionChanges } from '../types.ts';
import { bandKeys, similarity, toBytes } from './minhash.ts';

/** Estimated Jaccard similarity above which two bodies are one report. Chosen on the labelled
 * pairs of eval/suites/dedupe.ts (near-duplicates vs distinct reports of one story). */
export const NEAR_DUPLICATE = 0.45;
/** Candidates examined per band key. */
const PER_BAND = 20;

export interface DedupeInput {
  id: string;
  bodyHash: string;
  url: string | null;
  title: string;
  blocks: Block[];
  signature: Uint32Array;
}

export interface DedupeResult {
  duplicates: Map<string, Original & { evidence: DuplicateEvidence }>;
  versions: Map<string, Original & { changes: VersionChanges }>;
  /** Signatures and band keys of the originals, to store: copies are never candidates. */
  signatures: Array<{ articleId: string; signature: Uint8Array; bands: number[] }>;
}

export async function findDuplicates(articles: DedupeInput[], db: Kysely<Database>): Promise<DedupeResult> {
  const duplicates: DedupeResult['duplicates'] = new Map();
  const versions: DedupeResult['versions'] = new Map();
  const signatures: DedupeResult['signatures'] = [];
  const exact = await byBodyHash(db, articles.map((a) => a.bodyHash));
  const urls = await latestByUrl(db, articles.flatMap((a) => (a.url ? [a.url] : [])));
  const keysOf = new Map(articles.map((a) => [a.id, bandKeys(a.signature)]));
  const stored = await bandCandidates(db, [...keysOf.values()].flat());
  const storedSigs = await signaturesOf(db, [...new Set([...[...stored.values()].flat(), ...[...urls.values()].map((u) => u.id)])]);
  // What earlier articles of this batch contribute, as the loop goes.
  const batchExact = new Map<string, string>();
  const batchUrl = new Map<string, Prior>();
  const priorAt = (url: string): Prior | undefined => {
    const inBatch = batchUrl.get(url);
    if (inBatch) return inBatch;
    const s = urls.get(url);
    return s && { id: s.id, storyId: s.storyId, title: s.title, blocks: JSON.parse(s.blocks), signature: storedSigs.get(s.id)?.signature };
  };
  const batchBands = new Map<number, string[]>();
  const batchSigs = new Map<string, Uint32Array>();

  for (const a of articles) {
    const same = exact.get(a.bodyHash) ?? (batchExact.has(a.bodyHash) ? { id: batchExact.get(a.bodyHash)!, storyId: null } : undefined);
    if (same && same.id !== a.id) {
      duplicates.set(a.id, { ...same, evidence: { method: 'exact', similarity: 1 } });
      continue;
    }
    const previous = a.url ? priorAt(a.url) : undefined;
    if (previous && previous.id !== a.id) {
      versions.set(a.id, { id: previous.id, storyId: previous.storyId, changes: compare(previous, a) });
    } else {
      const best = nearest(a, keysOf.get(a.id)!, stored, storedSigs, batchBands, batchSigs);
      if (best && best.similarity >= NEAR_DUPLICATE) {
        duplicates.set(a.id, { id: best.id, storyId: best.storyId, evidence: { method: 'minhash', similarity: round(best.similarity) } });
        continue;
      }
    }
    batchExact.set(a.bodyHash, a.id);
    if (a.url) batchUrl.set(a.url, { id: a.id, storyId: null, title: a.title, blocks: a.blocks, signature: a.signature });
    batchSigs.set(a.id, a.signature);
    for (const k of keysOf.get(a.id)!) (batchBands.get(k) ?? batchBands.set(k, []).get(k)!).push(a.id);
    signatures.push({ articleId: a.id, signature: toBytes(a.signature), bands: keysOf.get(a.id)! });
  }
  return { duplicates, versions, signatures };
}

function nearest(
  a: DedupeInput,
  keys: number[],
  stored: Map<number, string[]>,
  storedSigs: Map<string, { signature: Uint32Array; storyId: string | null }>,
  batchBands: Map<number, string[]>,
  batchSigs: Map<string, Uint32Array>,
): { id: string; storyId: string | null; similarity: number } | undefined {
  let best: { id: string; storyId: string | null; similarity: number } | undefined;
  const seen = new Set<string>();
  for (const k of keys) {
    // A band shared by very many articles (templated pages) would make this quadratic: the
    // latest few stand for the rest, which are near-duplicates of each other or not close at all.
    const ids = [...(stored.get(k) ?? []).slice(-PER_BAND), ...(batchBands.get(k) ?? []).slice(-PER_BAND)];
    for (const id of ids) {
      if (seen.has(id) || id === a.id) continue;
      seen.add(id);
      const s = storedSigs.get(id);
      const sig = s?.signature ?? batchSigs.get(id);
      if (!sig) continue;
      const sim = similarity(a.signature, sig);
      if (!best || sim > best.similarity) best = { id, storyId: s?.storyId ?? null, similarity: sim };
    }
  }
  return best;
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
