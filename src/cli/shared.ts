// What every command shares: the --db option, opening the store, and printing errors the same way.
import type { Command } from 'commander';
import { config } from '../config.ts';
import type { Store } from '../store/index.ts';

export function withDb(cmd: Command): Command {
  return cmd.option('--db <file>', `SQLite database file (default: ${config('dbPath')}; STORYLINE_DATABASE_URL=postgres://… selects PostgreSQL)`);
}

/** Opens the store. Only commands that write new data create a database (`create`); the others
 * refuse a file that does not exist, so a mistyped --db says so instead of showing an empty,
 * new database. */
export async function openStore(opts: { db?: string }, how: { create?: boolean } = {}): Promise<Store> {
  try {
    // Loaded here, not at start-up: commands that need no database never pay for it.
    const { Store, NoStoreError } = await import('../store/index.ts');
    try {
      return await Store.open({ db: opts.db, existing: !how.create });
    } catch (e) {
      if (e instanceof NoStoreError) fail(`${e.message}${opts.db ? ' (is --db mistyped?)' : ''}; \`storyline ingest\` or \`storyline serve\` creates one`);
      throw e;
    }
  } catch (e) {
    fail(`cannot open the database ${opts.db ?? config('dbPath')}: ${(e as Error).message}`);
  }
}

/** Prints "storyline: <message>" on stderr and exits with the given code (2: bad usage or input). */
export function fail(message: string, code = 2): never {
  process.stderr.write(`storyline: ${message}\n`);
  process.exit(code);
}

/**
 * Runs the analysis stage here, for the stories waiting in the store's queue (ingest fills it and
 * leaves it: analysis is off its path). Commands that print analyses call it first, so that
 * `ingest` then `export` gives a complete export. A bar on stderr when it is a terminal; failures
 * listed there. Undefined when nothing waits. `pipeline`: the command's own, if it has one.
 */
export async function analyseQueued(store: Store, pipeline?: import('../pipeline/index.ts').Pipeline): Promise<(import('../pipeline/index.ts').AnalysisReport & { ms: number }) | undefined> {
  const waiting = (await store.analysis.backlog(config('analysisMaxAttempts'))).stories;
  if (!waiting) return undefined;
  // Loaded here: a command with nothing to analyse never pays for the pipeline.
  const [{ Pipeline }, { SingleBar }] = await Promise.all([import('../pipeline/index.ts'), import('cli-progress')]);
  const own = pipeline ?? new Pipeline(store);
  const started = performance.now();
  const bar = process.stderr.isTTY ? new SingleBar({ format: 'analyse [{bar}] {value}/{total} stories | {last}', hideCursor: true, stream: process.stderr }) : null;
  bar?.start(waiting, 0, { last: '' });
  let done = 0;
  try {
    const report = await own.analyse({ onStory: (id) => bar?.update(Math.min(++done, waiting), { last: id }) });
    bar?.stop();
    for (const f of report.failed) process.stderr.write(`storyline: analysis of story ${f.storyId} failed: ${f.error}\n`);
    return { ...report, ms: performance.now() - started };
  } finally {
    bar?.stop();
    if (!pipeline) await own.close();
  }
}
