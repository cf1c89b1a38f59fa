// The first customer's data: ../shared/seeds ingested end to end through the CLI's pipeline, the
// exported articles checked against ../shared/eval/seeds/gold.json (the checks live in
// eval/gold.ts, shared with every story's gold file). "must" checks are hard (the test suite
// fails on them), "soft" ones are quality targets, counted.
import { join } from 'node:path';
import { articleChecks, ingestCorpus, readGold, type Gold } from '../gold.ts';
import type { ExportDocument } from '../../src/store/export.ts';
import { requireDir, skipped, type Suite } from '../harness.ts';

export { articleChecks, type Check } from '../gold.ts';

/** Ingests the seeds into a fresh SQLite file and returns the export and the gold. */
export async function runSeeds(sharedDir: string): Promise<{ doc: ExportDocument; gold: Gold }> {
  const { doc } = await ingestCorpus([join(sharedDir, 'seeds')]);
  return { doc, gold: readGold(join(sharedDir, 'eval', 'seeds', 'gold.json')) };
}

export const seeds: Suite = async (ctx) => {
  const missing = requireDir(join(ctx.sharedDir, 'seeds')) ?? requireDir(join(ctx.evalDir, 'seeds'));
  if (missing) return skipped(missing);
  const { doc, gold } = await runSeeds(ctx.sharedDir);
  const checks = articleChecks(doc, gold);
  const hard = checks.filter((c) => c.hard);
  const soft = checks.filter((c) => !c.hard);
  const report = [
    `articles: ${hard.filter((c) => c.ok).length}/${hard.length} must checks, ${soft.filter((c) => c.ok).length}/${soft.length} soft checks`,
    ...checks.filter((c) => !c.ok || ctx.verbose).map((c) => `  ${c.ok ? 'ok  ' : c.hard ? 'FAIL' : 'soft'} ${c.article} ${c.name}${c.ok ? '' : ` (${c.detail})`}`),
  ];
  return {
    metrics: {
      articlesMust: hard.filter((c) => c.ok).length / hard.length,
      articlesSoft: soft.filter((c) => c.ok).length / soft.length,
    },
    report,
  };
};

if (import.meta.main) {
  const { defaultSharedDir } = await import('../harness.ts');
  const shared = defaultSharedDir();
  const r = await seeds({ sharedDir: shared, evalDir: join(shared, 'eval'), verbose: process.argv.includes('--verbose') });
  console.log(r.skipped ?? r.report.join('\n'));
}
