// Feeds and OPML: parsing the formats onto one entry shape, dates, encodings, deduplication,
// summary-only entries completed from their page, and feeds/OPML/URLs through ingest().
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ingest } from './helpers.ts';
import { decodeXml, entryInputs, isSummaryOnly, parseFeedBytes, parseFeedDate, type ParsedFeed } from '../src/sources/index.ts';
import { readSources } from '../src/sources/index.ts';
import { parseOpmlBytes, writeOpml } from '../src/sources/opml.ts';
import { Store } from '../src/store/index.ts';
import { startRouteServer, type RouteServer } from './support/route-server.ts';
import type { ArticleRecord, RawInput, Rejection } from '../src/types.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'feeds');
const fixture = (name: string): Uint8Array => readFileSync(join(FIX, name));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const recordOf = (r: RawInput): ArticleRecord => JSON.parse(new TextDecoder().decode(r.bytes)) as ArticleRecord;
const isRaw = (x: RawInput | Rejection): x is RawInput => !('reason' in x);

let dir: string;
let base = '';
let routes: RouteServer['routes'];
let requests: RouteServer['requests'];
let server: RouteServer;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'storyline-feeds-'));
  server = await startRouteServer();
  ({ base, routes, requests } = server);
});
after(async () => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function collect(gen: AsyncIterable<RawInput | Rejection>): Promise<Array<RawInput | Rejection>> {
  const out: Array<RawInput | Rejection> = [];
  for await (const x of gen) out.push(x);
  return out;
}

describe('parsing', () => {
  test('RSS 2.0 with content:encoded, dc:creator, categories, ttl; duplicate guid dropped', () => {
    const f = parseFeedBytes(fixture('rss2.xml'), { url: 'https://quotidien.example/rss' });
    assert.equal(f.format, 'rss');
    assert.equal(f.title, 'Le Quotidien du Matin');
    assert.equal(f.ttlMinutes, 45);
    assert.equal(f.language, 'fr-fr');
    assert.equal(f.entries.length, 2, 'the repeated guid is one entry');
    const e = f.entries[0]!;
    assert.equal(e.key, 'qdm-1001');
    assert.equal(e.link, 'https://quotidien.example/2023/11/17/pdg-limoge');
    assert.deepEqual(e.authors, ['Claire Martin']);
    assert.deepEqual(e.tags, ['Économie']);
    assert.equal(e.publishedAt, '2023-11-17T20:30:00Z');
    assert.match(e.html!, /^<p>Le conseil/);
    assert.equal(isSummaryOnly(e), false);
  });

  test('Atom: html titles become text, relative links resolve, feed author is the fallback, xhtml content kept', () => {
    const f = parseFeedBytes(fixture('atom.xml'), { url: 'https://ledger.example/feed.atom' });
    assert.equal(f.format, 'atom');
    assert.equal(f.link, 'https://ledger.example/');
    const [a, b] = f.entries;
    assert.equal(a!.title, 'Board ousts chief executive without warning');
    assert.equal(a!.link, 'https://ledger.example/2023/11/17/ceo-ousted');
    assert.deepEqual(a!.authors, ['Jane Smith']);
    assert.deepEqual(a!.tags, ['Business']);
    assert.equal(a!.publishedAt, '2023-11-17T20:45:00Z');
    assert.deepEqual(b!.authors, ['Ledger Staff']);
    assert.equal(b!.publishedAt, '2023-11-22T06:30:00Z', 'updated stands in for a missing published');
    assert.match(b!.html!, /Five days after/);
  });

  test('JSON Feed and RSS 1.0 (RDF)', () => {
    const j = parseFeedBytes(fixture('feed.json'));
    assert.equal(j.format, 'json');
    assert.equal(j.entries[0]!.key, 'wire-77');
    assert.match(j.entries[0]!.text!, /seven hundred employees/);
    assert.deepEqual(j.entries[0]!.authors, ['Wire Desk']);
    const rdf = parseFeedBytes(
      enc(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link><description>d</description></channel>
<item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link><description>Text one</description><dc:date>2004-02-13T18:30:02-05:00</dc:date><dc:creator>Ann</dc:creator></item>
</rdf:RDF>`),
    );
    assert.equal(rdf.format, 'rdf');
    assert.equal(rdf.entries[0]!.publishedAt, '2004-02-13T23:30:02Z');
    assert.deepEqual(rdf.entries[0]!.authors, ['Ann']);
    assert.equal(rdf.entries[0]!.key, 'https://r.example/1');
  });

  test('dates: RFC 822 with zone names and two-digit years, W3C-DTF partial dates', () => {
    const cases: Array<[string, string | null]> = [
      ['Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
      ['Thu, 01 Jan 04 19:48:21 EST', '2004-01-02T00:48:21Z'],
      ['1 Jan 2004 19:48 +0130', '2004-01-01T18:18:00Z'],
      ['Sun, 5 Mar 2023 07:00:00 -0800', '2023-03-05T15:00:00Z'],
      ['2003-12-31T10:14:55Z', '2003-12-31T10:14:55Z'],
      ['2003-12-31T10:14:55.25-08:00', '2003-12-31T18:14:55Z'],
      ['2003-12', '2003-12-01T00:00:00Z'],
      ['2003', '2003-01-01T00:00:00Z'],
      ['20031231T101455Z', '2003-12-31T10:14:55Z'],
      ['not a date', null],
    ];
    for (const [input, want] of cases) assert.equal(parseFeedDate(input), want, input);
  });

  test('encodings: BOMs, UTF-16 without BOM, HTTP charset over the XML declaration, declared legacy charsets', () => {
    const xml = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Café crème</title></channel></rss>';
    const utf16 = Buffer.from(xml.replace('utf-8', 'utf-16'), 'utf16le');
    assert.equal(parseFeedBytes(utf16).title, 'Café crème');
    assert.equal(parseFeedBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16])).title, 'Café crème');
    assert.equal(parseFeedBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)])).title, 'Café crème');
    const latin1 = Buffer.from(xml.replace('utf-8', 'iso-8859-1'), 'latin1');
    assert.equal(parseFeedBytes(latin1).title, 'Café crème');
    // The transport's charset wins over the document's (RFC 7303).
    assert.equal(decodeXml(Buffer.from(xml, 'latin1'), 'iso-8859-1').text.includes('Café'), true);
    const w1252 = Buffer.from('<rss version="2.0"><channel><title>l\x92été</title></channel></rss>', 'latin1');
    assert.equal(parseFeedBytes(w1252, { charset: 'windows-1252' }).title, 'l’été');
  });

  test('an unreadable feed is a clear error', () => {
    assert.throws(() => parseFeedBytes(enc('<html><body>not a feed</body></html>')), /not a readable RSS, Atom or JSON feed/);
    assert.throws(() => parseFeedBytes(enc('<rss><channel><item><title>broken')), /not a readable/);
  });
});

describe('entries → inputs', () => {
  test('names are <feed>#<guid or link>; records carry title, body, url, authors, date, tags, site, language', async () => {
    const f = parseFeedBytes(fixture('rss2.xml'));
    const out = (await entryInputs(f, { feedName: 'https://quotidien.example/rss', fetchPages: false })).filter(isRaw);
    assert.deepEqual(
      out.map((r) => r.input),
      ['https://quotidien.example/rss#qdm-1001', 'https://quotidien.example/rss#qdm-1002'],
    );
    const r = recordOf(out[0]!);
    assert.equal(r.title, "Le conseil d'administration limoge son PDG");
    assert.equal(r.url, 'https://quotidien.example/2023/11/17/pdg-limoge');
    assert.deepEqual(r.authors, ['Claire Martin']);
    assert.equal(r.publishedAt, '2023-11-17T20:30:00Z');
    assert.equal(r.site, 'Le Quotidien du Matin');
    assert.equal(r.language, 'fr');
    assert.match(r.html!, /<article><p>Le conseil/);
    assert.equal(out[0]!.siteKey, 'host:quotidien.example');
    // The same feed read again gives the same inputs, byte for byte: re-polling is idempotent.
    const again = (await entryInputs(parseFeedBytes(fixture('rss2.xml')), { feedName: 'https://quotidien.example/rss', fetchPages: false })).filter(isRaw);
    assert.deepEqual(again.map((x) => x.contentHash), out.map((x) => x.contentHash));
  });

  test('a summary-only entry is completed from its page (guard lifted for loopback); robots.txt is obeyed for that page', async () => {
    const longText = 'Les négociations ont repris samedi matin au siège de l’entreprise, en présence des principaux investisseurs. '.repeat(6);
    routes.set('/robots.txt', (_q, res) => res.end('User-agent: *\nDisallow: /blocked/\n'));
    routes.set('/articles/1', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><title>Page title</title></head><body><nav>Accueil · Politique · Économie</nav><article><h1>Les négociations reprennent</h1><p>${longText}</p><p>${longText}</p></article><footer>© Le Site</footer></body></html>`);
    });
    routes.set('/blocked/2', (_q, res) => res.end('<p>never fetched</p>'));
    const feed: ParsedFeed = {
      format: 'rss',
      title: 'Teasers',
      link: base,
      language: 'fr',
      authors: [],
      updatedAt: null,
      ttlMinutes: null,
      notes: [],
      entries: [
        { key: 'a1', guid: 'a1', link: `${base}/articles/1`, title: 'Les négociations reprennent', html: null, text: null, summary: 'Les négociations ont repris samedi […]', authors: ['Léa Roux'], publishedAt: '2023-11-18T08:00:00Z', updatedAt: null, tags: [], language: null },
        { key: 'a2', guid: 'a2', link: `${base}/blocked/2`, title: 'Bloqué', html: null, text: null, summary: 'Un résumé court.', authors: [], publishedAt: null, updatedAt: null, tags: [], language: null },
      ],
    };
    assert.equal(isSummaryOnly(feed.entries[0]!), true);
    const out = await entryInputs(feed, { feedName: `${base}/feed`, fetchPages: true, allowPrivateNetwork: true });
    const first = out[0] as RawInput;
    assert.ok(isRaw(first));
    const rec = recordOf(first);
    assert.match(rec.html!, /<nav>/, 'the whole page is kept for the HTML extractor');
    assert.equal(rec.title, 'Les négociations reprennent', 'the feed title wins');
    assert.deepEqual(rec.authors, ['Léa Roux']);
    assert.equal(first.url, `${base}/articles/1`);
    // Robots disallows the second page: the entry keeps its summary.
    const second = recordOf(out[1] as RawInput);
    assert.match(second.html!, /Un résumé court/);
    assert.ok(!requests.some((r) => r.url === '/blocked/2'));
    // With the guard on, loopback pages are refused and summaries kept.
    const guarded = await entryInputs(feed, { feedName: `${base}/feed`, fetchPages: true, allowPrivateNetwork: false });
    assert.match(recordOf(guarded[0] as RawInput).html!, /ont repris samedi/);
  });
});

