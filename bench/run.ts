// npm run bench — every benchmark in one run, printing Markdown rows for BENCHMARKS.md.
// Speed is checked here, never in unit tests. Run on a quiet machine: these are wall-clock numbers.
import { cpus, totalmem } from 'node:os';
import { runIngestBench } from './ingest.ts';

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const want = (name: string): boolean => !only.length || only.includes(name);
console.log(`# Storyline benchmarks — ${new Date().toISOString()}`);
console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n`);

if (want('ingest')) {
  console.log('## ingest: generated text articles through the whole pipeline into SQLite\n');
  await runIngestBench(console.log);
}
if (want('extract-html')) {
  console.log('\n## extract-html: our extractor vs @mozilla/readability over linkedom\n');
  await import('./extract-html.ts');
}
if (want('nlp')) {
  console.log('\n## nlp: the language core, one core (tokenize + tag + lemmatize + entities; parser apart)\n');
  const { runNlpBench } = await import('./nlp.ts');
  runNlpBench(console.log);
}
if (want('analysis')) {
  console.log('\n## analysis: entities, roles, events and timeline of stories (timeline/analyzeStory), one core\n');
  const { runAnalysisBench } = await import('./analysis.ts');
  await runAnalysisBench(console.log);
}
// Whole processes on real pages against Readability's (a minute or two): only when named.
if (only.includes('ingest-pages')) {
  console.log('\n## ingest-pages: storyline ingest of the extraction-dev pages against Readability.js, whole processes\n');
  await import('./ingest-pages.ts');
}
// Long (minutes), and about durability and scaling rather than speed: only when named.
if (only.includes('crash')) {
  console.log('\n## crash: kill -9 at random points of an ingest, on each backend\n');
  const { runCrashBench } = await import('./crash.ts');
  if (!(await runCrashBench(console.log))) process.exitCode = 1;
}
if (only.includes('workers')) {
  console.log('\n## workers: ingest throughput with 1, 2 and 4 worker processes against one PostgreSQL\n');
  const { runWorkersBench } = await import('./workers.ts');
  await runWorkersBench(console.log);
}
// Long (minutes): only when named. `node bench/stories.ts --max=1000000` for the full size.
if (only.includes('stories')) {
  console.log('\n## stories: dedupe and clustering on a generated stream, one core\n');
  const { runStoriesBench } = await import('./stories.ts');
  await runStoriesBench(console.log, [10_000, 100_000]);
}
