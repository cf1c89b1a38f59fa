// The spine end to end on a real SQLite file: idempotency, duplicates, records, and bad input.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync, closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ingest } from './helpers.ts';
import { readSources } from '../src/sources/index.ts';
import { Store } from '../src/store/index.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'storyline-pipeline-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

// Distinct prose for each topic: templated sentences would be near-duplicates of each other.
const VOCAB = 'mairie conseil budget quartier habitants travaux chantier école piscine tramway marché rue place parc bibliothèque musée gare pont port stade hôpital collège lycée théâtre cinéma forêt rivière vallée colline route avenue boulevard village commune région département préfet maire adjoint élus opposition syndicat association commerçants riverains usagers enfants parents étudiants retraités agriculteurs artisans entreprises salariés'.split(' ');
function para(topic: string, n: number): string {
  let seed = [...topic].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  const next = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const word = (): string => VOCAB[Math.floor(next() * VOCAB.length)]!;
  return Array.from({ length: n }, () => `Le dossier ${topic} concerne ${word()} et ${word()}, selon ${word()} qui évoque ${word()}, ${word()} puis ${word()} avant ${word()}.`).join(' ');
}

function article(title: string, topic: string): string {
  return `Publicité\n\n${title}\n\nPar Jeanne Martin\n\n${para(topic, 3)}\n\n${para(`${topic} bis`, 2)}\n\nPartager\n`;
}

