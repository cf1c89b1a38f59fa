// Part-of-speech tagging (UPOS): a greedy left-to-right averaged perceptron over the word, its
// affixes and shape, its neighbours and the two tags already chosen (Collins 2002; the feature set
// of Honnibal's "A good part-of-speech tagger in about 200 lines of Python"). French contractions
// are tagged as one unit with a joined tag ("du" → ADP+DET) and `expand` then writes them out as
// UD's syntactic words (de + le); English contractions are split by the tokenizer already.
import type { UdSentence } from './conllu.ts';
import { Features, Perceptron, feature, hashString, rng, shuffle } from './perceptron.ts';
import { englishClass } from './lexicon.ts';
import { wordInfo, type WordInfo } from './words.ts';

export interface TaggerMeta {
  tags: string[];
  /** "du\tADP+DET" → ["de", "le"]: the words of a contraction, learned from the treebanks. */
  contractions: Record<string, string[]>;
  /** Whether the tagger reads the English lexicon (lexicon.ts) as features. */
  englishLexicon: boolean;
}

/** The units a tagger sees in a treebank sentence: surface tokens for French (a contraction's
 * tag joins its words' tags), words for English. */
export function taggingUnits(s: UdSentence, joinContractions: boolean): { forms: string[]; tags: string[] } {
  if (!joinContractions) return { forms: s.words.map((w) => w.form), tags: s.words.map((w) => w.upos) };
  return {
    forms: s.tokens.map((t) => t.form),
    tags: s.tokens.map((t) => s.words.slice(t.first, t.last).map((w) => w.upos).join('+')),
  };
}

const T = { Bias: 0, Word: 1, Suf1: 2, Suf2: 3, Suf3: 4, Suf4: 5, Pre1: 6, Pre2: 7, Pre3: 8, Shape: 9, CapFirst: 10, AllCaps: 11, Digit: 12, Hyphen: 13, Prev: 14, Prev2: 15, PrevWord: 16, WordM1: 17, SufM1: 18, WordM2: 19, WordP1: 20, SufP1: 21, WordP2: 22, BigramL: 23, BigramR: 24, ShapeM1: 25, ShapeP1: 26, Raw: 27, PrevWordM1: 28, WordP1Suf: 29, Lex: 30, LexFirst: 31, LexP1: 32, LexM1Prev: 33 } as const

const NONE = hashString('<none>');

export function tagFeatures(f: Features, infos: WordInfo[], i: number, prev: number, prev2: number, lex?: { all: number; first: number }[]): void {
  const w = infos[i]!;
  const m1 = infos[i - 1];
  const m2 = infos[i - 2];
  const p1 = infos[i + 1];
  const p2 = infos[i + 2];
  f.clear();
  f.put(T.Bias, 0);
  f.put(T.Word, w.lower);
  f.put(T.Suf1, w.suffix[0]);
  f.put(T.Suf2, w.suffix[1]);
  f.put(T.Suf3, w.suffix[2]);
  f.put(T.Suf4, w.suffix[3]);
  f.put(T.Pre1, w.prefix[0]);
  f.put(T.Pre2, w.prefix[1]);
  f.put(T.Pre3, w.prefix[2]);
  f.put(T.Shape, w.shape);
  f.put(T.CapFirst, (w.cap ? 1 : 0) + (i === 0 ? 2 : 0));
  if (w.allCaps) f.put(T.AllCaps, 1);
  if (w.digit) f.put(T.Digit, 1);
  if (w.hyphen) f.put(T.Hyphen, 1);
  f.put(T.Prev, prev);
  f.put(T.Prev2, prev, prev2);
  f.put(T.PrevWord, prev, w.lower);
  f.put(T.WordM1, m1 ? m1.lower : NONE);
  f.put(T.SufM1, m1 ? m1.suffix[2] : NONE);
  f.put(T.WordM2, m2 ? m2.lower : NONE);
  f.put(T.WordP1, p1 ? p1.lower : NONE);
  f.put(T.SufP1, p1 ? p1.suffix[2] : NONE);
  f.put(T.WordP2, p2 ? p2.lower : NONE);
  f.put(T.BigramL, m1 ? m1.lower : NONE, w.lower);
  f.put(T.BigramR, w.lower, p1 ? p1.lower : NONE);
  f.put(T.ShapeM1, m1 ? m1.shape : NONE, w.shape);
  f.put(T.ShapeP1, w.shape, p1 ? p1.shape : NONE);
  f.put(T.Raw, w.raw, i === 0 ? 1 : 0);
  f.put(T.PrevWordM1, prev, m1 ? m1.lower : NONE);
  f.put(T.WordP1Suf, w.suffix[2], p1 ? p1.lower : NONE);
  if (lex) {
    f.put(T.Lex, lex[i]!.all);
    f.put(T.LexFirst, lex[i]!.first, w.suffix[1]);
    f.put(T.LexP1, i + 1 < lex.length ? lex[i + 1]!.all : NONE);
    f.put(T.LexM1Prev, prev, lex[i]!.all);
  }
}

