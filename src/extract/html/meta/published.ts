// The publication date of a page, chosen among every date it writes (gather.ts collects them)
// once the article's body is known, because where a date sits says whose date it is:
//   1. what the page declares about itself: JSON-LD of its own article, then meta tags, then
//      microdata outside teasers;
//   2. the article's own markup: <time>/<abbr>, dated class names, "published on …" lines, in the
//      article or beside it (header, footer line), published before plain;
//   3. the URL's date;
//   4. dates elsewhere on the page that sit in no teaser;
//   5. a modification date, when nothing says when it was published.
// A date in a teaser (sidebar, related list, link card, navigation) never counts: a rail of
// "Latest" stories carries its own <time pubdate> tags.
// The value is the local date as written: a UTC timestamp is replaced by the same instant the
// page also writes with its offset, or by the article's own visible date when that says another
// day (an evening post in New York is dated the 6th, not the 7th in UTC).
import { dateFromUrl, dayOf, findDateText, parseDate } from '../../dates.ts';
import { BLOCK_TAGS, isAncestor, NEVER_TEXT, textOf, walk, type Element } from '../dom.ts';
import type { Info } from '../stats.ts';
import { dateAlone, type DateMark } from './gather.ts';
import { str, type LD } from './jsonld.ts';

export interface DateContext {
  /** The headline element, if known. */
  titleEl: Element | null;
  /** The article body's container elements, as the extraction chose them. */
  nodes: Element[];
  info: Map<Element, Info>;
  /** The page's URL and its canonical URL. */
  urls: Array<string | null | undefined>;
  /** Numeric dates read month first (the page's language is en-US). */
  monthFirst: boolean;
  /** The <title> text, which some sites begin or end with the date. */
  title?: string;
}

export interface DatePick {
  publishedAt: string | null;
  /** 'metadata' for declared values and markup, 'text' for dates written in the page's text,
   * 'inferred' for the URL. */
  source: 'metadata' | 'text' | 'inferred' | null;
  /** Which candidate won: json-ld, meta, microdata, time-element, abbr, element, text, url. */
  how: string | null;
  updatedAt: string | null;
  updatedHow: string | null;
}

interface Candidate {
  value: string;
  raw: string;
  kind: DateMark['kind'];
  source: DateMark['source'] | 'json-ld' | 'url';
  el: Element | null;
  rank: number;
  zone: Zone;
}

type Zone = 'head' | 'article' | 'near' | 'page' | 'teaser';

const HAS_TIME = /T\d{2}:\d{2}/;
const UTC = /(?:\+00:00|Z)$/;
const OFFSET = /[+-]\d{2}:\d{2}$/;

