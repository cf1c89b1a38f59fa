// `storyline worker`: the analysis stage on its own. It takes the stories that ingest (here or in
// another process) marked, analyses each story's newest version once and writes entities, roles
// and events for pages to read. Several workers may share one store: a story is held by one at a
// time, and a worker that dies lets its stories go when their lease lapses.
import type { Command } from 'commander';
import { config } from '../config.ts';
import { openStore, withDb } from './shared.ts';

export function register(program: Command): void {
  withDb(
    program
      .command('worker')
      .description('Analyse the stories waiting in the queue (entities, roles, events, timeline), and keep doing so as ingest adds more. Ctrl-C stops cleanly.')
      .option('--once', 'analyse what is queued now, then exit'),
  ).action(async (opts: { db?: string; once?: boolean }) => {
    const { Pipeline } = await import('../pipeline/index.ts');
    const store = await openStore(opts, { create: true });
    const pipeline = new Pipeline(store);
    const log = (id: string, outcome: string, ms: number): void => void process.stderr.write(`storyline: ${outcome} story ${id} (${Math.round(ms)} ms)\n`);
    if (opts.once) {
      const r = await pipeline.analyse({ onStory: log });
      await pipeline.close();
      await store.close();
      process.stdout.write(`analysed ${r.analysed} stories, ${r.dropped} dropped (merged away), ${r.failed.length} failed\n`);
      process.exitCode = r.failed.length && !r.analysed ? 1 : 0;
      return;
    }
    process.stderr.write(`storyline: analysing the queue of ${store.location} (looks again every ${config('analysisPollMs')} ms; Ctrl-C to stop)\n`);
    pipeline.startAnalysis({ onStory: log });
    const stop = (): void => {
      process.stderr.write('storyline: stopping after the story in hand\n');
      void pipeline
        .close()
        .then(() => store.close())
        .then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
