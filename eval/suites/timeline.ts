// Who did what, when. Two parts:
// (a) seeds: ../shared/seeds through the real pipeline, the story's articles analysed as ONE story
//     by analyzeStory, and every part of gold.json's entities, roles and events checked on the
//     export shapes (must checks hard, soft ones counted): eval/gold.ts, the checks of every
//     story's gold file.
// (b) timeline-en-dev: SemEval-2015 TimeLine corpus_1 (Track A input: raw TimeML sentences). The
//     30 articles are one corpus; each target entity's timeline is the events that name it.
//     Matching, defined here once: an event of ours matches a gold line when one of its source
//     sentences is the sentence of one of the line's mentions (same document, same sentence
//     number) and its date agrees with the line's anchor at the anchor's precision (XXXX-XX-XX:
//     we give no date; 2005-XX-XX: our date is in 2005; 2005-06-XX: in June 2005, at month
//     precision or finer; 2005-06-13: that day, at day precision or finer). One event matches at
//     most one line. Precision = matches / our events, recall = matches / gold lines,
//     micro-averaged over the target entities. The task's official metric (temporal awareness
//     over the closure of the timeline graphs) is not reproduced: its scorer is not in the data
//     and the relation graph it builds is not described precisely enough to rebuild it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findEntities } from '../../src/entities/index.ts';
import { findEvents } from '../../src/events/index.ts';
import { fold } from '../../src/text/unicode.ts';
import { buildTimeline } from '../../src/timeline/index.ts';
import type { StoryArticle } from '../../src/types.ts';
import { checkCorpus, readGold as readStoryGold, type Check } from '../gold.ts';
import { pct, prf, requireDir, skipped, type Suite } from '../harness.ts';

export { timelineChecks, type Check } from '../gold.ts';

async function seedsPart(sharedDir: string): Promise<{ checks: Check[]; ms: number } | string> {
  const missing = requireDir(join(sharedDir, 'seeds')) ?? requireDir(join(sharedDir, 'eval', 'seeds'));
  if (missing) return missing;
  // The real pipeline, then the story's articles analysed as one story (eval/gold.ts).
  const gold = readStoryGold(join(sharedDir, 'eval', 'seeds', 'gold.json'));
  const { checks, analyzeMs } = await checkCorpus([join(sharedDir, 'seeds')], gold);
  return { checks: checks.filter((c) => c.part === 'entities' || c.part === 'roles' || c.part === 'events'), ms: analyzeMs };
}

// ── timeline-en-dev ─────────────────────────────────────────────────────────────────────────

export interface TmlDoc { id: string; dct: string; title: string; text: string; starts: number[] }

const unxml = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** A TimeML article as the system reads it: sentences joined by a blank line, `starts[n]` the
 * offset of sentence n in `text`. */
