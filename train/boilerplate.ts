// Trains the boilerplate model (src/extract/model) on the development pages of ../shared/eval and
// writes models/boilerplate.json (model card: models/boilerplate.md). Deterministic: pages are put
// in folds by a seeded shuffle, trees are grown greedily with ties broken by feature order; a
// rerun writes the same file byte for byte.
//
// Data. Every page is extracted with no model; the blocks of the body container it yields are the
// candidates the model judges at run time. Labels:
//   - extraction-snippets-dev: a block holding a must snippet is text, one holding a must-not
//     snippet is furniture, the others are left out;
//   - extraction-dev: a block found in the gold body is text, one whose words are mostly absent
//     from it is furniture, the rest left out.
// Four views of each page: its container's blocks as HTML (link density, block kind, place in the
// tree) and as lines of scraped text (the markup lost), and every visible block of the page as
// HTML and flattened to text lines (what a scraper gives). Two sides of the model are trained
// apart: HTML blocks (containers and whole pages) for the HTML extractor, text lines for the text
// extractor. One model serving both was tried first: the text lines then taught the HTML side
// nothing it could use out of fold.
//
// Model. Gradient-boosted regression trees (logistic loss, classes balanced by weight).
//
// Split. Five folds of pages. Every block gets an out-of-fold score from the models trained on the
// other four folds. The HTML threshold is the one that best serves the containers out of fold
// (snippet F1 plus gold-body token F1); the text threshold the one that best serves the same pages
// flattened to text as a scraper gives them and run through the text extractor (the same sum).
// The report then runs extractHtml end to end on each fold's pages with the models that never saw
// them, against no model. The models trained on all pages are what is committed. The pages of
// fixtures/boilerplate are never used: they measure it.
//
// Data and licence: ../shared/eval/extraction-snippets-dev (229 pages, Apache-2.0, from trafilatura's
// evaluation data) and ../shared/eval/extraction-dev (160 pages: readability-* Apache-2.0, fundus-*
// MIT), development sets only; the sha256 of each set's files and of the model written are in the
// model card. Held-out sets (the rest of trafilatura's and htmldate's evaluation pages, the
// article-extraction-benchmark) are never read here. Unlike the other trainers of npm run train,
// this one reads ../shared/eval, not ../shared/train.
//
// Run: npm run train -- boilerplate, or alone: node train/boilerplate.ts [--dry-run] [--out FILE]
// (also npm run train:boilerplate). --out FILE writes the model elsewhere, e.g. to check that a
// rerun is byte-identical to models/boilerplate.json (it was: 2026-12-05, commit 030d64f, about
// 4 minutes on 2 shared cores).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'htmlparser2';
import { defaultSharedDir } from '../eval/harness.ts';
import { boundHtml } from '../src/extract/html/bound.ts';
import { BLOCK_TAGS, collapse, findFirst, HEADING_TAGS, NEVER_TEXT, textOf, walk, type Element } from '../src/extract/html/dom.ts';
import { measure } from '../src/extract/html/stats.ts';
import { placements } from '../src/extract/html/structure.ts';
import { boilerplateLine } from '../src/extract/html/boilerplate.ts';
import { isHidden } from '../src/extract/html/hints.ts';
import { readPage, ws } from '../eval/suites/extraction.ts';
import { blocksText, extractHtml } from '../src/extract/html/index.ts';
import { extractText } from '../src/extract/text/index.ts';
import { FEATURE_NAMES, featurize, MODEL_FILE, probability, type BoilerplateModel, type Tree, type Unit } from '../src/extract/model/index.ts';

const SEED = 20261205;
const FOLDS = 5;
// Boosting: shallow trees, many rounds, a small step; leaves need enough blocks to generalise.
const ROUNDS = 120;
const DEPTH = 3;
const STEP = 0.15;
const MIN_LEAF = 30;
const BINS = 16;
// Container blocks are the HTML side's real task but few beside whole pages' blocks: they weigh
// this many times as much (5 and 20 did as well out of fold).
const HTML_CONTAINER_WEIGHT = 10;

