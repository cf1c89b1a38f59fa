// The CPU-bound part of ingest, as two pure steps that run the same inline or in a worker:
//   1. prepare: decode and cut the text into lines; report its short lines (hashed) for the site
//      statistics;
//   2. extract: extract and normalize, told which of its lines recur on its site.
import { extractArticle, siteLineKeys } from '../extract/index.ts';
import { fnv1a, signature } from '../dedupe/minhash.ts';
import { normalizeArticle } from '../normalize/index.ts';
import { termCounts } from '../stories/features.ts';
import type { NormalizedArticle, RawInput } from '../types.ts';

// Two hex digits per byte, from a table: Number#toString(16) and padStart cost more than the
// hashing itself, and every short line of every input is keyed.
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const hex32 = (h: number): string => BYTE_HEX[h >>> 24]! + BYTE_HEX[(h >>> 16) & 255]! + BYTE_HEX[(h >>> 8) & 255]! + BYTE_HEX[h & 255]!;

/** A 64-bit key for a line (two FNV-1a hashes), in hex: site statistics need identity, not secrecy. */
export const lineHash = (key: string): string => hex32(fnv1a(key)) + hex32(fnv1a(key, 0x01234567));

export interface LineKeys {
  docKey: string;
  hashes: string[];
}

export function prepareJob(raw: RawInput): LineKeys | undefined {
  const keys = siteLineKeys(raw);
  return keys && { docKey: lineHash(keys.docKey), hashes: keys.lines.map(lineHash) };
}

/** An extracted article with what dedupe and stories need of it, computed here, off the main thread. */
export interface Extracted {
  article: NormalizedArticle;
  /** MinHash signature of the body (dedupe). */
  signature: Uint32Array;
  /** Term counts of title and lede (stories). */
  terms: Array<[string, number]>;
}

export type ExtractOutcome = Extracted | { error: string };

export function extractJob(raw: RawInput, recurring: ReadonlySet<string>): ExtractOutcome {
  try {
    const siteBoilerplate = recurring.size ? (key: string) => recurring.has(lineHash(key)) : undefined;
    const article = normalizeArticle(extractArticle(raw, { siteBoilerplate }));
    return { article, signature: signature(article.text), terms: [...termCounts(article.title, article.text)] };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
