// The language core (src/nlp) with its committed models: tokens and offsets, contractions,
// subjects, objects, appositions and copulas from the parser, entity kinds, training determinism
// on a tiny corpus, and bad input. Sentences here are written for the tests, not taken from any
// evaluation file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText, parseSentence, type Sentence, type Token } from '../src/nlp/index.ts';
import { parseConllu } from '../src/nlp/conllu.ts';
import { Lemmatizer } from '../src/nlp/lemma.ts';
import { writeModel } from '../src/nlp/model-file.ts';
import { classesOf, Recognizer } from '../src/nlp/ner.ts';
import { Parser } from '../src/nlp/parser.ts';
import { Tagger } from '../src/nlp/tagger.ts';
import { tokenize } from '../src/nlp/tokenize.ts';

const word = (s: Sentence, form: string): number => {
  const i = s.tokens.findIndex((t) => t.form === form);
  assert.ok(i >= 0, `no token "${form}" in ${s.tokens.map((t) => t.form).join(' ')}`);
  return i;
};
const dependents = (s: Sentence, head: number, rel: string): string[] => s.tokens.filter((t) => t.head === head && t.deprel.split(':')[0] === rel).map((t) => t.form);
const roundTrip = (text: string, tokens: Token[]): void => {
  for (const t of tokens) {
    assert.equal(text.slice(t.start, t.end), t.text, `offsets of "${t.form}"`);
    assert.ok(t.end > t.start);
  }
};

test('offsets point into the original text, clitics and elisions split as UD does', () => {
  const fr = "« L’État n’a-t-il pas dit qu’il viendrait ? » demanda-t-elle à l'envoyé d’Europe 1.\n\nAujourd'hui, rien.";
  const sentences = analyzeText(fr, 'fr');
  roundTrip(fr, sentences.flatMap((s) => s.tokens));
  const forms = sentences.flatMap((s) => s.tokens.map((t) => t.text));
  for (const piece of ['L’', 'État', 'n’', '-t-il', 'qu’', 'il', '-t-elle', "l'", 'envoyé', 'd’', "Aujourd'hui"]) assert.ok(forms.includes(piece), `${piece} in ${forms.join(' | ')}`);
  const en = "I don't think Jane's brother can't come — he cannot.";
  const tokens = analyzeText(en, 'en').flatMap((s) => s.tokens);
  roundTrip(en, tokens);
  assert.deepEqual(tokens.map((t) => t.text).slice(0, 7), ['I', 'do', "n't", 'think', 'Jane', "'s", 'brother']);
  assert.ok(tokens.some((t) => t.text === 'ca') && tokens.some((t) => t.text === 'not'));
  // Astral characters count as two UTF-16 units, as String.slice does.
  const emoji = 'Le 😀 président parle.';
  roundTrip(emoji, analyzeText(emoji, 'fr').flatMap((s) => s.tokens));
});

test('French contractions become UD words that share the surface span', () => {
  const text = 'Il parle du budget au conseil et aux élus des communes.';
  const [s] = analyzeText(text, 'fr');
  const du = s!.tokens.filter((t) => t.text === 'du');
  assert.deepEqual(du.map((t) => [t.form, t.upos]), [['de', 'ADP'], ['le', 'DET']]);
  assert.equal(du[0]!.start, du[1]!.start);
  assert.deepEqual(s!.tokens.filter((t) => t.text === 'au').map((t) => t.form), ['à', 'le']);
  assert.deepEqual(s!.tokens.filter((t) => t.text === 'aux').map((t) => t.form), ['à', 'les']);
  assert.equal(s!.tokens.filter((t) => t.text === 'des').length, 2, '"des communes" is de + les');
  const [article] = analyzeText('Des élus ont voté.', 'fr');
  assert.deepEqual(article!.tokens.filter((t) => t.text === 'Des').map((t) => t.upos), ['DET'], 'an article "des" stays one word');
});

test('tags and lemmas', () => {
  const [s] = analyzeText('Les chevaux du préfet étaient partis.', 'fr');
  assert.equal(s!.tokens[word(s!, 'chevaux')]!.lemma, 'cheval');
  assert.equal(s!.tokens[word(s!, 'chevaux')]!.upos, 'NOUN');
  assert.equal(s!.tokens[word(s!, 'étaient')]!.lemma, 'être');
  const [e] = analyzeText('The children were running.', 'en');
  assert.equal(e!.tokens[word(e!, 'children')]!.lemma, 'child');
  assert.equal(e!.tokens[word(e!, 'running')]!.upos, 'VERB');
});

