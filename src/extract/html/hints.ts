// What class names, ids, roles and tags say about an element. These are general web conventions
// (the same vocabulary Readability, trafilatura and jusText rely on), not knowledge of any site.
import type { RemovalReason } from '../../types.ts';
import type { Element } from './dom.ts';

/** Lower-cased "class id" of an element, with underscores and camelCase turned into dashes. */
export function hintString(el: Element): string {
  const c = el.attribs.class;
  const i = el.attribs.id;
  if (!c && !i) return '';
  const s = i ? (c ? `${c} ${i}` : i) : c!;
  let h = hintCache.get(s);
  if (h === undefined) {
    h = s.replace(/([a-z])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase();
    // Pages repeat the same few class strings thousands of times; the cache stays small.
    if (hintCache.size > 5000) hintCache.clear();
    hintCache.set(s, h);
  }
  return h;
}
const hintCache = new Map<string, string>();
const ruleCache = new Map<string, ClutterHint | null>();

// Ordered: the first matching rule names the reason. Word edges (E, Z) are '-', space or string
// ends, so "ad" matches "ad-slot" and "inline-ad" but never "header" or "shadow". Words that are
// too common inside longer BEM names ("field--label-hidden", "toc-title") only count as a whole
// class name (C, Y). Strong rules name things that are clutter wherever they sit; weak ones name
// things that are usually clutter, and yield when the element reads like article text.
const E = '(?:^|[\\s-])';
const Z = '(?:$|[\\s-])';
const C = '(?:^|\\s)';
const Y = '(?:$|\\s)';
export interface ClutterHint {
  reason: RemovalReason;
  strong: boolean;
  /** Never the article even when bigger than it (comment threads, slideshows). */
  always?: boolean;
}
const CLUTTER_RULES: Array<[RegExp, RemovalReason, boolean]> = [
  [new RegExp(`comment(?!ary)|disqus|${E}(?:respond|replies|reply|discussion|talkback|livefyre|coral-talk)${Z}`), 'comment', true],
  [new RegExp(`${E}(?:ads?|adv|advert\\w*|adsense|adslot|adunit|ad-?unit|dfp|gpt|doubleclick|sponsor\\w*|banner|banners|taboola|outbrain|mpu|leaderboard|billboard|skyscraper|commercial|affiliate|native-ad|partner-content|publicite|pub)${Z}|advertis|googlead|ad-(?:slot|container|wrapper|unit|box|placeholder|label)`), 'ad', true],
  [new RegExp(`${E}(?:nav|navbar|navigation|menu|menus|breadcrumbs?|pagination|pager|skip-link|skiplinks?|masthead|topbar|top-bar|site-header|header-nav|subnav|jump-links?)${Z}|breadcrumb|pagination|navigation`), 'navigation', true],
  [new RegExp(`${C}(?:toc|table-of-contents|menu-item)${Y}`), 'navigation', false],
  [new RegExp(`${E}(?:author-bio|about-author|author-info|author-box|author-card|biography|contributor-bio|author-details|byline-bio)${Z}|author-?bio|about-the-author`), 'author-bio', true],
  [new RegExp(`${C}(?:bio|author-description)${Y}`), 'author-bio', false],
  [new RegExp(`related|recommend|more-(?:stories|articles|news|from|on|in|like)|${E}(?:read-more|readmore|read-also|see-also|most-read|most-popular|mostread|trending|you-may|next-article|up-next|suggested|further-reading|outbrain|taboola|lire-aussi|a-lire|voir-aussi)${Z}`), 'related', true],
  [new RegExp(`${E}(?:also|popular|next-up|suggestions|in-this-series|tags|tag-list|taglist|topics|keywords|sidebar|side-bar|rail|right-rail|widget|widgets|teasers?|promo|promos)${Z}`), 'related', false],
  [new RegExp(`twitter-tweet|instagram-media|tiktok-embed|${E}(?:fb-post|reddit-embed|bluesky-embed|social-embed|embed-twitter|embed-instagram|embedded-post|tweet|tweet-embed|x-embed|threads-embed|mastodon-embed)${Z}`), 'related', true],
  [new RegExp(`${E}(?:gallery|galleries|slideshow|carousel|slider|lightbox|type-gallery|photo-gallery|image-gallery)${Z}`), 'boilerplate', true],
  [new RegExp(`share|social|newsletter|${E}(?:cookie|cookies|consent|gdpr|sharing|share-?bar|subscribe|subscription-?(?:box|form|banner|promo)|sign-?up|signup|footer|site-footer|copyright|visually-hidden|sr-only|screen-reader-text|screenreader|offscreen|print-only|noprint|app-promo|inline-promo|call-to-action)${Z}`), 'boilerplate', true],
  [new RegExp(`${C}(?:hidden|is-hidden|follow|login|log-in|register|print|toolbar|tools|disclaimer|modal|popup|overlay|donate|donation|a11y|skip|alert|cta|feedback|rating|reactions|emoji|bookmark|save|listen|audio-player|player|subscri\\w*)${Y}`), 'boilerplate', false],
];

const GALLERY_RULE = CLUTTER_RULES.findIndex(([re]) => re.test('slideshow'));

const POSITIVE_WRAPPER = /(?:^|[\s-])(?:article-?body|articlebody|story-?body|post-?body|entry-?content|post-content|article-content|article-text|story-content|body-text|main-content|content-body|rich-?text)(?:$|[\s-])/;

/** Names parts of an article page that are not the article (comments, ads, menus…). */
export function clutterHint(el: Element, hints: string): ClutterHint | null {
  switch (el.name) {
    case 'nav':
      return { reason: 'navigation', strong: true };
    case 'aside':
      return { reason: 'related', strong: false };
    case 'footer':
      return { reason: 'boilerplate', strong: false };
    case 'form':
      return { reason: 'boilerplate', strong: false };
    case 'dialog':
      return { reason: 'boilerplate', strong: true };
  }
  const role = el.attribs.role;
  if (role) {
    if (role === 'navigation' || role === 'menu' || role === 'menubar' || role === 'tablist') return { reason: 'navigation', strong: true };
    if (role === 'complementary') return { reason: 'related', strong: false };
    if (role === 'contentinfo' || role === 'dialog' || role === 'alertdialog' || role === 'search' || role === 'toolbar') return { reason: 'boilerplate', strong: true };
  }
  if (el.attribs.itemprop === 'comment' || (el.attribs.itemtype ?? '').includes('Comment')) return { reason: 'comment', strong: true };
  if (!hints) return null;
  let r = ruleCache.get(hints);
  if (r !== undefined) return r;
  r = null;
  for (let k = 0; k < CLUTTER_RULES.length; k++) {
    const [re, reason, strong] = CLUTTER_RULES[k]!;
    if (!re.test(hints)) continue;
    const positive = POSITIVE_WRAPPER.test(hints);
    r = { reason, strong: strong && (reason === 'comment' || !positive), always: !positive && (k === 0 || k === GALLERY_RULE) };
    break;
  }
  if (ruleCache.size > 5000) ruleCache.clear();
  ruleCache.set(hints, r);
  return r;
}

// Readability's positive/negative vocabularies, reworked to the same word edges.
const POSITIVE = new RegExp(`${E}(?:article|articles|body|content|contents|entry|hentry|h-entry|main|page|post|story|text|blog|prose|rich-?text|paragraphs?|column|chapo|chapeau|texte|contenu|corps|field-body|post-body|article-body|story-body|entry-content|post-content|article-content|article-text|story-content|body-text|main-content)${Z}|articlebody|article-?body|story-?body|post-?body|entry-?content`);
const NEGATIVE = new RegExp(`${E}(?:hidden|hid|banner|combx|contact|footer|gdpr|masthead|media|meta|scroll|shoutbox|skyscraper|shopping|widget|sidebar|promo|card|cards|teaser|thumbnail|thumb|caption|credit|byline|dateline|timestamp|date|author|caption|gallery|slideshow|carousel|video|photo|image|figure)${Z}`);

/** Readability-style class weight: +25 for article-ish names, -25 for furniture. */
export function classWeight(el: Element, hints: string): number {
  let w = 0;
  if (hints) {
    if (POSITIVE.test(hints)) w += 25;
    if (NEGATIVE.test(hints)) w -= 25;
  }
  const ip = el.attribs.itemprop;
  if (ip === 'articleBody' || ip === 'text' || ip === 'reviewBody') w += 40;
  if (el.name === 'article') w += 10;
  if (el.name === 'main' || el.attribs.role === 'main') w += 10;
  return w;
}

// Elements hidden from readers: never content, whatever their text. aria-hidden is not among
// them: it hides from screen readers, not from view, and metered paywalls put article paragraphs
// under it; stats.ts lets it hide only what is not paragraph text (icons, cloned slides).
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
export function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a.hidden !== undefined) return true;
  const st = a.style;
  if (st && HIDDEN_STYLE.test(st)) return true;
  return false;
}

