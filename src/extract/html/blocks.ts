// Turns the chosen container into typed blocks, taking out what sits inside an article body but
// is not its text (share bars, inline "read more" boxes, captions, bylines), each with a reason.
import type { Block, BlockKind, Removed, RemovalReason } from '../../types.ts';
import { boilerplateLine, isBylineLine, isDateLine } from './boilerplate.ts';
import { BLOCK_TAGS, collapse, HEADING_TAGS, isLink, NEVER_TEXT, textOf, type Element } from './dom.ts';
import { isMetadataHint } from './hints.ts';
import { isClutter, linkDensity, type Stats } from './stats.ts';

export interface Emitted {
  blocks: Block[];
  /** Share of each block's characters inside links, in the order of `blocks`. */
  links: number[];
  /** The block element each block's text came from, in the order of `blocks` (see structure.ts). */
  owners: Element[];
  /** Where the furniture taken out by the rules sat, and how much text it had: the boxes around
   * the kept blocks (see structure.ts). */
  furniture: Array<{ el: Element; chars: number }>;
  removed: Removed[];
  /** Characters of text in the blocks. */
  chars: number;
}

export interface EmitOptions {
  stats: Stats;
  /** Normalized title, so a repeated headline is taken out as metadata. */
  titleKey: string;
  /** Extra selectors' worth of elements to drop (from site rules), already resolved. */
  drop?: Set<Element>;
  /** The headline element, if known. */
  titleEl?: Element | null;
  /** The last resort of the cascade: nothing inside the roots is judged by its names or link
   * text (hidden elements, site-rule drops and furniture lines still go). */
  relaxed?: boolean;
}

interface Run {
  parts: string[];
  owner: Element | null;
  kind: BlockKind;
  chars: number;
  link: number;
}