test('French parse: subject, object, apposition, copula', () => {
  const [s] = analyzeText("Le conseil d'administration de Veltrane a nommé Claire Dubois au poste de directrice générale.", 'fr', { parse: true });
  assert.ok(s!.parsed);
  const verb = word(s!, 'nommé');
  assert.equal(s!.tokens[verb]!.head, -1);
  assert.deepEqual(dependents(s!, verb, 'nsubj'), ['conseil']);
  assert.deepEqual(dependents(s!, verb, 'obj'), ['Claire']);
  const [a] = analyzeText('Sundar Pichai, le PDG de Google, a rencontré les salariés.', 'fr', { parse: true });
  const pdg = word(a!, 'PDG');
  assert.equal(a!.tokens[pdg]!.deprel, 'appos');
  assert.equal(a!.tokens[a!.tokens[pdg]!.head]!.form, 'Sundar');
  assert.deepEqual(dependents(a!, pdg, 'nmod'), ['Google']);
  const [c] = analyzeText('Marie Curie est une physicienne.', 'fr', { parse: true });
  const noun = word(c!, 'physicienne');
  assert.deepEqual(dependents(c!, noun, 'cop'), ['est']);
  assert.deepEqual(dependents(c!, noun, 'nsubj'), ['Marie']);
});

test('English parse: subject, object, apposition, "named X"', () => {
  const [s] = analyzeText("Tim Cook, the chief executive of Apple, didn't announce a new phone.", 'en', { parse: true });
  const verb = word(s!, 'announce');
  assert.deepEqual(dependents(s!, verb, 'nsubj'), ['Tim']);
  assert.deepEqual(dependents(s!, verb, 'obj'), ['phone']);
  const exec = word(s!, 'executive');
  assert.equal(s!.tokens[exec]!.deprel, 'appos');
  assert.deepEqual(dependents(s!, exec, 'nmod'), ['Apple']);
  const [n] = analyzeText('Her deputy was named John Miller.', 'en', { parse: true });
  assert.deepEqual(dependents(n!, word(n!, 'named'), 'obj'), ['John']);
});

test('parsing is on demand: a predicate chooses the sentences, parseSentence does the rest', () => {
  const text = 'Le ministre parle. La ministre a démissionné hier.';
  const sentences = analyzeText(text, 'fr', { parse: (s) => s.text.includes('démissionné') });
  assert.deepEqual(sentences.map((s) => s.parsed), [false, true]);
  assert.ok(sentences[0]!.tokens.every((t) => t.head === -1 && t.deprel === ''));
  assert.equal(sentences[0]!.mentions.length, sentences[0]!.mentions.length);
  parseSentence(sentences[0]!, 'fr');
  assert.ok(sentences[0]!.parsed);
  assert.equal(sentences[0]!.tokens.filter((t) => t.deprel === 'root').length, 1);
});

test('named entities: person, place and organisation on written sentences', () => {
  const kinds = (text: string, lang: 'fr' | 'en'): string[] => analyzeText(text, lang).flatMap((s) => s.mentions.map((m) => `${m.text}=${m.kind}`));
  const fr = kinds('Jean Martin, maire de Lyon, a rencontré M. Dupont à Marseille.', 'fr');
  for (const m of ['Jean Martin=person', 'Lyon=place', 'Dupont=person', 'Marseille=place']) assert.ok(fr.includes(m), `${m} in ${fr.join(', ')}`);
  const org = kinds('La Société Générale a annoncé des résultats en hausse.', 'fr');
  assert.ok(org.includes('Société Générale=organization'), org.join(', '));
  const en = kinds('The board appointed Jane Smith as chief executive in London. Regulators fined Google on Tuesday.', 'en');
  for (const m of ['Jane Smith=person', 'London=place', 'Google=organization']) assert.ok(en.includes(m), `${m} in ${en.join(', ')}`);
  const [s] = analyzeText('Hier, Claire Dubois a quitté Paris.', 'fr');
  const m = s!.mentions.find((x) => x.text === 'Claire Dubois')!;
  assert.deepEqual(s!.tokens.slice(m.tokens[0], m.tokens[1]).map((t) => t.form), ['Claire', 'Dubois']);
  assert.ok(m.score > 0 && m.score <= 1);
});

