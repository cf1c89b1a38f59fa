// Training the named-entity recognisers. French learns from the Europeana newspapers of 1906
// (gold, IO tags) less the held-out end. English has no gold here: it learns from silver spans
// made from the EWT training treebank's gold trees (train/silver-en.ts), and is measured on a
// small set labelled by hand (eval/labels/en-ner-gold.tsv).
import { writeFileSync } from 'node:fs';
import { modelPath, taggerOf, type Lang } from '../src/nlp/index.ts';
import { writeModel } from '../src/nlp/model-file.ts';
import { classesOf, NER_CLASSES, Recognizer, type EntityKind, type NerUnit } from '../src/nlp/ner.ts';
import { EUROPEANA, EUROPEANA_HELD_OUT, available, readEuropeana, readUd, sha256, UD, type BioChunk } from './data.ts';
import { silverEnglish } from './silver-en.ts';
import { scoreNerEn, scoreNerFr, EN_GOLD, type NerScore } from '../eval/suites/nlp.ts';
import { SEED } from './nlp.ts';

export const NER = { bits: 18, epochs: 12 };

const KIND: Record<string, EntityKind> = { PER: 'person', LOC: 'place', ORG: 'organization' };

export function europeanaExamples(chunks: BioChunk[]): { units: NerUnit[]; classes: number[] }[] {
  const { tagger } = taggerOf('fr');
  return chunks.map((c) => {
    const tags = tagger.tag(c.forms);
    const spans: { start: number; end: number; kind: EntityKind }[] = [];
    c.kinds.forEach((k, i) => {
      if (!k) return;
      const last = spans.at(-1);
      if (last && last.end === i && c.kinds[i - 1] === k) last.end = i + 1;
      else spans.push({ start: i, end: i + 1, kind: KIND[k]! });
    });
    return { units: c.forms.map((form, i) => ({ form, tag: tags[i]! })), classes: classesOf(c.forms.length, spans) };
  });
}

export interface NerInfo {
  examples: number;
  silver?: { sentences: number; kept: number; spans: Record<string, number> };
}

export async function trainNer(lang: Lang, log: (l: string) => void): Promise<NerInfo> {
  let examples: { units: NerUnit[]; classes: number[] }[];
  let info: NerInfo;
  if (lang === 'fr') {
    const missing = available([EUROPEANA]);
    if (missing) throw new Error(missing);
    examples = europeanaExamples(readEuropeana().train);
    info = { examples: examples.length };
  } else {
    const missing = available(UD.en.train);
    if (missing) throw new Error(missing);
    const silver = silverEnglish(UD.en.train.flatMap(readUd));
    const { tagger } = taggerOf('en');
    examples = silver.sentences.map((s) => {
      const tags = tagger.tag(s.forms);
      return { units: s.forms.map((form, i) => ({ form, tag: tags[i]! })), classes: classesOf(s.forms.length, s.spans) };
    });
    info = { examples: examples.length, silver: { sentences: silver.total, kept: silver.sentences.length, spans: silver.counts } };
    log(`silver: ${silver.sentences.length} of ${silver.total} sentences kept; spans ${JSON.stringify(silver.counts)}`);
  }
  const r = Recognizer.train(examples, { ...NER, seed: SEED, progress: (e, a) => log(`epoch ${e}/${NER.epochs}: training token accuracy ${(a * 100).toFixed(2)} %`) });
  writeFileSync(modelPath(lang, 'ner'), writeModel({ classes: NER_CLASSES }, [r.model]));
  return info;
}

function table(s: NerScore): string {
  const p = (x: number): string => (x * 100).toFixed(1);
  return [
    '| kind | gold | found | correct | P % | R % | F1 % |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(s.byKind).map(([k, v]) => {
      const P = v.predicted ? v.correct / v.predicted : 0;
      const R = v.gold ? v.correct / v.gold : 0;
      return `| ${k} | ${v.gold} | ${v.predicted} | ${v.correct} | ${p(P)} | ${p(R)} | ${p(P + R ? (2 * P * R) / (P + R) : 0)} |`;
    }),
    `| **all** | ${s.gold} | ${s.predicted} | ${s.correct} | ${p(s.p)} | ${p(s.r)} | **${p(s.f1)}** |`,
  ].join('\n');
}

