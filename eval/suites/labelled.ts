// Precision of what the system says about real news: entity mentions and timeline events in the
// sentences of eval/labels/entities-events.json, labelled exhaustively by hand following
// eval/labels/GUIDE.md (the rules below are the guide's section 5). Recall is printed for
// information. English: SemEval-2015 TimeLine corpus_1 documents, analysed together as one story;
// French: extraction-dev pages (their gold body text), each analysed as a story of its own.
//
// Mentions: a predicted mention inside a labelled sentence is right when its entity's kind is the
// gold kind and its span is a gold span, or that span with one leading determiner or title.
// Events: each (predicted event, labelled sentence holding one of its sources) is a prediction;
// it is right when a gold event of that sentence has its type, its participants (a predicted
// subject is a gold subject; a gold subject is among the predicted participants; every other
// predicted participant is a gold participant; names folded, against the entity's name, aliases
// and mentions in that document) and a date that agrees.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fold } from '../../src/text/unicode.ts';
import { analyzeStory, type StoryAnalysis } from '../../src/timeline/index.ts';
import type { ExportEntity, ExportEvent, StoryArticle } from '../../src/types.ts';
import { pct, prf, skipped, type Suite } from '../harness.ts';
import { readTml } from './timeline.ts';

export const LABELS = join(import.meta.dirname, '..', 'labels', 'entities-events.json');

export type Kind = 'person' | 'organization' | 'place' | 'product' | 'other';
export type GoldDate = null | 'reported' | { value: string; precision: 'day' | 'month' | 'year' } | { from: string; to: string; precision: 'day' | 'month' | 'year' };
export interface GoldEvent { type: string; participants: { name: string; role: 'subject' | 'object' | 'organization' | 'agent' | 'position' }[]; date: GoldDate }
export interface LabelledSentence { id: number; start: number; end: number; mentions: [string, number, number, Kind][]; events: GoldEvent[] }
export interface LabelledDocument { id: string; language: 'en' | 'fr'; path: string; text: 'timeml' | 'expected'; reported: string; sentences: LabelledSentence[] }

export function loadLabels(path = LABELS): LabelledDocument[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { documents: LabelledDocument[] }).documents;
}

/** A labelled document's text and title, rebuilt from ../shared/eval as the labels' offsets expect. */
export function documentText(evalDir: string, doc: LabelledDocument): { title: string; text: string; publishedAt: string | null } {
  const path = join(evalDir, doc.path);
  if (doc.text === 'timeml') {
    const d = readTml(path);
    return { title: d.title, text: d.text, publishedAt: d.dct || null };
  }
  const g = JSON.parse(readFileSync(path, 'utf8')) as { title: string; text: string; published: string | null };
  return { title: g.title, text: g.text, publishedAt: g.published };
}

