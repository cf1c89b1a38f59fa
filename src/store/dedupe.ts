// Persistence of the dedupe stage: lookups by body fingerprint, by URL, by LSH band.
import type { Kysely } from 'kysely';
import { fromBytes } from '../dedupe/minhash.ts';
import type { Database } from './schema.ts';
import { parts } from './parts.ts';


export interface Original {
  id: string;
  storyId: string | null;
}

/** The first stored original with each body fingerprint. */
export async function byBodyHash(db: Kysely<Database>, hashes: string[]): Promise<Map<string, Original>> {
  const out = new Map<string, Original>();
  for (const part of parts([...new Set(hashes)])) {
    const rows = await db
      .selectFrom('articles')
      .select(['id', 'body_hash', 'story_id'])
      .where('body_hash', 'in', part)
      .where('duplicate_of', 'is', null)
      .orderBy('ingested_at')
      .orderBy('id')
      .execute();
    for (const r of rows) if (!out.has(r.body_hash)) out.set(r.body_hash, { id: r.id, storyId: r.story_id });
  }
  return out;
}

/** The latest stored original at each URL, with what a version comparison needs. */
export async function latestByUrl(db: Kysely<Database>, urls: string[]): Promise<Map<string, Original & { title: string; blocks: string }>> {
  const out = new Map<string, Original & { title: string; blocks: string }>();
  for (const part of parts([...new Set(urls)])) {
    const rows = await db
      .selectFrom('articles')
      .select(['id', 'url', 'story_id', 'title', 'blocks'])
      .where('url', 'in', part)
      .where('duplicate_of', 'is', null)
      .orderBy('ingested_at', 'desc')
      .execute();
    for (const r of rows) if (r.url && !out.has(r.url)) out.set(r.url, { id: r.id, storyId: r.story_id, title: r.title, blocks: r.blocks });
  }
  return out;
}

/** Stored articles sharing an LSH band key with the given keys. */
export async function bandCandidates(db: Kysely<Database>, keys: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const part of parts([...new Set(keys)])) {
    const rows = await db.selectFrom('article_bands').select(['band_key', 'article_id']).where('band_key', 'in', part).execute();
    for (const r of rows) (out.get(Number(r.band_key)) ?? out.set(Number(r.band_key), []).get(Number(r.band_key))!).push(r.article_id);
  }
  return out;
}

export async function signaturesOf(db: Kysely<Database>, ids: string[]): Promise<Map<string, { signature: Uint32Array; storyId: string | null }>> {
  const out = new Map<string, { signature: Uint32Array; storyId: string | null }>();
  for (const part of parts([...new Set(ids)])) {
    const rows = await db
      .selectFrom('article_signatures')
      .innerJoin('articles', 'articles.id', 'article_signatures.article_id')
      .select(['article_signatures.article_id', 'article_signatures.signature', 'articles.story_id'])
      .where('article_signatures.article_id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.article_id, { signature: fromBytes(r.signature), storyId: r.story_id });
  }
  return out;
}
