// HTML extraction: golden fixtures (fixtures/extract-html/<case>/{input.html, expected.json})
// plus focused checks of the pieces (bylines, dates, titles, boilerplate lines, safety).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blocksText, extractHtml, type HtmlExtraction } from '../src/extract/html/index.ts';
import { parseAuthors } from '../src/extract/html/authors.ts';
import { dateFromUrl, parseDate, parseDateText } from '../src/extract/dates.ts';
import { stripSiteName } from '../src/extract/html/meta/index.ts';
import { boilerplateLine, isBylineLine } from '../src/extract/html/boilerplate.ts';
import { ruleFor } from '../src/extract/html/site-rules.ts';
import { boundHtml, MAX_DEPTH, MAX_ELEMENTS } from '../src/extract/html/bound.ts';
import { extractArticle } from '../src/extract/index.ts';
import { defaultModel, FEATURE_NAMES, furnitureScores, type Unit } from '../src/extract/model/index.ts';
import { parseDocument } from 'htmlparser2';
import type { AnyNode } from 'domhandler';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'extract-html');

interface Expected extends Omit<HtmlExtraction, 'removed'> {
  url?: string;
  /** Every listed removal must be present (text contains, same reason); others may exist. */
  removed: Array<{ contains: string; reason: string }>;
}

for (const name of readdirSync(FIXTURES).sort()) {
  test(`golden: ${name}`, () => {
    const dir = join(FIXTURES, name);
    const exp = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    const got = extractHtml(readFileSync(join(dir, 'input.html'), 'utf8'), exp.url ? { url: exp.url } : {});
    for (const k of ['title', 'subtitle', 'authors', 'publishedAt', 'publishedAtSource', 'updatedAt', 'site', 'language', 'canonicalUrl', 'tags', 'leadImage'] as const) {
      assert.deepEqual(got[k], exp[k], `${name}: ${k}`);
    }
    assert.deepEqual(got.blocks, exp.blocks, `${name}: blocks`);
    for (const [k, v] of Object.entries(exp.provenance)) assert.equal(got.provenance[k], v, `${name}: provenance.${k}`);
    for (const r of exp.removed) {
      assert.ok(
        got.removed.some((x) => x.text.includes(r.contains) && x.reason === r.reason),
        `${name}: expected "${r.contains}" removed as ${r.reason}; got ${JSON.stringify(got.removed.map((x) => [x.reason, x.text.slice(0, 40)]))}`,
      );
    }
  });
}

test('clutter never reaches the body', () => {
  const html = readFileSync(join(FIXTURES, 'news-clutter-jsonld', 'input.html'), 'utf8');
  const text = blocksText(extractHtml(html).blocks);
  for (const junk of ['Share on Facebook', 'Advertisement', 'Related stories', 'Read more', 'newsletter', 'About time too', 'All rights reserved', 'covers transport', 'dataLayer', 'tracking', 'display:none']) {
    assert.ok(!text.includes(junk), `body must not contain ${junk}`);
  }
  assert.match(text, /£48 million/, 'entities decoded, nbsp collapsed to a space');
});

test('the cascade falls back when the pruned pass under-delivers', () => {
  const html = readFileSync(join(FIXTURES, 'cascade-fallback', 'input.html'), 'utf8');
  const r = extractHtml(html);
  assert.equal(r.provenance.body, 'scored-all');
  assert.ok(blocksText(r.blocks).length > 600);
  // A page whose only text is a few short lines still yields something, from the last step.
  const tiny = extractHtml('<html><body><div><p>Opening hours change on Monday, the library said today.</p></div><ul><li><a href="/">Home</a></li></ul></body></html>');
  assert.deepEqual(tiny.blocks, [{ kind: 'p', text: 'Opening hours change on Monday, the library said today.' }]);
});

