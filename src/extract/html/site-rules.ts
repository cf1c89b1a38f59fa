// Per-site knowledge, as data (DESIGN habit 4). Used sparingly: the general method must work
// without it; a rule only helps where a site's markup defeats general signals. Matching is by
// host suffix. Selectors are deliberately limited to what match.ts understands: `tag`, `.class`,
// `#id`, `[attr]`, `[attr=value]`, and their combinations (no descendant combinators).
import type { Element } from './dom.ts';

export interface SiteRule {
  /** Elements that hold the article body, tried before scoring. */
  body?: string[];
  /** Elements never part of the article on this site. */
  drop?: string[];
  /** Whole lines that are furniture on this site. */
  boilerplate?: RegExp[];
}

export const SITE_RULES: Record<string, SiteRule> = {
  // Wikipedia's edit links and reference markers read like text to every scorer.
  'wikipedia.org': { drop: ['.mw-editsection', '.reference', '.navbox', '.metadata', '#toc'] },
};

export function ruleFor(url: string | null | undefined): SiteRule | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  for (;;) {
    const r = SITE_RULES[host];
    if (r) return r;
    const dot = host.indexOf('.');
    if (dot < 0) return null;
    host = host.slice(dot + 1);
  }
}

interface Simple {
  tag: string | null;
  classes: string[];
  id: string | null;
  attrs: Array<[string, string | null]>;
}

const cache = new Map<string, Simple>();

function compile(sel: string): Simple {
  let c = cache.get(sel);
  if (c) return c;
  c = { tag: null, classes: [], id: null, attrs: [] };
  const re = /([a-z0-9-]+)|\.([\w-]+)|#([\w-]+)|\[([\w-]+)(?:=["']?([^\]"']*)["']?)?\]/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sel))) {
    if (m[1]) c.tag = m[1].toLowerCase();
    else if (m[2]) c.classes.push(m[2]);
    else if (m[3]) c.id = m[3];
    else if (m[4]) c.attrs.push([m[4].toLowerCase(), m[5] ?? null]);
  }
  cache.set(sel, c);
  return c;
}

export function matches(el: Element, sel: string): boolean {
  const s = compile(sel);
  if (s.tag && el.name !== s.tag) return false;
  if (s.id && el.attribs.id !== s.id) return false;
  if (s.classes.length) {
    const cls = ` ${el.attribs.class ?? ''} `.replace(/\s+/g, ' ');
    for (const k of s.classes) if (!cls.includes(` ${k} `)) return false;
  }
  for (const [a, v] of s.attrs) {
    const x = el.attribs[a];
    if (x === undefined || (v !== null && x !== v)) return false;
  }
  return true;
}
