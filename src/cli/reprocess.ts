// `storyline reprocess`: every stored input extracted, deduplicated, grouped and analysed again
// with the current code (after an upgrade of the extractor or the models). Inputs are kept
// verbatim, so nothing is fetched again; people's decisions are kept and honoured.
import type { Command } from 'commander';
import { openStore, withDb } from './shared.ts';

export function register(program: Command): void {
  withDb(
    program
      .command('reprocess')
      .description('Extract, group and analyse every stored input again with the current code. Resumes where an interrupted run stopped; run again, it makes the same store again.')
      .option('--no-analysis', 'leave the analysis to `storyline worker` or `storyline serve`'),
  )
    .addHelpText('after', '\nWhile it runs, articles come back chunk by chunk: pages show what is done so far.')
    .action(async (opts: { db?: string; analysis: boolean }) => {
      // Loaded here, not at start-up: `--help` and other commands never pay for it.
      const { Pipeline } = await import('../pipeline/index.ts');
      const store = await openStore(opts);
      const pipeline = new Pipeline(store);
      const resuming = await store.ingest.reprocessing();
      process.stderr.write(`storyline: ${resuming ? `resuming the reprocess begun at ${resuming}` : 'reprocessing every stored input'} in ${store.location}\n`);
      let n = 0;
      const summary = await pipeline.reprocess({
        onInput() {
          if (++n % 1000 === 0) process.stderr.write(`storyline: ${n} inputs\n`);
        },
        onRejection: (r) => process.stderr.write(`storyline: ${r.input} has no article now: ${r.reason}\n`),
      });
      let analysed = '';
      if (opts.analysis) {
        const report = await pipeline.analyse();
        for (const f of report.failed) process.stderr.write(`storyline: analysis of story ${f.storyId} failed: ${f.error}\n`);
        analysed = `; analysed ${report.analysed} stories${report.failed.length ? `, ${report.failed.length} failed` : ''}`;
      }
      await pipeline.close();
      await store.close();
      const s = summary;
      process.stdout.write(
        `reprocessed ${s.inputs} inputs in ${store.location}: ${s.stored} articles, ${s.duplicates} duplicates, ${s.unchanged} done before (resumed), ${s.rejected.length} rejected (${(s.elapsedMs / 1000).toFixed(2)} s)${analysed}\n`,
      );
      process.exitCode = s.inputs > 0 && s.rejected.length === s.inputs ? 1 : 0;
    });
}
