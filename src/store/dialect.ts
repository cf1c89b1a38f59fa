// What differs between the database engines, behind one interface: the store's parts write
// portable queries through Kysely and ask the adapter (sqlite/ today, postgres/ beside it) for
// the few things only an engine's own SQL does well: full-text search, the order rows were
// written in, the cheapest "did anything change?" and bulk upserts of counts.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

/** The article columns lists and search results need (never the body). */
export const LITE = ['id', 'title', 'site', 'url', 'authors', 'language', 'published_at', 'ingested_at', 'duplicate_of', 'version_of', 'story_id'] as const;
export type LiteRow = Pick<Database['articles'], (typeof LITE)[number]>;

export interface SearchQuery {
  q: string;
  language?: string;
  site?: string;
  /** ISO dates (inclusive) on the article's publication date. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface SqlDialect {
  readonly name: DialectName;
  /** Full-text search, best first; `snippet` marks matched words between \u0001 and \u0002. */
  search(db: Db, query: SearchQuery): Promise<{ total: number; rows: Array<LiteRow & { snippet: string }> }>;
  /** The position of the newest article in write order (0 when there is none). */
  newestArticleSeq(db: Db): Promise<number>;
  /** Articles written after a position, optionally in one story. */
  countArticlesSince(db: Db, since: number, storyId?: string): Promise<number>;
  /** An article's position in write order. */
  articleSeq(db: Db, id: string): Promise<number | undefined>;
  /** The latest originals' MinHash signatures, newest first. */
  recentSignatures(db: Db, limit: number): Promise<Array<{ id: string; signature: Uint8Array }>>;
  /** A value that changes whenever anything is committed, by this connection or another. */
  writeGeneration(db: Db): Promise<string>;
  /** Adds counts to term_df in one statement. */
  addTermCounts(db: Db, counts: Array<[string, number]>): Promise<void>;
}
