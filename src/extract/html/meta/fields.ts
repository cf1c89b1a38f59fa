// The plain fields of a page's metadata, each from the best source that gives a plausible value:
// canonical URL, site name, authors, language, tags, lead image, description.
import { dedupe, nameKey, parseAuthors } from '../authors.ts';
import { collapse, resolveUrl, textOf } from '../dom.ts';
import type { Gathered } from './gather.ts';
import { ldAuthors, str, types, type LD } from './jsonld.ts';

/** The first non-empty value of a meta name. */
export type MetaValue = (name: string) => string;

export function metaValue(g: Gathered): MetaValue {
  return (k) => {
    const v = g.meta.get(k);
    if (!v) return '';
    for (const x of v) {
      const c = collapse(x);
      if (c) return c;
    }
    return '';
  };
}

export function pickCanonical(g: Gathered, m: MetaValue, article: LD | null, url: string | undefined): { value: string | null; source?: string } {
  for (const [v, src] of [[g.canonical, 'link-canonical'], [m('og:url'), 'og'], [article ? str(article.url) : '', 'json-ld']] as const) {
    const r = v ? resolveUrl(v, url) : null;
    if (r && /^https?:/i.test(r)) return { value: r, source: src };
  }
  return { value: null };
}

/** The host's name without its "www." and its top-level domain ("courrier" for www.courrier.example). */
export function hostName(pageUrl: string | undefined): string | null {
  try {
    if (pageUrl) return new URL(pageUrl).hostname.replace(/^www\./, '').split('.').slice(0, -1).join('.') || null;
  } catch { /* no host */ }
  return null;
}

export function pickSite(m: MetaValue, ld: LD[], article: LD | null): { value: string | null; source?: string } {
  const publisher = article?.publisher ?? ld.find((o) => types(o).some((t) => /Organization/.test(t)))?.name;
  for (const [v, src] of [[m('og:site_name'), 'og'], [str(publisher), 'json-ld'], [m('application-name'), 'meta'], [m('twitter:site').replace(/^@/, ''), 'twitter']] as const) {
    if (v && v.length < 80) return { value: v, source: src };
  }
  return { value: null };
}

const AUTHOR_META = ['author', 'article:author', 'og:article:author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author', 'byl', 'cxenseparse:author', 'twitter:creator:name'];

/** Authors: structured data, then meta, microdata, rel=author, the page's own byline; a
 * publishing organisation only when nobody is named. */
export function pickAuthors(g: Gathered, article: LD | null, site: string | null): { value: string[]; source?: string } {
  let authors: string[] = [];
  let source: string | undefined;
  let orgAuthors: string[] = [];
  if (article?.author) {
    const a = ldAuthors(article.author);
    if (a.names.length) {
      authors = a.names;
      source = 'json-ld';
    }
    orgAuthors = a.orgs;
  }
  if (!authors.length) {
    for (const k of AUTHOR_META) {
      const vals = g.meta.get(k);
      if (!vals) continue;
      const names = dedupe(vals.flatMap((v) => (/^https?:\/\//i.test(v.trim()) ? [] : parseAuthors(v))));
      if (names.length) {
        authors = names;
        source = 'meta';
        break;
      }
    }
  }
  if (!authors.length && g.itempropAuthors.length) {
    authors = dedupe(g.itempropAuthors.flatMap(parseAuthors));
    if (authors.length) source = 'microdata';
  }
  if (!authors.length && g.relAuthors.length) {
    authors = dedupe(g.relAuthors.flatMap(parseAuthors));
    if (authors.length) source = 'rel-author';
  }
  if (!authors.length) {
    for (const el of g.bylineEls) {
      const t = textOf(el);
      if (!t || t.length > 200) continue;
      const names = parseAuthors(t);
      if (names.length) {
        authors = names;
        source = 'byline';
        break;
      }
    }
  }
  if (!authors.length && orgAuthors.length) {
    authors = orgAuthors;
    source = 'json-ld';
  }
  // A site name among people is the publisher, not an author.
  if (authors.length > 1 && site) {
    const sk = nameKey(site);
    const kept = authors.filter((a) => nameKey(a) !== sk);
    if (kept.length) authors = kept;
  }
  return { value: authors, source };
}

/** Language as declared, primary subtag only. */
export function pickLanguage(g: Gathered, m: MetaValue, article: LD | null): { value: string | null; source?: string } {
  for (const [v, src] of [[g.htmlLang, 'html-lang'], [m('content-language') || m('language') || m('dc.language'), 'meta'], [m('og:locale'), 'og'], [article ? str(article.inLanguage) : '', 'json-ld']] as const) {
    const l = /^([a-z]{2,3})(?:$|[-_])/i.exec(v.trim());
    if (l) return { value: l[1]!.toLowerCase(), source: src };
  }
  return { value: null };
}

export function pickTags(g: Gathered, article: LD | null): { value: string[]; source?: string } {
  const tagSet = new Map<string, string>();
  let source: string | undefined;
  const addTags = (vals: string[], src: string): void => {
    for (const v of vals) for (const t of v.split(/[,;]/)) {
      const c = collapse(t);
      if (c && c.length < 60 && !tagSet.has(c.toLowerCase())) {
        tagSet.set(c.toLowerCase(), c);
        source ??= src;
      }
    }
  };
  addTags(g.meta.get('article:tag') ?? [], 'meta');
  if (article?.keywords) addTags(Array.isArray(article.keywords) ? article.keywords.map(str) : [str(article.keywords)], 'json-ld');
  addTags(g.meta.get('news_keywords') ?? [], 'meta');
  addTags(g.meta.get('keywords') ?? [], 'meta');
  return { value: [...tagSet.values()].slice(0, 30), source };
}

export function pickLeadImage(g: Gathered, m: MetaValue, article: LD | null, pageUrl: string | undefined): { value: string | null; source?: string } {
  for (const [v, src] of [[m('og:image:secure_url') || m('og:image') || m('og:image:url'), 'og'], [m('twitter:image') || m('twitter:image:src'), 'twitter'], [article ? str(article.image) : '', 'json-ld'], [g.imageSrc, 'link']] as const) {
    const r = v ? resolveUrl(v, pageUrl) : null;
    if (r) return { value: r, source: src };
  }
  return { value: null };
}
