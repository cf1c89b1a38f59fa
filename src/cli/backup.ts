// `storyline backup FILE`: a consistent copy of the whole store, taken while it is in use
// (ingest, a server and workers go on writing). SQLite writes it with VACUUM INTO: one read
// transaction, compacted; the copy is a store `--db FILE` opens as it is. A PostgreSQL store is
// backed up with pg_dump (the command says how).
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { fail, openStore, withDb } from './shared.ts';

export function register(program: Command): void {
  withDb(
    program
      .command('backup')
      .description('Copy the whole store into a new SQLite file, consistently, while it is in use. PostgreSQL stores are backed up with pg_dump.')
      .argument('<file>', 'the copy to write (must not exist)'),
  )
    .addHelpText('after', '\nRestore by using the copy as the database: storyline serve --db FILE.\nPostgreSQL: pg_dump --format=custom --file=storyline.dump "$STORYLINE_DATABASE_URL"; restore with pg_restore.')
    .action(async (file: string, opts: { db?: string }) => {
      const target = resolve(file);
      if (existsSync(target)) fail(`${file} exists already: a backup never overwrites a file`);
      const store = await openStore(opts);
      const started = performance.now();
      try {
        await store.backup(target);
      } catch (e) {
        await store.close();
        fail(`cannot back up ${store.location}: ${(e as Error).message}`, 1);
      }
      const counts = await store.pages.counts();
      await store.close();
      // The copy is opened as a store would be: it must be one.
      const { Store } = await import('../store/index.ts');
      const copy = await Store.open({ db: target });
      const check = await copy.integrityCheck();
      await copy.close();
      if (check.length) fail(`the copy ${file} failed its integrity check: ${check.join('; ')}`, 1);
      process.stdout.write(
        `backed up ${store.location} to ${target}: ${(statSync(target).size / 1e6).toFixed(1)} MB, ${counts.articles} articles, ${counts.stories} stories (${((performance.now() - started) / 1000).toFixed(2)} s)\n`,
      );
    });
}
