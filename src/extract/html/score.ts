// Candidate scoring: every paragraph-like run votes for its ancestors (Readability's scheme,
// computed from the precomputed stats so it costs one walk), then the best candidate is widened
// to the ancestor its rivals share and joined by siblings that read like the same article.
import { BLOCK_TAGS, HEADING_TAGS, NEVER_TEXT, textOf, type Element } from './dom.ts';

const SHORT_SENTENCE = /\.( |$)/;
import { linkDensity, MIN_PARA, type Info, type Stats } from './stats.ts';

export interface Pick {
  top: Element;
  /** The top candidate and the siblings joined to it, in document order. */
  nodes: Element[];
  score: number;
}

/** Tags whose inline text is one paragraph voting for the parent (not for themselves). */
const PARA_TAGS = new Set(['p', 'pre', 'td', 'blockquote', 'li', 'dd', 'dt', 'th', 'address', 'figcaption', 'summary']);

function tagPrior(name: string): number {
  switch (name) {
    case 'div': case 'article': case 'main': case 'section':
      return 5;
    case 'pre': case 'td': case 'blockquote':
      return 3;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form':
      return -3;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th':
      return -5;
  }
  return 0;
}

export type PruneFn = (el: Element, i: Info) => boolean;

export interface ScoreOptions {
  /** Elements to skip entirely (clutter for this step of the cascade). */
  prune: PruneFn;
  /** Document order of the headline, if found: text right after it is likelier the article. */
  titleOrder: number;
}

