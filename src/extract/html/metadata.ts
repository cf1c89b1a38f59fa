// Page metadata with where each value came from. One walk gathers every source (meta tags,
// JSON-LD, links, headings, time elements, byline elements); then each field takes the best
// source that gives a plausible value.
import type { DateSource } from '../../types.ts';
import { dedupe, nameKey, parseAuthors } from './authors.ts';
import { collapse, rawText, resolveUrl, textOf, walk, type AnyNode, type Element } from './dom.ts';
import { dateFromUrl, parseDateText, parseDateValue } from './dates.ts';
import { hintString } from './hints.ts';

export interface Metadata {
  title: string;
  authors: string[];
  publishedAt: string | null;
  publishedAtSource: DateSource | null;
  updatedAt: string | null;
  site: string | null;
  language: string | null;
  canonicalUrl: string | null;
  tags: string[];
  leadImage: string | null;
  /** Candidate standfirsts from metadata (description), for the dek check against the page. */
  description: string | null;
  provenance: Record<string, string>;
  /** The headline element on the page, if one matches the title. */
  titleEl: Element | null;
}

interface Gathered {
  htmlLang: string;
  titleTag: string;
  meta: Map<string, string[]>;
  canonical: string;
  relAuthors: string[];
  itempropAuthors: string[];
  bylineEls: Element[];
  jsonld: unknown[];
  h1s: Element[];
  times: Array<{ el: Element; datetime: string; published: boolean; modified: boolean }>;
  imageSrc: string;
}

const ARTICLE_TYPE = /(?:Article|BlogPosting|Posting|Report|Story|Review|Recipe|Video(?:Object)?)$/;
const BYLINE_HINT = /(?:^|[\s-])(?:byline|bylines|by-line|author|authors|author-name|authorname|article-author|post-author|entry-author|contributor|contributors|writer|signature|auteur|auteurs|author-link)(?:$|[\s-])|byline/;

function gather(doc: AnyNode): Gathered {
  const g: Gathered = {
    htmlLang: '', titleTag: '', meta: new Map(), canonical: '', relAuthors: [], itempropAuthors: [],
    bylineEls: [], jsonld: [], h1s: [], times: [], imageSrc: '',
  };
  const addMeta = (k: string, v: string): void => {
    const key = k.trim().toLowerCase();
    const arr = g.meta.get(key);
    if (arr) arr.push(v);
    else g.meta.set(key, [v]);
  };
  walk(doc, (el) => {
    const a = el.attribs;
    switch (el.name) {
      case 'html':
        if (a.lang && !g.htmlLang) g.htmlLang = a.lang;
        else if (a['xml:lang'] && !g.htmlLang) g.htmlLang = a['xml:lang'];
        break;
      case 'title':
        if (!g.titleTag) g.titleTag = collapse(rawText(el));
        return false;
      case 'meta': {
        const v = a.content ?? a.value;
        if (v === undefined) break;
        for (const k of [a.property, a.name, a.itemprop, a['http-equiv']]) if (k) for (const kk of k.split(/\s+/)) addMeta(kk, v);
        break;
      }
      case 'link': {
        const rel = (a.rel ?? '').toLowerCase();
        if (rel.split(/\s+/).includes('canonical') && !g.canonical) g.canonical = a.href ?? '';
        else if (rel === 'image_src' && !g.imageSrc) g.imageSrc = a.href ?? '';
        break;
      }
      case 'script':
        if ((a.type ?? '').toLowerCase().includes('ld+json')) {
          const parsed = parseJson(rawText(el));
          if (parsed !== undefined) g.jsonld.push(parsed);
        }
        return false;
      case 'style':
      case 'noscript':
      case 'template':
      case 'svg':
        return false;
      case 'h1':
        g.h1s.push(el);
        break;
      case 'time': {
        const dt = a.datetime ?? a.content ?? '';
        const ip = (a.itemprop ?? '').toLowerCase();
        const h = hintString(el);
        if (dt || ip) g.times.push({
          el, datetime: dt || textOf(el),
          published: ip === 'datepublished' || a.pubdate !== undefined || /publish|created|posted/.test(h),
          modified: ip === 'datemodified' || /modif|updated|update/.test(h),
        });
        break;
      }
    }
    const rel = a.rel;
    if (el.name === 'a' && rel && /\bauthor\b/i.test(rel)) {
      const t = textOf(el);
      if (t) g.relAuthors.push(t);
    }
    const ip = a.itemprop;
    if (ip && el.name !== 'meta') {
      if (/\b(?:author|creator)\b/.test(ip)) {
        // itemprop=author may wrap a Person with its own itemprop=name.
        let name = '';
        walk(el, (c) => {
          if (name) return false;
          if (c !== el && (c.attribs.itemprop ?? '').split(/\s+/).includes('name')) {
            name = c.attribs.content ?? textOf(c);
            return false;
          }
          return true;
        });
        const v = name || a.content || textOf(el);
        if (v) g.itempropAuthors.push(v);
      } else if (/\bdatePublished\b/.test(ip) && el.name !== 'time') {
        g.times.push({ el, datetime: a.content ?? a.datetime ?? textOf(el), published: true, modified: false });
      } else if (/\bdateModified\b/.test(ip) && el.name !== 'time') {
        g.times.push({ el, datetime: a.content ?? a.datetime ?? textOf(el), published: false, modified: true });
      }
    }
    if (g.bylineEls.length < 8 && el.name !== 'body' && el.name !== 'html' && el.name !== 'meta') {
      const h = hintString(el);
      if (h && BYLINE_HINT.test(h) && !/(?:bio|about|avatar|image|photo|img|more|other|related|social|follow|share|list)(?:$|[\s-])/.test(h)) g.bylineEls.push(el);
    }
    return true;
  });
  return g;
}