const BR = '\u2028';
const BR_RUNS = / ?\u2028 ?/g;
const RAW_MARKUP = /<(?:div|a|img|iframe|script|span|ins|noscript)\b[^>]*>/i;
const ANY_TAG = /<\/?[a-z][^>]*>/gi;
// Share of a text taken by tags: high for leaked embed code, low for prose that mentions a tag.
function markupShare(text: string): number {
  let n = 0;
  for (const m of text.matchAll(ANY_TAG)) n += m[0].length;
  return n / text.length;
}
const SENTENCE_END = /[.!?…:;»"”)\]]$/;

export function titleKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Emits blocks for the container roots, in order. */
export function emitBlocks(roots: Element[], opts: EmitOptions): Emitted {
  const { stats, titleKey: tkey, drop } = opts;
  const blocks: Block[] = [];
  const removed: Removed[] = [];
  const blockLinks: number[] = [];
  const owners: Element[] = [];
  const furniture: Array<{ el: Element; chars: number }> = [];
  let chars = 0;
  let containerGood = 0;
  let containerText = 0;
  for (const r of roots) {
    const i = stats.info.get(r);
    if (i) {
      containerGood += i.good;
      containerText += i.text;
    }
  }
  const seen = new Set<string>();
  // Number of blocks emitted before the headline element, or -1 if it is not in the container.
  let titleAt = -1;

  const run: Run = { parts: [], owner: null, kind: 'p', chars: 0, link: 0 };
  const remove = (el: Element, reason: RemovalReason): void => {
    const t = textOf(el);
    if (!t) return;
    removed.push({ text: t, reason });
    if (reason !== 'metadata') furniture.push({ el, chars: t.length });
  };

  const flush = (): void => {
    if (!run.parts.length) return;
    const raw = run.parts.join('');
    const kind = run.kind;
    const chars0 = run.chars;
    const link0 = run.link;
    const owner = run.owner!;
    run.parts = [];
    run.chars = 0;
    run.link = 0;
    let text: string;
    if (kind === 'pre') {
      text = raw.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '').normalize('NFC');
    } else {
      text = collapse(raw.replace(/\u2028/g, ' \u2028 ').replace(/\n/g, ' '))
        .replace(BR_RUNS, '\n')
        .replace(/^\n+|\n+$/g, '')
        .normalize('NFC');
    }
    if (!text) return;
    // A run that is nearly all link text and not long is a pointer elsewhere ("Read more: …").
    if (chars0 > 0 && link0 / chars0 > 0.6 && chars0 < 400 && kind !== 'h' && kind !== 'pre') {
      removed.push({ text, reason: 'related' });
      furniture.push({ el: owner, chars: text.length });
      return;
    }
    // Markup shown as text outside <pre> is an ad or embed snippet that leaked through escaping.
    if (kind !== 'pre' && RAW_MARKUP.test(text) && markupShare(text) > 0.3) {
      removed.push({ text, reason: 'ad' });
      furniture.push({ el: owner, chars: text.length });
      return;
    }
    const why = kind === 'pre' ? null : boilerplateLine(text);
    if (why) {
      removed.push({ text, reason: why });
      if (why !== 'metadata') furniture.push({ el: owner, chars: text.length });
      return;
    }
    if (blocks.length < 4 && (isBylineLine(text) || isDateLine(text))) {
      removed.push({ text, reason: 'metadata' });
      return;
    }
    if (kind === 'h' && tkey && titleKey(text) === tkey) {
      removed.push({ text, reason: 'metadata' });
      return;
    }
    if (seen.has(text)) {
      removed.push({ text, reason: 'duplicate' });
      return;
    }
    seen.add(text);
    blocks.push({ kind, text });
    blockLinks.push(chars0 ? link0 / chars0 : 0);
    owners.push(owner);
    chars += text.length;
  };

  const kindFor = (el: Element, parent: BlockKind): BlockKind => {
    const n = el.name;
    if (HEADING_TAGS.has(n)) return 'h';
    if (n === 'pre') return 'pre';
    if (parent === 'pre') return parent;
    // Paragraphs nested in a heading come from an unclosed <h2>: they are text, not headings.
    if (parent === 'h') return n === 'p' || n === 'div' || n === 'section' || n === 'article' ? 'p' : parent;
    if (n === 'blockquote') return 'quote';
    if (parent === 'quote') return 'quote';
    if (n === 'li' || n === 'dd') return 'li';
    if (parent === 'li') return 'li';
    return 'p';
  };

  // Why an element inside the container is not article text, or null.
  const judge = (el: Element, isRoot: boolean): RemovalReason | null => {
    if (drop?.has(el)) return 'boilerplate';
    if (isRoot || opts.relaxed) return null;
    const i = stats.info.get(el);
    if (!i) return null;
    // Anything holding most of the container's good text is the article, whatever its name says.
    const big = containerGood > 0 && i.good >= 0.5 * containerGood && linkDensity(i) < 0.5;
    // Inside the chosen container, comment threads and slideshows go whatever their size: the
    // container was chosen for its paragraphs, and a big slideshow inside it is still not the
    // article. Other clutter yields to content as elsewhere.
    if (i.clutter && isClutter(i, containerGood)) return i.clutter;
    const n = el.name;
    if ((n === 'figure' || n === 'figcaption' || n === 'picture') && i.text < 0.5 * containerText) return 'metadata';
    if (isMetadataHint(i.hints) && i.paras <= 1 && i.text < 400 && !big) return 'metadata';
    if (i.text >= 20 && !big && n !== 'p' && n !== 'a' && !HEADING_TAGS.has(n) && BLOCK_TAGS.has(n)) {
      const ld = linkDensity(i);
      if (ld > 0.6 && i.good < 0.3 * containerGood) return 'related';
    }
    return null;
  };

  const visit = (el: Element, kind: BlockKind, inLink: boolean, isRoot: boolean, owner: Element): void => {
    const n = el.name;
    if (NEVER_TEXT.has(n)) return;
    const i = stats.info.get(el);
    if (i?.hidden) return;
    const why = judge(el, isRoot);
    if (why) {
      const block = BLOCK_TAGS.has(n);
      if (block) flush();
      remove(el, why);
      return;
    }
    if (n === 'br') {
      const last = run.parts.length ? run.parts[run.parts.length - 1]! : '';
      // Two line breaks in a row are how older pages separate paragraphs.
      if (last === BR) {
        run.parts.pop();
        flush();
      } else if (run.parts.length) run.parts.push(BR);
      return;
    }
    if (n === 'hr') {
      flush();
      return;
    }
    if (el === opts.titleEl) {
      flush();
      titleAt = blocks.length;
    }
    const block = BLOCK_TAGS.has(n) || isRoot;
    if (block) owner = el;
    let k = kind;
    if (block) {
      flush();
      k = kindFor(el, kind);
      run.kind = k;
    }
    const link = inLink || isLink(el);
    for (const c of el.children) {
      if (c.type === 'text') {
        const d = (c as unknown as { data: string }).data;
        if (!d) continue;
        if (!run.parts.length) {
          if (!/\S/.test(d)) continue;
          run.kind = k;
          run.owner = owner;
        }
        run.parts.push(d);
        const m = d.replace(/\s+/g, '').length;
        run.chars += m;
        if (link) run.link += m;
      } else if (c.type === 'tag') {
        visit(c as Element, k, link, false, owner);
        if (block && BLOCK_TAGS.has((c as Element).name)) run.kind = k;
      }
    }
    if (block) flush();
  };

  for (const r of roots) visit(r, 'p', false, true, r);
  flush();

  // Blocks before the headline, when the headline sits inside the container, are the page's
  // furniture above the article (section menus, "upcoming events"), unless they are a large
  // share of the text, in which case the headline is not where the article starts.
  if (titleAt > 0) {
    let pre = 0;
    for (let k = 0; k < titleAt; k++) pre += blocks[k]!.text.length;
    if (pre < 0.3 * chars) {
      for (const b of blocks.splice(0, titleAt)) removed.push({ text: b.text, reason: 'boilerplate' });
      blockLinks.splice(0, titleAt);
      owners.splice(0, titleAt);
      chars -= pre;
    }
  }
  // After the last real paragraph, headings with nothing under them and short lines without
  // sentence punctuation are what is left of lists that were taken out, tag lists, credits and
  // sign-offs, more often than text.
  while (blocks.length > 1) {
    const b = blocks[blocks.length - 1]!;
    const tail = (b.kind === 'h' && b.text.length < 150) || (blocks.length > 3 && (b.kind === 'p' || b.kind === 'li') && b.text.length <= 40 && !SENTENCE_END.test(b.text));
    if (!tail) break;
    blocks.pop();
    blockLinks.pop();
    owners.pop();
    chars -= b.text.length;
    removed.push({ text: b.text, reason: 'boilerplate' });
  }
  return { blocks, links: blockLinks, owners, furniture, removed, chars };
}

