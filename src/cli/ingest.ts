import type { Command } from 'commander';
import { config } from '../config.ts';
import { analyseQueued, openStore, withDb } from './shared.ts';

const isUrl = (s: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

export function register(program: Command): void {
  withDb(
    program
      .command('ingest')
      .description('Ingest files (.txt, .html, .json/.jsonl records), folders (recursively) and URLs: store them and group them into stories. The stories they touched are queued for the analysis stage (`storyline export`, `storyline serve` or `storyline worker` runs it). Idempotent: the same input twice changes nothing.')
      .argument('<paths...>', 'files, folders or URLs')
      .option('--allow-private-network', 'allow fetching loopback and private addresses (off by default)')
      .option('--follow-symlinks', 'follow symbolic links that lead out of a folder being ingested (off: they are reported and skipped)')
      .option('--analyse', 'also analyse the stories touched, here, before exiting (by default they are left queued for the analysis stage)')
      .option('--no-analysis', 'the default (kept so that older scripts still run): only store and group, leave the analysis queued')
      .option('--queue', 'only queue the inputs (files are read here, URLs fetched by a worker) for `storyline worker` processes to ingest'),
  )
    .addHelpText(
      'after',
      `
Inputs, by kind:
  .txt .text .md            scraped or plain text (one article; clutter removed)
  .html .htm .xhtml         web pages (main text and metadata)
  .json .jsonl .ndjson      article records {title, text|html, url, authors, publishedAt, site, tags, language, subtitle}
  .json (JSON Feed)         a JSON Feed file: one article per entry
  .xml .rss .atom           RSS, Atom or RDF feed files: one article per entry
  .opml                     subscription lists: each listed feed is fetched and read once
  folders                   walked recursively (hidden files skipped; links out of the folder need --follow-symlinks)
  http(s):// URLs           a page, a feed or an OPML list, fetched through the SSRF guard (robots.txt for pages)

Analysis (entities, roles, events, timeline) is a stage of its own, fed by a queue: ingest only
stores and groups. \`storyline export\` analyses what is queued before printing, \`storyline serve\`
and \`storyline worker\` analyse in the background; --analyse does it here.

Prints one summary line on stdout; rejected inputs are listed on stderr with their reason.
Exit 0 when every input was handled (bad ones reported and skipped), 1 when none could be.`,
    )
    .action(async (paths: string[], opts: { db?: string; allowPrivateNetwork?: boolean; followSymlinks?: boolean; analyse?: boolean; queue?: boolean }) => {
      // Loaded here, not at start-up: `--help` and other commands never pay for it.
      const [{ Pipeline, workerExtractor, MIN_PARALLEL_CHUNK }, { SingleBar }, { walkFiles }] = await Promise.all([import('../pipeline/index.ts'), import('cli-progress'), import('../sources/index.ts')]);
      const tty = process.stderr.isTTY;
      // The files (and URLs) to read are counted first (a walk of the folders, names only): on a
      // terminal, all of them, for a bar with a known total; otherwise only as far as telling
      // whether there are enough for the extraction workers. Those then start loading (about a
      // quarter of a second each) now, while this thread opens the store and reads the files,
      // rather than once the first chunk is read.
      let total = 0;
      if (!opts.queue)
        for await (const f of walkFiles(paths.filter((p) => !isUrl(p)), { followSymlinks: true })) if (typeof f === 'string' && ++total >= MIN_PARALLEL_CHUNK && !tty) break;
      total += paths.filter(isUrl).length;
      const pool = !opts.queue && total >= MIN_PARALLEL_CHUNK ? workerExtractor() : undefined;
      const store = await openStore(opts, { create: true });
      const pipeline = new Pipeline(store);
      if (opts.queue) {
        const started = performance.now();
        const q = await pipeline.enqueue(paths, { onRejection: (r) => void process.stderr.write(`storyline: skipped ${r.input}: ${r.reason}\n`) }, { sources: { allowPrivateNetwork: opts.allowPrivateNetwork } });
        await pipeline.close();
        await store.close();
        process.stdout.write(`queued ${q.queued} inputs and ${q.urls} URLs in ${store.location} for storyline worker, ${q.rejected.length} rejected (${((performance.now() - started) / 1000).toFixed(2)} s)\n`);
        process.exitCode = q.queued + q.urls === 0 && q.rejected.length ? 1 : 0;
        return;
      }
      const bar = tty ? new SingleBar({ format: 'ingest [{bar}] {percentage}% | {value}/{total} files | {inputs} inputs, {rate}/s | ETA {eta_formatted} | {last}', hideCursor: true, etaBuffer: 50, stream: process.stderr }) : null;
      let n = 0;
      const files = new Set<string>();
      const started = performance.now();
      bar?.start(Math.max(1, total), 0, { inputs: 0, rate: 0, last: '' });
      let summary: Awaited<ReturnType<typeof pipeline.ingest>>;
      try {
        summary = await pipeline.ingest(
          paths,
          {
            onInput(input) {
              n++;
              files.add(input.replace(/#.*$/, ''));
              if (bar && (n % 25 === 0 || files.size === total)) bar.update(Math.min(files.size, total), { inputs: n, rate: Math.round(n / ((performance.now() - started) / 1000)), last: input.slice(-40) });
            },
            onRejection(r) {
              // On a terminal, clear the progress line first; the bar redraws on its next update.
              process.stderr.write(`${bar ? '\r\x1b[K' : ''}storyline: skipped ${r.input}: ${r.reason}\n`);
            },
          },
          { sources: { allowPrivateNetwork: opts.allowPrivateNetwork, followSymlinks: opts.followSymlinks ?? config('followSymlinks') }, extractor: pool },
        );
      } finally {
        await pool?.close();
      }
      bar?.update(Math.max(1, total), { inputs: n, rate: Math.round(n / (summary.elapsedMs / 1000 || 1)), last: 'done' });
      bar?.stop();
      // Analysis is a stage of its own, fed by the queue this ingest filled: left to the commands
      // that read it (export), serve or a worker, unless asked for here.
      let analysed: string;
      if (opts.analyse) {
        const report = await analyseQueued(store, pipeline);
        analysed = report ? `; analysed ${report.analysed} stories${report.failed.length ? `, ${report.failed.length} failed` : ''} (${(report.ms / 1000).toFixed(2)} s)` : '';
      } else {
        const waiting = (await store.analysis.backlog(config('analysisMaxAttempts'))).stories;
        analysed = waiting ? `; ${waiting} ${waiting === 1 ? 'story' : 'stories'} queued for analysis (storyline export runs it before printing; serve and worker in the background)` : '';
      }
      await pipeline.close();
      await store.close();
      const s = summary;
      process.stdout.write(
        `ingested ${s.inputs} inputs into ${store.location}: ${s.stored} new articles, ${s.duplicates} duplicates, ${s.unchanged} unchanged, ${s.rejected.length} rejected (${(s.elapsedMs / 1000).toFixed(2)} s)${analysed}\n`,
      );
      process.exitCode = s.inputs > 0 && s.rejected.length === s.inputs ? 1 : 0;
    });
}