export function pickPublished(marks: DateMark[], ld: LD[], article: LD | null, ctx: DateContext): DatePick {
  const cands: Candidate[] = [];
  // JSON-LD: the page's own article first (rank 0), then any other object's publication date.
  for (const o of article ? [article, ...ld] : ld) {
    const rank = o === article ? 0 : 1;
    if (rank && o === article) continue;
    for (const [v, kind] of [[o.datePublished, 'published'], [o.dateCreated, 'published'], [o.uploadDate, 'published'], [o.dateModified, 'modified']] as const) {
      const value = v ? parseDate(str(v), { monthFirst: ctx.monthFirst }) : null;
      if (value) cands.push({ value, raw: str(v), kind, source: 'json-ld', el: null, rank, zone: 'head' });
    }
  }
  if (ctx.title) {
    const value = dateAlone(ctx.title) ? findDateText(ctx.title)?.value : null;
    if (value) cands.push({ value, raw: ctx.title, kind: 'plain', source: 'text', el: null, rank: 0, zone: 'page' });
  }
  for (const mk of marks) {
    const value = parseDate(mk.raw, { monthFirst: ctx.monthFirst });
    if (!value) continue;
    const zone = mk.el ? zoneOf(mk.el, ctx) : 'head';
    if (zone === 'teaser') continue;
    // Text found for its cue words says itself which date it is.
    let kind = mk.kind;
    if ((mk.source === 'text' || mk.source === 'element') && kind === 'plain') kind = cueOf(mk.raw);
    cands.push({ value, raw: mk.raw, kind, source: mk.source, el: mk.el, rank: mk.rank, zone });
  }
  // A <time> inside a line that says "Publié le …" is that publication date.
  for (const c of cands) {
    if ((c.source === 'time' || c.source === 'abbr') && c.kind === 'plain' && c.el) {
      if (cands.some((w) => w.kind === 'published' && (w.source === 'element' || w.source === 'text') && w.el && w.el !== c.el && isAncestor(w.el, c.el!))) c.kind = 'published';
    }
  }
  const urlDate = ctx.urls.map((u) => (u ? dateFromUrl(u) : null)).find(Boolean) ?? null;

  const first = (pred: (c: Candidate) => boolean): Candidate | undefined => {
    let best: Candidate | undefined;
    for (const c of cands) if (pred(c) && (!best || c.rank < best.rank)) best = c;
    return best;
  };
  const markup = (c: Candidate): boolean => c.source === 'time' || c.source === 'abbr' || c.source === 'microdata';
  const written = (c: Candidate): boolean => c.source === 'element' || c.source === 'text';
  // Text without a cue word counts only when it is a date alone on its line.
  const datedText = (c: Candidate): boolean => written(c) && (c.kind === 'published' || (c.kind === 'plain' && (c.source === 'element' || dateAlone(c.raw))));
  const steps: Array<(c: Candidate) => boolean> = [
    (c) => c.source === 'json-ld' && c.kind === 'published',
    (c) => c.source === 'meta' && c.kind === 'published',
    (c) => c.source === 'microdata' && c.kind === 'published' && c.zone !== 'page',
  ];
  for (const zone of ['article', 'near'] as const) {
    steps.push(
      (c) => c.zone === zone && markup(c) && c.kind === 'published',
      (c) => c.zone === zone && written(c) && c.kind === 'published',
      (c) => c.zone === zone && markup(c) && c.kind === 'plain',
      (c) => c.zone === zone && datedText(c) && c.kind === 'plain',
    );
  }
  // A dateline opening the body ("01.02.2022 – Der Arbeitsmarkt…", "NANTES, 4 mars 2026 (APO) -").
  const dateline = datelineOf(ctx.nodes);
  if (dateline) {
    const c: Candidate = { value: dateline, raw: dateline, kind: 'plain', source: 'text', el: null, rank: 0, zone: 'article' };
    cands.push(c);
    steps.push((x) => x === c);
  }
  steps.push((c) => c.source === 'meta' && c.kind === 'plain');
  let chosen: Candidate | undefined;
  for (const pred of steps) if ((chosen = first(pred))) break;
  if (!chosen && urlDate) chosen = { value: urlDate, raw: urlDate, kind: 'published', source: 'url', el: null, rank: 0, zone: 'head' };
  chosen ??=
    first((c) => c.zone === 'page' && c.kind === 'published') ??
    first((c) => c.zone === 'page' && c.kind === 'plain' && (markup(c) || c.source === 'element')) ??
    first((c) => c.zone === 'page' && c.kind === 'plain' && datedText(c)) ??
    first((c) => c.kind === 'modified');

  const updated = first((c) => c.kind === 'modified' && (c.source === 'json-ld' || c.source === 'meta')) ?? first((c) => c.kind === 'modified' && c.zone !== 'page');
  const pick: DatePick = { publishedAt: null, source: null, how: null, updatedAt: updated?.value ?? null, updatedHow: updated ? howOf(updated) : null };
  if (!chosen) return pick;
  pick.publishedAt = localValue(chosen, cands, urlDate);
  pick.how = howOf(chosen);
  pick.source = chosen.source === 'url' ? 'inferred' : chosen.source === 'text' || chosen.source === 'element' ? 'text' : 'metadata';
  return pick;
}

// A UTC instant is not the page's day when the page is elsewhere: the same instant written with
// its offset, or the article's own visible date one day apart, or the URL's day one day apart,
// give the local day.
function localValue(chosen: Candidate, cands: Candidate[], urlDate: string | null): string {
  const v = chosen.value;
  if (!HAS_TIME.test(v) || !UTC.test(v)) return v;
  const t = Date.parse(v);
  for (const c of cands) {
    if (c === chosen || !HAS_TIME.test(c.value) || !OFFSET.test(c.value) || UTC.test(c.value)) continue;
    if (Math.abs(Date.parse(c.value) - t) <= 60_000) return c.value;
  }
  const day = dayOf(v);
  const shown = cands.find((c) => (c.source === 'text' || c.source === 'element' || c.source === 'time') && c.zone !== 'page' && !OFFSET.test(c.value) && c.kind !== 'modified' && oneDayApart(dayOf(c.value), day));
  if (shown) {
    // With a time of day, the difference to the instant is the page's offset.
    if (HAS_TIME.test(shown.value)) {
      const local = Date.parse(`${shown.value}Z`);
      const minutes = Math.round((local - t) / 60_000);
      if (minutes % 15 === 0 && Math.abs(minutes) <= 14 * 60) return `${shown.value}${formatOffset(minutes)}`;
    }
    return dayOf(shown.value);
  }
  if (urlDate && oneDayApart(urlDate, day)) return urlDate;
  return v;
}

