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
