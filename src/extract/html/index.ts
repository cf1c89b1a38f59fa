// HTML extraction: main text as typed blocks, metadata with provenance. One parse, one measuring
// pass, then the cascade picks the article; nothing from the page is executed or returned raw.
import { parseDocument } from 'htmlparser2';
import type { Block, DateSource, Removed } from '../../types.ts';
import { parseAuthors } from './authors.ts';
import { isBylineLine } from './boilerplate.ts';
import { boundHtml } from './bound.ts';
import { defaultModel, furnitureScores, reasonFor, type BoilerplateModel, type Unit } from '../model/index.ts';
import { titleKey } from './blocks.ts';
import { extractBody } from './cascade.ts';
import { collapse, findFirst, isAncestor, NEVER_TEXT, textOf, walk, type Element } from './dom.ts';
import { isDekHint } from './hints.ts';
import { extractMetadata, pickPublished, type Metadata } from './meta/index.ts';
import { ldBody } from './meta/jsonld.ts';
import { matches, ruleFor } from './site-rules.ts';
import { linkDensity, measure, type Stats } from './stats.ts';
import { placements } from './structure.ts';

/** The page's metadata (language: declared in html lang or meta, primary subtag), its subtitle,
 * and the body as blocks with the removed clutter. `provenance` says where each metadata field
 * came from ({ title: 'json-ld', authors: 'meta', … }) and `body` names the cascade step used. */
export interface HtmlExtraction extends Omit<Metadata, 'description' | 'titleEl' | 'dates' | 'article' | 'ld' | 'titleTag' | 'monthFirst'> {
  publishedAt: string | null;
  publishedAtSource: DateSource | null;
  updatedAt: string | null;
  subtitle: string | null;
  blocks: Block[];
  removed: Removed[];
  /** What a reader of the result should know about how it was made: bounds hit, fallbacks taken. */
  notes: string[];
}

const MAX_REMOVED = 200;
/** The structured data's text replaces the markup's when it has at least this many characters
 * and the markup gave less than this share of it. */
const MIN_STRUCTURED = 400;
const STRUCTURED_SHARE = 0.5;

export interface HtmlOptions {
  /** The page's URL, when known: resolves links, names the site, may carry the date. */
  url?: string;
  /** The boilerplate model to use: the committed one by default, null for none (training). */
  model?: BoilerplateModel | null;
  /** Receives the candidate body blocks before the model judges them (training). */
  collect?: (units: Unit[]) => void;
}

