// HTML extraction against ../shared/eval, in one run beside @mozilla/readability (over linkedom):
//   (a) extraction-snippets-dev: must/must-not snippets, scored as trafilatura's evaluation does;
//   (b) extraction-dev: token-level body P/R/F1 for the fundus-* cases (fr and en apart) and, as a
//       regression guard only, the readability-* cases; metadata accuracy on the whole set;
//   (c) publication dates the htmldate way: the day is right, over every development page that
//       carries a gold date (snippets-dev's and extraction-dev's);
//   (d) fixtures/boilerplate: pages and scraped texts written for this project (not development
//       data of anyone else), scored by snippets, body start and end, and date.
// Run alone: ./node_modules/.bin/node eval/suites/extraction.ts [--verbose] [--no-readability] [--only=SUBSTR]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

// The project compiles without the DOM lib; Readability's own parameter type names the document.
type ReadabilityDoc = ConstructorParameters<typeof Readability>[0];
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import { extractHtml } from '../../src/extract/html/index.ts';
import { extractArticle } from '../../src/extract/index.ts';
import type { RawInput } from '../../src/types.ts';
import { defaultSharedDir, pct, prf, requireDir, skipped, type EvalContext, type Suite, type SuiteResult } from '../harness.ts';

interface Output {
  text: string;
  language?: string;
  title: string;
  authors: string[];
  date: string | null;
}

const argv = process.argv.slice(2);
const withReadability = !argv.includes('--no-readability');
const only = argv.find((a) => a.startsWith('--only='))?.slice(7) ?? '';

// Ours through the real entry (extractArticle: what ingest stores, its fallbacks included), given
// the page as UTF-8 bytes of the string both extractors read. The cascade step that chose the body
// is asked of extractHtml only for the verbose listing.
function ours(html: string, url?: string, verbose = false): Output & { step: string } {
  const raw: RawInput = { input: 'page.html', kind: 'html', bytes: new TextEncoder().encode(html), declaredCharset: 'utf-8', contentHash: '', siteKey: '', ...(url ? { url } : {}) };
  const step = verbose ? (extractHtml(html, url ? { url } : {}).provenance.body ?? '') : '';
  try {
    const a = extractArticle(raw);
    return { text: a.text, language: a.language, title: a.title, authors: a.authors, date: a.publishedAt, step };
  } catch (e) {
    return { text: '', title: '', authors: [], date: null, step: `refused: ${(e as Error).message}` };
  }
}

function readability(html: string, url?: string): Output {
  try {
    const { document } = parseHTML(html);
    const art = new Readability(document as unknown as ReadabilityDoc).parse();
    if (!art) return { text: '', title: '', authors: [], date: null };
    const byline = (art.byline ?? '').replace(/^\s*(?:by|par)\s+/i, '');
    return {
      text: htmlToText(art.content ?? ''),
      title: art.title ?? '',
      authors: byline ? byline.split(/\s*(?:,|\band\b|&|\bet\b)\s*/i).filter(Boolean) : [],
      date: art.publishedTime ?? null,
    };
  } catch {
    void url;
    return { text: '', title: '', authors: [], date: null };
  }
}

// Readability returns HTML; turn it into paragraphs the same plain way for both extractors.
const BLOCK = /^(?:p|div|h[1-6]|li|ul|ol|blockquote|pre|td|th|tr|table|section|article|figure|figcaption|dt|dd|dl|header|footer|br|hr)$/;
function htmlToText(html: string): string {
  const doc = parseDocument(html);
  const out: string[] = [];
  let cur = '';
  const flush = (): void => {
    const t = cur.replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
    cur = '';
  };
  const visit = (n: AnyNode): void => {
    if (n.type === 'text') cur += (n as unknown as { data: string }).data;
    else if (n.type === 'tag' || n.type === 'root') {
      const el = n as Element;
      const block = n.type === 'tag' && BLOCK.test(el.name);
      if (block) flush();
      for (const c of el.children) visit(c);
      if (block) flush();
    }
  };
  visit(doc);
  flush();
  return out.join('\n\n');
}

// Pages are bytes; a few are not UTF-8. Both extractors get the same decoded string: BOM, then
// UTF-8 when the bytes are valid UTF-8 (a stale <meta charset> is common after re-encoding), then
// the declared charset, else windows-1252.
export function readPage(file: string): string {
  const bytes = readFileSync(file);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch { /* not UTF-8 */ }
  const head = bytes.subarray(0, 4096).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch { /* unknown label: fall through */ }
  }
  return new TextDecoder('windows-1252').decode(bytes);
}