/** Metadata lines that sit in the article header: bylines, dates, captions and credits. */
const METADATA_HINTS = new RegExp(`${E}(?:byline|bylines|by-line|author|authors|author-name|article-author|dateline|date|dates|published|pubdate|timestamp|time|meta|article-meta|post-meta|entry-meta|article-info|post-info|caption|captions|credit|credits|photo-credit|image-credit|copyright|signature|signatures|source|sources|kicker|eyebrow|overline|label|labels|category|categories|section-name|rubrique|surtitre|auteur|auteurs|signature)${Z}|byline|dateline|figcaption|caption`);
export function isMetadataHint(hints: string): boolean {
  return hints !== '' && METADATA_HINTS.test(hints);
}

/** Class names of standfirsts (the dek under a headline), across English and French habits. */
const DEK_HINTS = new RegExp(`${E}(?:standfirst|stand-first|dek|deck|chapo|chapeau|chapô|subtitle|sub-title|subheadline|sub-headline|subhead|strapline|strap|lede|lead|leadin|lead-in|intro|introduction|summary|excerpt|description|article-description|article-summary|article-lead|post-excerpt|header-description|headline-description|abstract|teaser-text|kicker-text|accroche)${Z}`);
export function isDekHint(hints: string): boolean {
  return hints !== '' && DEK_HINTS.test(hints);
}


export function isAriaHidden(el: Element): boolean {
  return el.attribs['aria-hidden'] === 'true' && el.name !== 'body' && el.name !== 'html';
}
