// Where each block sits in the page's tree, as features for the boilerplate model. An article's
// paragraphs are siblings under one parent; furniture that a container still holds (a teaser list,
// a partner box, a caption, an author's card) hangs in wrappers of its own beside them. So: which
// parent holds most of the prose, how far each block is from it, and what the wrappers between
// them are called (furniture-like, metadata-like, negative names). The same measure serves the
// blocks of a body container and every block of a whole page (training).
import type { Element } from './dom.ts';
import { isMetadataHint } from './hints.ts';
import type { Stats } from './stats.ts';

export interface Placement {
  /** The block's element is a child of the parent that holds most of the prose. */
  inMain: boolean;
  /** Steps in the tree from that parent to the block's element, beyond a direct child (0..4). */
  offMain: number;
  /** A wrapper of the block's own (below the common ancestor with the prose) is named like
   * furniture, like metadata, or with a negative class name. */
  clutterName: boolean;
  metaName: boolean;
  negativeName: boolean;
  /** Of the text in the block's own box (its wrapper below the common ancestor with the prose),
   * the share that the rules took out as furniture: furniture comes in boxes. */
  boxFurniture: number;
}

const PROSE = 120;
const PROSE_END = /[.!?…]["'”’»)\]]*$/u;
const FAR = 4;

function depthOf(el: Element): number {
  let d = 0;
  for (let p = el.parent; p; p = p.parent) d++;
  return d;
}

/** The placement of each block, given the element each came from and its text, and where the
 * furniture that the rules took out sat. */
export function placements(owners: Element[], texts: string[], stats: Stats, furniture: Array<{ el: Element; chars: number }> = []): Placement[] {
  // The main parent: the one whose children hold the most prose (else the most text).
  const weight = new Map<Element, number>();
  owners.forEach((o, i) => {
    const p = o.parent as Element | null;
    if (!p) return;
    const t = texts[i]!;
    const w = t.length >= PROSE && PROSE_END.test(t) ? t.length * 10 : t.length;
    weight.set(p, (weight.get(p) ?? 0) + w);
  });
  let main: Element | null = null;
  let best = -1;
  for (const [p, w] of weight) {
    if (w > best) {
      best = w;
      main = p;
    }
  }
  const mainAncestors = new Map<Element, number>();
  if (main) {
    let k = 0;
    for (let p: Element | null = main; p; p = p.parent as Element | null, k++) mainAncestors.set(p, k);
  }
  const mainDepth = main ? depthOf(main) : 0;
  // Each element's box: its ancestor just below the first ancestor it shares with the main parent.
  const boxOf = (e: Element): Element => {
    let w = e;
    while (w.parent && !mainAncestors.has(w) && !mainAncestors.has(w.parent as Element)) w = w.parent as Element;
    return w;
  };
  const boxText = new Map<Element, { kept: number; out: number }>();
  const tally = (e: Element, chars: number, kept: boolean): void => {
    const b = boxOf(e);
    const t = boxText.get(b) ?? { kept: 0, out: 0 };
    if (kept) t.kept += chars;
    else t.out += chars;
    boxText.set(b, t);
  };
  if (main) {
    owners.forEach((o, i) => tally(o, texts[i]!.length, true));
    for (const f of furniture) tally(f.el, f.chars, false);
  }
  return owners.map((o) => {
    const out: Placement = { inMain: o.parent === main, offMain: 0, clutterName: false, metaName: false, negativeName: false, boxFurniture: 0 };
    if (!main) return out;
    if (o.parent !== main) {
      const t = boxText.get(boxOf(o))!;
      out.boxFurniture = t.out / (t.out + t.kept);
    }
    // Up from the block's element to the first ancestor it shares with the main parent, reading
    // the names of the wrappers on the way.
    let up = 0;
    let p: Element | null = o;
    while (p && !mainAncestors.has(p)) {
      const i = stats.info.get(p);
      if (i) {
        if (i.clutter) out.clutterName = true;
        if (isMetadataHint(i.hints)) out.metaName = true;
        if (i.weight < 0) out.negativeName = true;
      }
      p = p.parent as Element | null;
      up++;
    }
    // Inside the main parent: how deep below it; elsewhere: the way up plus the way down.
    const down = p ? mainAncestors.get(p)! : FAR;
    out.offMain = p === main ? Math.min(FAR, Math.max(0, depthOf(o) - mainDepth - 1)) : Math.min(FAR, up + down);
    return out;
  });
}
