// `storyline serve`: the pages and the API, with the analysis worker and the feed poller beside
// them (both on by default, so subscribing in the UI is enough for articles to arrive). On an
// address other than loopback it refuses to start without an admin token, unless told to be
// read-only: an open server on a network would let anyone write.
import type { Command } from 'commander';
import { config } from '../config.ts';
import { fail, openStore, withDb } from './shared.ts';

/** Whether a listening address only reaches this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

/** Why `serve` may not start as asked, or undefined. */
export function exposureProblem(host: string, tokenSet: boolean, readOnly: boolean): string | undefined {
  if (isLoopback(host) || tokenSet || readOnly) return undefined;
  return `refusing to serve on ${host} without an admin token: anyone who can reach it could subscribe feeds, push articles and import OPML. Set STORYLINE_ADMIN_TOKEN (a long random secret), or start with --public-read-only to serve the pages and API read-only.`;
}

export function register(program: Command): void {
  withDb(
    program
      .command('serve')
      .description('Serve the web UI and the JSON API, with the analysis worker and the feed poller.')
      .option('--port <n>', `port to listen on (default ${config('port')})`)
      .option('--host <h>', `address to listen on (default ${config('host')}); another than loopback needs an admin token or --public-read-only`)
      .option('--public-read-only', 'serve on a public address without an admin token: pages and API read-only, no sign-in, no writes (STORYLINE_PUBLIC_READ_ONLY)')
      .option('--allow-private-network', 'let the feed poller and subscription checks reach private addresses (off; prefer STORYLINE_ALLOW_PRIVATE_HOSTS for a few hosts)')
      .option('--no-analysis', 'do not run the analysis worker here (run `storyline worker` elsewhere)')
      .option('--no-poll', 'do not poll feeds here (run `storyline run` elsewhere)'),
  ).action(async (opts: { db?: string; port?: string; host?: string; analysis: boolean; poll: boolean; publicReadOnly?: boolean; allowPrivateNetwork?: boolean }) => {
    const port = Number(opts.port ?? config('port'));
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port ${opts.port} is not a port number`);
    const host = opts.host ?? config('host');
    if (opts.publicReadOnly) process.env.STORYLINE_PUBLIC_READ_ONLY = 'true';
    if (opts.allowPrivateNetwork) process.env.STORYLINE_ALLOW_PRIVATE_NETWORK = 'true';
    const problem = exposureProblem(host, config('adminToken') !== '', config('publicReadOnly'));
    if (problem) fail(problem);
    const [{ serve }, { createApp }, { Pipeline }, { Poller }, { createLogger }] = await Promise.all([import('@hono/node-server'), import('../server/index.ts'), import('../pipeline/index.ts'), import('../subscriptions/index.ts'), import('../util/log.ts')]);
    const log = createLogger('serve');
    const store = await openStore(opts, { create: true });
    const pipeline = new Pipeline(store);
    const readOnly = config('publicReadOnly') && config('adminToken') === '';
    const poller =
      opts.poll && config('serveRunsPoller')
        ? new Poller(pipeline, {
            onReport: (r) => (r.outcome === 'failed' ? log.warn({ feed: r.url, error: r.error, next: r.nextPollAt }, 'feed poll failed') : r.outcome !== 'cancelled' && log.info({ feed: r.url, outcome: r.outcome, entries: r.entries, new: r.newEntries, stored: r.stored, next: r.nextPollAt }, 'feed polled')),
            onRejection: (r) => log.warn({ input: r.input, stage: r.stage, reason: r.reason }, 'input skipped'),
            onError: (e) => log.error({ err: e }, 'feed polling failed; trying again'),
          })
        : undefined;
    const server = serve({ fetch: createApp(store, { pipeline, poller, log: config('accessLog') ? log : undefined }).fetch, port, hostname: host }, (info) => {
      // The analysis stage (on a thread of its own: pages only read) and the poller start once the
      // port is ours: a serve that cannot listen exits at once, and must not leave stories claimed
      // for analysis (or feeds for polling) until their lease lapses.
      if (opts.analysis) pipeline.startAnalysis();
      poller?.start();
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}/`;
      log.info({ url, db: store.location, analysis: opts.analysis, polling: !!poller, readOnly, adminToken: config('adminToken') !== '' }, 'serving');
      process.stderr.write(`storyline: serving ${store.location} at ${url}${readOnly ? ' (read-only)' : ''} (Ctrl-C to stop)\n`);
    });
    server.on('error', (e: NodeJS.ErrnoException) => fail(e.code === 'EADDRINUSE' ? `port ${port} is already in use (try --port)` : e.message, 1));
    let stopping = false;
    const stop = (): void => {
      if (stopping) process.exit(130);
      stopping = true;
      server.close();
      void (poller?.stop() ?? Promise.resolve())
        .then(() => pipeline.close())
        .then(() => store.close())
        .then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
