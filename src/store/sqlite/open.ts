// The embedded default: one SQLite file through better-sqlite3, in WAL mode so readers (the web
// server) never block the writer (ingest).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Database } from '../schema.ts';

/** Prepared statements kept for reuse. */
const STATEMENT_CACHE = 500;

export function openSqlite(path: string): Kysely<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the
  // last transactions, which re-ingesting restores (ingest is idempotent).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // SQLite's default page cache is 2 MB: an index that outgrows it is read from the OS on every
  // lookup, and ingest slows down as the store grows. Every article inserts into a few indexes at
  // random places (ids, body fingerprints, URLs, stories): at a million articles they weigh about
  // 200 MB, which a 256 MB cache keeps in memory; reads of the rest are memory-mapped.
  db.pragma('cache_size = -262144');
  db.pragma('mmap_size = 268435456');
  db.pragma('temp_store = MEMORY');
  // A checkpoint copies the write-ahead log into the database and syncs it. At the default (every
  // 4 MB) ingest checkpointed after nearly every chunk; at 64 MB a page rewritten by several
  // chunks (frequencies, stories, the full-text index) is copied once, and syncs are rarer.
  db.pragma('wal_autocheckpoint = 16384');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(db) }) });
}

// Kysely prepares every query anew, and better-sqlite3 frees a statement's native memory only
// when the garbage collector gets to its small JS handle, which it seldom does: in a long ingest
// that is hundreds of megabytes of compiled statements. Reusing them (the same SQL text is the
// same statement) bounds that memory and saves the compile.
function cachingStatements(db: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql); // re-insert: most recently used last
      } else {
        stmt = db.prepare(sql);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt as unknown as SqliteStatement;
    },
  };
}
