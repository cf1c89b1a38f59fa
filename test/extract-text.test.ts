// Golden fixtures for the plain-text extractor: fixtures/extract-text/<case>/{input.txt, expected.json}.
// Every fix to the text extractor adds a case here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { extractText } from '../src/extract/text/index.ts';
import { repairLine } from '../src/extract/text/repair.ts';
import { parseByline, isNameLike } from '../src/extract/names.ts';
import { parseDate } from '../src/extract/dates.ts';
import { normalizeArticle, splitSentences } from '../src/normalize/index.ts';
import { fnv1a } from '../src/dedupe/minhash.ts';
import { lineHash } from '../src/pipeline/jobs.ts';

const root = join(import.meta.dirname, '..', 'fixtures', 'extract-text');

for (const name of readdirSync(root)) {
  test(`extract-text fixture ${name}`, () => {
    const input = readFileSync(join(root, name, 'input.txt'), 'utf8');
    const want = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8'));
    const a = normalizeArticle(extractText(input));
    for (const key of ['title', 'subtitle', 'authors', 'publishedAt', 'url', 'site', 'language'] as const)
      if (key in want) assert.deepEqual(a[key], want[key], `${key}`);
    if (want.body_first) assert.ok(a.text.startsWith(want.body_first), `body starts: ${a.text.slice(0, 80)}`);
    if (want.body_last) assert.ok(a.text.endsWith(want.body_last), `body ends: ${a.text.slice(-80)}`);
    for (const s of want.body_contains_once ?? []) assert.equal(a.text.split(s).length - 1, 1, `once: ${s}`);
    for (const s of want.body_must_not_contain ?? []) assert.ok(!a.text.includes(s), `body must not contain ${JSON.stringify(s)}`);
    for (const h of want.headings ?? []) assert.ok(a.blocks.some((b) => b.kind === 'h' && b.text === h), `heading ${h}`);
    for (const r of want.removed_reasons ?? []) assert.ok(a.removed.some((x) => x.reason === r), `a piece removed as ${r}`);
    const sentences = splitSentences(a.text, a.language);
    for (const s of want.sentences_include ?? []) assert.ok(sentences.some((x) => x.text === s), `sentence ${s}`);
    // Invariants: the text is the blocks joined, and every sentence span points into the text.
    assert.equal(a.text, a.blocks.map((b) => b.text).join('\n\n'));
    for (const s of sentences) assert.equal(a.text.slice(s.start, s.end), s.text);
  });
}

test('glued sentences and a glued heading become separate blocks', () => {
  const blocks = repairLine('Il pleuvait.Le match a commencé. Les deux équipes se neutralisent.Le joli but de KarimLa foule a explosé au stade.');
  assert.deepEqual(
    blocks.map((b) => [b.kind, b.text]),
    [
      ['p', 'Il pleuvait.'],
      ['p', 'Le match a commencé. Les deux équipes se neutralisent.'],
      ['h', 'Le joli but de Karim'],
      ['p', 'La foule a explosé au stade.'],
    ],
  );
});

test('brand names with inner capitals are not glue', () => {
  for (const s of ['OpenAI a présenté ChatGPT et le DevDay.', 'Le iPhone de YouTube et McDonald.', 'Voir le site lexpress.fr et la version 3.5 du modèle.'])
    assert.deepEqual(repairLine(s), [{ kind: 'p', text: s }]);
});

test('bylines: prefixes, several names, roles and dates stripped', () => {
  assert.deepEqual(parseByline('Par Anne Cagan'), ['Anne Cagan']);
  assert.deepEqual(parseByline('By Owen Hartley, Technology Correspondent'), ['Owen Hartley']);
  assert.deepEqual(parseByline('Par Jean Dupont et Marie-Claire Le Goff, le 12 mai 2025'), ['Jean Dupont', 'Marie-Claire Le Goff']);
  assert.deepEqual(parseByline('Le conseil a voté'), []);
  assert.equal(isNameLike('Recent News Today Now More'), false);
  assert.equal(isNameLike('Chema Carvajal Sarabia'), true);
});

