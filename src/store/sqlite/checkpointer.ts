// The checkpointer thread (see Checkpointer in index.ts): its own connection to the store, which
// copies the write-ahead log into the database file whenever the writer asks. A passive checkpoint
// never blocks the writer; what it could not copy is copied next time.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

// The busy timeout is set before the first statement: opening reads the log's index, which the
// writer may hold for a moment.
const db = new SQLite((workerData as { path: string }).path, { fileMustExist: true, timeout: 5000 });
db.pragma('synchronous = NORMAL');
parentPort!.on('message', (m: 'checkpoint' | 'close') => {
  if (m === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  let error: string | null = null;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    error = (e as Error).message;
  }
  parentPort!.postMessage({ error });
});
