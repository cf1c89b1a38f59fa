// `storyline settings`: every setting of src/config.ts with its environment variable, default,
// the value in force here, and what it does (the doc comment above it in config.ts, so the table
// cannot drift from the code). `--markdown` prints docs/settings.md.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { config, settings, type ConfigKey } from '../config.ts';

/** Each setting's doc comment in config.ts (a comment above a group describes each of its lines). */
export function settingDocs(): Map<string, string> {
  const text = readFileSync(new URL('../config.ts', import.meta.url), 'utf8');
  const body = text.slice(text.indexOf('const DEFAULTS = {'), text.indexOf('\n};', text.indexOf('const DEFAULTS = {')));
  const docs = new Map<string, string>();
  let last = '';
  for (const m of body.matchAll(/(\/\*\*([\s\S]*?)\*\/\s*)?\n\s*(\w+):/g)) {
    if (m[2]) last = m[2].replace(/^\s*\*\s?/gm, '').replace(/\s+/g, ' ').trim();
    docs.set(m[3]!, last);
  }
  return docs;
}

const show = (v: unknown): string => (v === '' ? '(empty)' : String(v));

export function settingsMarkdown(): string {
  const docs = settingDocs();
  const rows = settings().map((s) => `| \`${s.env}\` | \`${show(s.default)}\` | ${(docs.get(s.key) ?? '').replace(/\|/g, '\\|')} |`);
  return [
    '# Settings',
    '',
    'Every setting of Storyline, generated from `src/config.ts` by `storyline settings --markdown` (a test checks that this file is current).',
    'Set them as environment variables; `storyline` warns about a `STORYLINE_*` variable that is none of these.',
    'Besides them: `STORYLINE_DATABASE_URL=postgres://…` selects PostgreSQL instead of the SQLite file.',
    '',
    '| variable | default | what it does |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('settings')
    .description('List every setting (STORYLINE_* environment variables): default, value in force, what it does.')
    .option('--markdown', 'print the table of docs/settings.md')
    .action((opts: { markdown?: boolean }) => {
      if (opts.markdown) return void process.stdout.write(settingsMarkdown());
      const docs = settingDocs();
      for (const s of settings()) {
        const now = config(s.key as ConfigKey);
        process.stdout.write(`${s.env}=${show(now)}${now !== s.default ? `  (default ${show(s.default)})` : ''}\n    ${docs.get(s.key) ?? ''}\n`);
      }
    });
}
