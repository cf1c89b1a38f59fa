// Stories and duplicates, measured:
//  - the five seed articles alone are one story with no duplicate (gold.json "stories");
//  - with unrelated articles around them (extraction-dev pages, timeline-en-dev articles) they
//    stay one story and take none of the others;
//  - timeline-en-dev articles group by topic: BCubed precision/recall/F1 and purity against our
//    labels (eval/labels/timeline-en-dev-topics.json), at the topic and at the story level;
//  - the demo corpus groups as its answer key says (demo/README.md).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Pipeline } from '../../src/pipeline/index.ts';
import { Store, type ExportDocument } from '../../src/store/index.ts';
import { pct, requireDir, skipped, type Suite } from '../harness.ts';

/** BCubed precision and recall of a clustering against gold classes, and purity. */
export function bcubed(predicted: Map<string, string>, gold: Map<string, string>): { p: number; r: number; f1: number; purity: number } {
  const items = [...gold.keys()].filter((k) => predicted.has(k));
  const byPred = new Map<string, string[]>();
  const byGold = new Map<string, string[]>();
  for (const k of items) {
    (byPred.get(predicted.get(k)!) ?? byPred.set(predicted.get(k)!, []).get(predicted.get(k)!)!).push(k);
    (byGold.get(gold.get(k)!) ?? byGold.set(gold.get(k)!, []).get(gold.get(k)!)!).push(k);
  }
  let p = 0;
  let r = 0;
  for (const k of items) {
    const sameCluster = byPred.get(predicted.get(k)!)!;
    const sameClass = byGold.get(gold.get(k)!)!;
    const both = sameCluster.filter((x) => gold.get(x) === gold.get(k)).length;
    p += both / sameCluster.length;
    r += both / sameClass.length;
  }
  p /= items.length || 1;
  r /= items.length || 1;
  let pure = 0;
  for (const members of byPred.values()) {
    const counts = new Map<string, number>();
    for (const m of members) counts.set(gold.get(m)!, (counts.get(gold.get(m)!) ?? 0) + 1);
    pure += Math.max(...counts.values());
  }
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, purity: pure / (items.length || 1) };
}

/** timeline-en-dev TimeML articles → JSONL records (title, text, publishedAt = DCT). */
function timelineRecords(dir: string): Array<{ id: string; record: object }> {
  const tml = join(dir, 'corpus_1', 'corpus_trackA_TimeML');
  return readdirSync(tml)
    .filter((f) => f.endsWith('.tml'))
    .map((f) => {
      const xml = readFileSync(join(tml, f), 'utf8');
      const dct = /functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"/.exec(xml)?.[1] ?? null;
      const sentences = [...xml.matchAll(/<s id="\d+">([\s\S]*?)<\/s>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/ ([,.;:!?)])/g, '$1').replace(/\( /g, '('));
      const [title = '', , ...body] = sentences; // sentence 1 is the dateline
      return { id: f.split('_')[0]!, record: { title, text: body.join('\n\n'), publishedAt: dct, language: 'en', url: `https://en.wikinews.example/${f.replace(/\.tml$/, '')}` } };
    });
}

/** Ingests the paths into a fresh store (`oneAtATime`: each path in its own run, in order, as a
 * feed delivers them) and exports it. */