test('metadata dates in several notations', () => {
  assert.equal(parseDate('2023-11-20 12:16:51'), '2023-11-20T12:16:51');
  assert.equal(parseDate('Publié le 11 mars 2026 à 07h30'), '2026-03-11T07:30:00');
  assert.equal(parseDate('March 7, 2026 · 4 min read'), '2026-03-07');
  assert.equal(parseDate('le 1er février 2024'), '2024-02-01');
  assert.equal(parseDate('09/03/2026 – 07:05'), '2026-03-09T07:05:00');
  assert.equal(parseDate('2024-05-17T09:30:00+02:00'), '2024-05-17T09:30:00+02:00');
  assert.equal(parseDate('31 février 2024'), null);
  assert.equal(parseDate('no date here'), null);
});

test('site boilerplate by statistics removes only short lines the site repeats', () => {
  const shared = new Set(['abonnez-vous a notre lettre', 'la meteo du jour']);
  const input = 'Un titre assez long pour être un titre\n\nLa météo du jour\n\nLe premier paragraphe du corps est long et complet, avec une phrase entière.\n\nAbonnez-vous à notre lettre\n\nLe second paragraphe continue le récit avec des détails.';
  const a = extractText(input, { siteBoilerplate: (k) => shared.has(k) });
  assert.ok(!a.text.includes('La météo du jour'));
  assert.ok(a.text.includes('Le second paragraphe'));
});

test('site line keys: two FNV-1a hashes in hex, eight digits each, leading zeros kept', () => {
  // The keys are stored (site statistics): their spelling must not change.
  const hex8 = (h: number): string => h.toString(16).padStart(8, '0');
  const keys = ['partager', 'lire aussi', 'la meteo du jour', ''];
  // A key whose first hash is below 0x10000000, so that a leading zero is needed.
  for (let i = 0; keys.length < 5; i++) if (fnv1a(`k${i}`) < 0x10000000) keys.push(`k${i}`);
  for (const k of keys) {
    assert.match(lineHash(k), /^[0-9a-f]{16}$/);
    assert.equal(lineHash(k), hex8(fnv1a(k)) + hex8(fnv1a(k, 0x01234567)));
  }
});

test('publication date of a scraped text: footer line, dateline, header byline, URL; never a date inside the body', () => {
  const body = 'Le conseil municipal a voté mardi soir le budget de la commune, après deux heures de débat. Les élus ont aussi approuvé la rénovation de l’école, prévue le 12 juillet 2027.\n\nLe maire a rappelé que les impôts locaux ne bougeraient pas cette année, malgré la hausse des coûts de l’énergie.';
  const footer = extractText(`Budget : la commune garde ses taux\n\n${body}\n\nJournal de l'Ouest – publié le samedi 7 mars 2026`);
  assert.equal(footer.publishedAt, '2026-03-07');
  assert.equal(footer.publishedAtSource, 'text');
  const dateline = extractText(`Budget : la commune garde ses taux\n\nNANTES, 4 mars 2026 (APO) - ${body}`);
  assert.equal(dateline.publishedAt, '2026-03-04');
  const byline = extractText(`Budget : la commune garde ses taux\n\nPar Élise Fabre, le 19 février 2026\n\n${body}`);
  assert.equal(byline.publishedAt, '2026-02-19');
  const none = extractText(`Budget : la commune garde ses taux\n\n${body}`);
  assert.equal(none.publishedAt, null, 'the date inside a body sentence is not the publication date');
  const url = extractText(`Budget : la commune garde ses taux\n\n${body}`, { url: 'https://x.example/2026/03/02/budget' });
  assert.deepEqual([url.publishedAt, url.publishedAtSource], ['2026-03-02', 'inferred']);
  // An update line alone is a date of last resort; a publication line before it wins.
  const both = extractText(`Budget : la commune garde ses taux\n\n${body}\n\nPublié le 3 mars 2026, mis à jour le 4 mars 2026 à 10h`);
  assert.equal(both.publishedAt, '2026-03-03');
});
