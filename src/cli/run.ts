// `storyline run`: polls the subscribed feeds on their schedule and ingests what is new. The
// schedule lives in the database (jobs table), so stopping and starting again resumes it.
import type { Command } from 'commander';
import { config } from '../config.ts';
import type { FeedReport } from '../subscriptions/index.ts';
import { fail, openStore, withDb } from './shared.ts';

function line(r: FeedReport): string {
  const when = r.nextPollAt ? `next ${r.nextPollAt}${r.why ? ` (${r.why})` : ''}` : '';
  if (r.outcome === 'failed') return `failed    ${r.url}: ${r.error} · ${when}`;
  if (r.outcome === 'not-modified') return `unchanged ${r.url} (304) · ${when}`;
  if (r.outcome === 'cancelled') return `cancelled ${r.url}`;
  return `polled    ${r.url}: ${r.entries} entries, ${r.newEntries} new, ${r.changedEntries} changed, ${r.stored} stored${r.rejected ? `, ${r.rejected} rejected` : ''} · ${when}`;
}

export function register(program: Command): void {
  withDb(
    program
      .command('run')
      .description('Poll the subscribed feeds on their schedule (ttl, Cache-Control, Retry-After) and ingest new entries. Ctrl-C stops cleanly.')
      .option('--once', 'poll the feeds that are due, then exit')
      .option('--allow-private-network', 'allow fetching loopback and private addresses (off by default)')
      .option('--concurrency <n>', `feeds fetched at once (default ${config('runConcurrency')})`)
      .option('--no-analysis', 'only store and group what comes in: leave the analysis to `storyline worker`'),
  ).action(async (opts: { db?: string; once?: boolean; allowPrivateNetwork?: boolean; concurrency?: string; analysis: boolean }) => {
    const concurrency = opts.concurrency === undefined ? undefined : Number(opts.concurrency);
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) fail(`--concurrency must be a positive integer, got ${opts.concurrency}`);
    const [{ Pipeline }, { pollDue, Poller }] = await Promise.all([import('../pipeline/index.ts'), import('../subscriptions/index.ts')]);
    const store = await openStore(opts, { create: true });
    const pipeline = new Pipeline(store);
    // The analysis stage runs beside the polling, on a thread of its own.
    if (opts.analysis && !opts.once) pipeline.startAnalysis();
    const stop = new AbortController();
    let stopping = false;
    const onSignal = (): void => {
      if (stopping) process.exit(130); // a second Ctrl-C does not wait
      stopping = true;
      process.stderr.write('storyline: stopping after the polls in flight (Ctrl-C again to quit now)\n');
      stop.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    if (!opts.once) process.stderr.write(`storyline: polling the feeds of ${store.location} (Ctrl-C to stop)\n`);
    let polled = 0;
    let failed = 0;
    const poll = {
      allowPrivateNetwork: opts.allowPrivateNetwork ?? config('allowPrivateNetwork'),
      concurrency,
      onReport: (r: FeedReport) => {
        if (r.outcome === 'cancelled') return;
        polled++;
        if (r.outcome === 'failed') failed++;
        process.stderr.write(`storyline: ${line(r)}\n`);
      },
      onRejection: (r: { input: string; reason: string }) => process.stderr.write(`storyline: skipped ${r.input}: ${r.reason}\n`),
      onError: (e: Error) => process.stderr.write(`storyline: polling failed (${e.message}); trying again\n`),
    };
    try {
      if (opts.once) await pollDue(pipeline, { ...poll, signal: stop.signal });
      else {
        // The same poller `serve` runs, until Ctrl-C.
        const poller = new Poller(pipeline, poll).start();
        await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
        await poller.stop();
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (opts.analysis && opts.once) await pipeline.analyse();
      await pipeline.close();
      await store.close();
    }
    process.stdout.write(`polled ${polled} feeds, ${failed} failed\n`);
    process.exitCode = polled > 0 && failed === polled ? 1 : 0;
  });
}
