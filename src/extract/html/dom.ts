// Small DOM helpers over domhandler's tree. The extractor walks the tree a handful of times at
// most, so these stay allocation-light: no selector engine, no generic query helpers.
import type { AnyNode, ChildNode, Element, ParentNode } from 'domhandler';

export type { AnyNode, ChildNode, Element, ParentNode };

// domhandler's node type tags (domelementtype), inlined so hot loops compare strings only.
export const isElement = (n: AnyNode): n is Element =>
  n.type === 'tag' || n.type === 'script' || n.type === 'style';
export const isText = (n: AnyNode): n is AnyNode & { data: string } => n.type === 'text';

export function attr(el: Element, name: string): string {
  return el.attribs[name] ?? '';
}

/**
 * Tags whose content is never text a reader sees. <noscript> is not among them: some CMSs put
 * the whole article there (the script version being a template), and what else lives there
 * (tracking pixels, "enable JavaScript") is images or boilerplate lines.
 */
export const NEVER_TEXT = new Set([
  'script', 'style', 'template', 'svg', 'math-annotation', 'canvas', 'iframe', 'object',
  'embed', 'video', 'audio', 'source', 'track', 'picture', 'img', 'input', 'select', 'option',
  'textarea', 'button', 'head', 'meta', 'link', 'title', 'base', 'map', 'area', 'dialog', 'param',
]);

/** Elements that break the flow of text into separate blocks. */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p',
  'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption',
]);

export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

// Whitespace as HTML and typography see it; nbsp and friends included so "a\u00a0b" stays one
// space for matching while the block text keeps a normal space.
const WS_RUN = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

export function collapse(s: string): string {
  return s.replace(ZERO_WIDTH, '').replace(WS_RUN, ' ').trim();
}

/** Visible-ish text of a subtree, whitespace collapsed; skips never-text tags. */
export function textOf(n: AnyNode): string {
  const parts: string[] = [];
  gather(n, parts);
  return collapse(parts.join(''));
}

function gather(n: AnyNode, out: string[]): void {
  if (n.type === 'text') {
    out.push((n as unknown as { data: string }).data);
    return;
  }
  if (!isElement(n)) return;
  if (NEVER_TEXT.has(n.name)) return;
  if (n.name === 'br' || BLOCK_TAGS.has(n.name)) out.push(' ');
  for (const c of n.children) gather(c, out);
  if (BLOCK_TAGS.has(n.name)) out.push(' ');
}

/** Raw text of a script/style-like element (JSON-LD). */
export function rawText(el: Element): string {
  let s = '';
  for (const c of el.children) if (c.type === 'text') s += (c as unknown as { data: string }).data;
  return s;
}

/** Visits every element in document order; return false from fn to skip its subtree. */
export function walk(root: AnyNode, fn: (el: Element) => boolean | void): void {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (isElement(n)) {
      if (fn(n) === false) continue;
    } else if (n.type !== 'root') continue;
    const kids = (n as ParentNode).children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

export function findFirst(root: AnyNode, pred: (el: Element) => boolean): Element | null {
  let found: Element | null = null;
  walk(root, (el) => {
    if (found) return false;
    if (pred(el)) {
      found = el;
      return false;
    }
    return true;
  });
  return found;
}

export function parentElement(n: AnyNode): Element | null {
  const p = n.parent;
  return p && isElement(p) ? p : null;
}

export function isAncestor(anc: AnyNode, n: AnyNode): boolean {
  for (let p: AnyNode | null = n; p; p = p.parent) if (p === anc) return true;
  return false;
}

/** An anchor that leads somewhere: `<a name>` targets and `javascript:` handlers are text that
 * happens to sit in an <a>, not links (pages wrap whole paragraphs in them). */
export function isLink(el: Element): boolean {
  if (el.name !== 'a') return false;
  const h = el.attribs.href;
  return h !== undefined && !/^\s*javascript:/i.test(h);
}

/** Resolves href against base; returns null for javascript:, data: and unparsable values. */
export function resolveUrl(href: string, base: string | undefined): string | null {
  const h = href.trim();
  if (!h || /^(?:javascript|data|mailto|tel):/i.test(h)) return null;
  try {
    return new URL(h, base).href;
  } catch {
    return /^https?:\/\//i.test(h) ? h : null;
  }
}
