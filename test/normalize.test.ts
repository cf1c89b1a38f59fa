import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertText, BinaryInputError, decode, repairMojibake } from '../src/text/encoding.ts';
import { detectLanguage } from '../src/normalize/language.ts';
import { splitSentences } from '../src/normalize/sentences.ts';
import { cleanText, fold, squash } from '../src/text/unicode.ts';

test('cleanText: NFC, one kind of space, invisibles gone, typographic quotes kept', () => {
  const decomposed = 'Cafe\u0301 l\u2019e\u0301te\u0301\u00a0: \u00abok\u00bb\u202f!\u200b\r\nfin';
  assert.equal(cleanText(decomposed), 'Café l’été : «ok» !\nfin');
});

test('fold: case, accents, apostrophe and quote styles erased for matching', () => {
  assert.equal(fold('L’ÉLYSÉE « dit »'), fold("l'elysee \"dit\""));
  assert.equal(fold('Emmett  Shear'), 'emmett shear');
});

test('decode: UTF-8, BOM, windows-1252 fallback, declared charset, mojibake repair', () => {
  const utf8 = new TextEncoder().encode('Élysée — déjà');
  assert.equal(decode(utf8).text, 'Élysée — déjà');
  assert.equal(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])).text, 'Élysée — déjà');
  const cp1252 = new Uint8Array([0xc9, 0x6c, 0x79, 0x73, 0xe9, 0x65, 0x20, 0x96, 0x20, 0x92, 0x6f, 0x6b, 0x92]);
  const d = decode(cp1252);
  assert.equal(d.text, 'Élysée – ’ok’');
  assert.equal(d.encoding, 'windows-1252');
  assert.equal(decode(new Uint8Array([0xe9]), 'iso-8859-1').text, 'é');
  assert.equal(repairMojibake('Ã‰lysÃ©e dÃ©jÃ\u00a0 lâ€™Ã©tÃ©'), 'Élysée déjà l’été');
  assert.equal(repairMojibake('Café ordinaire'), undefined);
});

test('binary inputs are refused with the reason', () => {
  assert.throws(() => assertText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])), BinaryInputError);
  assert.throws(() => assertText(new Uint8Array(200).fill(1)), /control bytes/);
  assertText(new TextEncoder().encode('plain text\n'));
});

test('language: French and English told apart, undecided on too little', () => {
  assert.equal(detectLanguage('Le conseil d’administration a démis son PDG, qui ne reprendra pas son poste dans les prochains jours.'), 'fr');
  assert.equal(detectLanguage('The board said that it had lost confidence in the chief executive, who was not consistently candid.'), 'en');
  assert.equal(detectLanguage('Satya Nadella'), 'und');
});

test('sentences: abbreviations and initials do not end a sentence; paragraphs always do', () => {
  const text = 'M. Dupont et Mme Durand ont vu le Dr. Martin. Il était 10 h.\n\nJ. K. Rowling vit à St. Andrews, etc. et ailleurs. Fin !';
  assert.deepEqual(
    splitSentences(text, 'fr').map((s) => s.text),
    ['M. Dupont et Mme Durand ont vu le Dr. Martin.', 'Il était 10 h.', 'J. K. Rowling vit à St. Andrews, etc. et ailleurs.', 'Fin !'],
  );
  assert.deepEqual(
    splitSentences('Mr. Smith met Ms. Jones in the U.S. capital. They talked.', 'en').map((s) => s.text),
    ['Mr. Smith met Ms. Jones in the U.S. capital.', 'They talked.'],
  );
});

test('sentences: a company form or an initialism goes on when what follows continues the sentence', () => {
  const en = (t: string) => splitSentences(t, 'en').map((s) => s.text);
  assert.deepEqual(en('The company EADS N.V. ( EADS ) won the contract. Boeing lost.'), ['The company EADS N.V. ( EADS ) won the contract.', 'Boeing lost.']);
  assert.deepEqual(en('Fiat S.p.A. (Fiat) and Renault S.A. [Paris] agreed. Talks end.'), ['Fiat S.p.A. (Fiat) and Renault S.A. [Paris] agreed.', 'Talks end.']);
  // The same forms end a sentence when a capitalised word follows: they are often last words.
  assert.deepEqual(en('He joined Acme Corp. He left in May.'), ['He joined Acme Corp.', 'He left in May.']);
  assert.deepEqual(en('Shares rose at Philips N.V. The market fell.'), ['Shares rose at Philips N.V.', 'The market fell.']);
  // French has its own titles; the company forms are shared.
  assert.deepEqual(splitSentences('Le groupe Fnac S.A. (Paris) a vendu. Fin.', 'fr').map((s) => s.text), ['Le groupe Fnac S.A. (Paris) a vendu.', 'Fin.']);
});

test('cleanText: runs and odd spaces become one space, a lone space stays', () => {
  assert.equal(cleanText('a  b\u00a0c \u202f d\te\u2009\u2009f'), 'a b c d e f');
  assert.equal(cleanText(' a b '), ' a b ');
  assert.equal(cleanText('a\u00a0\n\u00a0b'), 'a \n b');
});

test('squash: every whitespace run, a newline alone included, becomes one space', () => {
  assert.equal(squash('\ta \n b\u00a0c\nd  '), 'a b c d');
  assert.equal(squash('one two'), 'one two');
});

// fold() copies unchanged characters a run at a time; it must give what folding each character
// on its own gives (the definition): checked against that definition, character by character.
function foldByCharacter(s: string): string {
  const variants: Record<string, string> = { '‘': "'", '’': "'", '‚': "'", '‛': "'", 'ʼ': "'", '′': "'", '`': "'", '´': "'", '“': '"', '”': '"', '„': '"', '‟': '"', '«': '"', '»': '"', '‹': '"', '›': '"', '″': '"', '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-', '…': '...' };
  const one = (c: string): string => [...c.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()].map((x) => variants[x] ?? x).join('');
  if (/^[\x20-\x7e]*$/.test(s)) return s.toLowerCase().replace(/\s+/g, ' ').trim();
  s = s.replace(/([«“„‹])\s+/gu, '$1').replace(/\s+([»”›])/gu, '$1');
  let out = '';
  let space = true;
  for (const c of s) {
    if (/^[ \t\n\r\u00a0\u202f\u2000-\u200a]$/u.test(c)) {
      if (!space) out += ' ';
      space = true;
      continue;
    }
    space = false;
    out += one(c);
  }
  return space && out.endsWith(' ') ? out.slice(0, -1) : out;
}

test('fold: the same as folding each character on its own', () => {
  const cases = [
    'L’ÉLYSÉE « dit »', '  Émile\u00a0\u00a0Zola  ', 'İstanbul ΣΟΦΊΑ σοφία', 'Straße Œuvre ǅ ﬁn', 'emoji 😀 et 𝐀 gras',
    'café\u0301 — déjà… fin', '“ quote ” ‹ x › «\u202fy\u202f»', 'tab\there\u2009thin', 'x\u00a0', '\u00a0', '', 'Ünïcödé\u2003ëverywhere', 'lone \ud83d surrogate',
  ];
  for (const s of cases) assert.equal(fold(s), foldByCharacter(s), JSON.stringify(s));
});

test('sentences: with a maximum, the first sentences are those of the whole split', () => {
  const text = 'M. Dupont est arrivé. Il a vu Mme Durand. Elle partait.\n\nUn autre paragraphe. Fin.';
  const all = splitSentences(text, 'fr');
  assert.equal(all.length, 5);
  for (const max of [1, 2, 3, 4, 5, 9]) assert.deepEqual(splitSentences(text, 'fr', max), all.slice(0, max));
});