export interface Page {
  id: string;
  html: string;
  url?: string;
  with: string[];
  without: string[];
  gold?: string;
}

/** One labelled block: its page, which sequence it came from, its place there, features, label
 * (1 furniture, 0 text). */
export interface Sample {
  page: number;
  variant: 'html' | 'text' | 'page' | 'pagehtml';
  at: number;
  x: Float64Array;
  y: number;
}

export function loadPages(shared: string): Page[] {
  const pages: Page[] = [];
  const snip = join(shared, 'eval', 'extraction-snippets-dev');
  if (existsSync(snip)) {
    for (const id of readdirSync(snip).filter((d) => /^\d+$/.test(d)).sort()) {
      const exp = JSON.parse(readFileSync(join(snip, id, 'expected.json'), 'utf8')) as { url?: string; with?: string[]; without?: string[] };
      pages.push({ id: `snip-${id}`, html: readPage(join(snip, id, 'source.html')), url: exp.url && /^https?:/.test(exp.url) ? exp.url : undefined, with: exp.with ?? [], without: exp.without ?? [] });
    }
  }
  const dev = join(shared, 'eval', 'extraction-dev');
  if (existsSync(dev)) {
    for (const id of readdirSync(dev).filter((d) => existsSync(join(dev, d, 'source.html'))).sort()) {
      const exp = JSON.parse(readFileSync(join(dev, id, 'expected.json'), 'utf8')) as { url: string | null; text: string };
      pages.push({ id, html: readPage(join(dev, id, 'source.html')), url: exp.url ?? undefined, with: [], without: [], gold: exp.text });
    }
  }
  return pages;
}

const TOKEN = /[\p{L}\p{N}]+/gu;
const tokens = (s: string): string[] => s.normalize('NFKC').toLowerCase().match(TOKEN) ?? [];

/** 1 text, 0 furniture, -1 unknown. */
function label(text: string, page: Page, goldTokens: Set<string> | null, goldWs: string | null): number {
  const t = ws(text);
  if (page.gold !== undefined) {
    if (goldWs!.includes(t)) return 1;
    const tk = tokens(t);
    if (!tk.length) return -1;
    const found = tk.filter((w) => goldTokens!.has(w)).length / tk.length;
    return found < 0.5 ? 0 : -1;
  }
  const holds = (s: string): boolean => {
    const w = ws(s);
    return t.includes(w) || (t.length >= 15 && w.includes(t));
  };
  const pos = page.with.some(holds);
  const neg = page.without.some(holds);
  return pos === neg ? -1 : pos ? 1 : 0;
}

/** The labelled blocks, and each page's container blocks (for the downstream checks). */
export function samplesOf(pages: Page[]): { samples: Sample[]; containers: Unit[][]; flats: string[] } {
  const samples: Sample[] = [];
  const containers: Unit[][] = [];
  const flats: string[] = [];
  pages.forEach((page, p) => {
    const goldWs = page.gold !== undefined ? ws(page.gold) : null;
    const goldTokens = page.gold !== undefined ? new Set(tokens(page.gold)) : null;
    const add = (units: Unit[], variant: Sample['variant']): void => {
      const labels = units.map((u) => label(u.text, page, goldTokens, goldWs));
      featurize(units).forEach((x, i) => {
        // The model is fitted for furniture = 1.
        if (labels[i]! >= 0) samples.push({ page: p, variant, at: i, x, y: 1 - labels[i]! });
      });
    };
    // The body container's blocks, as HTML and as text lines.
    let units: Unit[] = [];
    extractHtml(page.html, { url: page.url, model: null, collect: (u) => (units = u) });
    containers.push(units);
    add(units, 'html');
    add(units.map((u) => ({ text: u.text, kind: 'p', link: 0, isText: true })), 'text');
    // The whole page: every visible block as HTML (link density, kind, place in the tree), which
    // shows the HTML side far more furniture than the containers hold, and as a scraper flattens
    // it, as text lines.
    const whole = pageBlocks(page.html);
    flats.push(whole.all.map((u) => u.text).join('\n\n'));
    add(whole.html, 'pagehtml');
    add(whole.all.map((u) => ({ text: u.text, kind: 'p', link: 0, isText: true })), 'page');
  });
  return { samples, containers, flats };
}

