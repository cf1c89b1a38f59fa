// `storyline worker`: the shared stages on their own. It takes what `storyline ingest --queue`
// queued (inputs to ingest, URLs to fetch) and ingests it, a chunk at a time, and analyses the
// stories that ingest (here or in another process) marked. Several workers, on several hosts, may
// share one store: they take different chunks and stories, group one at a time under the store's
// lock, and a worker that dies lets its work go when its lease lapses.
import type { Command } from 'commander';
import { config } from '../config.ts';
import { openStore, withDb } from './shared.ts';

export function register(program: Command): void {
  withDb(
    program
      .command('worker')
      .description('Ingest what is queued (storyline ingest --queue) and analyse the stories waiting in the queue (entities, roles, events, timeline); keep doing so as more comes. Ctrl-C stops cleanly.')
      .option('--once', 'do what is queued now, then exit')
      .option('--no-ingest', 'only analyse')
      .option('--no-analysis', 'only ingest'),
  ).action(async (opts: { db?: string; once?: boolean; ingest: boolean; analysis: boolean }) => {
    const { Pipeline } = await import('../pipeline/index.ts');
    const store = await openStore(opts, { create: true });
    const pipeline = new Pipeline(store);
    const log = (id: string, outcome: string, ms: number): void => void process.stderr.write(`storyline: ${outcome} story ${id} (${Math.round(ms)} ms)\n`);
    const events = { onRejection: (r: { input: string; reason: string }) => void process.stderr.write(`storyline: skipped ${r.input}: ${r.reason}\n`) };
    if (opts.once) {
      const w = opts.ingest ? await pipeline.work(events, { once: true }) : undefined;
      const r = opts.analysis ? await pipeline.analyse({ onStory: log }) : undefined;
      await pipeline.close();
      await store.close();
      const parts = [];
      if (w) parts.push(`ingested ${w.inputs} queued inputs: ${w.stored} new articles, ${w.duplicates} duplicates, ${w.unchanged} unchanged, ${w.rejected.length} rejected; fetched ${w.fetched} URLs (${(w.elapsedMs / 1000).toFixed(2)} s)`);
      if (r) parts.push(`analysed ${r.analysed} stories, ${r.dropped} dropped (merged away), ${r.failed.length} failed`);
      process.stdout.write(`${parts.join('; ')}\n`);
      process.exitCode = r && r.failed.length && !r.analysed ? 1 : 0;
      return;
    }
    process.stderr.write(`storyline: working on the queues of ${store.location} (looks again every ${config('workPollMs')} ms; Ctrl-C to stop)\n`);
    if (opts.analysis) pipeline.startAnalysis({ onStory: log });
    const stopping = new AbortController();
    const working = opts.ingest ? pipeline.work(events, { signal: stopping.signal }) : Promise.resolve();
    const stop = (): void => {
      process.stderr.write('storyline: stopping after the chunk and the story in hand\n');
      stopping.abort();
      void working
        .then(() => pipeline.close())
        .then(() => store.close())
        .then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
