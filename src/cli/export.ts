import type { Command } from 'commander';
import { analyseQueued, fail, openStore, withDb } from './shared.ts';

export function register(program: Command): void {
  withDb(
    program
      .command('export')
      .description('Print the whole store as one JSON document (articles, stories, entities, events).')
      .option('--format <format>', 'output format (json)', 'json')
      .option('--no-analysis', 'print what is analysed so far, without first analysing the stories waiting in the queue (they are listed in "pending")'),
  )
    .addHelpText('after', '\nStories that `storyline ingest` queued for analysis are analysed first, here (a bar on stderr on a terminal,\none line otherwise), unless --no-analysis: `ingest` then `export` gives a complete export.')
    .action(async (opts: { db?: string; format: string; analysis: boolean }) => {
      if (opts.format !== 'json') fail(`unknown --format ${opts.format}: only json is supported`);
      const store = await openStore(opts);
      // Analysis is a stage fed by a queue that ingest fills and leaves: what waits is run here, so
      // that the export is complete.
      if (opts.analysis) {
        const report = await analyseQueued(store);
        if (report) process.stderr.write(`storyline: analysed ${report.analysed} ${report.analysed === 1 ? 'story' : 'stories'} from the queue${report.failed.length ? ` (${report.failed.length} failed)` : ''} in ${(report.ms / 1000).toFixed(2)} s\n`);
      }
      const doc = await store.export();
      await store.close();
      // Stories whose newest version still waits (--no-analysis, a failure, another writer) show
      // their previous analysis (or none), and are listed in "pending".
      if (doc.pending.length) process.stderr.write(`storyline: ${doc.pending.length} stories are waiting for analysis (run \`storyline export\` without --no-analysis, \`storyline worker --once\`, or leave \`storyline serve\` running)\n`);
      process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    });
}