// Every visible block of a page in reading order, with its link density and kind, as a scraper
// that keeps the text of each block element would see it (no element is judged: menus, comments
// and footers included): `all`. `html`: those the extractor's line rules keep (a link run, a
// furniture line), with their place in the tree, as the HTML side sees a container's blocks.
function pageBlocks(html: string): { all: Unit[]; html: Unit[] } {
  const doc = parseDocument(boundHtml(html).html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const stats = measure(doc);
  const { info } = stats;
  const body = findFirst(doc, (el) => el.name === 'body') ?? doc;
  const out: Unit[] = [];
  const owners: Element[] = [];
  const kindOf = (name: string): string => (HEADING_TAGS.has(name) ? 'h' : name === 'li' || name === 'dd' ? 'li' : name === 'blockquote' ? 'quote' : name === 'pre' ? 'pre' : 'p');
  walk(body, (el) => {
    if (out.length >= 2000 || NEVER_TEXT.has(el.name) || el.name === 'noscript' || isHidden(el)) return false;
    if (!BLOCK_TAGS.has(el.name)) return true;
    const i = info.get(el);
    if (el.children.some((c) => c.type === 'tag' && BLOCK_TAGS.has((c as Element).name))) {
      // Loose text beside block children is a line of its own.
      const loose = collapse(el.children.filter((c) => c.type === 'text').map((c) => (c as unknown as { data: string }).data).join(' '));
      if (loose.length > 1) {
        out.push({ text: loose, kind: kindOf(el.name), link: 0, isText: false });
        owners.push(el);
      }
      return true;
    }
    const t = textOf(el);
    if (t) {
      out.push({ text: t, kind: kindOf(el.name), link: i && i.text ? i.link / i.text : 0, isText: false });
      owners.push(el);
    }
    return false;
  });
  const kept: number[] = [];
  const furniture: Array<{ el: Element; chars: number }> = [];
  out.forEach((u, k) => {
    const why = u.link > 0.6 && u.text.length < 400 && u.kind !== 'h' && u.kind !== 'pre' ? 'related' : u.kind === 'pre' ? null : boilerplateLine(u.text);
    if (!why) kept.push(k);
    else if (why !== 'metadata') furniture.push({ el: owners[k]!, chars: u.text.length });
  });
  const place = placements(kept.map((k) => owners[k]!), kept.map((k) => out[k]!.text), stats, furniture);
  return { all: out, html: kept.map((k, j) => ({ ...out[k]!, place: place[j] })) };
}

// Seeded shuffle (mulberry32) of the page indices, dealt into folds.
export function folds(n: number): number[] {
  let a = SEED >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const fold = new Array<number>(n);
  order.forEach((p, k) => (fold[p] = k % FOLDS));
  return fold;
}

// Quantile cut points of each feature over the samples, at most BINS of them.
function cutPoints(samples: Sample[]): number[][] {
  const d = FEATURE_NAMES.length;
  const cuts: number[][] = [];
  for (let f = 0; f < d; f++) {
    const values = [...new Set(samples.map((s) => s.x[f]!))].sort((a, b) => a - b);
    if (values.length <= BINS) cuts.push(values.slice(0, -1).map((v, i) => (v + values[i + 1]!) / 2));
    else {
      const all = samples.map((s) => s.x[f]!).sort((a, b) => a - b);
      const c = new Set<number>();
      for (let q = 1; q < BINS; q++) c.add(all[Math.floor((q * all.length) / BINS)]!);
      cuts.push([...c].sort((a, b) => a - b));
    }
  }
  return cuts;
}

/** Gradient-boosted regression trees for the log-odds of furniture, classes balanced. */
export function fit(samples: Sample[], weightOf: (s: Sample) => number): { bias: number; trees: Tree[] } {
  const n = samples.length;
  const d = FEATURE_NAMES.length;
  const cuts = cutPoints(samples);
  // Each sample's bin per feature: bin b means x <= cuts[f][b] (or above every cut).
  const bins = samples.map((s) => {
    const b = new Uint8Array(d);
    for (let f = 0; f < d; f++) {
      const c = cuts[f]!;
      let k = 0;
      while (k < c.length && s.x[f]! > c[k]!) k++;
      b[f] = k;
    }
    return b;
  });
  const pos = samples.filter((s) => s.y === 1).length;
  // Classes balanced; each sample also weighs what weightOf says (see HTML_CONTAINER_WEIGHT).
  const wt = samples.map((s) => (s.y === 1 ? n / (2 * pos) : n / (2 * (n - pos))) * weightOf(s));
  const bias = 0; // classes are balanced by their weights: even odds to start
  const z = new Float64Array(n).fill(bias);
  const trees: Tree[] = [];
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-z[i]!));
      g[i] = (p - samples[i]!.y) * wt[i]!;
      h[i] = Math.max(1e-6, p * (1 - p)) * wt[i]!;
    }
    const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const grow = (idx: number[], depth: number): number => {
      const node = tree.feature.length;
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      let G = 0, H = 0;
      for (const i of idx) {
        G += g[i]!;
        H += h[i]!;
      }
      tree.value.push(Math.round((-G / (H + 1)) * STEP * 1e5) / 1e5);
      if (depth >= DEPTH || idx.length < 2 * MIN_LEAF) return node;
      let best = { gain: 1e-9, f: -1, b: -1 };
      const base = (G * G) / (H + 1);
      for (let f = 0; f < d; f++) {
        const nb = cuts[f]!.length + 1;
        if (nb < 2) continue;
        const gs = new Float64Array(nb), hs = new Float64Array(nb), cs = new Uint32Array(nb);
        for (const i of idx) {
          const b = bins[i]![f]!;
          gs[b]! += g[i]!;
          hs[b]! += h[i]!;
          cs[b]!++;
        }
        let gl = 0, hl = 0, cl = 0;
        for (let b = 0; b < nb - 1; b++) {
          gl += gs[b]!;
          hl += hs[b]!;
          cl += cs[b]!;
          if (cl < MIN_LEAF || idx.length - cl < MIN_LEAF) continue;
          const gr = G - gl, hr = H - hl;
          const gain = (gl * gl) / (hl + 1) + (gr * gr) / (hr + 1) - base;
          if (gain > best.gain) best = { gain, f, b };
        }
      }
      if (best.f < 0) return node;
      const left: number[] = [];
      const right: number[] = [];
      for (const i of idx) (bins[i]![best.f]! <= best.b ? left : right).push(i);
      tree.feature[node] = best.f;
      tree.threshold[node] = cuts[best.f]![best.b]!;
      tree.left[node] = grow(left, depth + 1);
      tree.right[node] = grow(right, depth + 1);
      return node;
    };
    grow(Array.from({ length: n }, (_, i) => i), 0);
    for (let i = 0; i < n; i++) {
      let k = 0;
      while (tree.feature[k]! >= 0) k = samples[i]!.x[tree.feature[k]!]! <= tree.threshold[k]! ? tree.left[k]! : tree.right[k]!;
      z[i]! += tree.value[k]!;
    }
    trees.push(tree);
  }
  return { bias, trees };
}