// The date the body's first words give, when they begin with one: within its first 60 characters,
// before any sentence has ended.
// The first two paragraphs are tried (a summary paragraph sometimes comes first); headings are not.
function datelineOf(nodes: Element[]): string | null {
  const starts: string[] = [];
  for (const n of nodes) {
    walk(n, (el) => {
      if (starts.length >= 2 || NEVER_TEXT.has(el.name) || HEADINGS.has(el.name) || el.name === 'h1') return false;
      if (!PARAGRAPH.has(el.name) || el.children.some((c) => c.type === 'tag' && BLOCK_TAGS.has((c as Element).name))) return true;
      const t = textOf(el);
      if (t) starts.push(t.slice(0, 60));
      return false;
    });
    if (starts.length >= 2) break;
  }
  for (const start of starts) {
    // The date comes first, or after a place name ("NANTES, 4 mars 2026"): within 25 characters,
    // with nothing but capitalised words and commas before it.
    const found = findDateText(start);
    if (found && found.at <= 25 && /^(?:[\p{Lu}][\p{L}'’ -]*,?\s*)*(?:\(?[\p{Lu}]{2,}\)?\s*)?$/u.test(start.slice(0, found.at))) return found.value;
  }
  return null;
}
const PARAGRAPH = new Set(['p', 'div', 'li', 'blockquote', 'td']);

const howOf = (c: Candidate): string => (c.source === 'time' ? 'time-element' : c.source);

function oneDayApart(a: string, b: string): boolean {
  return Math.abs(Date.parse(a) - Date.parse(b)) === 86_400_000;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

const PUBLISHED_WORDS = /(?<!\p{L})(?:publi|paru|mis en ligne|posted|post[ée]|published|released|filed|ver[öo]ffentlicht|erschienen|publicado|datum\b|date\s*:)/iu;
const UPDATED_WORDS = /(?<!\p{L})(?:mis [àa] jour|mise [àa] jour|actualis|modifi|updated|aktualisiert|stand\b|actualizado)/iu;
function cueOf(text: string): DateMark['kind'] {
  const p = PUBLISHED_WORDS.exec(text);
  const u = UPDATED_WORDS.exec(text);
  if (p && (!u || p.index < u.index)) return 'published';
  return u ? 'modified' : 'plain';
}

// Where a date sits. The article: inside the body's containers or the headline's header. Near it:
// beside the body's containers (a footer line under the text). A teaser: inside a link, or a
// list item or block that is mostly links, or anything named as clutter (sidebars, related lists,
// navigation). The page: anywhere else.
const BLOCK_CARD = new Set(['div', 'li', 'article', 'section']);
const HEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
// A block whose heading is a link: a teaser card for another page.
function headedByLink(el: Element): boolean {
  for (const c of el.children) {
    if (c.type !== 'tag') continue;
    const e = c as Element;
    if (HEADINGS.has(e.name) && e.children.some((k) => k.type === 'tag' && (k as Element).name === 'a')) return true;
  }
  return false;
}

function zoneOf(el: Element, ctx: DateContext): Zone {
  for (let p: Element | null = el; p && p.type === 'tag'; p = p.parent as Element | null) {
    const i = ctx.info.get(p);
    if (!i) continue;
    // What holds the article or its headline is never a teaser, whatever its name says.
    if (ctx.nodes.some((n) => isAncestor(p!, n)) || (ctx.titleEl && isAncestor(p, ctx.titleEl))) break;
    // Named as clutter: strongly (comments, navigation, related lists), or weakly (sidebar,
    // teaser, rail) and mostly links; a sidebar that holds the post's own date is no teaser.
    const named = i.clutter === 'related' || i.clutter === 'navigation' || i.clutter === 'comment' || i.clutter === 'ad';
    if (p.name === 'nav' || (named && (i.strong || (i.link >= 40 && i.link / i.text >= 0.25)))) return 'teaser';
    // A list item or card that points elsewhere: mostly a link, or headed by one.
    if ((p.name === 'li' || p.name === 'article') && i.link > 0 && i.text - i.link < 200) return 'teaser';
    if (BLOCK_CARD.has(p.name) && headedByLink(p)) return 'teaser';
  }
  if (ctx.nodes.some((n) => isAncestor(n, el))) return 'article';
  const header = ctx.titleEl?.parent;
  if (header && isAncestor(header, el)) return 'article';
  const around = ctx.nodes[0]?.parent;
  if (around && isAncestor(around, el)) return 'near';
  if (header?.parent && isAncestor(header.parent, el)) return 'near';
  return 'page';
}