// JSON-LD in the wild has raw newlines in strings, trailing commas and HTML comments around it.
function parseJson(s: string): unknown {
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

type LD = Record<string, unknown>;

function flattenLd(items: unknown[]): LD[] {
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

function types(o: LD): string[] {
  const t = o['@type'];
  return Array.isArray(t) ? t.map(String) : t ? [String(t)] : [];
}

function str(v: unknown): string {
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

function ldAuthors(v: unknown): { names: string[]; orgs: string[] } {
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

const TITLE_SEP = /\s+(?:[|\-–—:·•»/]|::)\s+/;

/** Removes a " | Site name" style suffix or prefix when the other part is the site. */
export function stripSiteName(title: string, site: string | null, host: string | null): string {
  const parts = title.split(TITLE_SEP);
  if (parts.length < 2) return title;
  const keys = [site, host].filter(Boolean).map((s) => nameKey(s!).replace(/\s/g, ''));
  // The site part is short and close to the site's name ("BBC News" for "BBC"), never a phrase
  // that merely mentions it ("How we designed Dropbox's ATF").
  const isSite = (p: string): boolean => {
    const k = nameKey(p).replace(/\s/g, '');
    if (!k || p.trim().split(/\s+/).length > 5) return false;
    return keys.some((s) => s && (k === s || (k.length >= 3 && Math.abs(k.length - s.length) <= 12 && (s.includes(k) || k.includes(s)))));
  };
  const last = parts[parts.length - 1]!;
  if (isSite(last)) return title.slice(0, title.lastIndexOf(last)).replace(/\s*(?:[|\-–—:·•»/]|::)\s*$/, '').trim();
  const first = parts[0]!;
  if (isSite(first)) return title.slice(first.length).replace(/^\s*(?:[|\-–—:·•»/]|::)\s*/, '').trim();
  return title;
}

function key(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function extractMetadata(doc: AnyNode, url: string | undefined): Metadata {
  const g = gather(doc);
  const prov: Record<string, string> = {};
  const m = (k: string): string => {
    const v = g.meta.get(k);
    if (!v) return '';
    for (const x of v) {
      const c = collapse(x);
      if (c) return c;
    }
    return '';
  };
  const ld = flattenLd(g.jsonld);
  const article = ld.find((o) => types(o).some((t) => ARTICLE_TYPE.test(t))) ?? ld.find((o) => types(o).some((t) => /WebPage/.test(t)) && (o.headline || o.datePublished)) ?? null;

  // Canonical URL first: it is the base the rest resolves against.
  let canonicalUrl: string | null = null;
  for (const [v, src] of [[g.canonical, 'link-canonical'], [m('og:url'), 'og'], [article ? str(article.url) : '', 'json-ld']] as const) {
    const r = v ? resolveUrl(v, url) : null;
    if (r && /^https?:/i.test(r)) {
      canonicalUrl = r;
      prov.canonicalUrl = src;
      break;
    }
  }
  const pageUrl = url ?? canonicalUrl ?? undefined;
  let host: string | null = null;
  try {
    if (pageUrl) host = new URL(pageUrl).hostname.replace(/^www\./, '').split('.').slice(0, -1).join('.') || null;
  } catch { /* no host */ }

  // Site name.
  let site: string | null = null;
  const publisher = article?.publisher ?? ld.find((o) => types(o).some((t) => /Organization/.test(t)))?.name;
  for (const [v, src] of [[m('og:site_name'), 'og'], [str(publisher), 'json-ld'], [m('application-name'), 'meta'], [m('twitter:site').replace(/^@/, ''), 'twitter']] as const) {
    if (v && v.length < 80) {
      site = v;
      prov.site = src;
      break;
    }
  }

  // Title: structured headline, then social titles, then the page's own h1 and <title>.
  const h1Texts = g.h1s.map((e) => ({ el: e, text: textOf(e) })).filter((x) => x.text);
  // JSON-LD's headline and name disagree on some sites (Wikipedia's headline is a description):
  // the one the <title> or the h1 repeats is the title.
  let ldTitle = article ? str(article.headline ?? article.name) : '';
  if (article && typeof article.headline === 'string' && typeof article.name === 'string' && article.headline !== article.name) {
    const seen = key(`${g.titleTag} ${h1Texts.map((x) => x.text).join(' ')}`);
    const hk = key(str(article.headline));
    const nk = key(str(article.name));
    if (!seen.includes(hk) && seen.includes(nk)) ldTitle = str(article.name);
  }
  const candidates: Array<[string, string]> = [
    [ldTitle, 'json-ld'],
    [m('og:title'), 'og'],
    [m('twitter:title'), 'twitter'],
    [m('dc.title') || m('dcterms.title') || m('parsely-title') || m('sailthru.title'), 'meta'],
  ];
  let title = '';
  let titleEl: Element | null = null;
  for (const [v, src] of candidates) {
    if (!v) continue;
    let t = stripSiteName(v, site, host);
    // A headline cut short for a card ("…") is completed by the matching h1.
    const h = h1Texts.find((x) => key(x.text) === key(t) || (key(x.text).startsWith(key(t).replace(/\s*…$/, '')) && /(?:…|\.\.\.)$/.test(t)));
    if (h) {
      t = h.text;
      titleEl = h.el;
    }
    title = t;
    prov.title = src;
    break;
  }
  if (!title) {
    const tt = g.titleTag;
    // The longest h1 the <title> repeats: a logo h1 repeats only the site-name part.
    let match: { el: Element; text: string } | undefined;
    for (const x of h1Texts) {
      const k = key(x.text);
      if (tt && k.length > 8 && key(tt).includes(k) && (!match || k.length > key(match.text).length)) match = x;
    }
    if (match) {
      title = match.text;
      titleEl = match.el;
      prov.title = 'h1';
    } else if (tt) {
      title = stripSiteName(tt, site, host);
      if (title === tt) {
        // Readability's rule: the longer side of the separator when it has enough words.
        const parts = tt.split(TITLE_SEP);
        if (parts.length > 1) {
          const first = parts[0]!;
          title = first.split(/\s+/).length >= 3 ? first : parts.slice(1).join(' - ');
        }
      }
      prov.title = 'title-tag';
    } else if (h1Texts.length) {
      title = h1Texts[0]!.text;
      titleEl = h1Texts[0]!.el;
      prov.title = 'h1';
    }
  }
  if (!titleEl && title) {
    const k = key(title);
    titleEl = h1Texts.find((x) => key(x.text) === k)?.el ?? null;
  }
  if (!titleEl && h1Texts.length === 1) titleEl = h1Texts[0]!.el;

  // Authors: structured data, then meta, then the page's own byline.
  let authors: string[] = [];
  let orgAuthors: string[] = [];
  if (article?.author) {
    const a = ldAuthors(article.author);
    if (a.names.length) {
      authors = a.names;
      prov.authors = 'json-ld';
    }
    orgAuthors = a.orgs;
  }
  if (!authors.length) {
    for (const k of ['author', 'article:author', 'og:article:author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author', 'byl', 'cxenseparse:author', 'twitter:creator:name']) {
      const vals = g.meta.get(k);
      if (!vals) continue;
      const names = dedupe(vals.flatMap((v) => (/^https?:\/\//i.test(v.trim()) ? [] : parseAuthors(v))));
      if (names.length) {
        authors = names;
        prov.authors = 'meta';
        break;
      }
    }
  }
  if (!authors.length && g.itempropAuthors.length) {
    authors = dedupe(g.itempropAuthors.flatMap(parseAuthors));
    if (authors.length) prov.authors = 'microdata';
  }
  if (!authors.length && g.relAuthors.length) {
    authors = dedupe(g.relAuthors.flatMap(parseAuthors));
    if (authors.length) prov.authors = 'rel-author';
  }
  if (!authors.length) {
    for (const el of g.bylineEls) {
      const t = textOf(el);
      if (!t || t.length > 200) continue;
      const names = parseAuthors(t);
      if (names.length) {
        authors = names;
        prov.authors = 'byline';
        break;
      }
    }
  }
  if (!authors.length && orgAuthors.length) {
    authors = orgAuthors;
    prov.authors = 'json-ld';
  }
  // A site name among people is the publisher, not an author.
  if (authors.length > 1 && site) {
    const sk = nameKey(site);
    const kept = authors.filter((a) => nameKey(a) !== sk);
    if (kept.length) authors = kept;
  }

  // Dates.
  let publishedAt: string | null = null;
  let publishedAtSource: DateSource | null = null;
  const tryDate = (v: string, src: string, ds: DateSource): boolean => {
    const d = v ? parseDateValue(v) : null;
    if (!d) return false;
    publishedAt = d;
    publishedAtSource = ds;
    prov.publishedAt = src;
    return true;
  };
  const PUB_META = ['article:published_time', 'og:article:published_time', 'article:published', 'datepublished', 'published_time', 'og:published_time', 'publishdate', 'publish-date', 'publish_date', 'pubdate', 'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'dcterms.created', 'date', 'article.published', 'cxenseparse:recs:publishtime', 'rnews:datepublished', 'originalpublicationdate', 'created', 'creation_date', 'displaydate'];
  void (
    (article && tryDate(str(article.datePublished ?? article.dateCreated), 'json-ld', 'metadata')) ||
    PUB_META.some((k) => tryDate(m(k), 'meta', 'metadata')) ||
    g.times.some((t) => t.published && tryDate(t.datetime, 'time-element', 'metadata')) ||
    g.times.some((t) => !t.modified && !!t.el.attribs.datetime && tryDate(t.datetime, 'time-element', 'metadata')) ||
    (pageUrl && tryDate(dateFromUrl(pageUrl) ?? '', 'url', 'inferred')) ||
    (canonicalUrl && tryDate(dateFromUrl(canonicalUrl) ?? '', 'url', 'inferred'))
  );
  if (!publishedAt) {
    // Text near the headline: the first date written in the few elements after it.
    const near = nearTitleDate(titleEl, g.bylineEls);
    if (near) {
      publishedAt = near;
      publishedAtSource = 'text';
      prov.publishedAt = 'text';
    }
  }
  let updatedAt: string | null = null;
  for (const [v, src] of [
    [article ? str(article.dateModified) : '', 'json-ld'],
    [m('article:modified_time') || m('og:updated_time') || m('article:modified') || m('datemodified') || m('last-modified') || m('dcterms.modified') || m('modified_time'), 'meta'],
    [g.times.find((t) => t.modified)?.datetime ?? '', 'time-element'],
  ] as const) {
    const d = v ? parseDateValue(v) : null;
    if (d) {
      updatedAt = d;
      prov.updatedAt = src;
      break;
    }
  }

  // Language as declared, primary subtag only.
  let language: string | null = null;
  for (const [v, src] of [[g.htmlLang, 'html-lang'], [m('content-language') || m('language') || m('dc.language'), 'meta'], [m('og:locale'), 'og'], [article ? str(article.inLanguage) : '', 'json-ld']] as const) {
    const l = /^([a-z]{2,3})(?:$|[-_])/i.exec(v.trim());
    if (l) {
      language = l[1]!.toLowerCase();
      prov.language = src;
      break;
    }
  }

  // Tags.
  const tagSet = new Map<string, string>();
  const addTags = (vals: string[], src: string): void => {
    for (const v of vals) for (const t of v.split(/[,;]/)) {
      const c = collapse(t);
      if (c && c.length < 60 && !tagSet.has(c.toLowerCase())) {
        tagSet.set(c.toLowerCase(), c);
        prov.tags ??= src;
      }
    }
  };
  addTags(g.meta.get('article:tag') ?? [], 'meta');
  if (article?.keywords) addTags(Array.isArray(article.keywords) ? article.keywords.map(str) : [str(article.keywords)], 'json-ld');
  addTags(g.meta.get('news_keywords') ?? [], 'meta');
  addTags(g.meta.get('keywords') ?? [], 'meta');
  const tags = [...tagSet.values()].slice(0, 30);

  // Lead image.
  let leadImage: string | null = null;
  for (const [v, src] of [[m('og:image:secure_url') || m('og:image') || m('og:image:url'), 'og'], [m('twitter:image') || m('twitter:image:src'), 'twitter'], [article ? str(article.image) : '', 'json-ld'], [g.imageSrc, 'link']] as const) {
    const r = v ? resolveUrl(v, pageUrl) : null;
    if (r) {
      leadImage = r;
      prov.leadImage = src;
      break;
    }
  }

  const description = m('og:description') || m('description') || m('twitter:description') || (article ? str(article.description) : '') || null;
  return {
    title, authors, publishedAt, publishedAtSource, updatedAt, site, language, canonicalUrl, tags,
    leadImage, description, provenance: prov, titleEl,
  };
}

function nearTitleDate(titleEl: Element | null, bylineEls: Element[]): string | null {
  const scopes: AnyNode[] = [];
  if (titleEl?.parent) scopes.push(titleEl.parent);
  if (titleEl?.parent?.parent) scopes.push(titleEl.parent.parent);
  for (const b of bylineEls) if (b.parent) scopes.push(b.parent);
  for (const s of scopes) {
    let found: string | null = null;
    let budget = 60;
    walk(s, (el) => {
      if (found || budget-- <= 0) return false;
      const kids = el.children;
      for (const k of kids) {
        if (k.type !== 'text') continue;
        const t = collapse((k as unknown as { data: string }).data);
        if (t.length >= 6 && t.length < 120) {
          const d = parseDateText(t);
          if (d) {
            found = d;
            return false;
          }
        }
      }
      return true;
    });
    if (found) return found;
  }
  return null;
}
