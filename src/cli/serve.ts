import type { Command } from 'commander';
import { config } from '../config.ts';
import { fail, openStore, withDb } from './shared.ts';

export function register(program: Command): void {
  withDb(
    program
      .command('serve')
      .description('Serve the web UI and the JSON API.')
      .option('--port <n>', `port to listen on (default ${config('port')})`)
      .option('--host <h>', `address to listen on (default ${config('host')})`)
      .option('--no-analysis', 'do not run the analysis worker here (run `storyline worker` elsewhere)'),
  ).action(async (opts: { db?: string; port?: string; host?: string; analysis: boolean }) => {
    const port = Number(opts.port ?? config('port'));
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port ${opts.port} is not a port number`);
    const host = opts.host ?? config('host');
    const [{ serve }, { createApp }, { Pipeline }] = await Promise.all([import('@hono/node-server'), import('../server/index.ts'), import('../pipeline/index.ts')]);
    const store = await openStore(opts);
    const pipeline = new Pipeline(store);
    // The analysis stage runs beside the server, on a thread of its own: pages only read.
    if (opts.analysis) pipeline.startAnalysis();
    const server = serve({ fetch: createApp(store, { pipeline }).fetch, port, hostname: host }, (info) => {
      process.stderr.write(`storyline: serving ${store.location} at http://${host.includes(':') ? `[${host}]` : host}:${info.port}/ (Ctrl-C to stop)\n`);
    });
    server.on('error', (e: NodeJS.ErrnoException) => fail(e.code === 'EADDRINUSE' ? `port ${port} is already in use (try --port)` : e.message, 1));
    const stop = (): void => {
      server.close();
      void pipeline
        .close()
        .then(() => store.close())
        .then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
