import type { Command } from 'commander';
import { fail, openStore, withDb } from './shared.ts';

export function register(program: Command): void {
  withDb(
    program
      .command('export')
      .description('Print the whole store as one JSON document (articles, stories, entities, events).')
      .option('--format <format>', 'output format (json)', 'json'),
  ).action(async (opts: { db?: string; format: string }) => {
    if (opts.format !== 'json') fail(`unknown --format ${opts.format}: only json is supported`);
    const store = await openStore(opts);
    const { exportAll } = await import('../store/export.ts');
    const doc = await exportAll(store);
    await store.close();
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  });
}
