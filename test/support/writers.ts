// What the "nothing lost" test and the crash benchmark share: a corpus of record files written
// from the generated news stream (bench/stream.ts), the CLI run as a user runs it (killable), and
// the check that every input is stored exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stream } from '../../bench/stream.ts';
import { verifyStore } from '../../src/pipeline/index.ts';
import { Store } from '../../src/store/index.ts';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'storyline');

/** Writes `count` generated articles as one JSON record file each (folders of 500), returns their
 * paths; `gold`, if given, learns each path's story in the stream (noise: a story of its own). */
export function writeCorpus(dir: string, count: number, seed = 7, gold?: Map<string, string>): string[] {
  const paths: string[] = [];
  let i = 0;
  for (const a of stream(count, seed, 0)) {
    const folder = join(dir, `part-${String(Math.floor(i / 500)).padStart(3, '0')}`);
    if (i % 500 === 0) mkdirSync(folder, { recursive: true });
    const path = join(folder, `${String(i).padStart(6, '0')}.json`);
    writeFileSync(path, JSON.stringify({ title: a.title, text: a.text, url: a.url, publishedAt: a.publishedAt, language: a.language }));
    paths.push(path);
    gold?.set(path, a.story ?? `noise:${a.id}`);
    i++;
  }
  return paths;
}

/** Starts `storyline ARGS…` (the environment passes on: PostgreSQL when the tests run on it). */
export function start(args: string[], env: Record<string, string> = {}): ChildProcess & { output: { stdout: string; stderr: string }; done: Promise<number | null> } {
  const child = spawn(BIN, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }) as ChildProcess & { output: { stdout: string; stderr: string }; done: Promise<number | null> };
  child.output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (b: Buffer) => (child.output.stdout += b.toString('utf8')));
  child.stderr!.on('data', (b: Buffer) => (child.output.stderr += b.toString('utf8')));
  child.done = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ? null : code)));
  return child;
}

/** What a store holds against the inputs it was given: problems (empty: none), and how many of
 * the expected inputs are stored. Every stored input must be one expected, stored once. */
export async function check(db: string, expected: Set<string>): Promise<{ problems: string[]; stored: number }> {
  const store = await Store.open({ db });
  try {
    const problems = await verifyStore(store);
    const seen = new Map<string, number>();
    for (const a of await store.pages.articles()) seen.set(a.input, (seen.get(a.input) ?? 0) + 1);
    for (const [input, n] of seen) {
      if (n > 1) problems.push(`${input} stored ${n} times`);
      if (!expected.has(input)) problems.push(`${input} stored but never given`);
    }
    return { problems, stored: seen.size };
  } finally {
    await store.close();
  }
}

/** A deterministic random number generator (a run can be repeated). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export interface CrashRound {
  /** Articles stored when the kill was decided (the kill came 0–250 ms later), and when it came. */
  killedAt: number;
  killedAfterMs: number;
  /** The ingest finished before it was killed. */
  finished: boolean;
  stored: number;
  problems: string[];
}

/** Ingests `dir` with `storyline ingest` and kills it with SIGKILL at a random point: at a random
 * time (one kill in four), or once a random share of what is left is stored (a reader watches),
 * after a random 0–250 ms more, so that kills
 * fall anywhere in a chunk's work (extracting, deciding, writing, committing). Then the store is
 * checked, and again, `kills` times; a last run then finishes and everything must be stored once. */
export async function crashIngest(opts: { dir: string; db: string; expected: Set<string>; kills: number; seed: number; env?: Record<string, string>; onRound?: (r: CrashRound, i: number) => void }): Promise<{ rounds: CrashRound[]; final: { problems: string[]; stored: number; code: number | null } }> {
  const rand = rng(opts.seed);
  const rounds: CrashRound[] = [];
  for (let i = 0; i < opts.kills; i++) {
    const watcher = await Store.open({ db: opts.db });
    const before = (await watcher.pages.counts()).articles;
    // Spread over what is left: on average an even share per kill to come, at most four fifths.
    const left = opts.expected.size - before;
    const target = before + 1 + Math.floor(Math.min(0.8 * left, (rand() * 2 * left) / (opts.kills - i + 1)));
    const jitter = rand() * 250;
    // One kill in four comes at a random time instead, wherever the process is (starting,
    // migrating, reading files, extracting the first chunk).
    const at = rand() < 0.25 ? 100 + rand() * 1500 : Infinity;
    const started = performance.now();
    const child = start(['ingest', opts.dir, '--db', opts.db], opts.env);
    let killedAt = -1;
    let exited = false;
    void child.done.then(() => (exited = true));
    while (!exited) {
      const n = (await watcher.pages.counts()).articles;
      if (performance.now() - started >= at) {
        killedAt = n;
        child.kill('SIGKILL');
        break;
      }
      if (n >= target) {
        killedAt = n;
        await new Promise((r) => setTimeout(r, jitter));
        child.kill('SIGKILL');
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    const code = await child.done;
    const killedAfterMs = Math.round(performance.now() - started);
    await watcher.close();
    const r = await check(opts.db, opts.expected);
    if (code !== null && code !== 0) r.problems.push(`ingest exited with ${code}: ${child.output.stderr.slice(-500)}`);
    const round = { killedAt, killedAfterMs, finished: code !== null, ...r };
    rounds.push(round);
    opts.onRound?.(round, i);
  }
  const last = start(['ingest', opts.dir, '--db', opts.db], opts.env);
  const code = await last.done;
  const final = { ...(await check(opts.db, opts.expected)), code };
  if (code !== 0) final.problems.push(`the last ingest exited with ${code}: ${last.output.stderr.slice(-500)}`);
  return { rounds, final };
}
