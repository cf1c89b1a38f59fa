import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { createHash } from 'node:crypto';
import { fail } from './shared.ts';

export function register(program: Command): void {
  program
    .command('extract')
    .description('Run extraction alone on one .html or .txt file and print the article (nothing is stored).')
    .argument('<file>', 'an .html or .txt file')
    .option('--url <url>', 'the URL the page came from (resolves links, names the site)')
    .option('--json', 'print the article as JSON (the export format, without story fields)')
    .action(async (file: string, opts: { url?: string; json?: boolean }) => {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (e) {
        fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
      }
      const ext = extname(file).toLowerCase();
      const kind = ext === '.html' || ext === '.htm' || ext === '.xhtml' ? 'html' : 'text';
      const [{ extractArticle }, { normalizeArticle }] = await Promise.all([import('../extract/index.ts'), import('../normalize/index.ts')]);
      let article;
      try {
        const raw = { input: file, kind, bytes, contentHash: createHash('sha256').update(bytes).digest('hex'), siteKey: `file:${file}`, url: opts.url } as const;
        const { lede: _l, bodyHash: _h, ...rest } = normalizeArticle(extractArticle(raw));
        article = { input: file, ...rest };
      } catch (e) {
        fail(`cannot extract ${file}: ${(e as Error).message}`, 1);
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(article, null, 2)}\n`);
        return;
      }
      const head = [
        `# ${article.title}`,
        article.subtitle && `_${article.subtitle}_`,
        [article.authors.join(', '), article.site, article.publishedAt, article.language].filter(Boolean).join(' · '),
        article.url,
      ].filter(Boolean);
      const body = article.blocks.map((b) => (b.kind === 'h' ? `## ${b.text}` : b.kind === 'quote' ? `> ${b.text}` : b.kind === 'li' ? `- ${b.text}` : b.text));
      const removed = article.removed.map((r) => `  [${r.reason}] ${r.text.length > 100 ? `${r.text.slice(0, 100)}…` : r.text}`);
      const notes = (article.notes ?? []).map((n) => `note: ${n}`);
      process.stdout.write(`${[...head, ...notes, '', ...body.flatMap((b) => [b, '']), `removed (${removed.length}):`, ...removed].join('\n')}\n`);
    });
}
