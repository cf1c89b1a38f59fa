// The team's development stories (eval/stories/<name>/: corpus/, gold.json, README.md answer
// key), written for issue #15 before any method was tuned on them. Each corpus goes through the
// real pipeline into a temporary SQLite store; the story's articles are analysed as one story
// (analyzeStory) and every check of its gold.json runs (eval/gold.ts, the same checks as the
// seeds'). Metrics per story and part: the share of must checks passed, and of soft checks.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkCorpus, passRates, readGold, reportChecks } from '../gold.ts';
import { skipped, type Suite } from '../harness.ts';

export const STORIES_DIR = join(import.meta.dirname, '..', 'stories');

/** The stories that have a corpus and a gold file. */
export function devStories(): string[] {
  if (!existsSync(STORIES_DIR)) return [];
  return readdirSync(STORIES_DIR).filter((n) => existsSync(join(STORIES_DIR, n, 'corpus')) && existsSync(join(STORIES_DIR, n, 'gold.json'))).sort();
}

export const devstory: Suite = async (ctx) => {
  const names = devStories();
  if (!names.length) return skipped(`no story with corpus/ and gold.json under ${STORIES_DIR}`);
  const metrics: Record<string, number> = {};
  const report: string[] = [];
  for (const name of names) {
    const dir = join(STORIES_DIR, name);
    const { checks, doc, ingestMs, analyzeMs } = await checkCorpus([join(dir, 'corpus')], readGold(join(dir, 'gold.json')));
    report.push(`${name}: ${doc.articles.length} articles ingested in ${ingestMs.toFixed(0)} ms, story analysed in ${analyzeMs.toFixed(0)} ms`);
    report.push(...reportChecks(name, checks, ctx.verbose));
    const { must, soft } = passRates(checks);
    for (const [part, r] of Object.entries(must)) metrics[`${name}${part[0]!.toUpperCase()}${part.slice(1)}Must`] = r.n ? r.ok / r.n : 1;
    metrics[`${name}Soft`] = soft.n ? soft.ok / soft.n : 1;
  }
  return { metrics, report };
};

if (import.meta.main) {
  const { defaultSharedDir } = await import('../harness.ts');
  const shared = defaultSharedDir();
  const r = await devstory({ sharedDir: shared, evalDir: join(shared, 'eval'), verbose: process.argv.includes('--verbose') });
  console.log(r.skipped ?? [...r.report, ...Object.entries(r.metrics).map(([k, v]) => `  devstory.${k} = ${v.toFixed(4)}`)].join('\n'));
}