/** Block-level F1 of what is kept: text blocks kept are hits, furniture kept is noise. */
function keptF1(scored: Array<{ p: number; y: number }>, threshold: number): number {
  let tp = 0, fn = 0, fp = 0;
  for (const s of scored) {
    const kept = s.p < threshold;
    if (s.y === 0) kept ? tp++ : fn++;
    else if (kept) fp++;
  }
  return (2 * tp) / Math.max(1, 2 * tp + fp + fn);
}

// Downstream, on the body containers alone: the pages' snippets (F1) and gold bodies (mean token
// F1) when the blocks scored at or above the threshold are dropped. Scores come from the model of
// the fold that did not see the page.
export function downstream(pages: Page[], containers: Unit[][], scores: number[][], threshold: number): { snippets: number; tokens: number } {
  return scoreTexts(pages, pages.map((_, p) => {
    const units = containers[p]!;
    const kept = units.filter((_, i) => !(scores[p]![i]! >= threshold) || units.every((_, j) => scores[p]![j]! >= threshold));
    return kept.map((u) => u.text).join(' ');
  }));
}

/** The pages' snippets (F1) and gold bodies (mean token F1) against a text per page. */
function scoreTexts(pages: Page[], texts: string[]): { snippets: number; tokens: number } {
  let tp = 0, fn = 0, fp = 0;
  const f1s: number[] = [];
  pages.forEach((page, p) => {
    const text = ws(texts[p]!);
    if (page.gold === undefined) {
      for (const s of page.with) text.includes(ws(s)) ? tp++ : fn++;
      for (const s of page.without) if (text.includes(ws(s))) fp++;
    } else {
      const a = new Map<string, number>();
      for (const t of tokens(text)) a.set(t, (a.get(t) ?? 0) + 1);
      let hit = 0, pn = 0, gn = 0;
      for (const v of a.values()) pn += v;
      const b = new Map<string, number>();
      for (const t of tokens(page.gold)) b.set(t, (b.get(t) ?? 0) + 1);
      for (const [k, v] of b) {
        gn += v;
        hit += Math.min(v, a.get(k) ?? 0);
      }
      f1s.push(pn + gn ? (2 * hit) / (pn + gn) : 0);
    }
  });
  return { snippets: (2 * tp) / Math.max(1, 2 * tp + fp + fn), tokens: f1s.reduce((s, x) => s + x, 0) / Math.max(1, f1s.length) };
}

