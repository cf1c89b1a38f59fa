// Page metadata with where each value came from. gather.ts walks the page once and collects every
// source; each field then takes the best source that gives a plausible value (title.ts, fields.ts).
// The publication date is left to published.ts, which chooses once the body is known.
import { textOf, type AnyNode, type Element } from '../dom.ts';
import { gather, type DateMark } from './gather.ts';
import { flattenLd, mainArticle, str, type LD } from './jsonld.ts';
import { hostName, metaValue, pickAuthors, pickCanonical, pickLanguage, pickLeadImage, pickSite, pickTags } from './fields.ts';
import { pickTitle } from './title.ts';
import type { Info } from '../stats.ts';

export { pickPublished, type DatePick } from './published.ts';
export { stripSiteName } from './title.ts';

export interface Metadata {
  title: string;
  authors: string[];
  site: string | null;
  language: string | null;
  canonicalUrl: string | null;
  tags: string[];
  leadImage: string | null;
  /** Candidate standfirst from metadata (description), for the dek check against the page. */
  description: string | null;
  provenance: Record<string, string>;
  /** The headline element on the page, if one matches the title. */
  titleEl: Element | null;
  /** Every date the page writes, for pickPublished once the body is known. */
  dates: DateMark[];
  /** The page's own JSON-LD article object, if any, and every JSON-LD object. */
  article: LD | null;
  ld: LD[];
  /** The <title> text as the page wrote it. */
  titleTag: string;
  /** The page declares US English: numeric dates are month first. */
  monthFirst: boolean;
}

/** `info`: the page's measures (stats.ts), when already taken: their class hints and text counts
 * spare the walk computing them again. */
export function extractMetadata(doc: AnyNode, url: string | undefined, info?: Map<Element, Info>): Metadata {
  const g = gather(doc, info);
  const prov: Record<string, string> = {};
  const m = metaValue(g);
  const ld = flattenLd(g.jsonld);
  const shown = `${g.titleTag} ${g.h1s.map((h) => textOf(h)).join(' ')}`;
  const article = mainArticle(ld, shown, [url ?? '', g.canonical]);

  // Canonical URL first: it is the base the rest resolves against.
  const canonical = pickCanonical(g, m, article, url);
  if (canonical.source) prov.canonicalUrl = canonical.source;
  const pageUrl = url ?? canonical.value ?? undefined;
  const host = hostName(pageUrl);
  const site = pickSite(m, ld, article);
  if (site.source) prov.site = site.source;
  const title = pickTitle(g, article, m, site.value, host);
  if (title.source) prov.title = title.source;
  const authors = pickAuthors(g, article, site.value);
  if (authors.source) prov.authors = authors.source;
  const language = pickLanguage(g, m, article);
  if (language.source) prov.language = language.source;
  const tags = pickTags(g, article);
  if (tags.source) prov.tags = tags.source;
  const image = pickLeadImage(g, m, article, pageUrl);
  if (image.source) prov.leadImage = image.source;
  const description = m('og:description') || m('description') || m('twitter:description') || (article ? str(article.description) : '') || null;
  return {
    title: title.title, authors: authors.value, site: site.value, language: language.value, canonicalUrl: canonical.value,
    tags: tags.value, leadImage: image.value, description, provenance: prov, titleEl: title.titleEl,
    dates: g.dates, article, ld, titleTag: g.titleTag, monthFirst: /^en[-_]us$/i.test(g.htmlLang.trim()),
  };
}