// ---- scoring helpers ----

// Soft hyphens and zero-width characters are invisible: neither side is judged on them.
export const ws = (s: string): string => s.normalize('NFKC').replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '').replace(/\s+/g, ' ').trim();
const TOKEN = /[\p{L}\p{N}\p{M}_]+/gu;
function tokens(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of s.normalize('NFKC').toLowerCase().match(TOKEN) ?? []) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}
function tokenCounts(pred: string, gold: string): { tp: number; p: number; g: number } {
  const a = tokens(pred);
  const b = tokens(gold);
  let tp = 0, p = 0, g = 0;
  for (const v of a.values()) p += v;
  for (const [k, v] of b) {
    g += v;
    tp += Math.min(v, a.get(k) ?? 0);
  }
  return { tp, p, g };
}
const normTitle = (s: string): string => ws(s).toLowerCase().replace(/[‘’]/g, "'").replace(/[“”«»]/g, '"').replace(/\s*([:,;!?])\s*/g, '$1 ').trim();
const normName = (s: string): string =>
  ws(s).toLowerCase().replace(/^(?:by|par)\s+/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
// Same calendar day, as the gold's own time zone sees it: when both carry an offset, ours is
// moved into the gold's offset first (2017-02-24T01:18Z is 2017-02-23 in -08:00).
const OFFSET = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?([+-]\d{2}:\d{2})$/;
function sameDay(ours: string | null, gold: string | null): boolean {
  if (!ours || !gold) return false;
  const og = OFFSET.exec(gold)?.[1];
  if (og && OFFSET.test(ours)) {
    const sign = og[0] === '-' ? -1 : 1;
    const mins = sign * (Number(og.slice(1, 3)) * 60 + Number(og.slice(4, 6)));
    const shifted = new Date(Date.parse(ours) + mins * 60_000).toISOString();
    return shifted.slice(0, 10) === gold.slice(0, 10);
  }
  return ours.slice(0, 10) === gold.slice(0, 10);
}

interface Acc {
  tp: number; p: number; g: number; f1s: number[];
}
const acc = (): Acc => ({ tp: 0, p: 0, g: 0, f1s: [] });
function add(a: Acc, c: { tp: number; p: number; g: number }): number {
  a.tp += c.tp;
  a.p += c.p;
  a.g += c.g;
  const f = prf(c.tp, c.p, c.g).f1;
  a.f1s.push(f);
  return f;
}
const mean = (xs: number[]): number => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

function authorsMatch(pred: string[], gold: string[], set: string): boolean {
  const p = pred.map(normName).filter(Boolean);
  if (set === 'readability') {
    // Readability's gold is one raw byline: a hit when every name we give is inside it.
    const g = normName(gold.join(' '));
    return p.length > 0 && p.every((x) => g.includes(x));
  }
  const g = new Set(gold.map(normName).filter(Boolean));
  const ps = new Set(p);
  return ps.size === g.size && [...ps].every((x) => g.has(x));
}

// ---- the suite ----

export const extraction: Suite = async (ctx: EvalContext): Promise<SuiteResult> => {
  const snipDir = join(ctx.evalDir, 'extraction-snippets-dev');
  const devDir = join(ctx.evalDir, 'extraction-dev');
  const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'boilerplate');
  const missing = requireDir(snipDir) && requireDir(devDir) && requireDir(fixtures);
  if (missing) return skipped(`${snipDir}, ${devDir} and ${fixtures} are absent`);
  const metrics: Record<string, number> = {};
  const report: string[] = [];
  const detail: string[] = [];
  // Publication dates, htmldate's way (the day is right), over every development page with a gold date.
  const dates = { ours: 0, rd: 0, n: 0, none: 0 };

  // (a) snippets
  if (existsSync(snipDir)) {
    const c = { ours: { tp: 0, fn: 0, fp: 0, tn: 0 }, rd: { tp: 0, fn: 0, fp: 0, tn: 0 } };
    // By the language the page declares (html lang or metadata): the set has no French page, its
    // French pages are held out; the French figures are the fixtures' and extraction-dev's below.
    const byLang: Record<string, { tp: number; fn: number; fp: number; pages: number }> = {};
    const cases = readdirSync(snipDir).filter((d) => /^\d+$/.test(d) && (!only || d.includes(only))).sort();
    for (const id of cases) {
      const dir = join(snipDir, id);
      if (!existsSync(join(dir, 'source.html'))) continue;
      const html = readPage(join(dir, 'source.html'));
      const exp = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { url?: string; with?: string[]; without?: string[] };
      const url = exp.url && /^https?:/.test(exp.url) ? exp.url : undefined;
      const o = ours(html, url, ctx.verbose);
      const rd = withReadability ? readability(html, url) : null;
      const texts: Array<[keyof typeof c, string]> = [['ours', ws(o.text)]];
      if (rd) texts.push(['rd', ws(rd.text)]);
      const goldDate = (exp as { date?: string }).date;
      if (goldDate) {
        dates.n++;
        if (sameDay(o.date, goldDate)) dates.ours++;
        else if (ctx.verbose) detail.push(`  date snip ${id}: ours ${o.date} gold ${goldDate}`);
        if (!o.date) dates.none++;
        if (rd && sameDay(rd.date, goldDate)) dates.rd++;
      }
      const line: string[] = [];
      const lang = o.language && o.language !== 'und' ? o.language : 'undeclared';
      const bl = (byLang[lang] ??= { tp: 0, fn: 0, fp: 0, pages: 0 });
      bl.pages++;
      for (const s of exp.with ?? []) texts[0]![1].includes(ws(s)) ? bl.tp++ : bl.fn++;
      for (const s of exp.without ?? []) if (texts[0]![1].includes(ws(s))) bl.fp++;
      for (const [who, text] of texts) {
        let miss = 0, bad = 0;
        for (const s of exp.with ?? []) if (text.includes(ws(s))) c[who].tp++; else { c[who].fn++; miss++; }
        for (const s of exp.without ?? []) if (text.includes(ws(s))) { c[who].fp++; bad++; } else c[who].tn++;
        line.push(`${who} miss ${miss}/${exp.with?.length ?? 0} junk ${bad}/${exp.without?.length ?? 0}`);
      }
      if (ctx.verbose) {
        detail.push(`  snip ${id} ${(exp.url ?? '').slice(0, 50).padEnd(50)} [${o.step}] ${line.join(' | ')}`);
        if (argv.includes('--why')) {
          const text = ws(o.text);
          for (const s of exp.with ?? []) if (!text.includes(ws(s))) detail.push(`      MISS: ${s.slice(0, 110)}`);
          for (const s of exp.without ?? []) if (text.includes(ws(s))) detail.push(`      JUNK: ${s.slice(0, 110)}`);
        }
      }
    }
    for (const [who, k] of [['ours', ''], ['rd', 'Readability']] as const) {
      if (who === 'rd' && !withReadability) continue;
      const x = c[who];
      const { p, r, f1 } = prf(x.tp, x.tp + x.fp, x.tp + x.fn);
      const accu = (x.tp + x.tn) / Math.max(1, x.tp + x.tn + x.fp + x.fn);
      metrics[`snippetsPrecision${k}`] = p;
      metrics[`snippetsRecall${k}`] = r;
      metrics[`snippetsF1${k}`] = f1;
      metrics[`snippetsAccuracy${k}`] = accu;
      report.push(`snippets (${cases.length} pages) ${who === 'ours' ? 'ours       ' : 'Readability'}: P ${pct(p)} R ${pct(r)} F1 ${pct(f1)} accuracy ${pct(accu)}`);
    }
    const langs = Object.entries(byLang).sort((a, b) => b[1].pages - a[1].pages);
    report.push(`snippets ours by declared language: ${langs.map(([l, x]) => `${l} ${pct(prf(x.tp, x.tp + x.fp, x.tp + x.fn).f1)} (${x.pages})`).join(', ')}; French pages: ${byLang.fr?.pages ?? 0}`);
    for (const [l, key] of [['de', 'snippetsF1De'], ['en', 'snippetsF1En']] as const) {
      const x = byLang[l];
      if (x) metrics[key] = prf(x.tp, x.tp + x.fp, x.tp + x.fn).f1;
    }
  }

  // (b) extraction-dev
  if (existsSync(devDir)) {
    const groups = ['fundus-fr', 'fundus-en', 'readability'] as const;
    const body: Record<string, { ours: Acc; rd: Acc }> = {};
    // Every French page of the set (fundus-fr and readability-* pages declared French).
    const french = { ours: acc(), rd: acc() };
    for (const gname of groups) body[gname] = { ours: acc(), rd: acc() };
    const metaHits = { ours: { title: 0, authors: 0, date: 0 }, rd: { title: 0, authors: 0, date: 0 } };
    const metaN = { title: 0, authors: 0, date: 0 };
    const titleBySet: Record<string, { ok: number; n: number }> = { fundus: { ok: 0, n: 0 }, readability: { ok: 0, n: 0 } };
    const ids = readdirSync(devDir).filter((d) => existsSync(join(devDir, d, 'source.html')) && (!only || d.includes(only))).sort();
    for (const id of ids) {
      const html = readPage(join(devDir, id, 'source.html'));
      const exp = JSON.parse(readFileSync(join(devDir, id, 'expected.json'), 'utf8')) as {
        url: string | null; title: string; authors: string[]; published: string | null; text: string; language: string | null;
      };
      const set = id.startsWith('fundus-') ? 'fundus' : 'readability';
      const group = set === 'readability' ? 'readability' : id.startsWith('fundus-fr') ? 'fundus-fr' : 'fundus-en';
      const url = exp.url ?? undefined;
      const o = ours(html, url, ctx.verbose);
      const rd = withReadability ? readability(html, url) : null;
      const fo = add(body[group]!.ours, tokenCounts(o.text, exp.text));
      const fr = rd ? add(body[group]!.rd, tokenCounts(rd.text, exp.text)) : 0;
      if (exp.language?.startsWith('fr')) {
        add(french.ours, tokenCounts(o.text, exp.text));
        if (rd) add(french.rd, tokenCounts(rd.text, exp.text));
      }
      const marks: string[] = [];
      if (exp.title) {
        metaN.title++;
        const ok = normTitle(o.title) === normTitle(exp.title);
        if (ok) metaHits.ours.title++;
        titleBySet[set]!.n++;
        if (ok) titleBySet[set]!.ok++;
        if (rd && normTitle(rd.title) === normTitle(exp.title)) metaHits.rd.title++;
        if (!ok) marks.push(`title «${o.title.slice(0, 60)}» gold «${exp.title.slice(0, 60)}»`);
      }
      if (exp.authors.length) {
        metaN.authors++;
        const ok = authorsMatch(o.authors, exp.authors, set);
        if (ok) metaHits.ours.authors++;
        if (rd && authorsMatch(rd.authors, exp.authors, set)) metaHits.rd.authors++;
        if (!ok) marks.push(`authors ${JSON.stringify(o.authors)} gold ${JSON.stringify(exp.authors)}`);
      }
      if (exp.published) {
        metaN.date++;
        const ok = sameDay(o.date, exp.published);
        if (ok) metaHits.ours.date++;
        if (rd && sameDay(rd.date, exp.published)) metaHits.rd.date++;
        dates.n++;
        if (ok) dates.ours++;
        if (!o.date) dates.none++;
        if (rd && sameDay(rd.date, exp.published)) dates.rd++;
        if (!ok) marks.push(`date ${o.date} gold ${exp.published}`);
      }
      if (ctx.verbose) {
        detail.push(`  ${id.slice(0, 48).padEnd(48)} [${o.step.padEnd(10)}] F1 ${pct(fo).padStart(5)}${rd ? ` rd ${pct(fr).padStart(5)}` : ''}  ${marks.join('; ')}`);
        if (argv.includes('--why')) {
          const c = tokenCounts(o.text, exp.text);
          detail.push(`      P ${pct(c.tp / Math.max(1, c.p))} R ${pct(c.tp / Math.max(1, c.g))}`);
        }
      }
    }
    const line = (name: string, a: Acc): string => {
      const micro = prf(a.tp, a.p, a.g);
      return `${name}: mean F1 ${pct(mean(a.f1s))} (micro P ${pct(micro.p)} R ${pct(micro.r)} F1 ${pct(micro.f1)}, ${a.f1s.length} cases)`;
    };
    const fundusAll = { ours: acc(), rd: acc() };
    for (const gname of ['fundus-fr', 'fundus-en'] as const) {
      for (const who of ['ours', 'rd'] as const) {
        const a = body[gname]![who];
        fundusAll[who].tp += a.tp;
        fundusAll[who].p += a.p;
        fundusAll[who].g += a.g;
        fundusAll[who].f1s.push(...a.f1s);
      }
    }
    const put = (key: string, a: Acc): void => {
      if (a.f1s.length) metrics[key] = mean(a.f1s);
    };
    put('fundusF1', fundusAll.ours);
    put('fundusF1Fr', body['fundus-fr']!.ours);
    put('fundusF1En', body['fundus-en']!.ours);
    put('readabilitySetF1', body.readability!.ours);
    put('frenchBodyF1', french.ours);
    if (withReadability) {
      put('fundusF1Readability', fundusAll.rd);
      put('fundusF1FrReadability', body['fundus-fr']!.rd);
      put('fundusF1EnReadability', body['fundus-en']!.rd);
      put('readabilitySetF1Readability', body.readability!.rd);
      put('frenchBodyF1Readability', french.rd);
    }
    for (const [name, a] of [['fundus fr', body['fundus-fr']!], ['fundus en', body['fundus-en']!], ['fundus all', fundusAll], ['every French page', french], ['readability-* (regression guard)', body.readability!]] as const) {
      if (!a.ours.f1s.length) continue;
      report.push(line(`body ${name} ours       `, a.ours));
      if (withReadability) report.push(line(`body ${name} Readability`, a.rd));
    }
    for (const k of ['title', 'authors', 'date'] as const) {
      if (!metaN[k]) continue;
      metrics[`${k}Accuracy`] = metaHits.ours[k] / metaN[k];
      if (withReadability) metrics[`${k}AccuracyReadability`] = metaHits.rd[k] / metaN[k];
      report.push(`${k} accuracy (${metaN[k]} cases with gold): ours ${pct(metaHits.ours[k] / metaN[k])}${withReadability ? `, Readability ${pct(metaHits.rd[k] / metaN[k])}` : ''}`);
    }
    report.push(`title accuracy ours by set: fundus ${titleBySet.fundus!.ok}/${titleBySet.fundus!.n}, readability-* ${titleBySet.readability!.ok}/${titleBySet.readability!.n} (their gold keeps site suffixes we strip)`);
  }
  if (dates.n) {
    metrics.devDateAccuracy = dates.ours / dates.n;
    if (withReadability) metrics.devDateAccuracyReadability = dates.rd / dates.n;
    report.push(`publication day, every development page with a gold date (${dates.n}: snippets-dev and extraction-dev): ours ${pct(dates.ours / dates.n)} (${dates.none} without a date)${withReadability ? `, Readability ${pct(dates.rd / dates.n)}` : ''}`);
  }

  // (d) fixtures/boilerplate
  if (existsSync(fixtures)) Object.assign(metrics, scoreFixtures(fixtures, report, detail, ctx.verbose));
  if (ctx.verbose) report.push('', ...detail);
  return { metrics, report };
};

