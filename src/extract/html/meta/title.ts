// The headline: structured data, then social titles, then the page's own h1 and <title>; the
// site's name comes off ("Bridge reopens | The Coastal Courier"), and the h1 that shows it is
// found, since the body extraction starts there.
import { nameKey } from '../authors.ts';
import { textOf, type Element } from '../dom.ts';
import type { Gathered } from './gather.ts';
import { str, type LD } from './jsonld.ts';

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

export const key = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export interface TitlePick {
  title: string;
  titleEl: Element | null;
  source: string | null;
}

export function pickTitle(g: Gathered, article: LD | null, m: (k: string) => string, site: string | null, host: string | null): TitlePick {
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
  let source: string | null = null;
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
    source = src;
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
      source = 'h1';
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
      source = 'title-tag';
    } else if (h1Texts.length) {
      title = h1Texts[0]!.text;
      titleEl = h1Texts[0]!.el;
      source = 'h1';
    }
  }
  if (!titleEl && title) {
    const k = key(title);
    titleEl = h1Texts.find((x) => key(x.text) === k)?.el ?? null;
  }
  if (!titleEl && h1Texts.length === 1) titleEl = h1Texts[0]!.el;
  return { title, titleEl, source };
}
