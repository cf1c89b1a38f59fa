// The fallback cascade (trafilatura's habit): each step has an explicit "under-delivered"
// condition, and a later, broader step replaces an earlier one only when it delivers clearly more.
//   1. site rule     the body selectors of a site rule, when one exists
//   2. scored        candidate scoring with clutter (comments, menus, ads…) pruned first
//   3. scored-all    the same scoring with nothing pruned but hidden elements, for pages whose
//                    article wrapper carries a misleading class name
//   4. paragraphs    every paragraph-like run with little link text, in page order
//   5. relaxed       only when every step above came back empty (everything looked like page
//                    furniture): the best candidate of step 3, or else the whole body, with no
//                    element judged by its names. A page that has text is never refused for
//                    looking like furniture; extractHtml notes that this step was taken.
import { emitBlocks, type Emitted } from './blocks.ts';
import { BLOCK_TAGS, HEADING_TAGS, NEVER_TEXT, walk, type Element } from './dom.ts';
import { pickContent, type PruneFn } from './score.ts';
import { matches, type SiteRule } from './site-rules.ts';
import { isClutter, linkDensity, MIN_PARA, type Stats } from './stats.ts';

export interface BodyResult extends Emitted {
  step: 'site-rule' | 'scored' | 'scored-all' | 'paragraphs' | 'relaxed' | 'structured-data' | 'empty';
  nodes: Element[];
}

export interface CascadeOptions {
  titleKey: string;
  titleOrder: number;
  titleEl: Element | null;
  rule: SiteRule | null;
  drop: Set<Element>;
}

/** Below this many characters an extraction is too short to be a whole article. */
const MIN_CHARS = 250;
/** A step that yields less than this share of the page's paragraph text missed part of it. */
const MIN_SHARE = 0.3;
/** A fallback must beat the step it replaces by this factor to be preferred. */
const BETTER_BY = 1.5;

export function extractBody(body: Element, stats: Stats, opts: CascadeOptions): BodyResult {
  const emit = (nodes: Element[], step: BodyResult['step']): BodyResult => ({
    ...emitBlocks(nodes, { stats, titleKey: opts.titleKey, drop: opts.drop, titleEl: opts.titleEl, relaxed: step === 'relaxed' }),
    step,
    nodes,
  });

  // Reference amounts: paragraph text of the page with and without the obvious clutter.
  const cleanGood = goodText(body, stats, pruneClutter(stats));
  const underDelivered = (r: BodyResult, reference: number): boolean =>
    r.chars < MIN_CHARS || r.chars < MIN_SHARE * reference;

  let best: BodyResult | null = null;
  if (opts.rule?.body?.length) {
    const nodes: Element[] = [];
    walk(body, (el) => {
      if (opts.rule!.body!.some((s) => matches(el, s))) {
        nodes.push(el);
        return false;
      }
      return true;
    });
    if (nodes.length) {
      const r = emit(nodes, 'site-rule');
      if (!underDelivered(r, 0)) return r;
      best = r;
    }
  }

  const prune = pruneClutter(stats);
  const p1 = pickContent(body, stats, { prune, titleOrder: opts.titleOrder });
  if (p1) {
    const r = emit(p1.nodes, 'scored');
    if (!best || r.chars > best.chars) best = r;
    if (!underDelivered(r, cleanGood)) return r;
  }

  const p2 = pickContent(body, stats, { prune: () => false, titleOrder: opts.titleOrder });
  if (p2) {
    const r = emit(p2.nodes, 'scored-all');
    if (!best || r.chars > best.chars * BETTER_BY) best = r;
    if (!underDelivered(best, cleanGood)) return best;
  }

  const paras = collectParagraphs(body, stats, prune);
  if (paras.length) {
    const r = emit(paras, 'paragraphs');
    if (!best || r.chars > best.chars * BETTER_BY) best = r;
  }
  if (best?.blocks.length) return best;
  // Everything was judged furniture, or the page is too small to score: the last resort.
  for (const nodes of [p2?.nodes, [body]]) {
    if (!nodes?.length) continue;
    const r = emit(nodes, 'relaxed');
    if (r.blocks.length) return { ...r, removed: [...(best?.removed ?? []), ...r.removed] };
  }
  return best ?? { blocks: [], links: [], owners: [], furniture: [], removed: [], chars: 0, step: 'empty', nodes: [] };
}

/** Clutter is pruned unless it holds most of the page's paragraph text (then it is the page). */
export function pruneClutter(stats: Stats): PruneFn {
  return (_el, i) => isClutter(i, stats.good);
}

function goodText(body: Element, stats: Stats, prune: PruneFn): number {
  let total = 0;
  walk(body, (el) => {
    const i = stats.info.get(el);
    if (!i || i.hidden || NEVER_TEXT.has(el.name)) return false;
    if (el !== body && prune(el, i)) return false;
    if (BLOCK_TAGS.has(el.name) && !HEADING_TAGS.has(el.name) && i.inl >= MIN_PARA && i.inlLink / i.inl < 0.35) total += i.inl;
    return true;
  });
  return total;
}

// The baseline: paragraph-like elements outside clutter, headings kept when text follows them.
function collectParagraphs(body: Element, stats: Stats, prune: PruneFn): Element[] {
  const out: Element[] = [];
  walk(body, (el) => {
    const i = stats.info.get(el);
    if (!i || i.hidden || NEVER_TEXT.has(el.name)) return false;
    if (el !== body && prune(el, i)) return false;
    if (HEADING_TAGS.has(el.name)) {
      out.push(el);
      return false;
    }
    if ((el.name === 'p' || el.name === 'pre' || el.name === 'blockquote' || !i.hasBlockKids) && BLOCK_TAGS.has(el.name)) {
      if (i.text >= MIN_PARA && linkDensity(i) < 0.35) out.push(el);
      return false;
    }
    return true;
  });
  // Headings only count when a paragraph follows.
  return out.filter((el, k) => !HEADING_TAGS.has(el.name) || (out[k + 1] && !HEADING_TAGS.has(out[k + 1]!.name)));
}
