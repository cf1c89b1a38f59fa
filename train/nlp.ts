// Trainers of the language core (src/nlp): per language a tagger (with lemmatizer and features),
// a parser and a named-entity recogniser, each written to models/<lang>.<part>.bin with its
// model card models/<lang>.<part>.md. Every shuffle is seeded; nothing depends on time or on the
// order of a hash map, so a rerun writes the same bytes.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UdSentence } from '../src/nlp/conllu.ts';
import { modelPath, resetModels, type Lang } from '../src/nlp/index.ts';
import { Lemmatizer } from '../src/nlp/lemma.ts';
import { writeModel } from '../src/nlp/model-file.ts';
import { Parser } from '../src/nlp/parser.ts';
import { Tagger, taggingUnits } from '../src/nlp/tagger.ts';
import { available, readUd, SEED, sha256, UD, type DataFile } from './data.ts';
import type { Trainer } from './run.ts';
import { trainNer, NER_CARD } from './ner.ts';
import { scoreUd } from '../eval/suites/nlp.ts';

export const TAGGER = { bits: 18, epochs: 10, lemmaBits: 14, lemmaEpochs: 10 };
export const PARSER = { bits: 20, labelBits: 16, epochs: 15, folds: 5 };

const root = join(import.meta.dirname, '..');
const rel = (p: string): string => p.slice(root.length + 1);

export function trainTagger(sentences: UdSentence[], lang: Lang, log?: (l: string) => void): { tagger: Tagger; lemmatizer: Lemmatizer } {
  const tagger = Tagger.train(sentences, { joinContractions: lang === 'fr', englishLexicon: lang === 'en', bits: TAGGER.bits, epochs: TAGGER.epochs, seed: SEED, progress: (e, a) => log?.(`tagger epoch ${e}/${TAGGER.epochs}: training accuracy ${(a * 100).toFixed(2)} %`) });
  const lemmatizer = Lemmatizer.train(sentences, { bits: TAGGER.lemmaBits, epochs: TAGGER.lemmaEpochs, seed: SEED, progress: (e, a) => log?.(`lemma scripts epoch ${e}/${TAGGER.lemmaEpochs}: ${(a * 100).toFixed(2)} %`) });
  return { tagger, lemmatizer };
}

/** The treebank's sentences with the tags a tagger trained without them predicts (5-fold
 * jackknifing), so that the parser learns from tags as wrong as the ones it will see. */
function jackknife(sentences: UdSentence[], lang: Lang, log: (l: string) => void): UdSentence[] {
  const out: UdSentence[] = [];
  const k = PARSER.folds;
  for (let fold = 0; fold < k; fold++) {
    const from = Math.floor((sentences.length * fold) / k);
    const to = Math.floor((sentences.length * (fold + 1)) / k);
    const rest = [...sentences.slice(0, from), ...sentences.slice(to)];
    const { tagger, lemmatizer } = trainTagger(rest, lang);
    for (const s of sentences.slice(from, to)) {
      const units = taggingUnits(s, lang === 'fr');
      const tags = tagger.tag(units.forms);
      const words = s.words.map((w) => ({ ...w }));
      units.forms.forEach((form, u) => {
        const [first, last] = lang === 'fr' ? [s.tokens[u]!.first, s.tokens[u]!.last] : [u, u + 1];
        const mine = tagger.expand(form, tags[u]!);
        // A contraction split wrongly keeps its gold words (the parser needs the gold word count).
        if (mine.length !== last - first) return;
        mine.forEach((m, j) => {
          const w = words[first + j]!;
          w.upos = m.upos;
          w.feats = lemmatizer.feats(w.form, m.upos);
        });
      });
      out.push({ ...s, words });
    }
    log(`jackknife fold ${fold + 1}/${k} tagged`);
  }
  return out;
}

function dataTable(files: DataFile[]): string {
  return ['| file | sha256 | licence |', '|---|---|---|', ...files.map((f) => `| \`../shared/train/${f.path}\` | \`${sha256(f)}\` | ${f.licence} |`)].join('\n');
}

