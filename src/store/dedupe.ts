// Persistence of the dedupe stage: lookups by body fingerprint and by URL (the LSH bands of
// recent originals are held in memory: working-set.ts).
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
export async function latestByUrl(db: Kysely<Database>, urls: string[]): Promise<Map<string, Original & { title: string; blocks: string; signature: Uint32Array | undefined }>> {
  const out = new Map<string, Original & { title: string; blocks: string; signature: Uint32Array | undefined }>();
  for (const part of parts([...new Set(urls)])) {
    const rows = await db
      .selectFrom('articles')
      .select(['id', 'url', 'story_id', 'title', 'blocks', 'signature'])
      .where('url', 'in', part)
      .where('duplicate_of', 'is', null)
      .orderBy('ingested_at', 'desc')
      .execute();
    for (const r of rows) if (r.url && !out.has(r.url)) out.set(r.url, { id: r.id, storyId: r.story_id, title: r.title, blocks: r.blocks, signature: r.signature ? fromBytes(r.signature) : undefined });
  }
  return out;
}

/** The story each of these stored articles is in. */
export async function storiesOf(db: Kysely<Database>, ids: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const part of parts([...new Set(ids)])) for (const r of await db.selectFrom('articles').select(['id', 'story_id']).where('id', 'in', part).execute()) out.set(r.id, r.story_id);
  return out;
}