export function NER_CARD(lang: Lang, info: NerInfo): { title: string; what: string; data: string; heldOut: string; params: Record<string, unknown>; scores: string; weaknesses: string[] } {
  const what = 'Person, organisation, place and other mentions (src/nlp/ner.ts): BIO tags chosen left to right by an averaged perceptron over the word\'s shape, affixes and capitals, the tagger\'s part of speech, two words of context either side, the tags already chosen, and two open word lists (given names from src/entities/vocab/firstnames.ts; countries and time-zone cities from the runtime\'s CLDR and IANA data, src/nlp/gazetteer.ts).';
  if (lang === 'fr') {
    return {
      title: 'fr named-entity recogniser', what,
      data: `| file | sha256 | licence |\n|---|---|---|\n| \`../shared/train/${EUROPEANA.path}\` (first ${Math.round((1 - EUROPEANA_HELD_OUT) * 100)} % of its lines, ${info.examples} chunks) | \`${sha256(EUROPEANA)}\` | CC0 |\n\nTags PER / LOC / ORG (IO: consecutive tokens of one kind are one entity) become person / place / organization. The file has no sentence breaks: chunks end at ".", "!" or "?" before a capital, or at 60 tokens. Parts of speech come from the French tagger (models/fr.tagger.bin). The recogniser never says "other": the training data has no such kind.`,
      heldOut: `the last ${EUROPEANA_HELD_OUT * 100} % of the lines of \`${EUROPEANA.path}\` (a contiguous block, cut at a chunk boundary).`,
      params: { ...NER },
      scores: `\`npm run eval -- nlp\`, exact span and kind, on the held-out Europeana block:\n\n${table(scoreNerFr(readEuropeana().heldOut))}`,
      weaknesses: ['Learned from 1906 newspapers read by OCR: spelling noise, old names and ship names tagged ORG; modern news (companies, products, acronyms) is under-represented, so organisations are its weakest kind.', 'No "other" kind (products, events, works): the data has none.', 'Greedy decoding: a span\'s start is never revised.'],
    };
  }
  const sv = info.silver!;
  return {
    title: 'en named-entity recogniser', what,
    data: `| file | sha256 | licence |\n|---|---|---|\n${UD.en.train.map((f) => `| \`../shared/train/${f.path}\` | \`${sha256(f)}\` | ${f.licence} |`).join('\n')}\n\nNo gold English NER data is available here. Silver spans come from the treebank's gold trees (train/silver-en.ts): runs of proper nouns joined by flat/compound relations, typed by general cues — titles and honorifics before the name, given names (the same open list), organisation words (Inc, University, Party…), place words (Street, River…) and CLDR country and IANA city names, the preposition before the name — and sentences where a span could not be typed are left out (${sv.kept} of ${sv.sentences} kept; spans: ${Object.entries(sv.spans).map(([k, v]) => `${k} ${v}`).join(', ')}).`,
    heldOut: `\`ud/en_ewt-ud-dev.conllu\` (the treebank's held-out file), from which the hand-labelled evaluation sentences of \`${EN_GOLD.replace(/^.*\/eval\//u, 'eval/')}\` are drawn.`,
    params: { ...NER },
    scores: `\`npm run eval -- nlp\`, exact span and kind, on the hand-labelled sentences:\n\n${table(scoreNerEn())}`,
    weaknesses: ['Silver training data: the cues that typed the spans are general but incomplete, so names without a cue (most organisations and products) are learned from few examples.', 'EWT is web text (reviews, e-mail, forums), not news.', 'The hand-labelled evaluation set is small: its F1 has a wide margin of error (a few points).'],
  };
}