test('scripts, styles and raw HTML never come out', () => {
  const r = extractHtml(`<html><head><style>p{color:red}</style></head><body><article>
    <p>First paragraph of a reasonably long article body that talks about the weather in some detail.</p>
    <script>alert("x")</script><template><p>template text should stay out of the article body</p></template>
    <p>Second paragraph &amp; more text &eacute;t&eacute; caf&#233; with entities decoded, and also enough words.</p>
    <p>Third paragraph: e\u0301te\u0301 written with combining accents must come out composed (NFC).</p>
  </article></body></html>`);
  const text = blocksText(r.blocks);
  assert.ok(!/alert|color:red|template text|<\/?p>/.test(text));
  assert.match(text, /& more text été café/);
  assert.ok(text.includes('\u00e9t\u00e9 written'), 'NFC');
});

test('headline repeated in the body and bylines near the top are metadata', () => {
  const r = extractHtml(`<html><head><meta property="og:title" content="Rail strike called off"></head><body><div class="story">
    <h1>Rail strike called off</h1><p>By Jane Doe</p>
    <p>Unions called off next week's rail strike late on Tuesday after a new pay offer, ending a dispute that had lasted since spring.</p>
    <p>The offer includes a four per cent rise this year and a review of rosters, the union said in a statement to members.</p>
    <p>Passengers were told to check times before travelling, as some services planned around the strike will not be restored.</p>
  </div></body></html>`);
  assert.equal(r.blocks[0]!.text.startsWith('Unions called off'), true);
  assert.ok(r.removed.some((x) => x.reason === 'metadata' && x.text === 'By Jane Doe'));
  assert.ok(r.removed.some((x) => x.reason === 'metadata' && x.text === 'Rail strike called off'));
  assert.deepEqual(r.authors, ['Jane Doe']);
  assert.equal(r.provenance.authors, 'byline');
});

test('bylines: prefixes, roles and "and"/"et" splits', () => {
  assert.deepEqual(parseAuthors('By Jane Doe and John Roe, Staff Writers'), ['Jane Doe', 'John Roe']);
  assert.deepEqual(parseAuthors('Par Jean Dupont et Marie Curie'), ['Jean Dupont', 'Marie Curie']);
  assert.deepEqual(parseAuthors('Propos recueillis par Claire Martin (avec AFP)'), ['Claire Martin']);
  assert.deepEqual(parseAuthors('Sam Lee | Senior Reporter'), ['Sam Lee']);
  assert.deepEqual(parseAuthors('https://www.facebook.com/someone'), []);
  assert.deepEqual(parseAuthors('Updated 5 hours ago'), []);
  assert.ok(isBylineLine('Par Jean Dupont et Marie Curie'));
  assert.ok(!isBylineLine('By the end of the year, prices had doubled.'));
});

test('dates: ISO, RFC, French and English text, URLs', () => {
  assert.equal(parseDate('2024-05-17T09:30:00Z'), '2024-05-17T09:30:00+00:00');
  assert.equal(parseDate('2024-05-17T09:30:00+0200'), '2024-05-17T09:30:00+02:00');
  assert.equal(parseDate('2024-05-17'), '2024-05-17');
  assert.equal(parseDate('Fri, 17 May 2024 09:30:00 GMT'), '2024-05-17T09:30:00+00:00');
  assert.equal(parseDateText('Publié le 8 mars 2024 à 7h15'), '2024-03-08T07:15:00');
  assert.equal(parseDateText('le 1er février 2023'), '2023-02-01');
  assert.equal(parseDateText('May 17, 2024 5:30 p.m. ET'), '2024-05-17T17:30:00');
  assert.equal(parseDateText('no date here'), null);
  assert.equal(dateFromUrl('https://x.example/2024/05/17/some-story/'), '2024-05-17');
  assert.equal(dateFromUrl('https://x.example/politics/story-title-20241122'), '2024-11-22');
  assert.equal(dateFromUrl('https://x.example/products/4000-5000-6000'), null);
});

