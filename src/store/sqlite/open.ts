// The embedded default: one SQLite file through better-sqlite3, in WAL mode so readers (the web
// server) never block the writer (ingest).
//
// Several processes may write one file at once (two ingests, a server taking pushed records). A
// transaction that begins as a reader and later writes cannot wait for the write lock in WAL mode
// (its snapshot may be stale: SQLite fails it at once with "database is locked", whatever the
// busy timeout), so every transaction here begins IMMEDIATE, taking the write lock first, and a
// busy lock is waited for with backoff, off the event loop (a server keeps answering while its
// write waits). Statements outside a transaction are retried the same way.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type QueryResult, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { config } from '../../config.ts';
import type { Database } from '../schema.ts';

/** Prepared statements kept for reuse. */
const STATEMENT_CACHE = 500;
/** How long SQLite itself waits on a busy lock, blocking the thread, before we wait off it. */
const BUSY_SPIN_MS = 20;

export function openSqlite(path: string): Kysely<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new SQLite(path, { timeout: BUSY_SPIN_MS });
  // A second process may be switching the file to WAL at this moment: retried like any write.
  untilNotBusy(() => db.pragma('journal_mode = WAL'));
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the
  // last transactions, which re-ingesting restores (ingest is idempotent).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
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
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: cachingStatements(db) }) });
}

const isBusy = (e: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test((e as { code?: string })?.code ?? '');

/** For the few statements run while opening (synchronously, before any other work). */
function untilNotBusy<T>(fn: () => T): T {
  const deadline = Date.now() + config('busyTimeoutMs');
  for (;;) {
    try {
      return fn();
    } catch (e) {
      if (!isBusy(e) || Date.now() > deadline) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10 + Math.random() * 40);
    }
  }
}

/** Runs `fn` again while the database is busy, waiting longer each time (with jitter, so that
 * writers who met do not meet again), up to busyTimeoutMs in all. */
async function retryBusy<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + config('busyTimeoutMs');
  for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
    try {
      return await fn();
    } catch (e) {
      if (!isBusy(e) || Date.now() > deadline) throw e;
      await sleep(wait * (0.5 + Math.random()));
    }
  }
}

type DialectConfig = ConstructorParameters<typeof SqliteDialect>[0];

class ImmediateSqliteDialect extends SqliteDialect {
  private readonly settings: DialectConfig;
  constructor(settings: DialectConfig) {
    super(settings);
    this.settings = settings;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/** Kysely's SQLite driver with IMMEDIATE transactions and busy locks waited for. */
class ImmediateSqliteDriver extends SqliteDriver {
  private inTransaction = false;
  private readonly wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();

  override async acquireConnection(): Promise<DatabaseConnection> {
    const c = await super.acquireConnection();
    let w = this.wrapped.get(c);
    if (!w) {
      // Outside a transaction a statement is its own; inside one, the write lock is ours already.
      const run = <R>(q: CompiledQuery): Promise<QueryResult<R>> => c.executeQuery<R>(q);
      w = {
        executeQuery: <R>(q: CompiledQuery) => (this.inTransaction ? run<R>(q) : retryBusy(() => run<R>(q))),
        streamQuery: <R>(q: CompiledQuery, chunkSize?: number) => c.streamQuery<R>(q, chunkSize),
      };
      this.wrapped.set(c, w);
    }
    return w;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    this.inTransaction = true;
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('commit'));
    } finally {
      this.inTransaction = false;
    }
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.inTransaction = false;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
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
