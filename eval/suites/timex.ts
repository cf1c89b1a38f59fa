// Temporal expressions on FR-TimeBank (dev half), scored as TempEval-3 scores TIMEX3:
// strict = exact extent, relaxed = any overlap (one-to-one), value and type judged on relaxed matches.
// The reference date of each document is its DCT, which is never scored.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Suite, SuiteResult } from '../harness.ts';
import { defaultSharedDir, pct, prf, requireDir, skipped } from '../harness.ts';
import { findDates } from '../../src/events/dates/index.ts';
import type { Timex } from '../../src/events/dates/index.ts';

export interface GoldTimex { text: string; start: number; end: number; type: string; value: string }
export interface TmlDoc { id: string; dct: string; text: string; timexes: GoldTimex[] }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/** Strips the inline markup of one .tml document, keeping TIMEX3 offsets into the plain text. */
export function parseTml(xml: string, id = ''): TmlDoc {
  const dctTag = /<DCT>\s*(<TIMEX3[^>]*>)/.exec(xml)?.[1] ?? '';
  const dct = attr(dctTag, 'value') ?? '';
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1] ?? '';
  let text = '';
  const timexes: GoldTimex[] = [];
  const open: { start: number; type: string; value: string }[] = [];
  const tagRe = /<(\/?)([A-Za-z0-9]+)([^>]*?)(\/?)>/g;
  let last = 0;
  for (let m = tagRe.exec(body); m; m = tagRe.exec(body)) {
    text += decode(body.slice(last, m.index));
    last = tagRe.lastIndex;
    if (m[2] !== 'TIMEX3') continue;
    if (m[1]) {
      const o = open.pop();
      if (o) timexes.push({ text: text.slice(o.start), start: o.start, end: text.length, type: o.type, value: o.value });
    } else if (!m[4]) {
      open.push({ start: text.length, type: attr(m[3] ?? '', 'type') ?? '', value: attr(m[3] ?? '', 'value') ?? '' });
    }
  }
  text += decode(body.slice(last));
  for (const t of timexes) t.text = text.slice(t.start, t.end);
  return { id, dct, text, timexes };
}

export interface TimexCounts {
  gold: number; predicted: number; strict: number; relaxed: number;
  valueOk: number; typeOk: number;
}

export interface DocScore { counts: TimexCounts; missed: GoldTimex[]; spurious: Timex[]; wrong: { gold: GoldTimex; got: Timex }[] }

/** One-to-one relaxed matching: each gold timex pairs with the overlapping prediction that overlaps it most. */
export function scoreDoc(gold: GoldTimex[], pred: Timex[]): DocScore {
  const counts: TimexCounts = { gold: gold.length, predicted: pred.length, strict: 0, relaxed: 0, valueOk: 0, typeOk: 0 };
  const used = new Set<number>();
  const missed: GoldTimex[] = [];
  const wrong: { gold: GoldTimex; got: Timex }[] = [];
  for (const g of gold) {
    let best = -1;
    let bestOverlap = 0;
    pred.forEach((p, i) => {
      if (used.has(i)) return;
      const ov = Math.min(g.end, p.end) - Math.max(g.start, p.start);
      if (ov > bestOverlap) { best = i; bestOverlap = ov; }
    });
    const p = pred[best];
    if (!p) { missed.push(g); continue; }
    used.add(best);
    counts.relaxed++;
    if (p.start === g.start && p.end === g.end) counts.strict++;
    if (p.type.toUpperCase() === g.type) counts.typeOk++;
    if (p.value === g.value) counts.valueOk++;
    else wrong.push({ gold: g, got: p });
  }
  const spurious = pred.filter((_, i) => !used.has(i));
  return { counts, missed, spurious, wrong };
}

export function loadDocs(dir: string): TmlDoc[] {
  return readdirSync(dir).filter((f) => f.endsWith('.tml')).sort()
    .map((f) => parseTml(readFileSync(join(dir, f), 'utf8'), f.replace(/\.tml$/, '')));
}

export const timex: Suite = async (ctx): Promise<SuiteResult> => {
  const dir = join(ctx.evalDir, 'timex-fr-dev');
  const absent = requireDir(dir);
  if (absent) return skipped(absent);
  const docs = loadDocs(dir);
  const total: TimexCounts = { gold: 0, predicted: 0, strict: 0, relaxed: 0, valueOk: 0, typeOk: 0 };
  const details: string[] = [];
  const t0 = performance.now();
  for (const doc of docs) {
    const pred = findDates(doc.text, { ref: doc.dct, lang: 'fr' });
    const s = scoreDoc(doc.timexes, pred);
    for (const k of Object.keys(total) as (keyof TimexCounts)[]) total[k] += s.counts[k];
    if (!ctx.verbose) continue;
    const around = (a: number, b: number): string =>
      `${doc.text.slice(Math.max(0, a - 50), a)}[${doc.text.slice(a, b)}]${doc.text.slice(b, b + 40)}`.replace(/\s+/g, ' ');
    for (const g of s.missed) details.push(`  ${doc.id} (dct ${doc.dct}) MISSED ${g.type} ${g.value}: ${around(g.start, g.end)}`);
    for (const p of s.spurious) details.push(`  ${doc.id} (dct ${doc.dct}) SPURIOUS ${p.type} ${p.value}: ${around(p.start, p.end)}`);
    for (const w of s.wrong) {
      details.push(`  ${doc.id} (dct ${doc.dct}) VALUE gold ${w.gold.value} "${w.gold.text}" got ${w.got.value} "${w.got.text}": ${around(w.gold.start, w.gold.end)}`);
    }
  }
  const ms = performance.now() - t0;
  const strict = prf(total.strict, total.predicted, total.gold);
  const relaxed = prf(total.relaxed, total.predicted, total.gold);
  const value = prf(total.valueOk, total.predicted, total.gold);
  const typeAccuracy = total.relaxed ? total.typeOk / total.relaxed : 0;
  const valueAccuracy = total.relaxed ? total.valueOk / total.relaxed : 0;
  const row = (name: string, x: { p: number; r: number; f1: number }): string =>
    `${name.padEnd(8)} P ${pct(x.p).padStart(5)}  R ${pct(x.r).padStart(5)}  F1 ${pct(x.f1).padStart(5)}`;
  return {
    metrics: {
      strictF1: strict.f1, strictP: strict.p, strictR: strict.r,
      relaxedF1: relaxed.f1, relaxedP: relaxed.p, relaxedR: relaxed.r,
      valueF1: value.f1, valueP: value.p, valueR: value.r,
      typeAccuracy, valueAccuracy,
    },
    report: [
      `${docs.length} documents, ${total.gold} gold TIMEX3 (DCT excluded), ${total.predicted} predicted, ${ms.toFixed(0)} ms`,
      row('strict', strict), row('relaxed', relaxed), row('value', value),
      `type accuracy ${pct(typeAccuracy)}  value accuracy ${pct(valueAccuracy)} (on relaxed matches)`,
      'HeidelTime French (published): strict 85.99, relaxed 90.97, value 73.63',
      ...details,
    ],
  };
};

if (import.meta.main) {
  const sharedDir = defaultSharedDir();
  const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
  const r = await timex({ evalDir: join(sharedDir, 'eval'), sharedDir, verbose });
  if (r.skipped) console.log(`timex: skipped (${r.skipped})`);
  else console.log(['timex', ...r.report.map((l) => `  ${l}`)].join('\n'));
}
