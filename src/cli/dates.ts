// `storyline dates FILE --ref ISO_DATE [--lang fr|en] [--json]`: the temporal expressions of a text,
// normalized against its publication date (CONTRACT.md).
import type { Command, CommanderError } from 'commander';
import { readFile } from 'node:fs/promises';
import type { DateLang as Lang } from '../events/index.ts';
import { fail } from './shared.ts';

/** French or English, by which language's stopwords are more frequent; French on a tie. */
export function guessLang(text: string, STOPWORDS: Record<Lang, readonly string[]>): Lang {
  const counts: Record<Lang, number> = { fr: 0, en: 0 };
  const sets = { fr: new Set(STOPWORDS.fr), en: new Set(STOPWORDS.en) };
  for (const w of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (sets.fr.has(w)) counts.fr++;
    if (sets.en.has(w)) counts.en++;
  }
  return counts.en > counts.fr ? 'en' : 'fr';
}

export function register(program: Command): void {
  program
    .command('dates')
    .description('Find the temporal expressions of a French or English text and normalize them (TIMEX3 values) against its publication date.')
    .argument('<file>', 'a plain-text file (UTF-8); "-" reads standard input')
    .requiredOption('--ref <iso-date>', 'publication date the text is anchored to: YYYY-MM-DD or YYYY-MM-DDTHH:MM')
    .option('--lang <lang>', 'language of the text: fr or en (default: guessed from its stopwords)')
    .option('--json', 'print [{"text","start","end","type","value"}] as JSON; start/end are UTF-16 offsets')
    .addHelpText('after', [
      '',
      'Examples:',
      '  storyline dates article.txt --ref 2023-11-20 --json',
      '  echo "Sam Altman a été limogé vendredi soir." | storyline dates - --ref 2023-11-20 --lang fr',
      '',
      'Values follow TIMEX3: 2023-11-17 (day), 2023-W46 (week), 2023-11 (month), 2023-11-19TEV (evening),',
      '2023-11-17T14:30 (time), PT48H and P2D (durations), XXXX-WXX-1 (every Monday), PRESENT_REF, PAST_REF.',
      'A bare weekday ("vendredi", "on Friday") is taken as the past one unless the clause is in the future.',
    ].join('\n'))
    .exitOverride((err: CommanderError) => {
      // Help and version exit 0; every other parse error is bad usage, exit 2.
      process.exit(err.exitCode === 0 ? 0 : 2);
    })
    .action(async (file: string, opts: { ref: string; lang?: string; json?: boolean }) => {
      // Loaded here, not at start-up: `--help` and other commands never pay for it.
      const { findDates, parseRef, STOPWORDS } = await import('../events/index.ts');
      if (!parseRef(opts.ref)) fail(`--ref must be a date as YYYY-MM-DD or YYYY-MM-DDTHH:MM, got ${JSON.stringify(opts.ref)}`);
      if (opts.lang !== undefined && opts.lang !== 'fr' && opts.lang !== 'en') fail(`--lang must be fr or en, got ${JSON.stringify(opts.lang)}`);
      let text: string;
      try {
        text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
        fail(`cannot read ${file}: ${why}`);
      }
      const lang: Lang = (opts.lang as Lang | undefined) ?? guessLang(text, STOPWORDS);
      const found = findDates(text, { ref: opts.ref, lang });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(found.map(({ text: t, start, end, type, value }) => ({ text: t, start, end, type, value })), null, 2)}\n`);
        return;
      }
      const lines = found.map((t) => `${String(t.start).padStart(6)}-${String(t.end).padEnd(6)} ${t.type.padEnd(8)} ${t.value.padEnd(18)} ${JSON.stringify(t.text)}`);
      process.stdout.write(`${[`${found.length} temporal expression(s), ${lang}, anchored to ${opts.ref}`, ...lines].join('\n')}\n`);
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
