// One walk over the page that gathers every source of metadata: <title>, meta tags, links,
// JSON-LD, h1s, byline elements, microdata, and every place a date is written (time and abbr
// elements, dated class names, lines that say "published on …"). The fields are chosen later,
// each from the best source that gives a plausible value.
import { collapse, rawText, textOf, walk, type AnyNode, type Element } from '../dom.ts';
import { hintString } from '../hints.ts';
import { monthOf } from '../../dates.ts';
import { parseJson } from './jsonld.ts';
import type { Info } from '../stats.ts';

/** A date written somewhere on the page, before any choice: where it sits decides later. */
export interface DateMark {
  /** The text or attribute value as written. */
  raw: string;
  kind: 'published' | 'modified' | 'plain';
  source: 'meta' | 'microdata' | 'time' | 'abbr' | 'element' | 'text';
  /** The element in the body that carries it (null for the head). */
  el: Element | null;
  /** Meta tags: the position of the tag's name in the list of names, lower is more specific. */
  rank: number;
}

export interface Gathered {
  htmlLang: string;
  titleTag: string;
  meta: Map<string, string[]>;
  canonical: string;
  relAuthors: string[];
  itempropAuthors: string[];
  bylineEls: Element[];
  jsonld: unknown[];
  h1s: Element[];
  dates: DateMark[];
  imageSrc: string;
}

const BYLINE_HINT = /(?:^|[\s-])(?:byline|bylines|by-line|author|authors|author-name|authorname|article-author|post-author|entry-author|contributor|contributors|writer|signature|auteur|auteurs|author-link)(?:$|[\s-])|byline/;
const NOT_BYLINE = /(?:bio|about|avatar|image|photo|img|more|other|related|social|follow|share|list)(?:$|[\s-])/;

// Meta names that carry the publication date, most specific first (Open Graph, schema.org,
// Dublin Core, the CMSs' own), and those that carry a later modification.
export const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'article:published', 'datepublished', 'published_time', 'og:published_time',
  'article.published', 'article:publicationdate', 'publishdate', 'publish-date', 'publish_date', 'published-date', 'publication_date',
  'date_published', 'pubdate', 'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dcterms.issued', 'dc.date.created', 'dc.created',
  'dcterms.created', 'datecreated', 'dateposted', 'article.created', 'article_date_original', 'originalpublicationdate', 'rnews:datepublished',
  'cxenseparse:recs:publishtime', 'citation_publication_date', 'citation_date', 'bt:pubdate', 'shareaholic:article_published_time',
  'dc.date', 'dcterms.date', 'dc:date', 'dc:created', 'date', 'created', 'creation_date', 'displaydate', 'gentime', 'timestamp',
];
export const MODIFIED_META = [
  'article:modified_time', 'og:article:modified_time', 'og:updated_time', 'article:modified', 'datemodified', 'dc.modified',
  'dcterms.modified', 'modified_time', 'updated_time', 'last-modified', 'lastmodified',
];
const PUBLISHED_RANK = new Map(PUBLISHED_META.map((k, i) => [k, i]));
const MODIFIED_RANK = new Map(MODIFIED_META.map((k, i) => [k, i]));

// Class names and ids of elements that hold a date, and what they say of it.
const DATE_HINT = /(?:^|[\s-])(?:dates?|datum|fecha|time|timestamp|published|publish|pubdate|posted|post-date|entry-date|article-date|dateline|byline|meta|post-meta|entry-meta|article-meta|post-info|article-info|infos?|signature|stand)(?:$|[\s-])|date|time/;
const PUBLISHED_HINT = /publish|pubdate|created|posted|entry-date|post-date|date-pub|article-date/;
const MODIFIED_HINT = /modif|updated|update|last-mod|stand/;
// Short text that says it is a date line: a cue word and digits.
const TEXT_CUE = /(?<!\p{L})(?:publi|paru|mis en ligne|mise? [àa] jour|actualis|modifi|posted|post[ée]|published|updated|released|filed|ver[öo]ffentlicht|erschienen|aktualisiert|stand\b|publicado|actualizado|datum\b|date\s*:)/iu;