test('titles lose their site suffix only when it is the site', () => {
  assert.equal(stripSiteName('Bridge reopens | The Coastal Courier', 'The Coastal Courier', null), 'Bridge reopens');
  assert.equal(stripSiteName('Le Monde - Bridge reopens', 'Le Monde', null), 'Bridge reopens');
  assert.equal(stripSiteName('Brexit: what happens next - analysis', 'The Coastal Courier', 'courier'), 'Brexit: what happens next - analysis');
});

test('boilerplate lines, English and French', () => {
  assert.equal(boilerplateLine('Advertisement'), 'ad');
  assert.equal(boilerplateLine('Lire aussi : Les bus gratuits le week-end'), 'related');
  assert.equal(boilerplateLine('Abonnez-vous à notre newsletter'), 'boilerplate');
  assert.equal(boilerplateLine('© 2024 Example Ltd'), 'boilerplate');
  assert.equal(boilerplateLine('Share this article'), 'boilerplate');
  assert.equal(boilerplateLine('Read more about how the council voted, which surprised many observers in the town.'), 'related');
  assert.equal(boilerplateLine('The council voted to share the costs with the neighbouring towns.'), null);
});

test('site rules are data, matched by host suffix', () => {
  assert.ok(ruleFor('https://fr.wikipedia.org/wiki/Paris'));
  assert.equal(ruleFor('https://notwikipedia.org.example.com/'), null);
  assert.equal(ruleFor(undefined), null);
});

test('metadata: canonical resolved against the page URL, language from og:locale', () => {
  const r = extractHtml(
    '<html><head><meta property="og:locale" content="fr_FR"><link rel="canonical" href="/a/b"><meta property="og:image" content="img/x.jpg"></head><body><p>x</p></body></html>',
    { url: 'https://news.example/section/page.html' },
  );
  assert.equal(r.canonicalUrl, 'https://news.example/a/b');
  assert.equal(r.leadImage, 'https://news.example/section/img/x.jpg');
  assert.equal(r.language, 'fr');
  assert.equal(r.provenance.language, 'og');
});

test('empty and broken input does not throw', () => {
  for (const html of ['', '<html>', '<<<>>>', '<body><p>unclosed <b>bold <i>italic</body>', '\u0000\u0001']) {
    const r = extractHtml(html);
    assert.ok(Array.isArray(r.blocks));
  }
});

