// The first customer's data: ../shared/seeds ingested end to end through the CLI's pipeline, the
// export checked against ../shared/eval/seeds/gold.json. "must" checks are hard (the test suite
// fails on them), "soft" ones are quality targets, counted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Pipeline } from '../../src/pipeline/index.ts';
import { Store, type ExportArticle, type ExportDocument } from '../../src/store/index.ts';
import { requireDir, skipped, type Suite } from '../harness.ts';

interface GoldArticle {
  title: string;
  authors: string[];
  published: string | null;
  url?: string;
  language: string;
  site_soft?: string;
  subtitle_soft?: string;
  tags_soft?: string[];
  lede_soft?: string;
  body_first?: string;
  body_first_any?: string[];
  body_last: string;
  body_must_contain_once?: string[];
  body_must_not_contain?: string[];
  soft_repairs?: { must_not_contain?: string[]; headings?: string[] };
}

export interface Check {
  article: string;
  name: string;
  hard: boolean;
  ok: boolean;
  detail: string;
}

const count = (hay: string, needle: string): number => hay.split(needle).length - 1;

export function checkArticle(key: string, gold: GoldArticle, a: ExportArticle | undefined): Check[] {
  const out: Check[] = [];
  const add = (name: string, hard: boolean, ok: boolean, detail = ''): void => void out.push({ article: key, name, hard, ok, detail });
  if (!a) {
    add('present', true, false, 'no article for this input');
    return out;
  }
  add('title', true, a.title === gold.title, `got ${JSON.stringify(a.title)}`);
  add('authors', true, JSON.stringify([...a.authors].sort()) === JSON.stringify([...gold.authors].sort()), `got ${JSON.stringify(a.authors)}`);
  add('published', true, (a.publishedAt ?? null) === gold.published, `got ${a.publishedAt}`);
  if (gold.url) add('url', true, a.url === gold.url, `got ${a.url}`);
  add('language', true, a.language === gold.language, `got ${a.language}`);
  const firsts = gold.body_first ? [gold.body_first] : (gold.body_first_any ?? []);
  if (firsts.length) add('body_first', true, firsts.some((f) => a.text.startsWith(f)), `starts ${JSON.stringify(a.text.slice(0, 60))}`);
  add('body_last', true, a.text.trimEnd().endsWith(gold.body_last), `ends ${JSON.stringify(a.text.slice(-60))}`);
  for (const s of gold.body_must_contain_once ?? []) add(`contains once: ${s}`, true, count(a.text, s) === 1, `found ${count(a.text, s)} times`);
  for (const s of gold.body_must_not_contain ?? []) add(`not: ${s}`, true, !a.text.includes(s), 'present in body');
  if (gold.site_soft) add('site', false, a.site === gold.site_soft, `got ${a.site}`);
  if (gold.subtitle_soft) add('subtitle', false, a.subtitle === gold.subtitle_soft, `got ${a.subtitle}`);
  for (const t of gold.tags_soft ?? []) add(`tag: ${t}`, false, a.tags.includes(t), `got ${JSON.stringify(a.tags)}`);
  if (gold.lede_soft) add('lede', false, a.text.startsWith(gold.lede_soft) || a.subtitle === gold.lede_soft, 'lede not first');
  for (const s of gold.soft_repairs?.must_not_contain ?? []) add(`repaired: ${s}`, false, !a.text.includes(s), 'still glued');
  for (const h of gold.soft_repairs?.headings ?? []) add(`heading: ${h}`, false, a.blocks.some((b) => b.kind === 'h' && b.text === h), 'no such heading block');
  return out;
}

/** Ingests the seeds into a fresh SQLite file and returns the export and the gold. */
export async function runSeeds(sharedDir: string): Promise<{ doc: ExportDocument; gold: { articles: Record<string, GoldArticle> } }> {
  const dir = mkdtempSync(join(tmpdir(), 'storyline-seeds-'));
  try {
    const store = await Store.open({ db: join(dir, 'seeds.db') });
    // As the CLI does it: ingest, then the analysis stage, then the export (which only reads).
    const pipeline = new Pipeline(store);
    await pipeline.ingest([join(sharedDir, 'seeds')]);
    await pipeline.analyse();
    await pipeline.close();
    const doc = await store.export();
    await store.close();
    const gold = JSON.parse(readFileSync(join(sharedDir, 'eval', 'seeds', 'gold.json'), 'utf8'));
    return { doc, gold };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function articleChecks(doc: { articles: ExportArticle[] }, gold: { articles: Record<string, GoldArticle> }): Check[] {
  const byName = new Map(doc.articles.map((a) => [basename(a.input), a]));
  return Object.entries(gold.articles).flatMap(([key, g]) => checkArticle(key, g, byName.get(key)));
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