/** What the guide allows in front of a gold span (one word). */
const LEADING = /^(?:the|le|la|les|l['’]|M\.|Mme|Mr\.?|Ms|Dr|Sen\.|General|President|Président|Senator|Governor)\s*$/i;
const RANK: Record<string, number> = { hour: 5, day: 4, week: 3, month: 2, year: 1, unknown: 0 };

/** Does a predicted date agree with a gold one (GUIDE.md section 5)? */
export function dateAgrees(gold: GoldDate, d: ExportEvent['date'], reported: string): boolean {
  const start = d.start && d.precision !== 'unknown' ? d.start.slice(0, 10) : null;
  if (gold === null) return !start;
  if (!start) return false;
  if (gold === 'reported') {
    const from = new Date(Date.parse(reported) - 7 * 86400000).toISOString().slice(0, 10);
    return start >= from && start <= reported;
  }
  const need = RANK[gold.precision]!;
  if (RANK[d.precision]! < need) return false;
  if ('value' in gold) return start.startsWith(gold.value) && !(gold.precision === 'day' && d.precision === 'week');
  const to = gold.to.length === 10 ? gold.to : gold.to.length === 7 ? `${gold.to}-31` : `${gold.to}-12-31`;
  return start >= gold.from && start <= to;
}

interface Tally { tp: number; pred: number; goldHit: number; gold: number }
const tally = (): Tally => ({ tp: 0, pred: 0, goldHit: 0, gold: 0 });

/** Scores one analysis against the labelled documents it covers. */
export function scoreAnalysis(res: StoryAnalysis, docs: LabelledDocument[], texts: Map<string, string>, log: string[] = []): { mentions: Tally; spans: Tally; events: Tally; byKind: Record<string, { tp: number; pred: number }>; byType: Record<string, { tp: number; pred: number }>; unlocated: number } {
  const mentions = tally(), spans = tally(), events = tally();
  const byKind: Record<string, { tp: number; pred: number }> = {};
  const byType: Record<string, { tp: number; pred: number }> = {};
  let unlocated = 0;
  const entity = new Map(res.entities.map((e) => [e.id, e]));
  for (const doc of docs) {
    const text = texts.get(doc.id)!;
    const sentenceAt = (start: number, end: number): LabelledSentence | undefined => doc.sentences.find((s) => start >= s.start && end <= s.end);
    // ── mentions
    const goldSpans = doc.sentences.flatMap((s) => s.mentions.map(([t, a, b, k]) => ({ t, a, b, k, hit: false, spanHit: false })));
    mentions.gold += goldSpans.length;
    spans.gold += goldSpans.length;
    for (const e of res.entities)
      for (const m of e.mentions) {
        if (m.articleId !== doc.id || !sentenceAt(m.start, m.end)) continue;
        const g = goldSpans.find((x) => x.b === m.end && (x.a === m.start || (m.start < x.a && LEADING.test(text.slice(m.start, x.a)))));
        const right = !!g && g.k === e.type;
        mentions.pred++;
        spans.pred++;
        (byKind[e.type] ??= { tp: 0, pred: 0 }).pred++;
        if (g) { spans.tp++; g.spanHit = true; }
        if (right) { mentions.tp++; byKind[e.type]!.tp++; g!.hit = true; }
        else log.push(`  mention ${doc.id} ${JSON.stringify(m.text)} (${e.type}): ${g ? `gold kind ${g.k}` : 'not a gold span'}`);
      }
    mentions.goldHit += goldSpans.filter((g) => g.hit).length;
    spans.goldHit += goldSpans.filter((g) => g.spanHit).length;
    // ── events
    const names = (e: ExportEntity | undefined): Set<string> => new Set(e ? [e.name, ...e.aliases, ...e.mentions.filter((m) => m.articleId === doc.id).map((m) => m.text)].map(fold) : []);
    const goldHit = new Set<GoldEvent>();
    for (const s of doc.sentences) events.gold += s.events.length;
    for (const ev of res.events) {
      const seen = new Set<LabelledSentence>();
      for (const src of ev.sources) {
        if (src.articleId !== doc.id) continue;
        const at = text.indexOf(src.sentence);
        if (at < 0) { unlocated++; continue; }
        const end = at + src.sentence.length;
        let best: LabelledSentence | undefined, overlap = 0;
        for (const s of doc.sentences) {
          const o = Math.min(end, s.end) - Math.max(at, s.start);
          if (o > overlap) { overlap = o; best = s; }
        }
        if (!best || overlap * 2 <= src.sentence.length || seen.has(best)) continue;
        seen.add(best);
        events.pred++;
        (byType[ev.type] ??= { tp: 0, pred: 0 }).pred++;
        const parts = ev.participants.map((p) => ({ role: p.role, names: names(entity.get(p.entityId)) }));
        const reasons = (g: GoldEvent): string[] => {
          const why: string[] = [];
          if (g.type !== ev.type) why.push('type');
          const gold = g.participants.filter((p) => p.role !== 'position');
          const subjects = gold.filter((p) => p.role === 'subject').map((p) => fold(p.name));
          const all = gold.map((p) => fold(p.name));
          if (parts.some((p) => p.role === 'subject' && !subjects.some((n) => p.names.has(n)))) why.push('subject');
          if (!subjects.some((n) => parts.some((p) => p.names.has(n)))) why.push('gold subject absent');
          if (parts.some((p) => p.role !== 'subject' && !all.some((n) => p.names.has(n)))) why.push('extra participant');
          if (!dateAgrees(g.date, ev.date, doc.reported)) why.push(`date ${ev.date.start ?? 'none'} (${ev.date.precision})`);
          return why;
        };
        // A gold event not yet matched is preferred, so that recall counts distinct gold events.
        const judged = best.events.map((g) => ({ g, why: reasons(g) })).sort((a, b) => a.why.length - b.why.length || Number(goldHit.has(a.g)) - Number(goldHit.has(b.g)));
        const match = judged[0] && !judged[0].why.length ? judged[0].g : undefined;
        const why = judged[0]?.why ?? [];
        if (match) { events.tp++; byType[ev.type]!.tp++; goldHit.add(match); }
        else log.push(`  event ${doc.id} s${best.id} ${ev.type} "${ev.summary}" ${ev.date.start ?? '-'}: ${best.events.length ? `nearest differs (${why.join(', ')})` : 'no gold event in this sentence'}`);
      }
    }
    events.goldHit += goldHit.size;
  }
  return { mentions, spans, events, byKind, byType, unlocated };
}

export const labelled: Suite = async (ctx) => {
  if (!existsSync(LABELS)) return skipped(`${LABELS} is absent`);
  const docs = loadLabels();
  const missing = [...new Set(docs.map((d) => d.path.split('/')[0]!))].map((p) => join(ctx.evalDir, p)).filter((p) => !existsSync(p));
  if (missing.length) return skipped(`${missing.join(', ')} absent`);
  const texts = new Map<string, string>();
  const article = (d: LabelledDocument): StoryArticle => {
    const t = documentText(ctx.evalDir, d);
    texts.set(d.id, t.text);
    return { id: d.id, title: t.title, text: t.text, language: d.language, publishedAt: t.publishedAt, publishedAtSource: t.publishedAt ? 'metadata' : null, ingestedAt: t.publishedAt ?? d.reported, url: null, site: null };
  };
  const metrics: Record<string, number> = {};
  const report: string[] = [];
  const all = { m: tally(), e: tally() };
  for (const lang of ['en', 'fr'] as const) {
    const mine = docs.filter((d) => d.language === lang);
    // English: one corpus, one story; French: unrelated pages, one story each.
    const groups = lang === 'en' ? [mine] : mine.map((d) => [d]);
    const sum = { mentions: tally(), spans: tally(), events: tally(), byKind: {} as Record<string, { tp: number; pred: number }>, byType: {} as Record<string, { tp: number; pred: number }>, unlocated: 0 };
    const log: string[] = [];
    for (const group of groups) {
      const res = analyzeStory(`labelled-${group[0]!.id}`, group.map(article));
      const r = scoreAnalysis(res, group, texts, log);
      for (const k of ['mentions', 'spans', 'events'] as const) for (const f of ['tp', 'pred', 'goldHit', 'gold'] as const) sum[k][f] += r[k][f];
      for (const [k, v] of Object.entries(r.byKind)) { const t = (sum.byKind[k] ??= { tp: 0, pred: 0 }); t.tp += v.tp; t.pred += v.pred; }
      for (const [k, v] of Object.entries(r.byType)) { const t = (sum.byType[k] ??= { tp: 0, pred: 0 }); t.tp += v.tp; t.pred += v.pred; }
      sum.unlocated += r.unlocated;
    }
    const m = sum.mentions, s = sum.spans, e = sum.events;
    const P = (t: Tally): number => (t.pred ? t.tp / t.pred : 0);
    const R = (t: Tally): number => (t.gold ? t.goldHit / t.gold : 0);
    const sentences = mine.reduce((n, d) => n + d.sentences.length, 0);
    report.push(`${lang}: ${mine.length} documents, ${sentences} labelled sentences, ${m.gold} gold mentions, ${e.gold} gold events`);
    report.push(`  mentions: P ${pct(P(m))} (${m.tp}/${m.pred}) R ${pct(R(m))} (${m.goldHit}/${m.gold}); span only: P ${pct(P(s))} R ${pct(R(s))}; by kind: ${Object.entries(sum.byKind).map(([k, v]) => `${k} ${v.tp}/${v.pred}`).join(', ')}`);
    report.push(`  events: P ${pct(P(e))} (${e.tp}/${e.pred}) R ${pct(R(e))} (${e.goldHit}/${e.gold}); by type: ${Object.entries(sum.byType).map(([k, v]) => `${k} ${v.tp}/${v.pred}`).join(', ')}${sum.unlocated ? `; ${sum.unlocated} sources not found in their text` : ''}`);
    if (ctx.verbose) report.push(...log);
    Object.assign(metrics, { [`${lang}EntityP`]: P(m), [`${lang}EntityR`]: R(m), [`${lang}EventP`]: P(e), [`${lang}EventR`]: R(e) });
    for (const f of ['tp', 'pred', 'goldHit', 'gold'] as const) { all.m[f] += m[f]; all.e[f] += e[f]; }
  }
  const em = prf(all.m.tp, all.m.pred, all.m.gold), ee = prf(all.e.tp, all.e.pred, all.e.gold);
  report.push(`all: mentions P ${pct(em.p)}, events P ${pct(ee.p)}`);
  Object.assign(metrics, { entityP: em.p, eventP: ee.p });
  return { metrics, report };
};

if (import.meta.main) {
  const { defaultSharedDir } = await import('../harness.ts');
  const shared = defaultSharedDir();
  const r = await labelled({ sharedDir: shared, evalDir: join(shared, 'eval'), verbose: process.argv.includes('--verbose') });
  console.log(r.skipped ?? [...r.report, ...Object.entries(r.metrics).map(([k, v]) => `  labelled.${k} = ${v.toFixed(4)}`)].join('\n'));
}