async function ingestAll(paths: string[], oneAtATime = false): Promise<ExportDocument> {
  const dir = mkdtempSync(join(tmpdir(), 'storyline-stories-'));
  try {
    const store = await Store.open({ db: join(dir, 'eval.db') });
    // Grouping only: stories are what is scored here, not their analysis.
    const pipeline = new Pipeline(store);
    if (oneAtATime) for (const p of paths) await pipeline.ingest([p]);
    else await pipeline.ingest(paths);
    await pipeline.close();
    const doc = await store.export();
    await store.close();
    return doc;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const stories: Suite = async (ctx) => {
  const missing = requireDir(join(ctx.sharedDir, 'seeds')) ?? requireDir(join(ctx.evalDir, 'timeline-en-dev'));
  if (missing) return skipped(missing);
  const report: string[] = [];
  const metrics: Record<string, number> = {};
  const seedDir = join(ctx.sharedDir, 'seeds');
  const seedNames = new Set(readdirSync(seedDir));

  // 1. The seeds alone.
  const alone = await ingestAll([seedDir]);
  const seedStories = new Set(alone.articles.map((a) => a.storyId));
  const seedDups = alone.articles.filter((a) => a.duplicateOf).length;
  metrics.seedsOneStory = seedStories.size === 1 && alone.articles.length === 5 && seedDups === 0 ? 1 : 0;
  report.push(`seeds alone: ${alone.articles.length} articles in ${seedStories.size} stories, ${seedDups} duplicates`);
  // … and arriving one at a time, each into the store the earlier ones made (a feed's way).
  const each = await ingestAll([...seedNames].sort().map((f) => join(seedDir, f)), true);
  const eachStories = new Set(each.articles.map((a) => a.storyId));
  metrics.seedsOneAtATime = eachStories.size === 1 && each.articles.length === 5 && !each.articles.some((a) => a.duplicateOf) ? 1 : 0;
  report.push(`seeds one at a time: ${each.articles.length} articles in ${eachStories.size} stories`);

  // 2. The seeds among unrelated articles.
  const tmp = mkdtempSync(join(tmpdir(), 'storyline-stories-in-'));
  try {
    const records = timelineRecords(join(ctx.evalDir, 'timeline-en-dev'));
    writeFileSync(join(tmp, 'timeline-en-dev.jsonl'), records.map((r) => JSON.stringify(r.record)).join('\n'));
    const pages = existsSync(join(ctx.evalDir, 'extraction-dev'))
      ? readdirSync(join(ctx.evalDir, 'extraction-dev'))
          .map((d) => join(ctx.evalDir, 'extraction-dev', d, 'source.html'))
          .filter(existsSync)
      : [];
    // In one run (one chunk: the store's word frequencies are those of an empty store), and one
    // input at a time in an order that interleaves them (each arrives into the store the earlier
    // ones made, frequencies and all).
    mkdirSync(join(tmp, 'each'));
    const each = records.map((r, i) => {
      const file = join(tmp, 'each', `${String(i).padStart(3, '0')}.json`);
      writeFileSync(file, JSON.stringify(r.record));
      return file;
    });
    const seedFiles = [...seedNames].sort().map((f) => join(seedDir, f));
    const interleaved = [...each, ...seedFiles, ...pages].map((f, i) => ({ f, key: (i * 7919) % 1009 })).sort((a, b) => a.key - b.key).map((x) => x.f);
    for (const oneAtATime of [false, true]) {
      const mixed = oneAtATime ? await ingestAll(interleaved, true) : await ingestAll([seedDir, join(tmp, 'timeline-en-dev.jsonl'), ...pages]);
      const suffix = oneAtATime ? 'OneAtATime' : '';
      const how = oneAtATime ? ', one input at a time' : '';
      const seedIds = new Set(mixed.articles.filter((a) => seedNames.has(basename(a.input))).map((a) => a.id));
      const seedStory = new Set(mixed.articles.filter((a) => seedIds.has(a.id)).map((a) => a.storyId));
      const intruders = mixed.articles.filter((a) => !seedIds.has(a.id) && seedStory.has(a.storyId)).map((a) => a.title.slice(0, 60));
      metrics[`seedsAmongOthers${suffix}`] = seedStory.size === 1 && intruders.length === 0 ? 1 : 0;
      report.push(`seeds among ${mixed.articles.length - seedIds.size} unrelated articles${how}: ${seedStory.size} stories, ${intruders.length} intruders${intruders.length ? `: ${intruders.join(' | ')}` : ''}`);

      // 3. timeline-en-dev topics and stories.
      const labels = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'labels', 'timeline-en-dev-topics.json'), 'utf8'));
      const docOf = new Map(records.map((r, i) => (oneAtATime ? [each[i]!, r.id] : [`${join(tmp, 'timeline-en-dev.jsonl')}#${i + 1}`, r.id])));
      const predicted = new Map<string, string>();
      for (const a of mixed.articles) if (docOf.has(a.input)) predicted.set(docOf.get(a.input)!, a.storyId ?? a.id);
      for (const level of ['topics', 'stories'] as const) {
        const gold = new Map<string, string>(records.map((r) => [r.id, `alone:${r.id}`]));
        for (const [name, ids] of Object.entries(labels[level] as Record<string, string[]>)) for (const id of ids) gold.set(id, name);
        const b = bcubed(predicted, gold);
        const key = `${level === 'topics' ? 'timelineTopics' : 'timelineStories'}${suffix}`;
        if (oneAtATime) Object.assign(metrics, { [`${key}F1`]: b.f1 });
        else Object.assign(metrics, { [`${key}P`]: b.p, [`${key}R`]: b.r, [`${key}F1`]: b.f1, [`${key}Purity`]: b.purity });
        report.push(`timeline-en-dev by ${level}${how}: BCubed P ${pct(b.p)} R ${pct(b.r)} F1 ${pct(b.f1)}, purity ${pct(b.purity)} (${new Set(predicted.values()).size} clusters for ${predicted.size} articles)`);
      }
      if (ctx.verbose) {
        const groups = new Map<string, string[]>();
        for (const [doc, s] of predicted) (groups.get(s) ?? groups.set(s, []).get(s)!).push(doc);
        for (const g of groups.values()) if (g.length > 1) report.push(`  cluster: ${g.join(', ')}`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  // 4. The demo corpus, against its answer key: in one run, and one file at a time.
  const demoDir = join(import.meta.dirname, '..', '..', 'demo', 'corpus');
  for (const oneAtATime of [false, true]) {
    const demo = await ingestAll(oneAtATime ? readdirSync(demoDir).sort().map((f) => join(demoDir, f)) : [demoDir], oneAtATime);
    const demoGold = new Map<string, string>();
    for (const a of demo.articles) {
      const n = Number(/\/(\d\d)-/.exec(a.input)?.[1]);
      demoGold.set(a.id, n <= 10 ? 'veltrane' : n <= 13 ? 'tram' : 'football');
    }
    const b = bcubed(new Map(demo.articles.map((a) => [a.id, a.storyId ?? a.id])), demoGold);
    if (oneAtATime) Object.assign(metrics, { demoOneAtATimeF1: b.f1 });
    else Object.assign(metrics, { demoF1: b.f1, demoPurity: b.purity });
    report.push(`demo corpus${oneAtATime ? ' one file at a time' : ''}: BCubed P ${pct(b.p)} R ${pct(b.r)} F1 ${pct(b.f1)}, ${demo.stories.length} stories; duplicates ${demo.articles.filter((a) => a.duplicateOf).length}`);
  }
  return { metrics, report };
};

if (import.meta.main) {
  const { defaultSharedDir } = await import('../harness.ts');
  const shared = defaultSharedDir();
  const r = await stories({ sharedDir: shared, evalDir: join(shared, 'eval'), verbose: process.argv.includes('--verbose') });
  console.log(r.skipped ?? [...r.report, ...Object.entries(r.metrics).map(([k, v]) => `${k} ${v.toFixed(4)}`)].join('\n'));
}