const START = 1 << 20;

export class Tagger {
  readonly meta: TaggerMeta;
  readonly model: Perceptron;
  private readonly f = new Features();
  private readonly out: Float64Array;

  constructor(meta: TaggerMeta, model: Perceptron) {
    this.meta = meta;
    this.model = model;
    this.out = new Float64Array(meta.tags.length);
  }

  /** Tag numbers of the units, left to right. */
  tagIds(forms: string[]): number[] {
    const infos = forms.map(wordInfo);
    const lex = this.meta.englishLexicon ? forms.map(englishClass) : undefined;
    const tags: number[] = [];
    let prev = START;
    let prev2 = START;
    for (let i = 0; i < infos.length; i++) {
      tagFeatures(this.f, infos, i, prev, prev2, lex);
      const t = this.model.predict(this.f, this.out);
      tags.push(t);
      prev2 = prev;
      prev = t;
    }
    return tags;
  }

  tag(forms: string[]): string[] {
    return this.tagIds(forms).map((t) => this.meta.tags[t]!);
  }

  /** The syntactic words of a unit: a contraction's words when its tag is a joined one (the first
   * word keeps the unit's capital: "Du" → "De", "le"), else the unit itself. */
  expand(form: string, tag: string): { form: string; upos: string }[] {
    if (!tag.includes('+')) return [{ form, upos: tag }];
    const upos = tag.split('+');
    const words = this.meta.contractions[`${form.toLowerCase()}\t${tag}`];
    if (!words || words.length !== upos.length) return [{ form, upos: upos[0]! }];
    const cap = /^\p{Lu}/u.test(form);
    return words.map((w, k) => ({ form: k === 0 && cap ? w[0]!.toUpperCase() + w.slice(1) : w, upos: upos[k]! }));
  }

  static train(sentences: UdSentence[], opts: { joinContractions: boolean; englishLexicon: boolean; bits: number; epochs: number; seed: number; progress?: (epoch: number, accuracy: number) => void }): Tagger {
    const data = sentences.map((s) => taggingUnits(s, opts.joinContractions));
    const tags = [...new Set(data.flatMap((d) => d.tags))].sort();
    const tagId = new Map(tags.map((t, i) => [t, i]));
    const contractions: Record<string, string[]> = {};
    const counts = new Map<string, Map<string, number>>();
    for (const s of sentences)
      for (const t of s.tokens) {
        if (t.last - t.first < 2) continue;
        const ws = s.words.slice(t.first, t.last);
        const key = `${t.form.toLowerCase()}\t${ws.map((w) => w.upos).join('+')}`;
        const forms = ws.map((w) => w.form.toLowerCase()).join(' ');
        const m = counts.get(key) ?? new Map<string, number>();
        m.set(forms, (m.get(forms) ?? 0) + 1);
        counts.set(key, m);
      }
    for (const key of [...counts.keys()].sort()) {
      const best = [...counts.get(key)!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
      contractions[key] = best[0].split(' ');
    }
    const tagger = new Tagger({ tags, contractions, englishLexicon: opts.englishLexicon }, new Perceptron(tags.length, opts.bits));
    const random = rng(opts.seed);
    const order = data.map((d) => ({ infos: d.forms.map(wordInfo), lex: opts.englishLexicon ? d.forms.map(englishClass) : undefined, gold: d.tags.map((t) => tagId.get(t)!) }));
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      let right = 0;
      let total = 0;
      for (const { infos, lex, gold } of shuffle(order, random)) {
        let prev = START;
        let prev2 = START;
        for (let i = 0; i < infos.length; i++) {
          tagFeatures(tagger.f, infos, i, prev, prev2, lex);
          const guess = tagger.model.predict(tagger.f, tagger.out);
          tagger.model.tick();
          tagger.model.update(tagger.f, gold[i]!, guess);
          if (guess === gold[i]) right++;
          total++;
          prev2 = prev;
          prev = guess;
        }
      }
      opts.progress?.(epoch, right / total);
    }
    tagger.model.average();
    return tagger;
  }
}