describe('OPML', () => {
  test('import flattens folders into categories; export round-trips', () => {
    const list = parseOpmlBytes(fixture('subscriptions.opml'));
    assert.equal(list.title, 'My news');
    assert.deepEqual(
      list.feeds.map((f) => [f.url, f.title, f.category]),
      [
        ['{{BASE}}/quotidien/rss.xml', 'Le Quotidien du Matin', 'Presse française'],
        ['{{BASE}}/ledger/feed.atom', 'The Morning Ledger', 'English'],
      ],
    );
    const back = parseOpmlBytes(enc(writeOpml(list.feeds)));
    assert.deepEqual(back.feeds, list.feeds);
    assert.throws(() => parseOpmlBytes(enc('this is not xml')), /not a readable OPML/);
  });
});

describe('through ingest()', () => {
  test('local .xml/.atom/.json feed files and an .opml file are ingested, idempotently', async () => {
    const store = await Store.open({ db: join(dir, 'files.db') });
    try {
      routes.set('/quotidien/rss.xml', (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(fixture('rss2.xml'));
      });
      routes.set('/ledger/feed.atom', (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/atom+xml' });
        res.end(fixture('atom.xml'));
      });
      const opml = join(dir, 'subs.opml');
      writeFileSync(opml, readFileSync(join(FIX, 'subscriptions.opml'), 'utf8').replaceAll('{{BASE}}', base));
      const paths = [join(FIX, 'rss2.xml'), join(FIX, 'atom.xml'), join(FIX, 'feed.json'), opml];
      const first = await ingest(paths, store, {}, { sources: { allowPrivateNetwork: true, fetchPages: false } });
      assert.equal(first.rejected.length, 0, JSON.stringify(first.rejected));
      assert.equal(first.stored + first.duplicates, 9);
      const second = await ingest(paths, store, {}, { sources: { allowPrivateNetwork: true, fetchPages: false } });
      assert.equal(second.unchanged, 9);
      assert.equal(second.stored, 0);
      const doc = await store.export();
      const fromOpml = doc.articles.find((a) => a.input === `${base}/ledger/feed.atom#tag:ledger.example,2023:1`);
      assert.ok(fromOpml, 'the OPML-listed Atom feed was read');
      assert.equal(fromOpml.title, 'Board ousts chief executive without warning');
      assert.deepEqual(fromOpml.authors, ['Jane Smith']);
    } finally {
      await store.close();
    }
  });

  test('URLs: a page becomes one HTML input with url, fetchedAt, declaredCharset and host site key; a feed URL its entries; guard on by default', async () => {
    routes.set('/page.html', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
      res.end(Buffer.from('<html><body><article><h1>Caf\xe9</h1><p>Un caf\xe9 tr\xe8s serr\xe9, servi au comptoir du march\xe9 couvert depuis 1923.</p></article></body></html>', 'latin1'));
    });
    const page = (await collect(readSources([`${base}/page.html`], { maxBytes: 1e7, allowPrivateNetwork: true }))) as RawInput[];
    assert.equal(page.length, 1);
    assert.equal(page[0]!.kind, 'html');
    assert.equal(page[0]!.url, `${base}/page.html`);
    assert.equal(page[0]!.declaredCharset, 'windows-1252');
    assert.equal(page[0]!.siteKey, 'host:127.0.0.1');
    assert.ok(page[0]!.fetchedAt);
    const feed = await collect(readSources([`${base}/quotidien/rss.xml`], { maxBytes: 1e7, allowPrivateNetwork: true, fetchPages: false }));
    assert.deepEqual(
      feed.map((x) => x.input),
      [`${base}/quotidien/rss.xml#qdm-1001`, `${base}/quotidien/rss.xml#qdm-1002`],
    );
    const refused = await collect(readSources([`${base}/page.html`, 'ftp://example.com/x'], { maxBytes: 1e7 }));
    assert.equal(refused.length, 2);
    assert.ok(refused.every((r) => 'reason' in r && r.stage === 'fetch'));
    assert.match((refused[0] as Rejection).reason, /loopback/);
    assert.match((refused[1] as Rejection).reason, /scheme/);
  });
});
