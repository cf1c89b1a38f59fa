// What differs between the database engines, behind one interface: the store's parts write
// portable queries through Kysely and ask the adapter (sqlite/, postgres/) for the few things only
// an engine's own SQL does well: full-text search, the order rows were written in, the cheapest
// "did anything change?", bulk upserts of counts, taking queue rows without waiting on another
// worker, and keeping writers of the grouping state one at a time.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
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
  /** Originals written after a position, oldest first, with their positions. */
  signaturesSince(db: Db, seq: number): Promise<Array<{ id: string; signature: Uint8Array; seq: number }>>;
  /** A value that changes whenever anything is committed, by this connection or another. */
  writeGeneration(db: Db): Promise<string>;
  /** Adds counts to term_df in one statement. */
  addTermCounts(db: Db, counts: Array<[string, number]>): Promise<void>;
  /** Inside a transaction that changes the grouping state (stories, frequencies, what dedupe
   * looks up): waits until no other writer of it is inside one. SQLite's write transactions are
   * one at a time already; PostgreSQL takes an advisory lock held until the transaction ends. */
  lockGrouping(trx: Db): Promise<void>;
  /** Inside a migration's transaction: one process migrates at a time. */
  lockMigrations(trx: Db): Promise<void>;
  /** A select of queue rows to claim: in PostgreSQL the rows are locked and rows another worker
   * is claiming are skipped (FOR UPDATE SKIP LOCKED), so workers never wait on each other; in
   * SQLite the write transaction already keeps other writers out. */
  forClaim<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** What the engine's own checks find wrong (empty: nothing). */
  integrityCheck(db: Db): Promise<string[]>;
  /** A consistent copy of the whole database, taken while it is in use. */
  backup(db: Db, file: string): Promise<void>;
}

/** Why a backup of a PostgreSQL store is not Storyline's to take. */
export const PG_DUMP_ADVICE =
  'a PostgreSQL store is backed up with PostgreSQL\'s own tools: pg_dump --format=custom --file=storyline.dump "$STORYLINE_DATABASE_URL" (restore with pg_restore), or continuous archiving for point-in-time recovery';

/** The queries that follow the order articles were written in, over the column that holds it:
 * SQLite's `rowid`, PostgreSQL's `seq` identity column. */
export function writeOrder(column: 'rowid' | 'seq'): Pick<SqlDialect, 'newestArticleSeq' | 'countArticlesSince' | 'articleSeq' | 'recentSignatures' | 'signaturesSince'> {
  const seq = sql.raw(column);
  return {
    async newestArticleSeq(db) {
      const r = await sql<{ n: number | null }>`select max(${seq}) as n from articles`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },
    async countArticlesSince(db, since, storyId) {
      const r = storyId
        ? await sql<{ n: number }>`select count(*) as n from articles where ${seq} > ${since} and story_id = ${storyId}`.execute(db)
        : await sql<{ n: number }>`select count(*) as n from articles where ${seq} > ${since}`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },
    async articleSeq(db, id) {
      const r = await sql<{ n: number }>`select ${seq} as n from articles where id = ${id}`.execute(db);
      return r.rows[0]?.n;
    },
    async recentSignatures(db, limit) {
      const r = await sql<{ id: string; signature: Uint8Array }>`select id, signature from articles where signature is not null order by ${seq} desc limit ${limit}`.execute(db);
      return r.rows;
    },
    async signaturesSince(db, since) {
      const r = await sql<{ id: string; signature: Uint8Array; seq: number }>`select id, signature, ${seq} as seq from articles where ${seq} > ${since} and signature is not null order by ${seq}`.execute(db);
      return r.rows;
    },
  };
}