// Downstream for the text side: each page flattened to text as a scraper gives it (every visible
// block a line), through the text extractor with the text side at this threshold. Each page is
// judged by the trees of the fold that did not see it.
function textDownstream(pages: Page[], flats: string[], fold: number[], sides: Array<{ bias: number; trees: Tree[] }>, threshold: number): { snippets: number; tokens: number } {
  return scoreTexts(pages, pages.map((page, p) => {
    const side = { ...sides[fold[p]!]!, threshold };
    const model: BoilerplateModel = { features: FEATURE_NAMES, html: side, text: side };
    try {
      return extractText(flats[p]!, { model, url: page.url ?? null }).text;
    } catch {
      return '';
    }
  }));
}

function snippetCounts(pages: Page[], model: BoilerplateModel | null): { tp: number; fn: number; fp: number } {
  const c = { tp: 0, fn: 0, fp: 0 };
  for (const page of pages) {
    if (page.gold !== undefined) continue;
    const text = ws(blocksText(extractHtml(page.html, { url: page.url, model }).blocks));
    for (const s of page.with) text.includes(ws(s)) ? c.tp++ : c.fn++;
    for (const s of page.without) if (text.includes(ws(s))) c.fp++;
  }
  return c;
}
const f1Of = (c: { tp: number; fn: number; fp: number }): number => (2 * c.tp) / Math.max(1, 2 * c.tp + c.fp + c.fn);

export interface TrainReport {
  model: BoilerplateModel & { trained: Record<string, unknown> };
  lines: string[];
}

