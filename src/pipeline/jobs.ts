// The CPU-bound part of ingest, as two pure steps that run the same inline or in a worker:
//   1. prepare: decode and cut the text into lines; report its short lines (hashed) for the site
//      statistics;
//   2. extract: extract and normalize, told which of its lines recur on its site.
import { extractArticle, siteLineKeys } from '../extract/index.ts';
import { fnv1a, signature } from '../dedupe/index.ts';
import { normalizeArticle } from '../normalize/index.ts';
import { termCounts } from '../stories/index.ts';
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
  /** Of those, the terms seen as names or codes (termCounts). */
  names: string[];
}

export type ExtractOutcome = Extracted | { error: string };

export function extractJob(raw: RawInput, recurring: ReadonlySet<string>): ExtractOutcome {
  try {
    const siteBoilerplate = recurring.size ? (key: string) => recurring.has(lineHash(key)) : undefined;
    const article = normalizeArticle(extractArticle(raw, { siteBoilerplate }));
    const names = new Set<string>();
    const terms = [...termCounts(article.title, article.text, names)];
    return { article, signature: signature(article.text), terms, names: [...names] };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

// Term counts cross from a worker to the main thread as two flat lists instead of a hundred-odd
// [term, weight] pairs: structured clone pays per object (the weights are mostly fractional, so
// each pair holds a boxed number too). A generated article's result took about 70 µs to serialize
// and deserialize, most of it for its ~110 pairs and most of that on the main thread, which is the
// busier one; packed, about 35 µs including packing and unpacking. Same terms, weights and order.
export interface PackedTerms {
  words: string[];
  weights: Float64Array;
}

export function packTerms(terms: Array<[string, number]>): PackedTerms {
  const words = new Array<string>(terms.length);
  const weights = new Float64Array(terms.length);
  for (let i = 0; i < terms.length; i++) {
    words[i] = terms[i]![0];
    weights[i] = terms[i]![1];
  }
  return { words, weights };
}

export function unpackTerms(p: PackedTerms): Array<[string, number]> {
  const terms = new Array<[string, number]>(p.words.length);
  for (let i = 0; i < terms.length; i++) terms[i] = [p.words[i]!, p.weights[i]!];
  return terms;
}

/** An outcome as a worker posts it (terms packed). */
export type PackedOutcome = (Omit<Extracted, 'terms'> & { terms: PackedTerms }) | { error: string };

export const packOutcome = (o: ExtractOutcome): PackedOutcome => ('error' in o ? o : { ...o, terms: packTerms(o.terms) });
export const unpackOutcome = (o: PackedOutcome): ExtractOutcome => ('error' in o ? o : { ...o, terms: unpackTerms(o.terms) });