export function readTml(path: string): TmlDoc {
  const x = readFileSync(path, 'utf8');
  const id = /<DOCID>\s*([^<]+?)\s*<\/DOCID>/.exec(x)?.[1] ?? basename(path).split('_')[0]!;
  const dct = /functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"/.exec(x)?.[1] ?? /value="([^"]+)"[^>]*functionInDocument="CREATION_TIME"/.exec(x)?.[1] ?? '';
  const title = unxml(/<EXTRAINFO>([\s\S]*?)<\/EXTRAINFO>/.exec(x)?.[1] ?? '');
  const starts: number[] = [];
  let text = '';
  for (const m of x.matchAll(/<s id="(\d+)">([\s\S]*?)<\/s>/g)) {
    const sid = Number(m[1]);
    while (starts.length < sid) starts.push(text.length);
    if (text) text += '\n\n';
    starts[sid] = text.length;
    text += unxml(m[2]!.replace(/<[^>]+>/g, '')).trim();
  }
  return { id, dct, title, text, starts };
}

interface GoldLine { date: string; mentions: { doc: string; sent: number }[] }

function readGold(path: string): { entity: string; lines: GoldLine[] } {
  const rows = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const entity = rows[0]!.trim();
  const lines = rows.slice(1).map((r) => {
    const [, date, ...ms] = r.split('\t');
    return { date: date!, mentions: ms.map((m) => { const [doc, sent] = m.split('-'); return { doc: doc!, sent: Number(sent) }; }) };
  });
  return { entity, lines };
}

/** Does our date agree with a gold anchor at the anchor's precision? */
export function agrees(gold: string, start: string | null, precision: string): boolean {
  if (/^XXXX/.test(gold)) return !start;
  if (!start) return false;
  const [y, m, d] = gold.split('-');
  const rank: Record<string, number> = { hour: 5, day: 4, week: 3, month: 2, year: 1, unknown: 0 };
  if (start.slice(0, 4) !== y) return false;
  if (m === 'XX') return rank[precision]! >= 1;
  if (start.slice(5, 7) !== m || rank[precision]! < 2) return false;
  if (d === 'XX') return true;
  return start.slice(8, 10) === d && rank[precision]! >= 4 && precision !== 'week';
}

function enDevPart(dir: string): { report: string[]; metrics: Record<string, number> } | string {
  const base = join(dir, 'corpus_1');
  const missing = requireDir(join(base, 'corpus_trackA_TimeML')) ?? requireDir(join(base, 'TimeLines_Gold_Standard'));
  if (missing) return missing;
  const docs = readdirSync(join(base, 'corpus_trackA_TimeML')).filter((f) => f.endsWith('.tml')).sort().map((f) => readTml(join(base, 'corpus_trackA_TimeML', f)));
  const articles: StoryArticle[] = docs.map((d) => ({ id: d.id, title: d.title, text: d.text, language: 'en', publishedAt: d.dct || null, publishedAtSource: d.dct ? 'metadata' : null, ingestedAt: d.dct || new Date().toISOString(), url: null, site: null }));
  const starts = new Map(docs.map((d) => [d.id, d.starts]));
  const t0 = performance.now();
  const an = findEntities(articles);
  const { events } = findEvents(articles, an);
  const tl = buildTimeline(events, articles, an);
  const ms = performance.now() - t0;
  const sentOf = (doc: string, pos: number): number => {
    const st = starts.get(doc) ?? [];
    let k = 0;
    for (let i = 0; i < st.length; i++) if (st[i]! <= pos) k = i;
    return k;
  };
  const targets = readFileSync(join(base, 'list_target_entities_corpus_1.txt'), 'utf8').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  const goldFiles = readdirSync(join(base, 'TimeLines_Gold_Standard')).filter((f) => f.endsWith('.txt'));
  // Paired by file name: a gold file's own first line may misspell its entity ("United States Air Froce").
  const golds = new Map(goldFiles.map((f) => [f.replace(/\.txt$/, ''), readGold(join(base, 'TimeLines_Gold_Standard', f))]));
  let tp = 0, pred = 0, goldN = 0, tpSent = 0;
  const report: string[] = [];
  for (const target of targets) {
    const g = golds.get(fold(target).replace(/\s+/g, '_'));
    if (!g) continue;
    const ids = new Set(an.entities.filter((e) => fold(e.name) === fold(target) || e.aliases.some((a) => fold(a) === fold(target))).map((e) => e.id));
    const mine = tl.events.filter((e) => [e.subjectId, e.objectId, e.orgId, e.agentId].some((x) => x && ids.has(x)));
    const locs = mine.map((e) => ({ e, at: new Set(e.sources.map((s) => `${s.articleId}-${sentOf(s.articleId, s.sentenceStart)}`)) }));
    const used = new Set<number>();
    const usedSent = new Set<number>();
    let hit = 0, hitSent = 0;
    for (const line of g.lines) {
      const keys = line.mentions.map((m) => `${m.doc}-${m.sent}`);
      const i = locs.findIndex((l, k) => !used.has(k) && keys.some((x) => l.at.has(x)) && agrees(line.date, l.e.date.start, l.e.date.precision));
      if (i >= 0) { used.add(i); hit++; }
      const j = locs.findIndex((l, k) => !usedSent.has(k) && keys.some((x) => l.at.has(x)));
      if (j >= 0) { usedSent.add(j); hitSent++; }
    }
    tp += hit; tpSent += hitSent; pred += mine.length; goldN += g.lines.length;
    const r = prf(hit, mine.length, g.lines.length);
    report.push(`  ${target.padEnd(24)} ${ids.size ? '' : '(not found) '}events ${mine.length}, gold ${g.lines.length}, matched ${hit} (P ${pct(r.p)} R ${pct(r.r)} F1 ${pct(r.f1)})`);
  }
  const all = prf(tp, pred, goldN);
  const sent = prf(tpSent, pred, goldN);
  return {
    report: [
      `timeline-en-dev (corpus_1, ${docs.length} articles, ${targets.length} target entities, analysed in ${ms.toFixed(0)} ms): (event, date) P ${pct(all.p)} R ${pct(all.r)} F1 ${pct(all.f1)}; sentence only (dates ignored) P ${pct(sent.p)} R ${pct(sent.r)} F1 ${pct(sent.f1)}`,
      '  official temporal-awareness metric: not reproduced (see the head of eval/suites/timeline.ts); published: best Track A F1 7.85, Track B 25.36',
      ...report,
    ],
    metrics: { enDevP: all.p, enDevR: all.r, enDevF1: all.f1, enDevSentenceF1: sent.f1 },
  };
}

export const timeline: Suite = async (ctx) => {
  const seeds = await seedsPart(ctx.sharedDir);
  const en = existsSync(join(ctx.evalDir, 'timeline-en-dev')) ? enDevPart(join(ctx.evalDir, 'timeline-en-dev')) : `${join(ctx.evalDir, 'timeline-en-dev')} is absent`;
  if (typeof seeds === 'string' && typeof en === 'string') return skipped(`${seeds}; ${en}`);
  const metrics: Record<string, number> = {};
  const report: string[] = [];
  if (typeof seeds === 'string') report.push(`seeds skipped: ${seeds}`);
  else {
    const { checks, ms } = seeds;
    const frac = (part: Check['part'], hard: boolean): [number, number] => { const c = checks.filter((x) => x.part === part && x.hard === hard); return [c.filter((x) => x.ok).length, c.length]; };
    for (const part of ['entities', 'roles', 'events'] as const) {
      const [ok, n] = frac(part, true);
      const [sok, sn] = frac(part, false);
      report.push(`seeds ${part}: ${ok}/${n} must, ${sok}/${sn} soft`);
      metrics[`seeds${part[0]!.toUpperCase()}${part.slice(1)}Must`] = n ? ok / n : 1;
    }
    const soft = checks.filter((c) => !c.hard);
    metrics.seedsSoft = soft.length ? soft.filter((c) => c.ok).length / soft.length : 1;
    report.push(`seeds analysed in ${ms.toFixed(0)} ms`);
    for (const c of checks) if (!c.ok || ctx.verbose) report.push(`  ${c.ok ? 'ok  ' : c.hard ? 'FAIL' : 'soft'} ${c.name}${c.ok ? '' : ` (${c.detail})`}`);
  }
  if (typeof en === 'string') report.push(`timeline-en-dev skipped: ${en}`);
  else { report.push(...en.report); Object.assign(metrics, en.metrics); }
  return { metrics, report };
};

if (import.meta.main) {
  const { defaultSharedDir } = await import('../harness.ts');
  const shared = defaultSharedDir();
  const r = await timeline({ sharedDir: shared, evalDir: join(shared, 'eval'), verbose: process.argv.includes('--verbose') });
  console.log(r.skipped ?? [...r.report, ...Object.entries(r.metrics).map(([k, v]) => `  timeline.${k} = ${v.toFixed(4)}`)].join('\n'));
}
