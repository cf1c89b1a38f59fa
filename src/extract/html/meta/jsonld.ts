// JSON-LD as pages ship it: parsed leniently, flattened (@graph, mainEntity), and its values read
// as plain strings. The page's own article is the Article-like object whose headline the page
// repeats, not the first one found (listing widgets embed other articles' JSON-LD too).
import { parseAuthors } from '../authors.ts';
import { collapse } from '../dom.ts';

export type LD = Record<string, unknown>;

const ARTICLE_TYPE = /(?:Article|BlogPosting|Posting|Report|Story|Review|Recipe|Video(?:Object)?)$/;

// JSON-LD in the wild has raw newlines in strings, trailing commas and HTML comments around it.
export function parseJson(s: string): unknown {
  let t = s.trim().replace(/^<!--|-->$/g, '').replace(/^\s*\/\*.*?\*\/\s*/s, '')
    .replace(/^\s*(?:\/\/)?\s*<!\[CDATA\[/, '').replace(/(?:\/\/)?\s*\]\]>\s*$/, '').trim();
  if (!t) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    t = t.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1');
    try {
      return JSON.parse(t);
    } catch {
      return undefined;
    }
  }
}

export function flattenLd(items: unknown[]): LD[] {
  const out: LD[] = [];
  const push = (x: unknown, depth: number): void => {
    if (depth > 4 || !x || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const y of x) push(y, depth + 1);
      return;
    }
    const o = x as LD;
    out.push(o);
    if (Array.isArray(o['@graph'])) push(o['@graph'], depth + 1);
    const me = o.mainEntity;
    if (me && typeof me === 'object') push(me, depth + 1);
  };
  for (const i of items) push(i, 0);
  return out;
}

export function types(o: LD): string[] {
  const t = o['@type'];
  return Array.isArray(t) ? t.map(String) : t ? [String(t)] : [];
}

export function str(v: unknown): string {
  if (typeof v === 'string') return collapse(decodeEntitiesLite(v));
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.length) return str(v[0]);
  if (v && typeof v === 'object') {
    const o = v as LD;
    return str(o.name ?? o['@value'] ?? o.url ?? o['@id'] ?? '');
  }
  return '';
}

// JSON-LD strings are sometimes HTML-escaped twice by the CMS.
function decodeEntitiesLite(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|quot|apos|lt|gt|nbsp|#39));/gi, (m, d, h, n) => {
    if (d) return String.fromCodePoint(+d);
    if (h) return String.fromCodePoint(parseInt(h, 16));
    return ({ amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0', '#39': "'" } as Record<string, string>)[String(n).toLowerCase()] ?? m;
  });
}

export function ldAuthors(v: unknown): { names: string[]; orgs: string[] } {
  const names: string[] = [];
  const orgs: string[] = [];
  const one = (x: unknown): void => {
    if (!x) return;
    if (Array.isArray(x)) {
      for (const y of x) one(y);
      return;
    }
    if (typeof x === 'string') {
      names.push(...parseAuthors(x));
      return;
    }
    if (typeof x === 'object') {
      const o = x as LD;
      const n = str(o.name);
      if (!n) return;
      const isOrg = types(o).some((t) => /Organization|Organisation|NewsMediaOrganization|Corporation/.test(t));
      (isOrg ? orgs : names).push(...parseAuthors(n));
    }
  };
  one(v);
  return { names, orgs };
}

const key = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The page's own article among the JSON-LD objects: of the Article-like ones, the one whose
 * headline the page shows (in <title> or an h1) or whose URL is the page's, else the first; a
 * WebPage with a headline or a date when there is no article. */
export function mainArticle(ld: LD[], shown: string, pageUrls: string[]): LD | null {
  const articles = ld.filter((o) => types(o).some((t) => ARTICLE_TYPE.test(t)));
  if (articles.length > 1) {
    const seen = key(shown);
    const own = articles.find((o) => {
      const h = key(str(o.headline ?? o.name));
      return (h.length > 8 && seen.includes(h)) || pageUrls.some((u) => u && str(o.url) === u);
    });
    if (own) return own;
  }
  return articles[0] ?? ld.find((o) => types(o).some((t) => /WebPage/.test(t)) && (o.headline || o.datePublished)) ?? null;
}

const HOWTO_TYPE = /^(?:HowTo|Recipe)$/;

/** The article's text as the page's own structured data gives it, in paragraphs: an article's
 * `articleBody` (or `text`, `reviewBody`), or a how-to's or recipe's description and steps. Pages
 * rendered by scripts ship the text there while the markup holds a notice ("enable JavaScript")
 * or a teaser. The object is the page's own article, or a how-to or recipe whose name the page
 * shows. Null when there is none. */
export function ldBody(ld: LD[], article: LD | null, shown: string): string[] | null {
  const seen = key(shown);
  const candidates = [
    ...(article ? [article] : []),
    ...ld.filter((o) => o !== article && types(o).some((t) => HOWTO_TYPE.test(t)) && seen.includes(key(str(o.name ?? o.headline))) && key(str(o.name ?? o.headline)).length > 8),
  ];
  for (const o of candidates) {
    const body = o.articleBody ?? o.text ?? o.reviewBody;
    let parts: string[] = [];
    if (typeof body === 'string') parts = paragraphsOf(body);
    else if (types(o).some((t) => HOWTO_TYPE.test(t))) {
      if (typeof o.description === 'string') parts.push(...paragraphsOf(o.description));
      for (const x of [o.recipeIngredient, o.supply, o.tool]) if (Array.isArray(x)) parts.push(...x.map(str).filter(Boolean));
      steps(o.step ?? o.recipeInstructions, parts, 0);
    }
    if (parts.length) return parts;
  }
  return null;
}

// HowTo steps and recipe instructions: strings, HowToStep {text}, HowToSection {name, itemListElement}.
function steps(v: unknown, out: string[], depth: number): void {
  if (!v || depth > 4) return;
  if (typeof v === 'string') out.push(...paragraphsOf(v));
  else if (Array.isArray(v)) for (const x of v) steps(x, out, depth + 1);
  else if (typeof v === 'object') {
    const o = v as LD;
    if (o.itemListElement) {
      if (typeof o.name === 'string') out.push(...paragraphsOf(o.name));
      steps(o.itemListElement, out, depth + 1);
    } else if (typeof o.text === 'string') out.push(...paragraphsOf(o.text));
    else if (typeof o.name === 'string') out.push(...paragraphsOf(o.name));
  }
}

// Structured text is plain text with line breaks, or HTML (often escaped once more): paragraphs
// at block tags, <br> and blank lines.
const BLOCK_BREAK = /<\/?(?:p|div|h[1-6]|li|ul|ol|blockquote|br|tr|section|article|figure|figcaption|table|pre|dd|dt)\b[^>]*>/gi;
function paragraphsOf(s: string): string[] {
  let t = s.includes('&lt;') && !s.includes('<') ? decodeEntitiesLite(s) : s;
  if (t.includes('<')) t = t.replace(BLOCK_BREAK, '\n\n').replace(/<[^>]*>/g, '');
  return decodeEntitiesLite(t).split(/\n\s*\n|\r?\n(?=\s*\S)/).map(collapse).filter(Boolean);
}