interface FixtureExpected {
  url?: string;
  language: string;
  body_first: string;
  body_last: string;
  must: string[];
  must_not: string[];
  published: string | null;
  publishedAt?: string;
}

/** The hand-labelled pages of fixtures/boilerplate through the real entry (extractArticle), as
 * fetched inputs (their URL known). Snippets are scored like (a), body_first and body_last count
 * as must snippets too; the body's start and end are checked apart (a leading block that is the
 * subtitle is skipped); the date is right when its day is (and, when the gold gives an offset,
 * when ours keeps the same local time and offset). */
function scoreFixtures(dir: string, report: string[], detail: string[], verbose: boolean): Record<string, number> {
  const names = readdirSync(dir).filter((d) => existsSync(join(dir, d, 'expected.json')) && (!only || d.includes(only))).sort();
  const count = () => ({ tp: 0, fn: 0, fp: 0, tn: 0, pages: 0 });
  const by: Record<string, ReturnType<typeof count>> = { all: count(), fr: count(), en: count(), txt: count(), html: count(), rd: count() };
  let starts = 0, ends = 0, dateOk = 0, dateN = 0, offsetOk = 0, offsetN = 0, refused = 0;
  for (const name of names) {
    const exp = JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8')) as FixtureExpected;
    const file = readdirSync(join(dir, name)).find((f) => f.startsWith('input.'))!;
    const kind = file.endsWith('.html') ? 'html' : 'text';
    const bytes = readFileSync(join(dir, name, file));
    const raw: RawInput = { input: file, kind, bytes, contentHash: name, siteKey: name, ...(exp.url ? { url: exp.url } : {}) };
    let text = '';
    let blocks: string[] = [];
    let date: string | null = null;
    let subtitle: string | null = null;
    try {
      const a = extractArticle(raw);
      text = ws(a.text);
      blocks = a.blocks.map((b) => ws(b.text));
      date = a.publishedAt;
      subtitle = a.subtitle;
    } catch (e) {
      refused++;
      detail.push(`  fixture ${name}: refused (${(e as Error).message})`);
    }
    const withs = [exp.body_first, ...exp.must, exp.body_last];
    const lines: string[] = [];
    const tally = (who: string[], t: string): void => {
      for (const s of withs) for (const k of who) t.includes(ws(s)) ? by[k]!.tp++ : by[k]!.fn++;
      for (const s of exp.must_not) for (const k of who) t.includes(ws(s)) ? by[k]!.fp++ : by[k]!.tn++;
    };
    const groups = ['all', exp.language === 'fr' ? 'fr' : 'en', kind === 'html' ? 'html' : 'txt'];
    for (const k of groups) by[k]!.pages++;
    tally(groups, text);
    if (withReadability && kind === 'html') tally(['rd'], ws(readability(bytes.toString('utf8'), exp.url).text));
    for (const s of withs) if (!text.includes(ws(s))) lines.push(`MISS: ${s.slice(0, 100)}`);
    for (const s of exp.must_not) if (text.includes(ws(s))) lines.push(`JUNK: ${s.slice(0, 100)}`);
    const first = subtitle && blocks.length > 1 && blocks[0] === ws(subtitle) ? blocks[1]! : (blocks[0] ?? '');
    if (first.startsWith(ws(exp.body_first))) starts++;
    else lines.push(`START: ${first.slice(0, 100)}`);
    if (text.endsWith(ws(exp.body_last))) ends++;
    else lines.push(`END: …${text.slice(-100)}`);
    dateN++;
    const dayOk = exp.published === null ? date === null : sameDay(date, exp.published) && date!.slice(0, 10) === exp.published;
    if (dayOk) dateOk++;
    else lines.push(`DATE: ${date} gold ${exp.published}`);
    if (exp.publishedAt) {
      offsetN++;
      if (date === exp.publishedAt) offsetOk++;
      else lines.push(`OFFSET: ${date} gold ${exp.publishedAt}`);
    }
    if (verbose && lines.length) detail.push(`  fixture ${name}`, ...lines.map((l) => `      ${l}`));
  }
  const metrics: Record<string, number> = {};
  const f1 = (x: ReturnType<typeof count>) => prf(x.tp, x.tp + x.fp, x.tp + x.fn);
  for (const [k, suffix] of [['all', ''], ['fr', 'Fr'], ['en', 'En'], ['txt', 'Text'], ['html', 'Html']] as const) {
    const r = f1(by[k]!);
    metrics[`fixturesF1${suffix}`] = r.f1;
    report.push(`fixtures/boilerplate ${k.padEnd(4)} (${by[k]!.pages} pages): P ${pct(r.p)} R ${pct(r.r)} F1 ${pct(r.f1)}`);
  }
  if (withReadability) {
    const r = f1(by.rd!);
    metrics.fixturesF1HtmlReadability = r.f1;
    report.push(`fixtures/boilerplate html, Readability: P ${pct(r.p)} R ${pct(r.r)} F1 ${pct(r.f1)}`);
  }
  metrics.fixturesBoundaryAccuracy = (starts + ends) / (2 * names.length);
  metrics.fixturesDateAccuracy = dateOk / dateN;
  if (offsetN) metrics.fixturesOffsetAccuracy = offsetOk / offsetN;
  metrics.fixturesRefused = refused;
  report.push(`fixtures/boilerplate: body starts right ${starts}/${names.length}, ends right ${ends}/${names.length}; publication day ${dateOk}/${dateN}; exact time and offset kept ${offsetOk}/${offsetN}; refused ${refused}`);
  return metrics;
}

if (import.meta.main) {
  const shared = defaultSharedDir();
  const res = await extraction({ evalDir: join(shared, 'eval'), sharedDir: shared, verbose: argv.includes('--verbose') || argv.includes('--why') });
  if (res.skipped) console.log(`extraction: skipped (${res.skipped})`);
  for (const l of res.report) console.log(l);
  if (!res.skipped) {
    console.log('');
    for (const [k, v] of Object.entries(res.metrics)) console.log(`${k} ${v.toFixed(4)}`);
  }
}
