// The embedded store's write-ahead log: checkpoints happen in a thread of their own, and nothing
// written is lost to them.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { checkpointers, closeSqlite, openSqlite } from '../src/store/sqlite/index.ts';

const root = mkdtempSync(join(tmpdir(), 'storyline-sqlite-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('the checkpointer thread copies the log once it passes its size; the log starts over; nothing is lost, and closing removes it', async () => {
  const path = join(root, 'wal.db');
  const bytes = 256 * 1024;
  const db = openSqlite(path, { checkpointBytes: bytes });
  await sql`create table t (n integer, x blob)`.execute(db);
  const wal = (): number => statSync(`${path}-wal`).size;
  const checkpointer = checkpointers.get(db)!;
  let n = 0;
  const commit = () => db.transaction().execute(async (trx) => {
    for (let k = 0; k < 20; k++) await sql`insert into t values (${n++}, randomblob(2000))`.execute(trx);
  });
  // The thread starts at the first checkpoint asked for, and is asked again whenever a commit
  // finds the log past the size and the thread idle.
  let largest = 0;
  const started = Date.now();
  while (checkpointer.done < 4) {
    assert.ok(Date.now() - started < 20_000, `${checkpointer.done} checkpoints in 20 s (last error: ${checkpointer.lastError})`);
    await commit();
    largest = Math.max(largest, wal());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(checkpointer.lastError, null);
  assert.ok(largest >= bytes, 'the log reached the size that asks for a checkpoint');
  // Copied, the log starts over from nothing at the next commit.
  await commit();
  assert.ok(wal() < bytes, `log ${wal()} bytes after a checkpoint`);
  await closeSqlite(db);
  assert.equal(existsSync(`${path}-wal`), false, 'the log is removed when the store closes');
  const again = openSqlite(path);
  const row = await sql<{ rows: number; last: number }>`select count(*) as rows, max(n) as last from t`.execute(again);
  assert.deepEqual(row.rows[0], { rows: n, last: n - 1 });
  await closeSqlite(again);
});
