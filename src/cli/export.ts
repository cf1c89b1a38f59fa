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
    const doc = await store.export();
    await store.close();
    // The export only reads: stories whose newest version waits for the analysis worker show
    // their previous analysis (or none), and are listed in "pending".
    if (doc.pending.length) process.stderr.write(`storyline: ${doc.pending.length} stories are waiting for analysis (run \`storyline worker --once\`, or leave \`storyline serve\` running)\n`);
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  });
}