export function pickContent(body: Element, stats: Stats, opts: ScoreOptions): Pick | null {
  const { info } = stats;
  const scores = new Map<Element, number>();
  const bump = (el: Element, by: number): void => {
    const cur = scores.get(el);
    if (cur === undefined) {
      const i = info.get(el);
      scores.set(el, tagPrior(el.name) + (i ? i.weight : 0) + by);
    } else scores.set(el, cur + by);
  };

  // Paragraph text and all text of each element with pruned clutter left out, for the widening
  // step below.
  const clean = new Map<Element, { good: number; text: number }>();
  const visit = (el: Element): { good: number; text: number } => {
    const none = { good: 0, text: 0 };
    const i = info.get(el);
    if (!i || i.hidden || NEVER_TEXT.has(el.name)) return none;
    if (el !== body && opts.prune(el, i)) return none;
    const me = { good: 0, text: i.inl };
    if (i.inl >= MIN_PARA && !HEADING_TAGS.has(el.name) && (BLOCK_TAGS.has(el.name) || el === body)) {
      const ld = i.inlLink / i.inl;
      if (ld < 0.35) me.good += i.inl;
      // Readability's paragraph score, with commas capped by sentences: lists of names or tags
      // are all commas and no full stops, and must not outvote prose.
      const commas = Math.min(i.inlCommas, 2 + 3 * i.inlSentences);
      let s = (1 + commas + Math.min(Math.floor(i.inl / 100), 3)) * (1 - ld);
      // Text after the headline is where articles start; text before it is page furniture.
      if (opts.titleOrder >= 0 && i.order < opts.titleOrder) s *= 0.5;
      // A paragraph tag (or a block with no block children) votes for its parent; a mixed
      // container with loose text votes for itself, as if its text were wrapped in a <p>.
      let target: Element | null = PARA_TAGS.has(el.name) || !i.hasBlockKids ? parentEl(el) : el;
      for (let level = 0; target && level < 5; level++) {
        bump(target, level === 0 ? s : level === 1 ? s / 2 : s / (level * 3));
        if (target === body) break;
        target = parentEl(target);
      }
    }
    if (i.text !== 0 && i.hasBlockKids) {
      for (const c of el.children) {
        if (c.type !== 'tag') continue;
        const ce = c as Element;
        const r = visit(ce);
        // Inline children's text is already in i.inl.
        if (BLOCK_TAGS.has(ce.name)) {
          me.good += r.good;
          me.text += r.text;
        } else me.good += r.good;
      }
    } else if (i.text !== 0) {
      for (const c of el.children) if (c.type === 'tag') me.good += visit(c as Element).good;
    }
    clean.set(el, me);
    return me;
  };
  visit(body);
  if (!scores.size) return null;

  // Link-heavy candidates are menus and link lists however much text they hold.
  const ranked: Array<[Element, number]> = [];
  for (const [el, s] of scores) {
    const i = info.get(el)!;
    const f = s * (1 - linkDensity(i));
    scores.set(el, f);
    ranked.push([el, f]);
  }
  ranked.sort((a, b) => b[1] - a[1]);
  let [top, topScore] = ranked[0]!;

  // Several near-equal candidates under one ancestor: the article is split, take the ancestor.
  const alts = ranked.slice(1, 5).filter(([, s]) => s / topScore >= 0.75).map(([e]) => e);
  if (alts.length >= 2) {
    let p = parentEl(top);
    while (p && p !== body) {
      let n = 0;
      for (const a of alts) if (isInside(a, p)) n++;
      if (n >= 2) {
        top = p;
        break;
      }
      p = parentEl(p);
    }
  }
  // Climb while the parent scores at least as well: the candidate was a part of the article.
  {
    let last = scores.get(top) ?? topScore;
    const floor = last / 3;
    let p = parentEl(top);
    while (p && p !== body) {
      const ps = scores.get(p);
      if (ps === undefined) {
        p = parentEl(p);
        continue;
      }
      if (ps < floor) break;
      if (ps > last) {
        top = p;
        break;
      }
      last = ps;
      p = parentEl(p);
    }
  }
  while (top !== body) {
    const p = parentEl(top);
    if (!p || p === body) break;
    let kids = 0;
    for (const c of p.children) if (c.type === 'tag' && !(info.get(c as Element)?.hidden ?? true)) kids++;
    if (kids !== 1) break;
    top = p;
  }
  // Widen to an ancestor that adds mostly paragraph text: an article whose parts (intro, then
  // sections in their own wrappers) each score alone, while the top one holds only one part.
  // Every step up must add prose only, and the whole gain must be large, so that a paywall
  // notice or a teaser next to a complete article does not pull it wider.
  {
    const base = clean.get(top);
    let prev = base;
    let p = parentEl(top);
    let widened: Element | null = null;
    while (base && prev && p && p !== body) {
      const pc = clean.get(p);
      if (!pc) break;
      const extraGood = pc.good - prev.good;
      const extraText = pc.text - prev.text;
      if (extraText > 100 && extraGood / extraText < 0.7) break;
      if (linkDensity(info.get(p)!) >= 0.25) break;
      if (pc.good >= 1.5 * base.good) widened = p;
      prev = pc;
      p = parentEl(p);
    }
    if (widened) top = widened;
  }
  topScore = scores.get(top) ?? topScore;

  // Siblings that score like the top candidate, or read like paragraphs, belong to the article.
  const nodes: Element[] = [];
  const parent = parentEl(top);
  if (!parent || top === body) return { top, nodes: [top], score: topScore };
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs.class ?? '';
  for (const c of parent.children) {
    if (c.type !== 'tag') continue;
    const s = c as Element;
    if (s === top) {
      nodes.push(s);
      continue;
    }
    const i = info.get(s);
    if (!i || i.hidden || NEVER_TEXT.has(s.name) || opts.prune(s, i) || i.text === 0) continue;
    const bonus = topClass && s.attribs.class === topClass ? topScore * 0.2 : 0;
    const sc = scores.get(s);
    if (sc !== undefined && sc + bonus >= threshold) {
      nodes.push(s);
      continue;
    }
    if (s.name === 'p' || (!i.hasBlockKids && BLOCK_TAGS.has(s.name) && !HEADING_TAGS.has(s.name))) {
      const ld = linkDensity(i);
      if ((i.text > 80 && ld < 0.25) || (i.text <= 80 && ld === 0 && SHORT_SENTENCE.test(textOf(s)))) nodes.push(s);
    }
  }
  // A heading between two joined parts titles the part after it.
  const joined = new Set(nodes);
  const out: Element[] = [];
  let pendingHeads: Element[] = [];
  for (const c of parent.children) {
    if (c.type !== 'tag') continue;
    const s = c as Element;
    if (joined.has(s)) {
      if (out.length) out.push(...pendingHeads);
      pendingHeads = [];
      out.push(s);
    } else if (HEADING_TAGS.has(s.name) && out.length) pendingHeads.push(s);
    else if (out.length && (info.get(s)?.text ?? 0) > 0) pendingHeads = [];
  }
  return { top, nodes: out, score: topScore };
}

function parentEl(el: Element): Element | null {
  const p = el.parent;
  return p && p.type === 'tag' ? (p as Element) : null;
}

function isInside(n: Element, anc: Element): boolean {
  for (let p: Element | null = n; p; p = parentEl(p)) if (p === anc) return true;
  return false;
}
