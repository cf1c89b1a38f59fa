// extract/: one raw input → one article with its metadata, its clean body in blocks, and every
// removed piece with its reason. One entry verb, `extractArticle`; text and HTML have their own
// folders, records (pushed JSON) are mostly fields already and pass through the text cleaner.
import type { ArticleRecord, ExtractedArticle, RawInput, Removed } from '../types.ts';
import { assertText, decode, sniffHtmlCharset } from '../text/encoding.ts';
import { cleanText } from '../text/unicode.ts';
import { extractHtml } from './html/index.ts';
import { parseDate } from './dates.ts';
import { extractText, prepareText, siteLines, type PreparedText } from './text/index.ts';

/** Bumped when extraction changes in a way worth re-running over stored inputs. */
export const EXTRACTOR_VERSION = 1;

export interface ExtractContext {
  /** Folded short lines that recur in other documents of this input's site. */
  siteBoilerplate?: (foldedLine: string) => boolean;
}

export class ExtractError extends Error {}

// Text inputs are decoded, cleaned and cut into lines once, whether the site statistics or the
// extraction asks first; the entry dies with its input (the pipeline drops a chunk's inputs).
const preparedCache = new WeakMap<RawInput, PreparedText>();

function prepared(raw: RawInput, body: string): PreparedText {
  let p = preparedCache.get(raw);
  if (!p) preparedCache.set(raw, (p = prepareText(body)));
  return p;
}

function recordOf(raw: RawInput): ArticleRecord {
  return JSON.parse(new TextDecoder().decode(raw.bytes)) as ArticleRecord;
}

function recordBody(record: ArticleRecord): string {
  const title = record.title?.trim();
  return title ? `${title}\n\n${record.text ?? ''}` : (record.text ?? '');
}

/** The short lines of a text or record input and its copy key, for the site statistics;
 * undefined for inputs that carry their structure in markup. */
export function siteLineKeys(raw: RawInput): { lines: string[]; docKey: string } | undefined {
  try {
    if (raw.kind === 'text') return siteLines(prepared(raw, decode(raw.bytes, raw.declaredCharset).text));
    if (raw.kind === 'record') {
      const record = recordOf(raw);
      return record.text === undefined ? undefined : siteLines(prepared(raw, recordBody(record)));
    }
  } catch {
    // unreadable: extraction rejects it with the reason
  }
  return undefined;
}

export function extractArticle(raw: RawInput, ctx: ExtractContext = {}): ExtractedArticle {
  assertText(raw.bytes);
  switch (raw.kind) {
    case 'text': {
      const p = preparedCache.get(raw) ?? prepared(raw, decode(raw.bytes, raw.declaredCharset).text);
      return checked(extractText(p, { siteBoilerplate: ctx.siteBoilerplate, url: raw.url ?? null }));
    }
    case 'record':
      return checked(fromRecord(raw, recordOf(raw), ctx));
    case 'html': {
      // Charset: a BOM, then the transport's word, then the page's own <meta charset>.
      const { text } = decode(raw.bytes, raw.declaredCharset ?? sniffHtmlCharset(raw.bytes));
      return checked(fromHtml(text, raw.url ?? null));
    }
    default:
      throw new ExtractError(`${raw.kind} inputs are read by the feeds stage, which is not built yet`);
  }
}

function fromHtml(html: string, url: string | null): ExtractedArticle {
  const h = extractHtml(html, url ? { url } : {});
  const blocks = h.blocks.map((b) => ({ kind: b.kind, text: cleanText(b.text).trim() })).filter((b) => b.text);
  return {
    url: h.canonicalUrl ?? url,
    title: cleanText(h.title).trim(),
    subtitle: h.subtitle,
    authors: h.authors,
    site: h.site,
    tags: h.tags,
    publishedAt: h.publishedAt,
    publishedAtSource: h.publishedAtSource,
    language: h.language?.slice(0, 2).toLowerCase() || 'und',
    text: blocks.map((b) => b.text).join('\n\n'),
    blocks,
    removed: h.removed,
    ...(h.notes.length ? { notes: h.notes } : {}),
  };
}

function fromRecord(raw: RawInput, record: ArticleRecord, ctx: ExtractContext): ExtractedArticle {
  const title = record.title?.trim() || null;
  if (record.html !== undefined && record.text === undefined) {
    const article = fromHtml(record.html, record.url ?? null);
    return { ...article, ...recordFields(record, article) };
  }
  // The record's body still goes through the cleaner: pushed text is often scraped text.
  const article = extractText(prepared(raw, recordBody(record)), { siteBoilerplate: ctx.siteBoilerplate, url: record.url ?? null, title });
  return { ...article, ...recordFields(record, article) };
}

// What a record says about itself wins over what extraction found.
function recordFields(record: ArticleRecord, article: ExtractedArticle): Partial<ExtractedArticle> {
  const authors = typeof record.authors === 'string' ? [record.authors] : (record.authors ?? []);
  // A record's own ISO value is kept as written (its offset, or its Z); other notations are read.
  const given = record.publishedAt?.trim();
  const published = given ? (ISO_VALUE.test(given) && parseDate(given) ? given : parseDate(given)) : null;
  return {
    title: record.title?.trim() || article.title,
    url: record.url ?? article.url,
    subtitle: record.subtitle ?? article.subtitle,
    authors: authors.length ? authors : article.authors,
    site: record.site ?? article.site,
    tags: record.tags ?? article.tags,
    publishedAt: published ?? article.publishedAt,
    publishedAtSource: published ? 'metadata' : article.publishedAtSource,
    language: record.language ?? article.language,
  };
}

// A page that has text is never refused: when everything looked like furniture, the best
// candidate piece (the one that reads most like prose) becomes the body, and a note says so.
const ISO_VALUE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

function checked(a: ExtractedArticle): ExtractedArticle {
  if (a.text.trim()) return a;
  const best = bestCandidate(a.removed);
  if (!best) throw new ExtractError(a.removed.length ? `no article text: only page furniture, no sentence of prose (${a.removed.length} pieces removed)` : 'no article text');
  const blocks = best.text.split(/\n{2,}/).map((t) => t.trim()).filter(Boolean).map((text) => ({ kind: 'p' as const, text }));
  return {
    ...a,
    blocks,
    text: blocks.map((b) => b.text).join('\n\n'),
    removed: a.removed.filter((r) => r !== best),
    notes: [...(a.notes ?? []), `everything looked like page furniture (${a.removed.length} pieces): the best candidate, removed as ${best.reason}, kept as the body`],
  };
}

function bestCandidate(removed: Removed[]): Removed | undefined {
  let best: Removed | undefined;
  let bestScore = 0;
  for (const r of removed) {
    if (r.reason === 'duplicate' || r.reason === 'scraper-error') continue;
    const words = r.text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
    const sentences = r.text.match(/[.!?…](?:\s|$)/gu)?.length ?? 0;
    // Prose: words in sentences; a menu of the same length has none. A few words of chrome
    // ("Leave a Reply") are no article.
    if (words < 12 || !sentences) continue;
    const score = words * (1 + Math.min(sentences, 5));
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}
