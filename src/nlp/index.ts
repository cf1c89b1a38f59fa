// The language core: tokens, parts of speech, lemmas, morphology, named entities and (on demand)
// dependencies for French and English text, from models trained on the UD treebanks and the
// Europeana newspapers (see models/*.md and `npm run train`).
//
//   analyzeText(text, lang, { parse? }) → Sentence[]
//     Sentences of the text; each with its tokens (UD's syntactic words: "du" is two tokens, "de"
//     and "le", both pointing at the two letters of "du") and its mentions of named entities.
//     Offsets are UTF-16 code units into `text` (String.prototype.slice works with them).
//     Parsing is the slow part and is skipped unless asked: `parse: true` parses every sentence,
//     a predicate parses the sentences it accepts; the others keep head = -1, deprel = ''.
//   parseSentence(sentence, lang) → the same sentence, parsed (head and deprel filled) in place.
//
// Token.head is the 0-based index of the head token in the same sentence, -1 for the root (and
// for every token of an unparsed sentence). Tagging and entities never depend on parsing.
// Models load lazily, once per process (tagger and recogniser on the first analyzeText of a
// language, the parser on its first parse); `preload` pays that at start instead.
//
// Reading the parse (UD relations, https://universaldependencies.org/u/dep/):
//   subject / object of a verb:  tokens with head = verb and deprel nsubj (nsubj:pass) / obj;
//                                 a passive's agent is obl:agent (fr) or obl with "by" (en).
//   apposition:  "Tim Cook, the chief executive of Apple": executive --appos--> Cook, and
//                Apple --nmod--> executive; "le PDG de Google, Sundar Pichai" is the same the
//                other way round (the first noun is the head).
//   copula:      "X est PDG de Y" / "X is CEO of Y": the noun is the head (root), with X as
//                nsubj and est/is as cop.
//   "named X":   "was named John Miller": John --obj--> named (the rest of the name hangs on
//                John with flat / flat:name).
//   names:       a multi-word name is one token with the others attached by flat / flat:name
//                (fr) or flat / compound (en); Mention spans are the recogniser's, not the parse's.
//   time:        temporal phrases attach to their verb as obl (obl:mod in French, obl:tmod or
//                obl with a preposition in English) or nmod.
import { readFileSync } from 'node:fs';
import { brill } from 'brill';
import { join } from 'node:path';
import { splitSentences } from '../normalize/index.ts';
import { Lemmatizer, type LemmaMeta } from './lemma.ts';
import { readModel } from './model-file.ts';
import { Recognizer, type EntityKind, type NerMeta } from './ner.ts';
import { Parser, type ParserMeta } from './parser.ts';
import { Tagger, type TaggerMeta } from './tagger.ts';
import { tokenize, type Piece } from './tokenize.ts';

export type Lang = 'fr' | 'en';
export type { EntityKind };
export { FIRST_NAMES } from './firstnames.ts';
export { CUES, cueKey, type Cues } from './cues.ts';
export { placeNames } from './gazetteer.ts';

export interface Token {
  /** The syntactic word (UD FORM): "le" for the second word of "du". */
  form: string;
  /** The text at [start, end): the surface token, "du" for both words of "du". */
  text: string;
  start: number;
  end: number;
  /** Universal part of speech (UD UPOS). */
  upos: string;
  lemma: string;
  /** UD morphological features, "Gender=Masc|Number=Sing", or "_". */
  feats: string;
  /** 0-based index of the head token in the sentence; -1 for the root and when not parsed. */
  head: number;
  /** UD relation to the head ("nsubj", "obj", "appos", …); "" when not parsed. */
  deprel: string;
}

export interface Mention {
  start: number;
  end: number;
  text: string;
  kind: EntityKind;
  /** Tokens [first, last) of the sentence that the mention covers. */
  tokens: [number, number];
  /** Confidence in (0, 1): the smallest decision margin over the mention's tokens, squashed. */
  score: number;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  tokens: Token[];
  mentions: Mention[];
  parsed: boolean;
}

export interface AnalyzeOptions {
  parse?: boolean | ((s: Sentence) => boolean);
}

export const LANGS: readonly Lang[] = ['fr', 'en'];
/** Longest stretch tagged and parsed as one sentence; longer ones (lists, garbage) are cut. */
const MAX_UNITS = 200;
export const MODELS_DIR = join(import.meta.dirname, '..', '..', 'models');

export function analyzeText(text: string, lang: Lang, opts: AnalyzeOptions = {}): Sentence[] {
  if (!LANGS.includes(lang)) throw new Error(`analyzeText: unsupported language "${lang}" (expected ${LANGS.join(' or ')})`);
  const out: Sentence[] = [];
  for (const span of splitSentences(text, lang)) {
    const pieces = tokenize(text, lang, span.start, span.end);
    for (let at = 0; at < pieces.length; at += MAX_UNITS) out.push(analyzePieces(text, pieces.slice(at, at + MAX_UNITS), lang));
  }
  if (opts.parse) for (const s of out) if (opts.parse === true || opts.parse(s)) parseSentence(s, lang);
  return out;
}

