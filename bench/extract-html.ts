// Throughput of HTML extraction: ours vs @mozilla/readability over linkedom, on the same pages
// (../shared/eval/extraction-dev and extraction-snippets-dev), in the same process, one run.
// Run: ./node_modules/.bin/node bench/extract-html.ts [--rounds N]
// Prints a Markdown table row for BENCHMARKS.md.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

// The project compiles without the DOM lib; Readability's own parameter type names the document.
type ReadabilityDoc = ConstructorParameters<typeof Readability>[0];
import { extractHtml } from '../src/extract/html/index.ts';
import { defaultSharedDir } from '../eval/harness.ts';

const shared = defaultSharedDir();
const dirs = ['extraction-dev', 'extraction-snippets-dev'].map((d) => join(shared, 'eval', d));
const argv = process.argv.slice(2);
const rounds = Math.max(1, Number(argv[argv.indexOf('--rounds') + 1]) || 1);

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function loadPages(): string[] {
  const pages: string[] = [];
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    for (const c of readdirSync(d).sort()) {
      const f = join(d, c, 'source.html');
      if (existsSync(f)) pages.push(decode(readFileSync(f)));
    }
  }
  return pages;
}

function time(fn: (html: string) => unknown, pages: string[]): { seconds: number; failures: number } {
  let failures = 0;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (const p of pages) {
      try {
        fn(p);
      } catch {
        failures++;
      }
    }
  }
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, failures };
}

const pages = loadPages();
if (!pages.length) {
  console.log(`bench/extract-html: skipped (${dirs.join(' and ')} absent)`);
} else {
  const mb = pages.reduce((s, p) => s + Buffer.byteLength(p), 0) / 1e6;
  // One warm-up page each so JIT and module loading do not count against either side.
  extractHtml(pages[0]!);
  new Readability(parseHTML(pages[0]!).document as unknown as ReadabilityDoc).parse();
  const ours = time((h) => extractHtml(h), pages);
  const rd = time((h) => new Readability(parseHTML(h).document as unknown as ReadabilityDoc).parse(), pages);
  const n = pages.length * rounds;
  const oursRate = n / ours.seconds;
  const rdRate = n / rd.seconds;
  console.log(`${pages.length} pages (${mb.toFixed(1)} MB) × ${rounds} round(s), Node ${process.version}`);
  console.log(`ours: ${ours.seconds.toFixed(2)} s, ${oursRate.toFixed(1)} pages/s${ours.failures ? `, ${ours.failures} failures` : ''}`);
  console.log(`Readability over linkedom: ${rd.seconds.toFixed(2)} s, ${rdRate.toFixed(1)} pages/s${rd.failures ? `, ${rd.failures} failures` : ''}`);
  console.log('');
  console.log('| benchmark | pages | ours (pages/s) | Readability+linkedom (pages/s) | ratio |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(`| HTML extraction (extraction-dev + snippets-dev) | ${pages.length} | ${oursRate.toFixed(1)} | ${rdRate.toFixed(1)} | ${(oursRate / rdRate).toFixed(2)}× |`);
}
