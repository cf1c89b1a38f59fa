// Near-duplicate threshold, measured. A labelled set of pairs made from the team's fixtures and
// the seeds: near-duplicates (the demo's syndicated copy; each body republished with a paragraph
// cut, with an editor's note added, trimmed to its first two thirds, with light rewording) and
// distinct-but-similar pairs (different reports of one story: the seeds among themselves, the
// demo's Veltrane articles among themselves). Precision and recall at the chosen threshold, and
// across thresholds, so the choice can be checked.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NEAR_DUPLICATE } from '../../src/dedupe/index.ts';
import { bandKeys, signature, similarity } from '../../src/dedupe/minhash.ts';
import { extractText } from '../../src/extract/text/index.ts';
import { pct, prf, type Suite } from '../harness.ts';

const DEMO = join(import.meta.dirname, '..', '..', 'demo', 'corpus');

function bodies(dir: string, filter: (f: string) => boolean): Array<{ name: string; text: string }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt') && filter(f))
    .sort()
    .map((f) => ({ name: f, text: extractText(readFileSync(join(dir, f), 'utf8')).text }));
}

// Republishing habits, applied to one body: each gives a copy that should count as the same report.
const VARIANTS: Array<[string, (paras: string[]) => string[]]> = [
  ['paragraph cut', (p) => p.filter((_, i) => i !== Math.floor(p.length / 2))],
  ['note added', (p) => [...p, 'Mise à jour : cet article a été complété après sa publication initiale avec de nouveaux éléments.']],
  ['first two thirds', (p) => p.slice(0, Math.max(1, Math.ceil((p.length * 2) / 3)))],
  ['reworded', (p) => p.map((x) => x.replace(/a déclaré/g, 'a affirmé').replace(/\bsaid\b/g, 'stated').replace(/lundi/g, 'ce lundi').replace(/selon/g, 'd’après'))],
];

export const dedupe: Suite = async (ctx) => {
  const report: string[] = [];
  const story = [
    ...bodies(DEMO, (f) => /^(0\d|10)-/.test(f)),
    ...(existsSync(join(ctx.sharedDir, 'seeds')) ? bodies(join(ctx.sharedDir, 'seeds'), () => true) : []),
  ];
  const pairs: Array<{ a: string; b: string; dup: boolean; label: string }> = [];
  // Distinct reports of one story (the demo's syndicated 10 is 01's copy: a positive).
  const veltrane = story.filter((x) => x.name.startsWith('0') || x.name.startsWith('1'));
  for (let i = 0; i < veltrane.length; i++)
    for (let j = i + 1; j < veltrane.length; j++) {
      const [x, y] = [veltrane[i]!, veltrane[j]!];
      const syndicated = [x.name, y.name].some((n) => n.startsWith('10-')) && [x.name, y.name].some((n) => n.startsWith('01-'));
      const seedPair = x.name.startsWith('00') && y.name.startsWith('00');
      const demoPair = !x.name.startsWith('00') && !y.name.startsWith('00');
      if (seedPair || demoPair) pairs.push({ a: x.text, b: y.text, dup: syndicated, label: syndicated ? 'syndicated' : 'distinct' });
    }
  for (const x of story) {
    const paras = x.text.split('\n\n');
    if (paras.length < 3) continue;
    for (const [label, vary] of VARIANTS) pairs.push({ a: x.text, b: vary(paras).join('\n\n'), dup: true, label });
  }
  // A pair is found only if LSH makes them candidates (a shared band) and the signatures agree.
  const sims = pairs.map((p) => {
    const [x, y] = [signature(p.a), signature(p.b)];
    const kx = new Set(bandKeys(x));
    return { ...p, sim: bandKeys(y).some((k) => kx.has(k)) ? similarity(x, y) : 0 };
  });
  const at = (t: number) => {
    const tp = sims.filter((s) => s.dup && s.sim >= t).length;
    const predicted = sims.filter((s) => s.sim >= t).length;
    return prf(tp, predicted, sims.filter((s) => s.dup).length);
  };
  const chosen = at(NEAR_DUPLICATE);
  report.push(`${sims.filter((s) => s.dup).length} near-duplicate pairs, ${sims.filter((s) => !s.dup).length} distinct pairs of one story`);
  report.push(`at the threshold ${NEAR_DUPLICATE}: precision ${pct(chosen.p)} recall ${pct(chosen.r)} F1 ${pct(chosen.f1)}`);
  report.push(`sweep: ${[0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((t) => `${t}: P ${pct(at(t).p)} R ${pct(at(t).r)}`).join(' · ')}`);
  const worstDistinct = Math.max(...sims.filter((s) => !s.dup).map((s) => s.sim));
  report.push(`most similar distinct pair: ${worstDistinct.toFixed(3)}; least similar copy: ${Math.min(...sims.filter((s) => s.dup).map((s) => s.sim)).toFixed(3)}`);
  if (ctx.verbose) for (const s of sims.filter((x) => x.dup !== x.sim >= NEAR_DUPLICATE)) report.push(`  miss ${s.label} ${s.sim.toFixed(3)}`);
  return { metrics: { nearDupPrecision: chosen.p, nearDupRecall: chosen.r, nearDupF1: chosen.f1 }, report };
};

if (import.meta.main) {
  const { defaultSharedDir } = await import('../harness.ts');
  const shared = defaultSharedDir();
  const r = await dedupe({ sharedDir: shared, evalDir: join(shared, 'eval'), verbose: process.argv.includes('--verbose') });
  console.log(r.report.join('\n'));
}
