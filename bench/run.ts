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
// Long (minutes): only when named. `node bench/stories.ts --max=1000000` for the full size.
if (only.includes('stories')) {
  console.log('\n## stories: dedupe and clustering on a generated stream, one core\n');
  const { runStoriesBench } = await import('./stories.ts');
  await runStoriesBench(console.log, [10_000, 100_000]);
}
