// Scraped plain text → article. The page is read as lines, the way a person skims it:
// chrome before the title, the title (often repeated), a header (tags, subtitle, byline, date),
// the body, and a tail (author bio, related links, comment forms, metadata footers, scraper
// errors). Every line that is not body is kept in `removed` with its reason.
//
// Order is important: lines are first labelled on their own (clutter vocabulary, metadata
// fields), then the title is found, then the header and tail zones are laid out around it, and
// only then are body lines repaired into blocks, so that repair never sees clutter.
import type { Block, DateSource, ExtractedArticle, Removed, RemovalReason } from '../../types.ts';
import { cleanText, countWords, fold, squash } from '../../text/unicode.ts';
import { ANY_CLUTTER, CLUTTER_RULES, META_LABELS, SCRAPER_ERROR, UI_WORDS, isMenuLine, type MetaField } from '../clutter.ts';
import { parseDate } from '../dates.ts';
import { isNameLike, parseByline } from '../names.ts';
import { defaultModel, furnitureScores, reasonFor, type BoilerplateModel } from '../model/index.ts';
import { textDate } from './published.ts';
import { looksLikeHeading, repairLine } from './repair.ts';

export interface TextExtractOptions {
  /** True for a folded short line seen in other, distinct documents of the same site. */
  siteBoilerplate?: (foldedLine: string) => boolean;
  /** Known from the transport or the record, when there is one. */
  url?: string | null;
  title?: string | null;
  /** The boilerplate model: the committed one by default, null for none. */
  model?: BoilerplateModel | null;
}

type Role = 'chrome' | 'title' | 'subtitle' | 'byline' | 'tag' | 'meta' | 'body' | 'removed';

interface Line {
  /** Names if the line reads as a byline, computed once (header layout asks several times). */
  byline?: string[];
  /** The date the line holds (parseDate), computed once for the same reason. */
  date?: string | null;
  text: string;
  key: string;
  words: number;
  role?: Role;
  reason?: RemovalReason;
  ends?: boolean;
  meta?: { field: MetaField; value: string };
}