function udScores(lang: Lang, parse: boolean): string {
  const head = parse ? '| file | words | UPOS % | UAS % | LAS % |\n|---|---:|---:|---:|---:|' : '| file | words | UPOS % | lemma % | feats % | tokens F1 % |\n|---|---:|---:|---:|---:|---:|';
  const rows = UD[lang].heldOut.map((f) => {
    const s = scoreUd(readUd(f), lang, { parse });
    const p = (x: number): string => (x * 100).toFixed(2);
    return parse ? `| \`${f.path}\` | ${s.words} | ${p(s.upos)} | ${p(s.uas)} | ${p(s.las)} |` : `| \`${f.path}\` | ${s.words} | ${p(s.upos)} | ${p(s.lemma)} | ${p(s.feats)} | ${p(s.tokenF1)} |`;
  });
  return [head, ...rows].join('\n');
}

export function card(o: { title: string; path: string; lang: Lang; what: string; data: string; heldOut: string; command: string; params: Record<string, unknown>; seconds: number; scores: string; weaknesses: string[] }): void {
  const size = statSync(o.path).size;
  writeFileSync(
    o.path.replace(/\.bin$/u, '.md'),
    `# ${o.title}

${o.what}

File: \`${rel(o.path)}\`, ${(size / 1024).toFixed(0)} KiB. Loaded by \`src/nlp/index.ts\` (lazily, once per process).

## Training data

${o.data}

Held out (never trained on, never tuned on): ${o.heldOut}

## How it was trained

\`${o.command}\` — seed ${SEED}; training took ${o.seconds.toFixed(0)} s on one core of the project machine (2 cores, Node 24).
Rerunning it writes the same file byte for byte.

Hyper-parameters: ${Object.entries(o.params).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ')}.

## Scores on held-out data

${o.scores}

Speed: see BENCHMARKS.md (\`npm run bench nlp\`).

## Known weaknesses

${o.weaknesses.map((w) => `- ${w}`).join('\n')}
`,
  );
}

function taggerTrainer(lang: Lang): Trainer {
  const out = modelPath(lang, 'tagger');
  return {
    name: `${lang}-tagger`,
    about: `${lang === 'fr' ? 'French' : 'English'} part-of-speech tagger, lemmatizer and morphological features → ${rel(out)}`,
    outputs: [rel(out)],
    async run({ log }) {
      const missing = available(UD[lang].train);
      if (missing) throw new Error(missing);
      const t0 = performance.now();
      const sentences = UD[lang].train.flatMap(readUd);
      log(`${sentences.length} sentences, ${sentences.reduce((n, s) => n + s.words.length, 0)} words`);
      const { tagger, lemmatizer } = trainTagger(sentences, lang, log);
      writeFileSync(out, writeModel({ tagger: tagger.meta, lemma: lemmatizer.meta }, [tagger.model, lemmatizer.model]));
      const seconds = (performance.now() - t0) / 1000;
      resetModels();
      log('scoring on held-out data');
      card({
        title: `${lang} tagger, lemmatizer and morphological features`, path: out, lang,
        what: `UPOS tags (greedy averaged perceptron, src/nlp/tagger.ts), lemmas (lexicon of the training lemmas, then learned edit scripts, src/nlp/lemma.ts) and UD features (most frequent for the word and tag, else for its ending and tag).${lang === 'fr' ? ' Contractions (du, des, au, aux, auquel…) are tagged as one unit with a joined tag (ADP+DET) and written out as UD\'s words.' : ''}`,
        data: dataTable(UD[lang].train) + (lang === 'en' ? '\n\nEWT\'s *test* file is training material here: `../shared/train/README.md` provides it for training; EWT\'s dev file is held out for the scores below.\n\nThe English tagger also reads, as features, the Penn tags that Brill\'s lexicon gives a word (npm package `brill` 3.1.0, MIT, 89,539 words; src/nlp/lexicon.ts): with 25k words of training text this lifted UPOS on a tuning split carved from the training file from 93.3 % to 94.9 %.' : ''),
        heldOut: UD[lang].heldOut.map((f) => `\`${f.path}\``).join(', '),
        command: `npm run train -- ${lang}-tagger`, params: { ...TAGGER }, seconds,
        scores: `\`npm run eval -- nlp\` (gold tokenisation; tokens F1 from the raw sentence text):\n\n${udScores(lang, false)}`,
        weaknesses: lang === 'fr'
          ? ['Trained on 110k words (Sequoia, ParisStories, GSD dev): rarer constructions and domains (sport results, tables, headlines in capitals) are tagged less well.', 'Features are the most frequent ones for the word and tag, not disambiguated in context (gender and number of invariable words).', 'ParisStories (spoken) writes nouns\' gender in MISC, not FEATS, so feature accuracy there is low by construction.']
          : ['Trained on 25k words only (EWT test file): unknown words, especially proper nouns vs. nouns in titles and capitalised headlines, are its main errors.', 'Lemmas of unseen irregular verbs come from edit scripts and can be wrong ("stolen" → "stol").'],
      });
    },
  };
}