async function withStore<T>(name: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open({ db: join(dir, `${name}.db`) });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

test('ingest is idempotent: the same input twice changes nothing', async () => {
  const src = join(dir, 'idem');
  mkdirSync(src);
  writeFileSync(join(src, 'a.txt'), article('Le tramway arrive enfin dans le quartier nord', 'tramway'));
  writeFileSync(join(src, 'b.txt'), article('La piscine municipale fermera pour travaux cet été', 'piscine'));
  await withStore('idem', async (store) => {
    const first = await ingest([src], store);
    assert.equal(first.stored, 2);
    const before = await store.export();
    const counts = await store.pages.counts();
    const second = await ingest([src], store);
    assert.equal(second.stored, 0);
    assert.equal(second.unchanged, 2);
    assert.deepEqual(await store.export(), before);
    assert.deepEqual(await store.pages.counts(), counts);
    assert.equal(counts.articles, 2);
  });
});

test('an exact copy under other clutter is a duplicate of the first, in its story', async () => {
  const src = join(dir, 'dup');
  mkdirSync(src);
  const body = `${para('budget', 3)}\n\n${para('budget bis', 2)}`;
  writeFileSync(join(src, '1.txt'), `Le budget de la ville adopté de justesse hier soir\n\nPar Paul Roux\n\n${body}\n`);
  writeFileSync(join(src, '2.txt'), `Accueil\n\nLe budget de la ville adopté de justesse hier soir\n\n${body}\n\nLeave a Reply\n`);
  await withStore('dup', async (store) => {
    const s = await ingest([src], store);
    assert.equal(s.duplicates, 1);
    const doc = await store.export();
    const [a, b] = doc.articles;
    assert.ok(a && b);
    assert.equal(b.duplicateOf, a.id);
    assert.equal(b.storyId, a.storyId);
    assert.equal(doc.stories.length, 1);
  });
});

test('records: JSON and JSONL, one bad line reported, the rest stored', async () => {
  const src = join(dir, 'records');
  mkdirSync(src);
  const rec = (title: string, topic: string) => JSON.stringify({ title, text: para(topic, 4), url: `https://news.example/${topic}`, authors: 'Ana Lopes', publishedAt: '2025-03-02T10:00:00Z', language: 'fr' });
  writeFileSync(join(src, 'feed.jsonl'), `${rec('Un premier titre de dépêche assez long', 'port')}\n{not json}\n${rec('Un second titre de dépêche tout aussi long', 'gare')}\n{"title":"sans texte"}\n`);
  await withStore('records', async (store) => {
    const s = await ingest([src], store);
    assert.equal(s.stored, 2);
    assert.equal(s.rejected.length, 2);
    assert.match(s.rejected[0]!.input, /feed\.jsonl#2$/);
    assert.match(s.rejected[0]!.reason, /invalid JSON/);
    assert.match(s.rejected[1]!.reason, /needs "text" or "html"/);
    const a = (await store.export()).articles[0]!;
    assert.equal(a.url, 'https://news.example/port');
    assert.deepEqual(a.authors, ['Ana Lopes']);
    assert.equal(a.publishedAt, '2025-03-02T10:00:00Z');
    assert.equal(a.publishedAtSource, 'metadata');
  });
});

test('bad inputs: each named with its reason, the rest of the batch ingested', async () => {
  const src = join(dir, 'bad');
  mkdirSync(src);
  writeFileSync(join(src, 'empty.txt'), '');
  writeFileSync(join(src, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  const big = join(src, 'huge.txt');
  closeSync(openSync(big, 'w'));
  truncateSync(big, 50 * 1024 * 1024); // sparse: 50 MB on paper, nothing on disk
  // windows-1252 text with typographic quotes: decoded, not rejected.
  const cp1252 = Buffer.from(`Le ch\xe2teau de la ville rouvre ses portes au public\n\n${para('ch\xe2teau', 3)} \x93Enfin\x94, dit le maire.\n`, 'latin1');
  writeFileSync(join(src, 'legacy.txt'), cp1252);
  writeFileSync(join(src, 'only-clutter.txt'), 'Publicité\n\nPartager\n\nLeave a Reply\n');
  writeFileSync(join(src, 'good.txt'), article('Le marché couvert retrouve ses commerçants du samedi', 'marché'));
  await withStore('bad', async (store) => {
    const s = await ingest([src, join(dir, 'no-such-folder')], store);
    const reasons = Object.fromEntries(s.rejected.map((r) => [r.input.split('/').pop(), r.reason]));
    assert.equal(reasons['empty.txt'], 'empty file');
    assert.match(reasons['binary.txt']!, /binary content/);
    assert.match(reasons['huge.txt']!, /too large: 50\.0 MB/);
    assert.match(reasons['only-clutter.txt']!, /no article text/);
    assert.equal(reasons['no-such-folder'], 'no such file or folder');
    assert.equal(s.stored, 2);
    const legacy = (await store.export()).articles.find((a) => a.input.endsWith('legacy.txt'))!;
    assert.equal(legacy.title, 'Le château de la ville rouvre ses portes au public');
    assert.ok(legacy.text.includes('“Enfin”'));
  });
});

test('a file that vanishes between listing and reading is reported, the batch goes on', async () => {
  const src = join(dir, 'vanish');
  mkdirSync(src);
  writeFileSync(join(src, 'a.txt'), article('Le premier article reste bien présent ici', 'a'));
  writeFileSync(join(src, 'b.txt'), article('Le second article va disparaître en cours de route', 'b'));
  writeFileSync(join(src, 'c.txt'), article('Le troisième article est lu après la disparition', 'c'));
  const seen: string[] = [];
  for await (const item of readSources([src], { maxBytes: 1 << 20 })) {
    seen.push('reason' in item ? `rejected ${item.input.split('/').pop()}: ${item.reason}` : `read ${item.input.split('/').pop()}`);
    if (seen.length === 1) rmSync(join(src, 'b.txt')); // listed already, gone before it is read
  }
  assert.deepEqual(seen, ['read a.txt', 'rejected b.txt: vanished before it could be read', 'read c.txt']);
});

test('a folder of 10,000 files is ingested in bounded memory', async () => {
  const src = join(dir, 'many');
  for (let d = 0; d < 10; d++) {
    mkdirSync(join(src, `d${d}`), { recursive: true });
    for (let i = 0; i < 1000; i++)
      writeFileSync(join(src, `d${d}`, `${i}.txt`), `Titre numéro ${d * 1000 + i} pour un article de test\n\n${para(`sujet ${d}-${i}`, 3)}\n`);
  }
  await withStore('many', async (store) => {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const s = await ingest([src], store, {
      onInput: () => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    });
    assert.equal(s.stored, 10000);
    assert.equal(s.rejected.length, 0);
    assert.equal((await store.pages.counts()).articles, 10000);
    // Chunked: the heap holds one chunk of inputs, not the folder (generous bound, noisy GC).
    assert.ok(peak - heapBefore < 256 * 1024 * 1024, `heap grew by ${((peak - heapBefore) / 1e6).toFixed(0)} MB`);
  });
});

// The statistical clutter signal: a short line that recurs in distinct documents of one site is
// boilerplate there, whether the documents came in one run or several, and only there.
test('lines recurring across documents of one site are removed as boilerplate, across runs', async () => {
  const line = 'Suivez la rédaction sur Mastodon et Bluesky';
  const doc = (title: string, topic: string): string => `${title}\n\n${para(topic, 3)}\n\n${line}\n\n${para(`${topic} fin`, 2)}\n`;
  const [siteA, siteB] = [join(dir, 'lines', 'site-a'), join(dir, 'lines', 'site-b')];
  mkdirSync(siteA, { recursive: true });
  mkdirSync(siteB, { recursive: true });
  writeFileSync(join(siteA, '1.txt'), doc('Le budget de la commune adopté en conseil', 'budget'));
  writeFileSync(join(siteB, '1.txt'), doc('Un nouveau pont sur la rivière pour le village', 'pont'));
  await withStore('lines', async (store) => {
    await ingest([siteA, siteB], store, {}, { workers: 'never' });
    // Seen once per site so far: kept everywhere.
    for (const a of await store.pages.articles()) assert.ok(a.text.includes(line), `${a.input} keeps the line`);
    // A later run brings a second document of site A, then two more of site A in one run.
    writeFileSync(join(siteA, '2.txt'), doc('La piscine municipale rouvre après les travaux', 'piscine'));
    await ingest([join(siteA, '2.txt')], store, {}, { workers: 'never' });
    const second = (await store.pages.articles()).find((a) => a.input.endsWith(join('site-a', '2.txt')))!;
    assert.ok(!second.text.includes(line), 'recurring on site A: removed');
    assert.ok(second.removed.some((r) => r.text === line && r.reason === 'boilerplate'), 'and kept with its reason');
    // Known to recur now: later documents of site A, with lines of their own beside it, lose it too.
    for (const [n, topic] of [['3', 'stade'], ['4', 'gare']] as const) {
      writeFileSync(join(siteA, `${n}.txt`), doc(`Le ${topic} de la commune fait débat au conseil`, topic));
      await ingest([join(siteA, `${n}.txt`)], store, {}, { workers: 'never' });
      const later = (await store.pages.articles()).find((a) => a.input.endsWith(join('site-a', `${n}.txt`)))!;
      assert.ok(!later.text.includes(line), `site A document ${n}: removed`);
    }
    writeFileSync(join(siteB, '2.txt'), doc('Les commerçants du marché inquiets du chantier', 'marché'));
    writeFileSync(join(siteB, '3.txt'), doc('Le collège accueille une classe de plus', 'collège'));
    await ingest([join(siteB, '2.txt'), join(siteB, '3.txt')], store, {}, { workers: 'never' });
    for (const a of (await store.pages.articles()).filter((x) => /site-b.[23]\.txt$/u.test(x.input))) assert.ok(!a.text.includes(line), `${a.input}: recurring on site B now`);
  });
});

test('worker threads return what inline extraction returns (terms cross packed, unpacked the same)', async () => {
  const { inlineExtractor, workerExtractor } = await import('../src/pipeline/pool.ts');
  const { packTerms, unpackTerms } = await import('../src/pipeline/jobs.ts');
  const pairs: Array<[string, number]> = [['veltrane', 11.5], ['#2024', 3], ['pdg', 0.1 + 0.2]];
  assert.deepEqual(unpackTerms(structuredClone(packTerms(pairs))), pairs);
  const raws = [];
  for await (const r of readSources([join(import.meta.dirname, '..', 'demo', 'corpus')], { maxBytes: 1 << 24 })) if (!('reason' in r)) raws.push(r);
  assert.ok(raws.length >= 10);
  const inline = inlineExtractor();
  const pool = workerExtractor(2);
  try {
    const a = await inline.prepare(raws);
    const b = await pool.prepare(raws);
    assert.deepEqual(b.keys, a.keys);
    const none = raws.map(() => new Set<string>());
    assert.deepEqual(await b.extract(none), await a.extract(none));
  } finally {
    await pool.close();
  }
});