const MAX_TITLE_WORDS = 35;
const HEADER_SPAN = 10; // lines after the title where header material may appear
const SHORT_LINE_WORDS = 12;
const MAX_CLUTTER_WORDS = 30; // lines this short can be site boilerplate by statistics
const LETTER = /\p{L}/u;
const META_LINE = /^[•·*▪►-]?\s*([\p{L}][\p{L}' ’-]{1,30}?)\s*:\s*(.*)$/u;
const BULLET = /^[•·*▪►–-]\s+/u;

/** A text cleaned and cut into lines once; both the site statistics and extraction read it. */
export interface PreparedText {
  text: string;
  scraperError: Removed | null;
  lines: ReadonlyArray<{ readonly text: string; readonly key: string; readonly words: number }>;
}

export function prepareText(raw: string): PreparedText {
  const cut: Removed[] = [];
  const text = cutScraperError(cleanText(raw), cut);
  const lines = [];
  for (const l of text.split('\n')) {
    const t = l.trim(); // cleanText left single spaces only
    if (!t) continue;
    const words = countWords(t);
    // Long lines are matched only against exact repeats of themselves: a cheap key will do.
    lines.push({ text: t, key: words > 40 ? t.toLowerCase() : fold(t), words });
  }
  return { text, scraperError: cut[0] ?? null, lines };
}

export function extractText(input: string | PreparedText, opts: TextExtractOptions = {}): ExtractedArticle {
  const prepared = typeof input === 'string' ? prepareText(input) : input;
  const { text } = prepared;
  const removed: Removed[] = prepared.scraperError ? [prepared.scraperError] : [];
  // Every field set from the start: lines then share one object shape, which keeps the functions
  // that read them fast.
  const lines: Line[] = prepared.lines.map((l) => ({
    text: l.text, key: l.key, words: l.words, role: undefined, reason: undefined, ends: undefined, meta: undefined, byline: undefined, date: undefined,
  }));

  for (const line of lines) labelAlone(line);

  const meta: Meta = { authors: [], tags: [], url: opts.url ?? null, site: null, published: null, updated: null };
  const titleAt = findTitle(lines, opts.title);
  const title = opts.title?.trim() || (titleAt >= 0 ? lines[titleAt]!.text : '');
  const titleKey = fold(title);
  if (titleAt >= 0) lines[titleAt]!.role = 'title';
  // Before the title: section names, breadcrumbs, kickers.
  for (let i = 0; i < titleAt; i++) if (!lines[i]!.role) setRemoved(lines[i]!, 'navigation');

  const bodyFrom = layOutHeader(lines, titleAt, titleKey, meta);
  layOutBody(lines, bodyFrom, titleKey, meta, opts.siteBoilerplate);
  judgeBody(lines, opts.model === undefined ? defaultModel() : opts.model);

  // Collect the fields, the removed pieces and the body blocks in reading order.
  let subtitle: string | null = null;
  const blocks: Block[] = [];
  const bodyLines: Line[] = [];
  for (const line of lines) {
    if (line.meta) applyMeta(meta, line.meta);
    if (line.role === 'subtitle') subtitle ??= line.text;
    if (line.role === 'removed' || line.role === 'chrome' || line.role === 'meta' || line.role === 'tag' || line.role === 'byline')
      removed.push({ text: line.text, reason: line.reason ?? 'metadata' });
    if (line.role === 'body') bodyLines.push(line);
  }
  bodyLines.forEach((line, i) => blocks.push(...toBlocks(line.text, i < bodyLines.length - 1)));
  if (!meta.published) {
    // No date field: the lines around the body say it (header, dateline, footer), else the URL.
    const first = lines.indexOf(bodyLines[0]!);
    const last = lines.indexOf(bodyLines[bodyLines.length - 1]!);
    const d = textDate(lines.map((l, i) => ({ text: l.text, words: l.words, zone: i === first ? 'first' : first < 0 || i < first ? 'header' : i > last ? 'footer' : 'body' })), meta.url);
    if (d) {
      meta.published = d.value;
      meta.publishedSource = d.source;
    }
  }
  if (!title && blocks.length) {
    // No title line at all: the first sentence stands in, and stays in the body.
    const first = blocks[0]!.text;
    return finish({ title: first.split(/(?<=[.!?])\s/u)[0]!.slice(0, 200), subtitle, blocks, removed, meta });
  }
  // Reading order: where each piece first occurs in the text, looked up once per piece.
  const at = new Map(removed.map((r) => [r.text, text.indexOf(r.text)]));
  removed.sort((a, b) => at.get(a.text)! - at.get(b.text)!);
  return finish({ title, subtitle, blocks, removed, meta });
}

interface Meta {
  authors: string[];
  tags: string[];
  url: string | null;
  site: string | null;
  published: string | null;
  /** Where the published date came from, when not from a metadata field. */
  publishedSource?: DateSource;
  updated: string | null;
}

function bylineOf(line: Line): string[] {
  return (line.byline ??= line.words <= 12 ? parseByline(line.text) : []);
}

function dateOf(line: Line): string | null {
  if (line.date === undefined) line.date = parseDate(line.text);
  return line.date;
}

function setRemoved(line: Line, reason: RemovalReason): void {
  line.role = 'removed';
  line.reason = reason;
}

// Scraper and server errors are glued to the end of the page, often after a run of dots.
function cutScraperError(text: string, removed: Removed[]): string {
  // Only a tail: an error message in the first half of a page is quoted text, not debris.
  const half = Math.floor(text.length / 2);
  const m = SCRAPER_ERROR.exec(text.slice(half));
  if (!m) return text;
  let at = half + m.index;
  while (at > 0 && /[\s.·]/.test(text[at - 1]!)) at--;
  removed.push({ text: squash(text.slice(at)), reason: 'scraper-error' });
  return text.slice(0, at);
}

// What a line is on its own, before any layout: clutter, chrome, a metadata field.
function labelAlone(line: Line): void {
  if (!LETTER.test(line.text)) return setRemoved(line, 'boilerplate');
  if (UI_WORDS.test(line.text)) return setRemoved(line, 'navigation');
  const m = line.words <= 40 && line.text.includes(':') ? META_LINE.exec(line.text) : null;
  if (m) {
    const label = m[1]!.trim();
    const field = META_LABELS.find((l) => l.pattern.test(label))?.field;
    if (field && plausibleMeta(field, m[2]!.trim())) {
      line.role = 'meta';
      line.reason = 'metadata';
      if (m[2]!.trim()) line.meta = { field, value: m[2]!.trim() };
      return;
    }
  }
  // The vocabulary describes short lines; a paragraph is never furniture on its own.
  if (line.words > MAX_CLUTTER_WORDS) return;
  if (ANY_CLUTTER.test(line.text))
    for (const rule of CLUTTER_RULES) {
      if (rule.pattern.test(line.text)) {
        setRemoved(line, rule.reason);
        if (rule.ends) line.ends = true;
        return;
      }
    }
  if (line.words <= 40 && isMenuLine(line.text)) setRemoved(line, 'navigation');
}

// "Mise à jour : un accord a été signé dans la soirée…" is an update note, not a date field: a
// field's value must look like what the field holds.
function plausibleMeta(field: MetaField, value: string): boolean {
  const n = countWords(value);
  switch (field) {
    case 'url':
      return n === 0 || /^https?:\/\/\S+$/u.test(value);
    case 'date':
    case 'updated':
      return n === 0 || (n <= 12 && parseDate(value) !== null) || n <= 3;
    case 'author':
      return n <= 10;
    case 'site':
      return n <= 6;
    case 'tags':
    case 'category':
      return n <= 20;
  }
}

function isTitleLike(line: Line): boolean {
  return (
    !line.role &&
    line.words >= 2 &&
    line.words <= MAX_TITLE_WORDS &&
    line.text.length <= 300 &&
    !/[.,;:]$/u.test(line.text.replace(/\.\.\.$|…$/u, '!')) &&
    /^[«“"‘'(]?[\p{Lu}\d]/u.test(line.text) &&
    !isNameLike(line.text)
  );
}

// The title is among the first lines. Each candidate is scored on what a reader uses: a title is
// a phrase of some length, pages print it twice (header and above the body), a byline or a date
// follows it; a masthead is short, often in capitals or with a tagline after a bar, and its name
// comes back in the footer ("© Le Courrier Éco 2026").
function findTitle(lines: Line[], known: string | null | undefined): number {
  if (known) return lines.findIndex((l) => l.key === fold(known));
  const window: number[] = [];
  for (let i = 0; i < lines.length && window.length < 10; i++) {
    const line = lines[i]!;
    if (line.role) continue;
    if (line.words > MAX_TITLE_WORDS) break; // the body has begun
    if (isTitleLike(line)) window.push(i);
  }
  if (!window.length) return -1;
  let best = window[0]!;
  let bestScore = -Infinity;
  const firstOf = new Map<string, number>();
  for (const i of window) if (!firstOf.has(lines[i]!.key)) firstOf.set(lines[i]!.key, i);
  window.forEach((i, rank) => {
    const line = lines[i]!;
    // A repeated title is one candidate: scored on its best occurrence, placed at its first.
    const at = firstOf.get(line.key)!;
    let score = -rank * 0.25;
    if (line.words >= 4) score += 2;
    if (line.words >= 6 && line.words <= 30) score += 1;
    // Repeated, or restated inside a longer line (the end of a breadcrumb): a title. A short
    // phrase found inside other lines is rather a masthead ("© Le Courrier Éco 2026").
    let repeats = 0;
    for (const l of lines) if (l.key === line.key) repeats++;
    // (Searching the other lines is skipped when its answer cannot change the score.)
    const restated =
      (repeats <= 1 || line.words <= 5) && lines.some((l) => l.words <= 60 && l.key.length > line.key.length && l.key.includes(line.key));
    if (repeats > 1 || (restated && line.words >= 6)) score += 2;
    if (restated && line.words <= 5) score -= 3;
    const gap = headerGap(lines, i);
    if (gap <= 2) score += 3;
    else if (gap <= 4) score += 1;
    // In capitals: a masthead. A lower-case ASCII letter says it is not, without gathering letters.
    if (!/[a-z]/.test(line.text)) {
      const letters = line.text.replace(/[^\p{L}]/gu, '');
      if (letters.length > 3 && letters === letters.toUpperCase()) score -= 3;
    }
    if (/\s[|·]\s/u.test(line.text)) score -= 2;
    if (score > bestScore) {
      bestScore = score;
      best = at;
    }
  });
  return best;
}

// How many lines below `at` a byline or date comes (clutter lines not counted); Infinity if none near.
function headerGap(lines: Line[], at: number): number {
  let gap = 0;
  for (let j = at + 1; j < lines.length && gap < 4; j++) {
    const l = lines[j]!;
    if (l.role === 'removed') continue;
    gap++;
    if (l.role === 'meta' || bylineOf(l).length) return gap;
    if (l.words <= 14 && dateOf(l)) return gap;
    if (l.words > MAX_TITLE_WORDS) break;
  }
  return Infinity;
}

// Between the title and the body: the title again, category tags, a subtitle, bylines, dates.
// The header ends at the last such marker within reach; a subtitle is only believed when a
// marker follows it (else it is the body's first paragraph, a lede).
function layOutHeader(lines: Line[], titleAt: number, titleKey: string, meta: Meta): number {
  if (titleAt < 0) return 0;
  let lastMarker = titleAt;
  let seenLong = false;
  const candidates: number[] = [];
  for (let i = titleAt + 1; i < lines.length && i <= titleAt + HEADER_SPAN; i++) {
    const line = lines[i]!;
    if (line.role === 'meta') {
      lastMarker = i;
      continue;
    }
    if (line.role) continue;
    if (line.key === titleKey) {
      setRemoved(line, 'duplicate');
      lastMarker = i;
      continue;
    }
    const byline = bylineOf(line);
    if (byline.length) {
      line.role = 'byline';
      line.reason = 'metadata';
      for (const name of byline) if (!meta.authors.includes(name)) meta.authors.push(name);
      lastMarker = i;
      continue;
    }
    if (line.words <= 16 && !/[.!?]$/u.test(line.text) && dateOf(line)) {
      line.role = 'meta';
      line.reason = 'metadata';
      line.meta = { field: 'date', value: line.text };
      lastMarker = i;
      continue;
    }
    // Category tags sit right under the title: a word or three, no sentence.
    if (!seenLong && !candidates.length && line.words <= 3 && !/[.!?:]$/u.test(line.text)) {
      line.role = 'tag';
      line.reason = 'metadata';
      line.meta = { field: 'tags', value: line.text };
      lastMarker = Math.max(lastMarker, i);
      continue;
    }
    if (line.words >= 25) seenLong = true;
    if (seenLong) break;
    // Two text lines in a row with no header marker between them: the body has begun (a later
    // "Mise à jour :" note is a footnote, not the end of a header).
    if (candidates.length && candidates[candidates.length - 1]! > lastMarker) break;
    candidates.push(i);
  }
  for (const i of candidates) if (i < lastMarker && lines[i]!.words >= 3) {
    lines[i]!.role = 'subtitle';
    break;
  }
  // Anything else above the last marker that is not the subtitle was header chrome (captions, credits).
  for (const i of candidates) if (i < lastMarker && !lines[i]!.role) setRemoved(lines[i]!, 'boilerplate');
  return lastMarker + 1;
}

// The body runs from the header to the first line that opens the tail: a section terminator
// from the vocabulary, the author's name standing alone again, or a metadata footer.
function layOutBody(lines: Line[], from: number, titleKey: string, meta: Meta, siteBoilerplate?: (k: string) => boolean): void {
  const seen = new Set<string>();
  const authorKeys = new Set(meta.authors.map(fold));
  let tail: RemovalReason | null = null;
  let bodyWords = 0;
  // A tail can only open once there is a body worth the name: a menu item reading "Commentaires"
  // or the author's name in a header the layout missed must not swallow the article.
  const MIN_BODY_WORDS = 60;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.role === 'removed' || line.role === 'title') {
      if (line.ends && bodyWords >= MIN_BODY_WORDS) tail ??= line.reason ?? 'boilerplate';
      seen.add(line.key);
      continue;
    }
    if (line.role === 'meta') {
      // A run of two metadata fields after the body is a footer: what follows is not body.
      if (bodyWords >= MIN_BODY_WORDS && lines[i + 1]?.role === 'meta') tail ??= 'boilerplate';
      if (line.meta?.field === 'author') for (const n of parseByline(line.meta.value)) authorKeys.add(fold(n));
      if (seen.has(line.key)) setRemoved(line, 'duplicate'), (line.meta = undefined);
      seen.add(line.key);
      continue;
    }
    if (seen.has(line.key) || line.key === titleKey) {
      setRemoved(line, 'duplicate');
      continue;
    }
    seen.add(line.key);
    if (bodyWords >= MIN_BODY_WORDS && (authorKeys.has(line.key) || (lines[i + 1]?.key === line.key && isNameLike(line.text)))) {
      // The author's name alone after the body: the bio box and the author's other articles follow.
      tail ??= 'author-bio';
      setRemoved(line, 'author-bio');
      continue;
    }
    if (bodyWords >= MIN_BODY_WORDS && isAuthorBio(line, authorKeys)) {
      // "Sandrine Oudin est journaliste aux …": the bio box, and the end of the article.
      tail ??= 'author-bio';
      setRemoved(line, 'author-bio');
      continue;
    }
    if (tail) {
      setRemoved(line, tail);
      continue;
    }
    if (line.words <= SHORT_LINE_WORDS && siteBoilerplate?.(line.key)) {
      setRemoved(line, 'boilerplate');
      continue;
    }
    line.role = 'body';
    bodyWords += line.words;
  }
  trimTrailingLinks(lines);
}

// After the last real paragraph, short unpunctuated lines are link lists and mastheads
// ("Grenoble, capitale discrète du logiciel industriel", "Le Courrier Éco"), not an ending.
function trimTrailingLinks(lines: Line[]): void {
  const body = lines.filter((l) => l.role === 'body');
  let end = body.length;
  while (end > 0) {
    const l = body[end - 1]!;
    if (BULLET.test(l.text) || /[.!?…»”"]$/u.test(l.text) || l.words >= 20) break;
    end--;
  }
  const trailing = body.slice(end);
  if (trailing.length === body.length) return; // nothing but short lines: leave the body alone
  for (const l of trailing) setRemoved(l, trailing.length >= 2 ? 'related' : 'boilerplate');
}

// The learned signal over what the layout left as body: calls to action, sign-in and subscription
// notices, related links, comment counters and credits, in any of the languages the cues know,
// wherever they sit (see ../model). The body is never emptied.
function judgeBody(lines: Line[], model: BoilerplateModel | null): void {
  if (!model) return;
  const body = lines.filter((l) => l.role === 'body');
  if (body.length < 2) return;
  const scores = furnitureScores(model.text, body.map((l) => ({ text: l.text, kind: 'p', link: 0, isText: true })));
  if (scores.every((p) => p >= model.text.threshold)) return;
  body.forEach((l, i) => {
    if (scores[i]! >= model.text.threshold) setRemoved(l, reasonFor(l.text));
  });
}

const BIO_WORDS = /\b(journaliste|journalist|reporter|r[ée]dact(eur|rice)|correspondant|correspondent|editor|chroniqueu|writes (about|for)|[ée]crit (sur|pour)|couvre|covers|a rejoint la r[ée]daction|joined .{0,30} in \d{4})/iu;

function isAuthorBio(line: Line, authorKeys: Set<string>): boolean {
  for (const a of authorKeys) if (line.key.startsWith(`${a} `) && BIO_WORDS.test(line.text)) return true;
  return false;
}

function toBlocks(text: string, followed: boolean): Block[] {
  const bullet = BULLET.exec(text);
  if (bullet) return [{ kind: 'li', text: text.slice(bullet[0].length) }];
  if (/^[«“"]/u.test(text) && /[»”"][.!?]?$/u.test(text) && text.length > 40) return [{ kind: 'quote', text }];
  // A short line with no closing punctuation, followed by more text, is a subheading.
  if (followed && looksLikeHeading(text) && !isNameLike(text)) return [{ kind: 'h', text }];
  return repairLine(text);
}

function applyMeta(meta: Meta, { field, value }: { field: MetaField; value: string }): void {
  switch (field) {
    case 'url': {
      const url = /https?:\/\/\S+/u.exec(value)?.[0];
      if (url && !meta.url) meta.url = url;
      break;
    }
    case 'author':
      for (const name of parseByline(value)) if (!meta.authors.includes(name)) meta.authors.push(name);
      break;
    case 'date':
      meta.published ??= parseDate(value);
      break;
    case 'updated':
      meta.updated ??= parseDate(value);
      break;
    case 'tags':
    case 'category':
      for (const t of value.split(/\s*[,;|]\s*/u)) if (t && !meta.tags.includes(t)) meta.tags.push(t);
      break;
    case 'site':
      meta.site ??= value;
      break;
  }
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./u, '');
  } catch {
    return null;
  }
}

// The outlet's name: a "Source :" field, else a tag that spells the URL's host ("L’Express" for
// lexpress.fr), else the host itself.
function siteName(meta: Meta): string | null {
  if (meta.site && !/^https?:/u.test(meta.site)) return meta.site;
  const host = hostOf(meta.url);
  if (!host) return null;
  const label = host.split('.').slice(-2, -1)[0] ?? host;
  const squeeze = (s: string): string => fold(s).replace(/[^a-z0-9]/gu, '');
  const squeezed = squeeze(label);
  return meta.tags.find((t) => squeeze(t) === squeezed) ?? host;
}

function finish(parts: { title: string; subtitle: string | null; blocks: Block[]; removed: Removed[]; meta: Meta }): ExtractedArticle {
  const { meta } = parts;
  const published = meta.published ?? meta.updated;
  const source: DateSource | null = published ? (meta.published ? (meta.publishedSource ?? 'metadata') : 'metadata') : null;
  return {
    url: meta.url,
    title: parts.title,
    subtitle: parts.subtitle,
    authors: meta.authors,
    site: siteName(meta),
    tags: meta.tags,
    publishedAt: published,
    publishedAtSource: source,
    language: 'und',
    text: parts.blocks.map((b) => b.text).join('\n\n'),
    blocks: parts.blocks,
    removed: parts.removed,
  };
}

/** The folded short lines of a text (candidates for site boilerplate) and a key that two copies
 * of one document share (its longest line), for the statistical clutter signal. */
export function siteLines(prepared: PreparedText): { lines: string[]; docKey: string } {
  const lines = new Set<string>();
  let longest = '';
  for (const l of prepared.lines) {
    if (l.key.length > longest.length) longest = l.key;
    if (l.words >= 1 && l.words <= SHORT_LINE_WORDS && l.text.length <= 120) lines.add(l.key);
  }
  return { lines: [...lines], docKey: longest };
}
