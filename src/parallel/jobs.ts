// The CPU-bound part of ingest, as two pure steps that run the same inline or in a worker:
//   1. prepare: decode and cut the text into lines; report its short lines (hashed) for the site
//      statistics;
//   2. extract: extract and normalize, told which of its lines recur on its site.
import { extractArticle, siteLineKeys } from '../extract/index.ts';
import { fnv1a, signature } from '../dedupe/minhash.ts';
import { normalizeArticle } from '../normalize/index.ts';
import { termCounts } from '../stories/features.ts';
import type { NormalizedArticle, RawInput } from '../types.ts';

/** A 64-bit key for a line (two FNV-1a hashes): site statistics need identity, not secrecy. */
export const lineHash = (key: string): string => fnv1a(key).toString(16).padStart(8, '0') + fnv1a(key, 0x01234567).toString(16).padStart(8, '0');

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