const MAX_DATE_MARKS = 400;
// Pages repeat a few class strings thousands of times: each is tested once.
const dateHintCache = new Map<string, boolean>();
function dateHint(h: string): boolean {
  let r = dateHintCache.get(h);
  if (r === undefined) {
    r = DATE_HINT.test(h);
    if (dateHintCache.size > 5000) dateHintCache.clear();
    dateHintCache.set(h, r);
  }
  return r;
}
const YEAR = /(?:19|20)\d{2}/;

/** A date with little else: once digits, month names and the small words around dates are taken
 * out, a few letters at most remain ("Le 12 mars 2026 à 09h15", "Saturday 7 March 2026"). */
export function dateAlone(text: string): boolean {
  // A line of parts ("Handball Schweiz • 02.02.2022", "Name | 3 mars 2026"): one part will do.
  return text.split(/\s[|•·–—]\s|\s{2,}/u).some((part) => {
    if (!YEAR.test(part)) return false;
    const rest = part.replace(/\d+/g, ' ').replace(/\p{L}+/gu, (w) => (w.length <= 3 || monthOf(w) || WEEKDAY.test(w) ? ' ' : w));
    return (rest.match(/\p{L}/gu)?.length ?? 0) <= 20;
  });
}
const WEEKDAY = /^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|jueves|viernes|sábado|domingo|heures?|uhr|today|aujourd'hui)$/i;

