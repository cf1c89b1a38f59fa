// The baseline side of bench/ingest-pages.ts: Readability.js over linkedom on every .html file of
// a folder, as a whole process of its own (start-up, reading, parsing, extracting), the way a
// program built on Readability would handle the same pages. Prints the number of pages read.
// Run: node bench/readability-run.ts FOLDER
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

type ReadabilityDoc = ConstructorParameters<typeof Readability>[0];

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/readability-run.ts FOLDER');
  process.exit(2);
}
let n = 0;
let chars = 0;
for (const name of readdirSync(dir).sort()) {
  if (!name.endsWith('.html')) continue;
  const html = readFileSync(join(dir, name), 'utf8');
  try {
    const article = new Readability(parseHTML(html).document as unknown as ReadabilityDoc).parse();
    chars += article?.textContent?.length ?? 0;
    n++;
  } catch {
    // a page Readability cannot read counts as read: the time was spent
    n++;
  }
}
console.log(`${n} pages, ${chars} characters of text`);
