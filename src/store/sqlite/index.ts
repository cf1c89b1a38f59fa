// The embedded default: one SQLite file through better-sqlite3, in WAL mode so readers (the web
// server) never block the writer (ingest).
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Database } from '../schema.ts';

/** Prepared statements kept for reuse. */
const STATEMENT_CACHE = 500;

/** Write-ahead log size at which the checkpointer thread is asked to copy it into the database. */
export const CHECKPOINT_BYTES = 64 * 2 ** 20;

export function openSqlite(path: string, opts: { checkpointBytes?: number } = {}): Kysely<Database> {
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
  // chunks (frequencies, stories, the full-text index) is copied once, and syncs are rarer. Those
  // checkpoints are the checkpointer thread's; the writer checkpoints itself only at four times
  // that, should the thread fall behind. The log is truncated once copied, so that its size says
  // how much is waiting.
  const bytes = opts.checkpointBytes ?? CHECKPOINT_BYTES;
  const checkpointer = path === ':memory:' ? null : new Checkpointer(path, bytes);
  db.pragma(`wal_autocheckpoint = ${Math.ceil((4 * bytes) / 4096)}`);
  db.pragma('journal_size_limit = 0');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(db, checkpointer) }) });
  if (checkpointer) checkpointers.set(kysely, checkpointer);
  return kysely;
}

/** Checkpoints in a thread of their own (checkpointer.ts), asked for after a commit leaves the log
 * past its size: a checkpoint of 64 MB took tens of milliseconds, paid by whichever commit crossed
 * the mark, and ingest waited. The thread starts at the first checkpoint (a small store never
 * needs one) and does not keep the process alive. */
class Checkpointer {
  private worker: Worker | null = null;
  private busy = false;
  /** Checkpoints done, and the last one's error (a busy database: the next commit asks again). */
  done = 0;
  lastError: string | null = null;

  private readonly path: string;
  private readonly bytes: number;

  constructor(path: string, bytes: number) {
    this.path = path;
    this.bytes = bytes;
  }

  committed(): void {
    if (this.busy) return;
    let size: number;
    try {
      size = statSync(`${this.path}-wal`).size;
    } catch {
      return; // no log (yet)
    }
    if (size < this.bytes) return;
    this.busy = true;
    (this.worker ??= this.start()).postMessage('checkpoint');
  }

  private start(): Worker {
    const worker = new Worker(new URL('./checkpointer.ts', import.meta.url), { workerData: { path: this.path } });
    worker.unref();
    worker.on('message', (m: { error: string | null }) => {
      this.done++;
      this.lastError = m.error;
      this.busy = false;
    });
    // Should the thread fail, the next commit past the size starts another; meanwhile the writer's
    // own checkpoints (at four times the size) bound the log.
    worker.on('error', (e: Error) => {
      this.lastError = e.message;
      if (this.worker === worker) [this.worker, this.busy] = [null, false];
    });
    worker.on('exit', () => {
      if (this.worker === worker) [this.worker, this.busy] = [null, false];
    });
    return worker;
  }

  /** Stops the thread once it has finished what it was asked (then the writer, closing last, copies
   * the rest of the log and removes it). */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.ref(); // waited for now
    worker.postMessage('close');
    await exited;
  }
}

/** The checkpointer of a database handle. */
export const checkpointers = new WeakMap<Kysely<Database>, Checkpointer>();

/** Closes a SQLite database handle: its checkpointer thread first. */
export async function closeSqlite(db: Kysely<Database>): Promise<void> {
  await checkpointers.get(db)?.stop();
  await db.destroy();
}

// Kysely prepares every query anew, and better-sqlite3 frees a statement's native memory only
// when the garbage collector gets to its small JS handle, which it seldom does: in a long ingest
// that is hundreds of megabytes of compiled statements. Reusing them (the same SQL text is the
// same statement) bounds that memory and saves the compile.
function cachingStatements(db: SQLite.Database, checkpointer: Checkpointer | null): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      db.close();
      void checkpointer?.stop();
    },
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql); // re-insert: most recently used last
      } else {
        stmt = db.prepare(sql);
        if (sql === 'commit' && checkpointer) stmt = afterRun(stmt, () => checkpointer.committed());
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt as unknown as SqliteStatement;
    },
  };
}

/** A statement that calls `then` after each run (what the query builder uses of it). */
function afterRun(stmt: SQLite.Statement, then: () => void): SQLite.Statement {
  return {
    reader: stmt.reader,
    all: (...params: unknown[]) => stmt.all(...params),
    iterate: (...params: unknown[]) => stmt.iterate(...params),
    run: (...params: unknown[]) => {
      const result = stmt.run(...params);
      then();
      return result;
    },
  } as unknown as SQLite.Statement;
}