export function parseSentence(s: Sentence, lang: Lang): Sentence {
  if (s.parsed) return s;
  const { heads, deprels } = parser(lang).parse(s.tokens);
  s.tokens.forEach((t, i) => {
    t.head = heads[i]!;
    t.deprel = deprels[i]!;
  });
  s.parsed = true;
  return s;
}

/** One sentence from its tokens (spans into `text`): tags, words, lemmas, features, mentions.
 * Exported for evaluation on gold tokenisation; callers use analyzeText. */
export function analyzePieces(text: string, pieces: Piece[], lang: Lang, opts: { entities?: boolean } = {}): Sentence {
  const m = taggerOf(lang);
  const forms = pieces.map((p) => text.slice(p.start, p.end));
  const tags = m.tagger.tag(forms);
  const tokens: Token[] = [];
  const firstWord: number[] = [];
  forms.forEach((surface, u) => {
    firstWord.push(tokens.length);
    for (const w of m.tagger.expand(surface, tags[u]!)) {
      const { lemma, feats } = m.lemmatizer.analyse(w.form, w.upos);
      tokens.push({ form: w.form, text: surface, start: pieces[u]!.start, end: pieces[u]!.end, upos: w.upos, lemma, feats, head: -1, deprel: '' });
    }
  });
  firstWord.push(tokens.length);
  const mentions: Mention[] = opts.entities === false ? [] : recognizerOf(lang).spans(forms.map((form, u) => ({ form, tag: tags[u]! }))).map((sp) => {
    const start = pieces[sp.start]!.start;
    const end = pieces[sp.end - 1]!.end;
    return { start, end, text: text.slice(start, end), kind: sp.kind, tokens: [firstWord[sp.start]!, firstWord[sp.end]!], score: sp.score };
  });
  const start = pieces[0]?.start ?? 0;
  const end = pieces.at(-1)?.end ?? start;
  return { start, end, text: text.slice(start, end), tokens, mentions, parsed: false };
}

const loaded = new Map<string, unknown>();

export function modelPath(lang: Lang, part: 'tagger' | 'parser' | 'ner'): string {
  return join(MODELS_DIR, `${lang}.${part}.bin`);
}

/** A model, read from its file the first time it is asked for. */
function once<M>(lang: Lang, part: 'tagger' | 'parser' | 'ner', make: (m: ReturnType<typeof readModel>) => M): M {
  const key = `${lang}.${part}`;
  let m = loaded.get(key) as M | undefined;
  if (m) return m;
  const path = modelPath(lang, part);
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    throw new Error(`${path}: the ${lang} ${part} model is missing (${(e as Error).message}); \`npm run train\` rebuilds it`);
  }
  m = make(readModel(data, path));
  loaded.set(key, m);
  return m;
}

export function taggerOf(lang: Lang): { tagger: Tagger; lemmatizer: Lemmatizer } {
  return once(lang, 'tagger', ({ meta, perceptrons }) => {
    const m = meta as { tagger: TaggerMeta; lemma: LemmaMeta };
    return { tagger: new Tagger(m.tagger, perceptrons[0]!), lemmatizer: new Lemmatizer(m.lemma, perceptrons[1]!) };
  });
}

function recognizerOf(lang: Lang): Recognizer {
  const { lemmatizer } = taggerOf(lang);
  return once(lang, 'ner', ({ meta, perceptrons }) => new Recognizer(meta as NerMeta, perceptrons[0]!, (w) => lemmatizer.isCommon(w)));
}

function parser(lang: Lang): Parser {
  return once(lang, 'parser', ({ meta, perceptrons }) => new Parser(meta as ParserMeta, perceptrons[0]!, perceptrons[1]!));
}

/**
 * Is this word a common word of the language, not a name? The treebank lexicon's non-proper
 * words, and for English also the Brill lexicon (npm `brill`, 89k words), whose entries say how a
 * word is written: "boeing" is not there, "airliner" is. Given capitalised, an English word is
 * also common when the lexicon's first reading of that very spelling is an adjective or another
 * common class ("European", "Korean"; not "Boeing", whose first reading is a proper noun).
 * Later stages use it to tell a name from a capitalised common word (a sentence's first word).
 */
export function isCommonWord(word: string, lang: Lang): boolean {
  const lower = word.toLowerCase();
  if (lang === 'en' && lower !== word) {
    const cased = Object.hasOwn(brill, word) ? brill[word] : undefined;
    if (cased?.length) return !/^NNPS?$/.test(cased[0]!);
  }
  if (taggerOf(lang).lemmatizer.isCommon(lower)) return true;
  if (lang !== 'en') return false;
  const tags = Object.hasOwn(brill, lower) ? brill[lower] : undefined;
  return !!tags && tags.length > 0 && tags[0] !== 'NNP' && tags[0] !== 'NNPS';
}

/** Forgets the loaded models (the trainer calls it after writing new ones). */
export function resetModels(): void {
  loaded.clear();
}

/** Loads every model of a language now (a server may want to pay the load at start). */
export function preload(lang: Lang, withParser = true): void {
  taggerOf(lang);
  recognizerOf(lang);
  if (withParser) parser(lang);
}