// Bounded parser work (issue #17): htmlparser2's element stack costs time quadratic in depth and
// every later walk recurses, so depth and element count are bounded before parsing. Asserted on
// the work done (what reaches the parser), not on wall time.
function depthOf(html: string): { depth: number; elements: number } {
  const doc = parseDocument(html);
  let depth = 0;
  let elements = 0;
  const stack: Array<[AnyNode, number]> = [[doc, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (d > depth) depth = d;
    for (const c of (n as { children?: AnyNode[] }).children ?? []) if (c.type === 'tag') {
      elements++;
      stack.push([c, d + 1]);
    }
  }
  return { depth, elements };
}

for (const n of [100_000, 500_000]) {
  test(`a page of ${n.toLocaleString('en')} nested <div> is flattened below the depth bound, never a crash`, () => {
    const html = `<html><body><h1>Deep page</h1>${'<div>'.repeat(n)}<p>The only paragraph of this page, at the very bottom of the nesting, says that the bridge reopens on Monday.</p>${'</div>'.repeat(n)}</body></html>`;
    const b = boundHtml(html);
    const seen = depthOf(b.html);
    assert.ok(seen.depth <= MAX_DEPTH + 1, `parser sees depth ${seen.depth}`);
    assert.ok(seen.elements <= MAX_DEPTH + 10, `parser sees ${seen.elements} elements`);
    assert.equal(b.flattened, n + 3 - MAX_DEPTH); // html, body, the divs and the p, less what fits
    const r = extractHtml(html);
    assert.match(blocksText(r.blocks), /the bridge reopens on Monday/);
    assert.ok(r.notes.some((x) => /nested deeper than 256 elements/.test(x)), JSON.stringify(r.notes));
    // Unclosed: the same bound.
    assert.ok(depthOf(boundHtml('<div>'.repeat(n) + 'x').html).depth <= MAX_DEPTH);
  });
}

test('a page of more elements than the bound is cut there, with a note', () => {
  const html = `<html><body>${'<p>One short line of text here.</p>'.repeat(MAX_ELEMENTS + 500)}</body></html>`;
  const b = boundHtml(html);
  assert.ok(depthOf(b.html).elements <= MAX_ELEMENTS);
  assert.ok(b.cutChars > 0);
  assert.match(b.notes.join(' '), /longer than 150,000 elements/);
});

test('bounds leave ordinary markup alone: raw text, comments, quoted ">" and void elements', () => {
  const html = '<!doctype html><html><head><script>if (a < b && "</div>") {}</script><style>p>a{}</style></head><body><!-- <div><div> --><p title="a > b">x<br>y<img src="i.png"></p><svg><path d="M0"/></svg></body></html>';
  const b = boundHtml(html, 3);
  assert.equal(b.html, html);
  assert.equal(b.flattened, 0);
  const deep = boundHtml('<div><div><div><div><script>var s = "<div>";</script>text</div></div></div></div>', 3);
  assert.equal(deep.flattened, 2); // the fourth <div> and the <script> inside it
  assert.ok(!deep.html.includes('var s'), 'a flattened script loses its content');
  assert.match(deep.html, /text/);
});

test('publication date: the article’s own markup before a teaser’s, the local day kept with its offset', () => {
  const article = (dates: string, extra = ''): string => `<html><head><title>Fare cap starts Monday</title>${extra}</head><body>
    <aside class="rail"><h3>Latest</h3><ul><li><a href="/a">Ferry schedule changes for the spring season</a> <time datetime="2026-03-07T08:00:00-05:00" pubdate>March 7</time></li>
    <li><a href="/b">Council budget hearing runs past midnight again</a> <time datetime="2026-03-07T01:15:00-05:00" pubdate>March 7</time></li></ul></aside>
    <article><h1>Fare cap starts Monday</h1>${dates}
    <p>Riders who tap in twelve times within a week will ride free for the rest of that week starting Monday, the authority said on Friday evening.</p>
    <p>The cap applies to anyone paying with a contactless card or phone, and resets every Monday at midnight, officials said in a statement.</p></article></body></html>`;
  const own = extractHtml(article('<time datetime="2026-03-06T21:48:00-05:00">March 6, 2026, 9:48 p.m.</time>'));
  assert.equal(own.publishedAt, '2026-03-06T21:48:00-05:00');
  assert.equal(own.provenance.publishedAt, 'time-element');
  // A UTC instant in the metadata, the local time shown on the page: the offset is recovered.
  const utc = extractHtml(article('<p class="date">March 6, 2026, 9:48 p.m.</p>', '<meta property="article:published_time" content="2026-03-07T02:48:00Z">'));
  assert.equal(utc.publishedAt, '2026-03-06T21:48:00-05:00');
  // RFC 2822 with an offset is read as written, not converted.
  const rfc = extractHtml(article('', '<meta name="date" content="Sat, 19 Oct 2019 00:04:00 +0200">'));
  assert.equal(rfc.publishedAt, '2019-10-19T00:04:00+02:00');
  // Only the teasers carry dates: no date rather than theirs.
  assert.equal(extractHtml(article('')).publishedAt, null);
});

test('publication date: Blogger’s abbr, a footer line of text, a dateline', () => {
  const blogger = extractHtml(`<html><body><div class="post hentry"><h3 class="post-title entry-title">The first curlew</h3><div class="post-body entry-content">I heard it before I saw it, that rising, bubbling call drifting down from the top pasture this morning.<br><br>It was feeding in the wet corner by the old sheepfold, where the rushes are thickest, and took no notice of me.</div>
    <div class="post-footer">Posted by Ruth at <a class="timestamp-link" href="/p.html" rel="bookmark"><abbr class="published" title="2026-02-11T08:42:00Z">08:42</abbr></a></div></div></body></html>`);
  assert.equal(blogger.publishedAt, '2026-02-11T08:42:00+00:00');
  const footer = extractHtml(`<html lang="fr"><body><div class="article"><h1>La criée enregistre sa meilleure année</h1><div class="texte">
    <p>La criée de Pornic a vendu 2 400 tonnes de poisson en 2025, soit 11 % de plus que l'année précédente, selon le bilan présenté jeudi.</p>
    <p>La sole, le bar et la seiche représentent à eux trois plus de la moitié du chiffre d'affaires, qui atteint 14,8 millions d'euros.</p></div>
    <p class="pied-article">Le Courrier du Pays de Retz – publié le samedi 7 mars 2026</p></div></body></html>`);
  assert.equal(footer.publishedAt, '2026-03-07');
  assert.equal(footer.publishedAtSource, 'text');
  const dateline = extractHtml(`<html><body><div class="copy"><h2>Arbeitsmarkt</h2><p>01.02.2022 – Der Arbeitsmarkt ist gut in das Jahr 2022 gestartet, die Zahl der arbeitslosen Menschen ist im Januar gestiegen.</p><p>Die Zahl der Erwerbstätigen bleibt hoch, sagte der Vorstand der Bundesagentur am Dienstag in Nürnberg.</p></div></body></html>`);
  assert.equal(dateline.publishedAt, '2022-02-01');
});

test('a page that has text is never refused: the best candidate is kept, and a note says so', () => {
  // Every container is named as furniture and holds links: each extraction step under-delivers.
  const html = `<html><body><div class="comments-area"><div class="comment"><p>The council will close the Westfield Road bridge from Monday 16 March while the damaged parapet is replaced, the parish clerk said.</p><p>A signed diversion runs through Upper Ashby and Mill Lane for the whole period.</p></div></div>
    <nav><a href="/a">Home</a> <a href="/b">News</a> <a href="/c">Contact</a></nav></body></html>`;
  const raw = { input: 'x.html', kind: 'html' as const, bytes: new TextEncoder().encode(html), contentHash: 'x', siteKey: 'x' };
  const a = extractArticle(raw);
  assert.match(a.text, /Westfield Road bridge/);
  assert.ok(a.notes?.some((n) => /everything looked like page furniture/.test(n)), JSON.stringify(a.notes));
  // Chrome alone, no sentence of prose: refused, with the reason.
  const chrome = { ...raw, bytes: new TextEncoder().encode('<html><body><nav><a href="/">Home</a></nav><div class="share">Share</div></body></html>') };
  assert.throws(() => extractArticle(chrome), /no article text/);
  // Too little text to score, none of it furniture: kept as it is.
  const tiny = extractArticle({ ...raw, bytes: new TextEncoder().encode('<html><head><title>Notice</title></head><body>  Closed today.  </body></html>') });
  assert.equal(tiny.text, 'Closed today.');
});

test('text inside an anchor that leads nowhere (javascript:, no href) is text, not a link', () => {
  const para = 'The harbour master confirmed on Tuesday that the north quay will reopen to fishing boats next week, after the repairs.';
  const r = extractHtml(`<html><body><div><a href="javascript:void(0)"><p>${para}</p><p>${para.replace('north', 'south')}</p></a></div></body></html>`);
  assert.match(blocksText(r.blocks), /north quay[\s\S]*south quay/);
  const linked = extractHtml(`<html><body><div class="x"><a href="/elsewhere"><p>${para}</p></a></div><div><p>${para.replace('north', 'east')}</p><p>${para.replace('north', 'west')}</p></div></body></html>`);
  assert.doesNotMatch(blocksText(linked.blocks), /north quay/);
});

test('an article the markup does not show is taken from the page’s structured data, and a note says so', () => {
  const body = ['Unabhängig von Größe und Stil kannst du dich glücklich schätzen, wenn du einen runden Tisch hast.', 'Miss den Durchmesser des Tisches von Kante zu Kante durch die Mitte und gib zweimal die Überhangslänge dazu.', 'Schneide den Stoff zu einem Quadrat, falte ihn zweimal und zeichne mit einer Schnur den Kreisbogen an.', 'Säume die Kante mit einem schmalen Rollsaum, bügle die Decke und lege sie auf den Tisch.', 'Für einen Tisch von einem Meter Durchmesser reichen zweieinhalb Meter Stoff in der üblichen Breite.'];
  const ld = { '@context': 'https://schema.org', '@type': 'HowTo', name: 'Eine runde Tischdecke nähen', description: `<p>${body[0]}</p>`, step: body.slice(1).map((text) => ({ '@type': 'HowToStep', text: `<p>${text}</p>` })) };
  const html = `<html><head><title>Eine runde Tischdecke nähen | Wohnen</title><script type="application/ld+json">${JSON.stringify(ld)}</script></head>
    <body><h1>Eine runde Tischdecke nähen</h1><div id="app"><p>Lade für ein besseres Erlebnis einen neueren Browser herunter.</p></div></body></html>`;
  const r = extractHtml(html);
  assert.equal(r.provenance.body, 'structured-data');
  assert.deepEqual(r.blocks.map((b) => b.text), body);
  assert.ok(r.notes.some((n) => /structured data/.test(n)), JSON.stringify(r.notes));
  // The markup shows the article: the structured data is not used.
  const shown = html.replace('<p>Lade für ein besseres Erlebnis einen neueren Browser herunter.</p>', body.map((t) => `<p>${t}</p>`).join(''));
  assert.notEqual(extractHtml(shown).provenance.body, 'structured-data');
});

test('placement: blocks beside the prose, how far from it, and how much of their box the rules took out', () => {
  const html = `<html><body><div class="story">
    <p>The county council approved the new bus timetable on Thursday after a two-hour debate in the chamber at Westbury.</p>
    <p>Services on the three rural routes will run every forty minutes instead of every hour from the first of June.</p>
    <div class="box"><h3>Subscribe to continue reading</h3><p>You have read all your free articles this month; subscribe for unlimited access.</p><p><a href="/s">Subscribe now</a></p></div>
  </div></body></html>`;
  let units: Unit[] = [];
  extractHtml(html, { model: null, collect: (u) => (units = u) });
  const byText = (s: string) => units.find((u) => u.text.includes(s))!;
  assert.equal(byText('county council').place?.inMain, true);
  assert.equal(byText('county council').place?.boxFurniture, 0);
  const offer = byText('free articles').place!;
  assert.equal(offer.inMain, false);
  assert.equal(offer.offMain, 1);
  // The box's heading and its link line went by the rules: most of the box was furniture.
  assert.ok(offer.boxFurniture > 0.3 && offer.boxFurniture < 1, String(offer.boxFurniture));
});

test('the committed boilerplate model reads the features of this code, on both sides', () => {
  const m = defaultModel();
  assert.ok(m, 'models/boilerplate.json is missing or was trained on other features: run npm run train:boilerplate');
  assert.deepEqual(m.features, FEATURE_NAMES);
  for (const side of [m.html, m.text]) {
    assert.ok(side.trees.length > 0 && side.threshold > 0 && side.threshold < 1);
    const p = furnitureScores(side, [{ text: 'Sign in to join the conversation.', kind: 'p', link: 0, isText: true }, { text: 'The mayor said the library would reopen in May after repairs to the roof, which were delayed by the storms.', kind: 'p', link: 0, isText: true }]);
    assert.ok(p.every((x) => x >= 0 && x <= 1));
  }
});