export function extractHtml(html: string, opts: HtmlOptions = {}): HtmlExtraction {
  // The parser's work is bounded before it starts (see bound.ts).
  const bounded = boundHtml(html);
  const notes = bounded.notes;
  const doc = parseDocument(bounded.html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const stats = measure(doc);
  const meta = extractMetadata(doc, opts.url, stats.info);
  const body = stats.body ?? findFirst(doc, (el) => el.name === 'html');
  const rule = ruleFor(opts.url ?? meta.canonicalUrl);
  const drop = new Set<Element>();
  if (rule?.drop?.length && body) {
    walk(body, (el) => {
      if (rule.drop!.some((s) => matches(el, s))) {
        drop.add(el);
        return false;
      }
      return true;
    });
  }
  const tkey = titleKey(meta.title);
  const titleOrder = meta.titleEl ? (stats.info.get(meta.titleEl)?.order ?? -1) : -1;
  const res = body
    ? extractBody(body, stats, { titleKey: tkey, titleOrder, titleEl: meta.titleEl, rule, drop })
    : { blocks: [], links: [], owners: [], furniture: [], removed: [], chars: 0, step: 'empty' as const, nodes: [] };

  let blocks = res.blocks;
  let links = res.links;
  let owners = res.owners;
  if (res.step === 'relaxed') notes.push('everything looked like page furniture: the best candidate was kept as the body, with its furniture hints ignored');
  if (rule?.boilerplate?.length) {
    const keep = blocks.map((b) => {
      const hit = rule.boilerplate!.some((re) => re.test(b.text));
      if (hit) res.removed.push({ text: b.text, reason: 'boilerplate' });
      return !hit;
    });
    blocks = blocks.filter((_, i) => keep[i]);
    links = links.filter((_, i) => keep[i]);
    owners = owners.filter((_, i) => keep[i]);
  }
  // The learned signal: calls to action, sign-in and subscription notices, related links and
  // comments that sit inside the article's container (see ../model).
  const model = opts.model === undefined ? defaultModel() : opts.model;
  let units: Unit[] = [];
  if ((model && blocks.length > 1) || opts.collect) {
    const place = placements(owners, blocks.map((b) => b.text), stats, res.furniture);
    units = blocks.map((b, i) => ({ text: b.text, kind: b.kind, link: links[i] ?? 0, isText: false, place: place[i] }));
    opts.collect?.(units);
  }
  if (model && blocks.length > 1) {
    const scores = furnitureScores(model.html, units);
    const kept = blocks.filter((_, i) => scores[i]! < model.html.threshold);
    if (kept.length) {
      blocks.forEach((b, i) => {
        if (scores[i]! >= model.html.threshold) res.removed.push({ text: b.text, reason: reasonFor(b.text) });
      });
      blocks = kept;
    }
  }

  // The page's structured data may hold the article that its markup does not show (rendered by
  // scripts, behind a notice or a teaser): taken when the markup gave much less.
  const shownChars = blocks.reduce((n, b) => n + b.text.length, 0);
  if (meta.ld.length) {
    const parts = ldBody(meta.ld, meta.article, `${meta.titleTag} ${meta.title}`);
    const chars = parts?.reduce((n, p) => n + p.length, 0) ?? 0;
    if (parts && chars >= MIN_STRUCTURED && shownChars < STRUCTURED_SHARE * chars) {
      for (const b of blocks) res.removed.push({ text: b.text, reason: 'boilerplate' });
      blocks = parts.map((text) => ({ kind: 'p' as const, text }));
      res.step = 'structured-data';
      notes.push(`the page's markup held ${shownChars} characters of text, its structured data (JSON-LD) ${chars}: the article was taken from the structured data`);
    }
  }

  // The standfirst: visible under the headline, often outside the body container.
  const dek = body ? findDek(body, stats, meta.titleEl, meta.description, res.nodes, meta.title) : null;
  let subtitle: string | null = null;
  const provenance: Record<string, string> = { ...meta.provenance, body: res.step };
  if (dek) {
    subtitle = dek;
    provenance.subtitle = 'page';
    const k = titleKey(dek);
    const idx = blocks.findIndex((b) => titleKey(b.text) === k);
    if (idx < 0) blocks = [{ kind: 'p', text: dek }, ...blocks];
    else if (idx > 0 && idx < 4) blocks = [blocks[idx]!, ...blocks.slice(0, idx), ...blocks.slice(idx + 1)];
  } else if (meta.description && isRealDek(meta.description, meta.title, blocks)) {
    subtitle = meta.description;
    provenance.subtitle = 'meta';
  }

  // A byline line taken out of the body names the authors when nothing else did.
  let authors = meta.authors;
  if (!authors.length) {
    for (const r of res.removed) {
      if (r.reason !== 'metadata' || !isBylineLine(r.text)) continue;
      authors = parseAuthors(r.text);
      if (authors.length) {
        provenance.authors = 'byline';
        break;
      }
    }
  }
  // The date, now that the article's place on the page is known.
  const date = pickPublished(meta.dates, meta.ld, meta.article, {
    titleEl: meta.titleEl, nodes: res.nodes, info: stats.info, urls: [opts.url, meta.canonicalUrl], monthFirst: meta.monthFirst, title: meta.titleTag,
  });
  if (date.how) provenance.publishedAt = date.how;
  if (date.updatedHow) provenance.updatedAt = date.updatedHow;
  const removed = [...outsideClutter(body, stats, res.nodes), ...res.removed].slice(0, MAX_REMOVED);
  return {
    title: meta.title.normalize('NFC'),
    subtitle: subtitle?.normalize('NFC') ?? null,
    authors: authors.map((a) => a.normalize('NFC')),
    publishedAt: date.publishedAt,
    publishedAtSource: date.source,
    updatedAt: date.updatedAt,
    site: meta.site?.normalize('NFC') ?? null,
    language: meta.language,
    canonicalUrl: meta.canonicalUrl,
    tags: meta.tags.map((t) => t.normalize('NFC')),
    leadImage: meta.leadImage,
    blocks,
    removed,
    provenance,
    notes,
  };
}

/** Text of blocks joined the way the contract's `text` field wants it. */
export function blocksText(blocks: Block[]): string {
  return blocks.map((b) => b.text).join('\n\n');
}

const DEK_TAGS = new Set(['p', 'div', 'h2', 'h3', 'span', 'section', 'header', 'strong']);
const ELLIPSIS = /(?:…|\.\.\.)\s*$/;

// A description is a dek when it is written for the article, not cut from its first paragraph.
function isRealDek(desc: string, title: string, blocks: Block[]): boolean {
  const d = collapse(desc);
  if (d.length < 30 || d.length > 500 || ELLIPSIS.test(d)) return false;
  const k = titleKey(d);
  if (k === titleKey(title)) return false;
  const first = blocks.length ? titleKey(blocks[0]!.text) : '';
  return !(first && (first.startsWith(k) || k.startsWith(first)));
}

function findDek(body: Element, stats: Stats, titleEl: Element | null, description: string | null, nodes: Element[], title: string): string | null {
  const descKey = description ? titleKey(description).replace(/\s*…$/, '') : '';
  const descLen = descKey.replace(/\s/g, '').length;
  const tKey = titleKey(title);
  const scopes: Element[] = [];
  // Near the headline: its parent and grandparent (the article header).
  let p = titleEl?.parent;
  for (let k = 0; p && p.type === 'tag' && k < 3; k++, p = p.parent) {
    const e = p as Element;
    if (e === body) break;
    scopes.push(e);
  }
  if (nodes.length) scopes.push(nodes[0]!);
  const titleOrder = titleEl ? (stats.info.get(titleEl)?.order ?? -1) : -1;
  for (const scope of scopes) {
    let found: string | null = null;
    let budget = 400;
    walk(scope, (el) => {
      if (found || budget-- <= 0) return false;
      const i = stats.info.get(el);
      if (!i || i.hidden || NEVER_TEXT.has(el.name)) return false;
      if (titleEl && (el === titleEl || isAncestor(el, titleEl))) return true;
      if (titleOrder >= 0 && i.order < titleOrder) return false;
      if (i.text < 20 || i.text > 700) return i.text > 700;
      if (linkDensity(i) > 0.3) return false;
      const byHint = isDekHint(i.hints) && DEK_TAGS.has(el.name) && i.clutter === null;
      // Comparing text with the description costs a string build: only for plausible lengths.
      const maybeDesc = descLen > 20 && i.text > 0.5 * descLen && i.text < 1.6 * descLen;
      if (!byHint && !maybeDesc) return true;
      const t = textOf(el);
      const k = titleKey(t);
      if (k === tKey) return false;
      const byDesc = maybeDesc && (k === descKey || (k.length > 30 && (descKey.startsWith(k) || k.startsWith(descKey))));
      if (byDesc || byHint) {
        found = t;
        return false;
      }
      return true;
    });
    if (found) return found;
  }
  return null;
}

// Clutter outside the chosen body, recorded so a reader can see what was left out and why.
function outsideClutter(body: Element | null, stats: Stats, nodes: Element[]): Removed[] {
  if (!body) return [];
  const inside = new Set(nodes);
  const out: Removed[] = [];
  walk(body, (el) => {
    if (out.length >= MAX_REMOVED / 2) return false;
    if (inside.has(el)) return false;
    const i = stats.info.get(el);
    if (!i || i.hidden || NEVER_TEXT.has(el.name) || i.text === 0) return false;
    if (i.clutter && !nodes.some((n) => isAncestor(el, n))) {
      const t = textOf(el);
      if (t) out.push({ text: t.length > 2000 ? `${t.slice(0, 2000)}…` : t, reason: i.clutter });
      return false;
    }
    return true;
  });
  return out;
}
