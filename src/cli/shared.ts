// What every command shares: the --db option, opening the store, and printing errors the same way.
import type { Command } from 'commander';
import { config } from '../config.ts';
import type { Store } from '../store/index.ts';

export function withDb(cmd: Command): Command {
  return cmd.option('--db <file>', `SQLite database file (default: ${config('dbPath')}; STORYLINE_DATABASE_URL=postgres://… selects PostgreSQL)`);
}

export async function openStore(opts: { db?: string }): Promise<Store> {
  try {
    // Loaded here, not at start-up: commands that need no database never pay for it.
    const { Store } = await import('../store/index.ts');
    return await Store.open({ db: opts.db });
  } catch (e) {
    fail(`cannot open the database ${opts.db ?? config('dbPath')}: ${(e as Error).message}`);
  }
}

/** Prints "storyline: <message>" on stderr and exits with the given code (2: bad usage or input). */
export function fail(message: string, code = 2): never {
  process.stderr.write(`storyline: ${message}\n`);
  process.exit(code);
}