export function gather(doc: AnyNode, info?: Map<Element, Info>): Gathered {
  const hintsOf = (el: Element): string => info?.get(el)?.hints ?? hintString(el);
  const g: Gathered = {
    htmlLang: '', titleTag: '', meta: new Map(), canonical: '', relAuthors: [], itempropAuthors: [],
    bylineEls: [], jsonld: [], h1s: [], dates: [], imageSrc: '',
  };
  const addMeta = (k: string, v: string): void => {
    const key = k.trim().toLowerCase();
    const arr = g.meta.get(key);
    if (arr) arr.push(v);
    else g.meta.set(key, [v]);
    const pr = PUBLISHED_RANK.get(key);
    const mr = MODIFIED_RANK.get(key);
    if (pr !== undefined) g.dates.push({ raw: v, kind: 'published', source: 'meta', el: null, rank: pr });
    else if (mr !== undefined) g.dates.push({ raw: v, kind: 'modified', source: 'meta', el: null, rank: mr });
  };
  const mark = (raw: string, kind: DateMark['kind'], source: DateMark['source'], el: Element | null): void => {
    if (raw && g.dates.length < MAX_DATE_MARKS) g.dates.push({ raw, kind, source, el, rank: 0 });
  };
  let inBody = false;
  walk(doc, (el) => {
    const a = el.attribs;
    switch (el.name) {
      case 'html':
        if (a.lang && !g.htmlLang) g.htmlLang = a.lang;
        else if (a['xml:lang'] && !g.htmlLang) g.htmlLang = a['xml:lang'];
        break;
      case 'body':
        inBody = true;
        break;
      case 'title':
        if (!g.titleTag) g.titleTag = collapse(rawText(el));
        return false;
      case 'meta': {
        const v = a.content ?? a.value;
        if (v === undefined) break;
        // A meta with itemprop inside the body belongs to the microdata item around it.
        if (inBody && a.itemprop && /date(?:published|created|modified)/i.test(a.itemprop)) {
          mark(v, /modified/i.test(a.itemprop) ? 'modified' : 'published', 'microdata', el);
          break;
        }
        for (const k of [a.property, a.name, a.itemprop]) if (k) for (const kk of k.split(/\s+/)) addMeta(kk, v);
        const he = a['http-equiv']?.toLowerCase();
        if (he === 'date') mark(v, 'plain', 'meta', null);
        else if (he === 'last-modified') mark(v, 'modified', 'meta', null);
        else if (he) addMeta(he, v);
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
        const ip = (a.itemprop ?? '').toLowerCase();
        const h = hintsOf(el);
        const kind = ip === 'datepublished' || ip === 'datecreated' || a.pubdate !== undefined || PUBLISHED_HINT.test(h) ? 'published'
          : ip === 'datemodified' || MODIFIED_HINT.test(h) ? 'modified' : 'plain';
        const dt = a.datetime ?? a.content ?? '';
        mark(dt.length >= 8 ? dt : textOf(el), kind, 'time', el);
        return false;
      }
      case 'abbr': {
        // Blogger and hAtom: <abbr class="published" title="2026-02-11T08:42:00Z">.
        const h = hintsOf(el);
        if (a['data-utime']) mark(a['data-utime'], 'published', 'abbr', el);
        else if (a.title && DATE_HINT.test(h)) mark(a.title, PUBLISHED_HINT.test(h) ? 'published' : MODIFIED_HINT.test(h) ? 'modified' : 'plain', 'abbr', el);
        return false;
      }
    }
    const rel = a.rel;
    if (el.name === 'a' && rel && /\bauthor\b/i.test(rel)) {
      const t = textOf(el);
      if (t) g.relAuthors.push(t);
    }
    // RDFa: <span property="schema:dateCreated" content="…">.
    const prop = a.property;
    if (prop && a.content && el.name !== 'meta' && /date(?:published|created|modified)|(?:dc|dcterms):(?:date|created|issued|modified)/i.test(prop)) {
      mark(a.content, /modified/i.test(prop) ? 'modified' : 'published', 'microdata', el);
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
      } else if (/\bdate(?:Published|Created)\b/.test(ip)) {
        mark(a.content ?? a.datetime ?? textOf(el), 'published', 'microdata', el);
      } else if (/\bdateModified\b/.test(ip)) {
        mark(a.content ?? a.datetime ?? textOf(el), 'modified', 'microdata', el);
      }
    }
    if (!inBody || el.name === 'body') return true;
    const h = hintsOf(el);
    if (g.bylineEls.length < 8 && h && BYLINE_HINT.test(h) && !NOT_BYLINE.test(h)) g.bylineEls.push(el);
    // Elements named for dates, and short lines that say "published on …": their text.
    if (h && dateHint(h) && (info?.get(el)?.text ?? 0) <= 480) {
      const t = shortText(el, 160);
      if (t && !YEAR.test(t)) return true;
      // The walk goes on inside: a <time> in it is a better source than its text.
      if (t) mark(t, PUBLISHED_HINT.test(h) ? 'published' : MODIFIED_HINT.test(h) ? 'modified' : 'plain', 'element', el);
    }
    for (const c of el.children) {
      if (c.type !== 'text') continue;
      const d = (c as unknown as { data: string }).data;
      if (d.length < 7 || d.length > 300 || !YEAR.test(d)) continue;
      // A line with a cue word ("Publié le …", "first published on …"), or a date alone on its line.
      // The element's whole line when short: "<b>Publié le</b> 7 mars" keeps its cue.
      if (TEXT_CUE.test(d) || (d.length <= 80 && dateAlone(d))) mark(((info?.get(el)?.text ?? 0) <= 480 && shortText(el, 160)) || collapse(d), 'plain', 'text', el);
    }
    return true;
  });
  return g;
}

// The text of a small element, or '' when it holds more than `max` characters (a container).
function shortText(el: Element, max: number): string {
  let n = 0;
  let big = false;
  walk(el, (c) => {
    if (big) return false;
    for (const k of c.children) if (k.type === 'text') n += (k as unknown as { data: string }).data.length;
    if (n > max * 3) big = true;
    return !big;
  });
  if (big) return '';
  const t = textOf(el);
  return t.length >= 6 && t.length <= max ? t : '';
}
