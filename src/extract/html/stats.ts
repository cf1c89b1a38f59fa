// One bottom-up pass that measures every element: how much text it holds, how much of it is
// link text, how much sits in paragraph-like runs. Every later step (pruning, scoring, the
// cascade's under-delivery checks, block emission) reads these numbers instead of re-walking.
import type { RemovalReason } from '../../types.ts';
import { BLOCK_TAGS, HEADING_TAGS, isLink, NEVER_TEXT, type AnyNode, type Element } from './dom.ts';
import { classWeight, clutterHint, hintString, isAriaHidden, isHidden } from './hints.ts';

export interface Info {
  /** Non-whitespace characters of visible text in the subtree. */
  text: number;
  /** Of which inside links. */
  link: number;
  commas: number;
  /** Text reachable without crossing a block element: the paragraph this element forms. */
  inl: number;
  inlLink: number;
  inlCommas: number;
  /** Sentence ends in the inline text: prose has them, lists of names and links do not. */
  inlSentences: number;
  /** Text of paragraph-like runs (≥ MIN_PARA chars, low link density) in the subtree. */
  good: number;
  /** Number of such runs. */
  paras: number;
  hints: string;
  clutter: RemovalReason | null;
  /** The clutter hint holds even for text-like elements (see hints.ts). */
  strong: boolean;
  always: boolean;
  weight: number;
  hidden: boolean;
  /** Has block-level element children (so it is a container, not a paragraph). */
  hasBlockKids: boolean;
  /** Document order of the element, for positional priors. */
  order: number;
}

export const MIN_PARA = 25;
const GOOD_LINK_DENSITY = 0.35;

export interface Stats {
  info: Map<Element, Info>;
  body: Element | null;
  /** Good text of the whole page, with nothing pruned. */
  good: number;
  count: number;
}

// What one pass over a text node counts (countText): visible characters, commas (, ， 、 ،) and
// sentence ends (. ! ? 。 ！ ？ … before whitespace, a closing quote or bracket, or the end). One
// loop instead of a loop and two regex matches that built arrays: every text node of every page
// goes through here.
let counted = 0;
let commas = 0;
let sentenceEnds = 0;

function countText(s: string): void {
  let n = 0;
  let k = 0;
  let ends = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 160 && c !== 0x200b && c !== 0xfeff) n++;
    if (c === 44 || c === 0xff0c || c === 0x3001 || c === 0x060c) k++;
    else if ((c === 46 || c === 33 || c === 63 || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x2026) && (i + 1 === s.length || endsSentence(s.charCodeAt(i + 1)))) ends++;
  }
  counted = n;
  commas = k;
  sentenceEnds = ends;
}

/** What may follow a sentence end: JavaScript's \s, a closing quote or a closing bracket. */
function endsSentence(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff ||
    c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 41 || c === 93
  );
}

export function measure(root: AnyNode): Stats {
  const info = new Map<Element, Info>();
  let body: Element | null = null;
  let order = 0;

  // Returns the node's inline contribution to its parent: [text, link, commas] of inline reach.
  const visit = (el: Element, inLink: boolean): Info => {
    const hints = hintString(el);
    const me: Info = {
      text: 0, link: 0, commas: 0, inl: 0, inlLink: 0, inlCommas: 0, inlSentences: 0, good: 0, paras: 0, hints,
      clutter: null, strong: false, always: false, weight: 0, hidden: isHidden(el), hasBlockKids: false, order: order++,
    };
    info.set(el, me);
    if (el.name === 'body' && !body) body = el;
    if (me.hidden) return me;
    const ariaHidden = isAriaHidden(el);
    const link = inLink || isLink(el);
    for (const c of el.children) {
      if (c.type === 'text') {
        const data = (c as unknown as { data: string }).data;
        countText(data);
        const n = counted;
        if (!n) continue;
        const k = commas;
        me.inlSentences += sentenceEnds;
        me.text += n;
        me.inl += n;
        me.commas += k;
        me.inlCommas += k;
        if (link) {
          me.link += n;
          me.inlLink += n;
        }
      } else if (c.type === 'tag') {
        const ce = c as Element;
        if (NEVER_TEXT.has(ce.name)) {
          info.set(ce, emptyInfo(order++));
          continue;
        }
        const ci = visit(ce, link);
        me.text += ci.text;
        me.link += ci.link;
        me.commas += ci.commas;
        me.good += ci.good;
        me.paras += ci.paras;
        if (BLOCK_TAGS.has(ce.name)) {
          me.hasBlockKids = true;
        } else {
          me.inl += ci.inl;
          me.inlLink += ci.inlLink;
          me.inlCommas += ci.inlCommas;
          me.inlSentences += ci.inlSentences;
        }
      }
    }
    if (BLOCK_TAGS.has(el.name) || el.name === 'body') {
      if (me.inl >= MIN_PARA && me.inlLink / me.inl < GOOD_LINK_DENSITY && !HEADING_TAGS.has(el.name)) {
        me.good += me.inl;
        me.paras++;
      }
    }
    if (ariaHidden && me.good < 100) {
      me.hidden = true;
      me.text = me.link = me.commas = me.inl = me.inlLink = me.inlCommas = me.inlSentences = me.good = me.paras = 0;
      return me;
    }
    const ch = clutterHint(el, hints);
    if (ch) {
      me.clutter = ch.reason;
      me.strong = ch.strong;
      me.always = ch.always === true;
    }
    me.weight = classWeight(el, hints);
    return me;
  };

  let good = 0;
  for (const c of (root as unknown as { children: AnyNode[] }).children ?? []) {
    if (c.type === 'tag') {
      const ci = visit(c as Element, false);
      good += ci.good;
    }
  }
  return { info, body, good, count: order };
}

function emptyInfo(order: number): Info {
  return {
    text: 0, link: 0, commas: 0, inl: 0, inlLink: 0, inlCommas: 0, inlSentences: 0, good: 0, paras: 0, hints: '',
    clutter: null, strong: false, always: false, weight: 0, hidden: true, hasBlockKids: false, order,
  };
}

export function linkDensity(i: Info): number {
  return i.text ? i.link / i.text : 0;
}

/** Reads like article text: enough paragraph text, few links. Weak clutter hints yield to it. */
export function contentLike(i: Info): boolean {
  return i.good >= 300 && linkDensity(i) < 0.2;
}

/** Whether a clutter-hinted element is really clutter, given the text of its surroundings. */
export function isClutter(i: Info, surroundingGood: number): boolean {
  if (i.clutter === null) return false;
  if (i.always) return true;
  if (!i.strong && contentLike(i)) return false;
  // Anything holding most of the surrounding paragraph text is the article, whatever its name.
  return i.good < 0.5 * surroundingGood;
}
