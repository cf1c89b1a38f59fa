// Runs prepare and extract jobs for the pool. Inputs stay here between the two steps so the
// prepared text (decoded, cut into lines) is reused, then are dropped.
import { parentPort } from 'node:worker_threads';
import type { RawInput } from '../types.ts';
import { extractJob, packOutcome, prepareJob } from './jobs.ts';

type Request =
  | { seq: number; type: 'prepare'; jobs: Array<{ id: number; raw: RawInput }> }
  | { seq: number; type: 'extract'; jobs: Array<{ id: number; recurring: string[]; raw?: RawInput }>; forget?: number[] };

const held = new Map<number, RawInput>();

parentPort!.on('message', (msg: Request) => {
  if (msg.type === 'prepare') {
    const results = msg.jobs.map(({ id, raw }) => {
      held.set(id, raw);
      return { id, keys: prepareJob(raw) };
    });
    parentPort!.postMessage({ seq: msg.seq, results });
    return;
  }
  // Inputs this worker prepared that another worker extracted instead (pool.ts).
  for (const id of msg.forget ?? []) held.delete(id);
  const results = msg.jobs.map(({ id, recurring, raw: sent }) => {
    // An input another worker prepared comes with its job.
    const raw = sent ?? held.get(id);
    held.delete(id);
    return { id, outcome: packOutcome(raw ? extractJob(raw, new Set(recurring)) : { error: 'internal: input was not prepared' }) };
  });
  parentPort!.postMessage({ seq: msg.seq, results });
});

// Loaded: the deadline of a job counts from here, not from the thread's start.
parentPort!.postMessage({ ready: true });