test('bad input: empty, garbage, huge, unknown language', () => {
  assert.deepEqual(analyzeText('', 'fr'), []);
  assert.deepEqual(analyzeText('   \n\n  ', 'en'), []);
  assert.throws(() => analyzeText('Hallo', 'de' as 'fr'), /unsupported language "de"/);
  const garbage = '\u0000\uFFFD!!!...???' + 'x'.repeat(100_000) + ' ' + '.'.repeat(50_000) + ' \uD800 ' + '😀'.repeat(1000);
  const g = analyzeText(garbage, 'en', { parse: true });
  roundTrip(garbage, g.flatMap((s) => s.tokens));
  for (const s of g) assert.ok(s.tokens.length <= 200, 'long stretches are cut into bounded sentences');
  const big = 'Le président de la République a reçu les maires de France au palais. '.repeat(5_000);
  const b = analyzeText(big, 'fr');
  assert.equal(b.length, 5_000);
  assert.equal(b.reduce((n, s) => n + s.mentions.length, 0) >= 5_000, true, 'every repeated sentence still has its mentions');
});

const TINY = `# sent_id = a
# text = Le chat dort.
1	Le	le	DET	_	Definite=Def|Gender=Masc|Number=Sing	2	det	_	_
2	chat	chat	NOUN	_	Gender=Masc|Number=Sing	3	nsubj	_	_
3	dort	dormir	VERB	_	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	SpaceAfter=No
4	.	.	PUNCT	_	_	3	punct	_	_

# sent_id = b
# text = Paul mange du pain.
1	Paul	Paul	PROPN	_	_	2	nsubj	_	_
2	mange	manger	VERB	_	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	_
3-4	du	_	_	_	_	_	_	_	_
3	de	de	ADP	_	_	5	case	_	_
4	le	le	DET	_	Definite=Def|Gender=Masc|Number=Sing	5	det	_	_
5	pain	pain	NOUN	_	Gender=Masc|Number=Sing	2	obl	_	SpaceAfter=No
6	.	.	PUNCT	_	_	2	punct	_	_

# sent_id = c
# text = Les chiens de Marie dorment.
1	Les	le	DET	_	Definite=Def|Number=Plur	2	det	_	_
2	chiens	chien	NOUN	_	Gender=Masc|Number=Plur	5	nsubj	_	_
3	de	de	ADP	_	_	4	case	_	_
4	Marie	Marie	PROPN	_	_	2	nmod	_	_
5	dorment	dormir	VERB	_	Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	SpaceAfter=No
6	.	.	PUNCT	_	_	5	punct	_	_
`;

test('training is deterministic: the same corpus and seed give the same bytes', () => {
  const sentences = parseConllu(TINY);
  assert.equal(sentences.length, 3);
  assert.deepEqual(sentences[1]!.tokens.map((t) => t.form), ['Paul', 'mange', 'du', 'pain', '.']);
  const build = (seed: number): Buffer => {
    const tagger = Tagger.train(sentences, { joinContractions: true, englishLexicon: false, bits: 10, epochs: 5, seed });
    const lemmatizer = Lemmatizer.train(sentences, { bits: 8, epochs: 5, seed });
    const parser = Parser.train(sentences, { bits: 10, labelBits: 8, epochs: 5, seed });
    const ner = Recognizer.train(
      sentences.map((s) => ({ units: s.tokens.map((t) => ({ form: t.form, tag: 'X' })), classes: classesOf(s.tokens.length, s.tokens.flatMap((t, i) => (/^(?:Paul|Marie)$/u.test(t.form) ? [{ start: i, end: i + 1, kind: 'person' as const }] : []))) })),
      () => false,
      { lang: 'fr', cueFeatures: true, englishLexicon: false, bits: 10, epochs: 5, seed },
    );
    return writeModel({ tagger: tagger.meta, lemma: lemmatizer.meta, parser: parser.meta }, [tagger.model, lemmatizer.model, parser.transitions, parser.labeller, ner.model]);
  };
  const a = build(7);
  assert.ok(a.equals(build(7)), 'a rerun writes the same bytes');
  // The models learned something: the tagger reproduces its training tags.
  const tagger = Tagger.train(sentences, { joinContractions: true, englishLexicon: false, bits: 10, epochs: 5, seed: 7 });
  assert.deepEqual(tagger.tag(['Paul', 'mange', 'du', 'pain', '.']), ['PROPN', 'VERB', 'ADP+DET', 'NOUN', 'PUNCT']);
});

test('tokenize alone keeps offsets on a text with URLs, numbers and abbreviations', () => {
  const text = 'Voir https://exemple.fr/a?b=1, M. Dupont (p. 3) et 3,5 % des U.S.A.';
  const pieces = tokenize(text, 'fr').map((p) => text.slice(p.start, p.end));
  assert.deepEqual(pieces, ['Voir', 'https://exemple.fr/a?b=1', ',', 'M.', 'Dupont', '(', 'p.', '3', ')', 'et', '3,5', '%', 'des', 'U.S.A.']);
});
