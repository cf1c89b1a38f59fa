import type { Command } from 'commander';
import { openStore, withDb } from './shared.ts';

export function register(program: Command): void {
  withDb(
    program
      .command('ingest')
      .description('Ingest files (.txt, .html, .json/.jsonl records), folders (recursively) and URLs. Idempotent: the same input twice changes nothing.')
      .argument('<paths...>', 'files, folders or URLs')
      .option('--allow-private-network', 'allow fetching loopback and private addresses (off by default)'),
  )
    .addHelpText('after', '\nPrints one summary line on stdout; rejected inputs are listed on stderr with their reason.\nExit 0 when every input was handled (bad ones reported and skipped), 1 when none could be.')
    .action(async (paths: string[], opts: { db?: string; allowPrivateNetwork?: boolean }) => {
      const [{ ingest }, { SingleBar }] = await Promise.all([import('../pipeline.ts'), import('cli-progress')]);
      const store = await openStore(opts);
      const tty = process.stderr.isTTY;
      const bar = tty ? new SingleBar({ format: 'ingest [{bar}] {value} inputs | {rate}/s | {last}', hideCursor: true, stream: process.stderr }) : null;
      let n = 0;
      const started = performance.now();
      bar?.start(0, 0, { rate: 0, last: '' });
      const summary = await ingest(paths, store, {
        onInput(input) {
          n++;
          if (bar && n % 25 === 0) {
            bar.setTotal(n);
            bar.update(n, { rate: Math.round(n / ((performance.now() - started) / 1000)), last: input.slice(-40) });
          }
        },
        onRejection(r) {
          // On a terminal, clear the progress line first; the bar redraws on its next update.
          process.stderr.write(`${bar ? '\r\x1b[K' : ''}storyline: skipped ${r.input}: ${r.reason}\n`);
        },
      }, { sources: { allowPrivateNetwork: opts.allowPrivateNetwork } });
      bar?.setTotal(n);
      bar?.update(n, { rate: Math.round(n / (summary.elapsedMs / 1000 || 1)), last: 'done' });
      bar?.stop();
      await store.close();
      const s = summary;
      process.stdout.write(
        `ingested ${s.inputs} inputs into ${store.location}: ${s.stored} new articles, ${s.duplicates} duplicates, ${s.unchanged} unchanged, ${s.rejected.length} rejected (${(s.elapsedMs / 1000).toFixed(2)} s)\n`,
      );
      process.exitCode = s.inputs > 0 && s.rejected.length === s.inputs ? 1 : 0;
    });
}