export function train(shared = defaultSharedDir(), log: (l: string) => void = console.log): TrainReport | null {
  const pages = loadPages(shared);
  if (!pages.length) {
    log(`train/boilerplate: skipped (no development pages under ${shared}/eval)`);
    return null;
  }
  const t0 = performance.now();
  const { samples, containers, flats } = samplesOf(pages);
  const fold = folds(pages.length);
  const lines: string[] = [];
  const say = (l: string): void => {
    lines.push(l);
    log(l);
  };
  const count = (v: Sample['variant'], y: number): number => samples.filter((s) => s.variant === v && s.y === y).length;
  say(`${pages.length} pages; labelled blocks (furniture / text): body containers as HTML ${count('html', 1)} / ${count('html', 0)}, the same as text lines, whole pages as HTML ${count('pagehtml', 1)} / ${count('pagehtml', 0)} and as text lines ${count('page', 1)} / ${count('page', 0)}; ${FEATURE_NAMES.length} features`);
  // Two sides, trained apart: HTML blocks (containers, and whole pages, which show the trees far
  // more furniture than containers hold; container blocks weigh HTML_CONTAINER_WEIGHT), and text
  // lines (containers' blocks with their markup lost, and whole pages flattened).
  const isHtml = (s: Sample): boolean => s.variant === 'html' || s.variant === 'pagehtml';
  // The text side learns from every view but the whole page as HTML (which lowered it, measured
  // out of fold), with the tree features a text line never has set to zero.
  const treeFeatures = ['in_main', 'off_main', 'name_clutter', 'name_meta', 'name_negative', 'box_furniture'].map((f) => FEATURE_NAMES.indexOf(f));
  const textSamples = samples.filter((s) => s.variant !== 'pagehtml').map((s) => {
    if (s.variant !== 'html') return s;
    const x = Float64Array.from(s.x);
    for (const f of treeFeatures) x[f] = 0;
    return { ...s, x };
  });
  const htmlWeight = (s: Sample): number => (s.variant === 'html' ? HTML_CONTAINER_WEIGHT : 1);
  const fitHtml = (keep: (s: Sample) => boolean) => fit(samples.filter((s) => isHtml(s) && keep(s)), htmlWeight);
  const fitText = (keep: (s: Sample) => boolean) => fit(textSamples.filter(keep), () => 1);
  // Out-of-fold scores: every block scored by the models trained on the other folds.
  const oof = new Float64Array(samples.length);
  const containerScores = containers.map((u) => new Array<number>(u.length).fill(0));
  const foldModels: Array<{ html: { bias: number; trees: Tree[] }; text: { bias: number; trees: Tree[] } }> = [];
  for (let k = 0; k < FOLDS; k++) {
    const html = fitHtml((s) => fold[s.page] !== k);
    const text = fitText((s) => fold[s.page] !== k);
    foldModels.push({ html, text });
    samples.forEach((s, i) => {
      if (fold[s.page] === k) oof[i] = probability(isHtml(s) ? html : text, s.x);
    });
    containers.forEach((units, p) => {
      if (fold[p] !== k) return;
      featurize(units).forEach((x, i) => (containerScores[p]![i] = probability(html, x)));
    });
    say(`fold ${k + 1}: HTML side trained on ${samples.filter((s) => fold[s.page] !== k && isHtml(s)).length} blocks, text side on ${textSamples.filter((s) => fold[s.page] !== k).length}`);
  }
  const scored = (v: Sample['variant'][]): Array<{ p: number; y: number }> => samples.flatMap((s, i) => (v.includes(s.variant) ? [{ p: oof[i]!, y: s.y }] : []));
  // HTML: the threshold that best serves the pages, measured on the containers out of fold.
  const noModel = downstream(pages, containers, containerScores, Infinity);
  let threshold = 1;
  let bestHtml = noModel.snippets + noModel.tokens;
  for (let t = 0.5; t < 0.995; t += 0.025) {
    const r = downstream(pages, containers, containerScores, t);
    if (r.snippets + r.tokens > bestHtml + 1e-9) {
      bestHtml = r.snippets + r.tokens;
      threshold = Math.round(t * 1000) / 1000;
    }
  }
  const atHtml = downstream(pages, containers, containerScores, threshold);
  say(`HTML threshold ${threshold}: container snippets F1 ${noModel.snippets.toFixed(4)} → ${atHtml.snippets.toFixed(4)}, gold-body token F1 ${noModel.tokens.toFixed(4)} → ${atHtml.tokens.toFixed(4)} (out of fold); block F1 ${keptF1(scored(['html']), 2).toFixed(4)} → ${keptF1(scored(['html']), threshold).toFixed(4)}`);
  // Text: the threshold that best serves the pages flattened to text (snippet F1 plus gold-body
  // token F1), out of fold; block F1 over the text lines is reported beside it.
  const textLines = scored(['text', 'page']);
  const textSides = foldModels.map((m) => m.text);
  const noText = textDownstream(pages, flats, fold, textSides, Infinity);
  let textThreshold = 1;
  let bestText = noText.snippets + noText.tokens;
  for (let t = 0.5; t < 0.995; t += 0.025) {
    const r = textDownstream(pages, flats, fold, textSides, t);
    if (r.snippets + r.tokens > bestText + 1e-9) {
      bestText = r.snippets + r.tokens;
      textThreshold = Math.round(t * 1000) / 1000;
    }
  }
  const atText = textDownstream(pages, flats, fold, textSides, textThreshold);
  say(`text threshold ${textThreshold}: pages flattened to text, snippets F1 ${noText.snippets.toFixed(4)} → ${atText.snippets.toFixed(4)}, gold-body token F1 ${noText.tokens.toFixed(4)} → ${atText.tokens.toFixed(4)} (out of fold); block F1 over text lines ${keptF1(textLines, 2).toFixed(4)} → ${keptF1(textLines, textThreshold).toFixed(4)}`);
  const html = fitHtml(() => true);
  const text = fitText(() => true);
  const model: BoilerplateModel = { features: FEATURE_NAMES, html: { ...html, threshold }, text: { ...text, threshold: textThreshold } };
  // End to end through extractHtml, fold by fold, each fold's pages with the model that never
  // saw them, against no model.
  const none = { tp: 0, fn: 0, fp: 0 };
  const held = { tp: 0, fn: 0, fp: 0 };
  for (let k = 0; k < FOLDS; k++) {
    const m = foldModels[k]!;
    const fp = pages.filter((_, i) => fold[i] === k);
    const a = snippetCounts(fp, null);
    const b = snippetCounts(fp, { features: FEATURE_NAMES, html: { ...m.html, threshold }, text: { ...m.text, threshold: textThreshold } });
    for (const key of ['tp', 'fn', 'fp'] as const) {
      none[key] += a[key];
      held[key] += b[key];
    }
    say(`fold ${k + 1}: snippets F1 end to end ${f1Of(a).toFixed(4)} → ${f1Of(b).toFixed(4)}`);
  }
  say(`snippets F1 end to end, every page judged by the model that never saw it: ${f1Of(none).toFixed(4)} → ${f1Of(held).toFixed(4)}`);
  const inSample = snippetCounts(pages, model);
  say(`snippets F1 end to end with the model trained on all pages (in sample): ${f1Of(inSample).toFixed(4)}`);
  say(`trained in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return {
    model: {
      ...model,
      trained: {
        seed: SEED, folds: FOLDS, rounds: ROUNDS, depth: DEPTH, step: STEP, minLeaf: MIN_LEAF, htmlContainerWeight: HTML_CONTAINER_WEIGHT, pages: pages.length, blocks: samples.length,
        snippetsF1NoModel: round4(f1Of(none)), snippetsF1OutOfFold: round4(f1Of(held)), snippetsF1InSample: round4(f1Of(inSample)),
        textLinesBlockF1OutOfFold: round4(keptF1(textLines, textThreshold)), flattenedSnippetsF1OutOfFold: round4(atText.snippets),
      },
    },
    lines,
  };
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

export function main(argv = process.argv.slice(2)): void {
  if (argv.includes('--help')) {
    console.log('usage: node train/boilerplate.ts [--dry-run] [--out FILE]\nTrains the boilerplate model on ../shared/eval (or $STORYLINE_SHARED/eval) and writes models/boilerplate.json.');
    return;
  }
  const r = train();
  if (!r) return;
  if (argv.includes('--dry-run')) return;
  const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1]! : MODEL_FILE;
  writeFileSync(out, `${JSON.stringify(r.model, null, 1)}\n`);
  console.log(`wrote ${out}`);
}

if (import.meta.main) main();