function parserTrainer(lang: Lang): Trainer {
  const out = modelPath(lang, 'parser');
  return {
    name: `${lang}-parser`,
    about: `${lang === 'fr' ? 'French' : 'English'} dependency parser (arc-hybrid, dynamic oracle) → ${rel(out)}`,
    outputs: [rel(out)],
    async run({ log }) {
      const missing = available(UD[lang].train);
      if (missing) throw new Error(missing);
      const t0 = performance.now();
      const sentences = jackknife(UD[lang].train.flatMap(readUd), lang, log);
      const parser = Parser.train(sentences, { ...PARSER, seed: SEED, progress: (e, a) => log(`parser epoch ${e}/${PARSER.epochs}: ${(a * 100).toFixed(2)} % of arcs right while exploring`) });
      writeFileSync(out, writeModel(parser.meta, [parser.transitions, parser.labeller]));
      const seconds = (performance.now() - t0) / 1000;
      resetModels();
      log('scoring on held-out data');
      card({
        title: `${lang} dependency parser`, path: out, lang,
        what: 'UD heads and relations (src/nlp/parser.ts): arc-hybrid transitions with the root at the end of the buffer, one averaged perceptron for the transition and one for the relation of each arc, trained with a dynamic oracle and exploration, on tags predicted by 5-fold jackknifing.',
        data: dataTable(UD[lang].train),
        heldOut: UD[lang].heldOut.map((f) => `\`${f.path}\``).join(', '),
        command: `npm run train -- ${lang}-parser`, params: { ...PARSER }, seconds,
        scores: `\`npm run eval -- nlp\` (gold tokenisation, predicted tags, punctuation included):\n\n${udScores(lang, true)}`,
        weaknesses: ['Greedy and projective: non-projective arcs (rare in news) are never produced; one early mistake can mislead the rest of a long sentence.', 'Long coordinations and attachments of prepositional phrases (nmod vs. obl) are the commonest errors.', lang === 'en' ? 'Trained on 25k words: English LAS is lower than French.' : 'Spoken French (ParisStories) scores lower: disfluencies and paratactic structure.'],
      });
    },
  };
}

export const NLP_TRAINERS: Trainer[] = [
  taggerTrainer('fr'),
  taggerTrainer('en'),
  parserTrainer('fr'),
  parserTrainer('en'),
  ...(['fr', 'en'] as Lang[]).map((lang): Trainer => ({
    name: `${lang}-ner`,
    about: `${lang === 'fr' ? 'French' : 'English'} named-entity recogniser → ${rel(modelPath(lang, 'ner'))}`,
    outputs: [rel(modelPath(lang, 'ner'))],
    async run({ log }) {
      const t0 = performance.now();
      const info = await trainNer(lang, log);
      const seconds = (performance.now() - t0) / 1000;
      resetModels();
      log('scoring on held-out data');
      card({ ...NER_CARD(lang, info), path: modelPath(lang, 'ner'), lang, seconds, command: `npm run train -- ${lang}-ner` });
    },
  })),
];
