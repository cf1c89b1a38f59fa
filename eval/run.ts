// npm run eval — scores the fuzzy stages against ../shared/eval and compares each metric with its
// floor in eval/baseline.json. `--check` exits 1 when a metric falls below its floor (CI runs
// this through the test suite). Lowering a floor is a deliberate, reviewed change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSharedDir, type Suite } from './harness.ts';
import { dedupe } from './suites/dedupe.ts';
import { devstory } from './suites/devstory.ts';
import { extraction } from './suites/extraction.ts';
import { seeds } from './suites/seeds.ts';
import { stories } from './suites/stories.ts';
import { timeline } from './suites/timeline.ts';
import { timex } from './suites/timex.ts';
import { feeds } from './suites/feeds.ts';
import { labelled } from './suites/labelled.ts';
import { nlp } from './suites/nlp.ts';

export const SUITES: Record<string, Suite> = { seeds, extraction, timex, dedupe, stories, feeds, timeline, devstory, labelled, nlp };

export interface Verdict {
  key: string;
  value: number | undefined;
  floor: number;
  ok: boolean;
}

export function loadBaseline(): Record<string, number> {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'baseline.json'), 'utf8')).floors;
}

export async function runEval(opts: { only?: string[]; verbose?: boolean; log?: (line: string) => void } = {}): Promise<{ verdicts: Verdict[]; skipped: string[] }> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const sharedDir = defaultSharedDir();
  const ctx = { sharedDir, evalDir: join(sharedDir, 'eval'), verbose: opts.verbose ?? false };
  const floors = loadBaseline();
  const verdicts: Verdict[] = [];
  const skipped: string[] = [];
  for (const [name, suite] of Object.entries(SUITES)) {
    if (opts.only?.length && !opts.only.includes(name)) continue;
    const started = performance.now();
    const result = await suite(ctx);
    log(`\n## ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    if (result.skipped) {
      log(`skipped: ${result.skipped}`);
      skipped.push(name);
      continue;
    }
    for (const line of result.report) log(line);
    for (const [metric, value] of Object.entries(result.metrics)) {
      const key = `${name}.${metric}`;
      const floor = floors[key];
      if (floor === undefined) log(`  ${key} = ${value.toFixed(4)}`);
      else {
        verdicts.push({ key, value, floor, ok: value >= floor - 1e-9 });
        log(`  ${key} = ${value.toFixed(4)} (floor ${floor}) ${value >= floor - 1e-9 ? 'ok' : 'BELOW FLOOR'}`);
      }
    }
    for (const key of Object.keys(floors))
      if (key.startsWith(`${name}.`) && !(key.slice(name.length + 1) in result.metrics)) {
        verdicts.push({ key, value: undefined, floor: floors[key]!, ok: false });
        log(`  ${key} missing (floor ${floors[key]})`);
      }
  }
  return { verdicts, skipped };
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log('usage: npm run eval -- [--check] [--verbose] [suite...]\nsuites: ' + Object.keys(SUITES).join(', ') + '\nReads ../shared/eval (or $STORYLINE_SHARED/eval); suites whose data is absent are skipped.');
    process.exit(0);
  }
  const { verdicts } = await runEval({ only: args.filter((a) => !a.startsWith('--')), verbose: args.includes('--verbose') });
  const failed = verdicts.filter((v) => !v.ok);
  console.log(`\n${verdicts.length - failed.length} of ${verdicts.length} metrics at or above their floors`);
  if (args.includes('--check') && failed.length) process.exit(1);
}
