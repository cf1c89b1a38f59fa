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
import { register as settingsCmd } from './settings.ts';
import { readFileSync } from 'node:fs';
import { ConfigError, unknownSettings } from '../config.ts';

// A closed pipe (`storyline stories list | head`) ends the output, not the program with a trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
// A setting that cannot be read is the user's to fix: its message, not a stack trace.
const settingError = (e: unknown): never => {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`storyline: ${e.message}\n`);
  process.exit(2);
};
process.on('uncaughtException', settingError);
process.on('unhandledRejection', settingError);
for (const name of unknownSettings()) process.stderr.write(`storyline: warning: ${name} is not a setting and is ignored (\`storyline settings\` lists them)\n`);

const program = new Command('storyline')
  .description('Turns a flood of overlapping news articles into living, sourced story timelines.')
  .version((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version, '-V, --version', 'print the version')
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: false });

try {
  for (const add of [ingest, extract, exportCmd, stories, dates, serve, feeds, run, worker, backup, reprocess, settingsCmd]) add(program);
  await program.parseAsync(process.argv);
} catch (e) {
  settingError(e);
}
