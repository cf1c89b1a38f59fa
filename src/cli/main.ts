// The storyline command line. One file per command in this folder, each exporting
// `register(program)`; this file only wires them together.
import { Command } from 'commander';
import { register as ingest } from './ingest.ts';
import { register as extract } from './extract.ts';
import { register as exportCmd } from './export.ts';
import { register as dates } from './dates.ts';
import { register as stories } from './stories.ts';
import { register as serve } from './serve.ts';
import { register as feeds } from './feeds.ts';
import { register as run } from './run.ts';
import { register as worker } from './worker.ts';
import { register as backup } from './backup.ts';
import { register as reprocess } from './reprocess.ts';

const program = new Command('storyline')
  .description('Turns a flood of overlapping news articles into living, sourced story timelines.')
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: false });

for (const add of [ingest, extract, exportCmd, stories, dates, serve, feeds, run, worker, backup, reprocess]) add(program);

await program.parseAsync(process.argv);
