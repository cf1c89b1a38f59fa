// Lemmas and morphological features. A word seen in the treebanks with this part of speech takes
// its most frequent lemma and features there (the lexicon); an unseen word's lemma comes from a
// learned edit script ("chevaux" → strip 3, add "al"; chosen by an averaged perceptron over the
// word's suffixes and its tag, as UDPipe and Stanza do), and its features from the most frequent
// ones of words with the same ending and tag.
import type { UdSentence } from './conllu.ts';
import { Features, Perceptron, feature, hashString, rng, shuffle } from './perceptron.ts';
import { wordInfo } from './words.ts';
import { remember } from '../util/lru.ts';

export interface LemmaMeta {
  scripts: string[];
  /** "chevaux\tNOUN" → [script number, feats]. */
  lexicon: Record<string, [number, string]>;
  /** Features by ending and tag: "aux\tNOUN" (4, 3, 2 last letters, then "" for the tag alone). */
  featsByEnding: Record<string, string>;
}

/** The edit that turns `form` into `lemma`: "L" (from the lower-cased form) or "K" (as written),
 * how many letters to strip at the end, what to add. */
export function editScript(form: string, lemma: string): string {
  const lower = form.toLowerCase();
  const common = (a: string): number => {
    let p = 0;
    while (p < a.length && p < lemma.length && a[p] === lemma[p]) p++;
    return p;
  };
  // A lemma without capitals is made from the lower-cased form, so that "The" finds "the" by the
  // script learned on "the".
  const [mode, base] = lemma === lemma.toLowerCase() ? ['L', lower] : ['K', form];
  const p = common(base);
  return `${mode}${base.length - p}:${lemma.slice(p)}`;
}

export function applyScript(form: string, script: string): string | undefined {
  const colon = script.indexOf(':');
  const strip = Number(script.slice(1, colon));
  const base = script[0] === 'L' ? form.toLowerCase() : form;
  if (strip > base.length) return undefined;
  return base.slice(0, base.length - strip) + script.slice(colon + 1);
}

const lexKey = (form: string, upos: string): string => `${form.toLowerCase().replace(/[’‘]/gu, "'")}\t${upos}`;

const T = { Bias: 0, Suf1: 1, Suf2: 2, Suf3: 3, Suf4: 4, Suf5: 5, Upos: 6, UposSuf2: 7, UposSuf3: 8, UposSuf4: 9, Shape: 10, Cap: 11, Pre2: 12 } as const

function lemmaFeatures(f: Features, form: string, upos: string): void {
  const w = wordInfo(form);
  const n = w.norm.length;
  const u = hashString(upos);
  f.clear();
  f.put(T.Bias, 0);
  f.put(T.Suf1, w.suffix[0]);
  f.put(T.Suf2, w.suffix[1]);
  f.put(T.Suf3, w.suffix[2]);
  f.put(T.Suf4, w.suffix[3]);
  f.put(T.Suf5, hashString(w.norm.slice(Math.max(0, n - 5))));
  f.put(T.Upos, u);
  f.put(T.UposSuf2, u, w.suffix[1]);
  f.put(T.UposSuf3, u, w.suffix[2]);
  f.put(T.UposSuf4, u, w.suffix[3]);
  f.put(T.Shape, w.shape);
  f.put(T.Cap, w.cap ? 1 : 0, u);
  f.put(T.Pre2, w.prefix[1], n);
}

export class Lemmatizer {
  readonly meta: LemmaMeta;
  readonly model: Perceptron;
  private readonly f = new Features();
  private readonly out: Float64Array;

  constructor(meta: LemmaMeta, model: Perceptron) {
    this.meta = meta;
    this.model = model;
    this.out = new Float64Array(meta.scripts.length);
  }

  private commonSet?: Set<string>;
  /** Lemma and features by form and tag: both depend on nothing else, and most tokens of a text
   * are words it has already seen. */
  private readonly known = new Map<string, { lemma: string; feats: string }>();

  /** The lemma and features of a word with this part of speech (`lemma` and `feats`, remembered). */
  analyse(form: string, upos: string): { lemma: string; feats: string } {
    const key = `${form}\t${upos}`;
    let hit = this.known.get(key);
    if (!hit) {
      hit = remember(this.known, key, { lemma: this.lemma(form, upos), feats: this.feats(form, upos) });
    }
    return hit;
  }

  /** Whether a lower-cased form was seen in training as a noun, verb, adjective, adverb or
   * function word (not only as a proper noun). */
  isCommon(lower: string): boolean {
    if (!this.commonSet) {
      this.commonSet = new Set();
      for (const key of Object.keys(this.meta.lexicon)) {
        const [form, upos] = key.split('\t') as [string, string];
        if (upos !== 'PROPN' && upos !== 'X' && upos !== 'SYM' && upos !== 'NUM' && upos !== 'PUNCT') this.commonSet.add(form);
      }
    }
    return this.commonSet.has(lower);
  }

  lemma(form: string, upos: string): string {
    const known = this.meta.lexicon[lexKey(form, upos)];
    if (known) return applyScript(form, this.meta.scripts[known[0]]!) ?? form;
    if (upos === 'PROPN' || upos === 'NUM' || upos === 'PUNCT' || upos === 'SYM' || upos === 'X') return form;
    lemmaFeatures(this.f, form, upos);
    const scripts = this.meta.scripts;
    const s = this.model.predict(this.f, this.out, (c) => Number(scripts[c]!.slice(1, scripts[c]!.indexOf(':'))) < form.length);
    return (s >= 0 && applyScript(form, scripts[s]!)) || form;
  }

  feats(form: string, upos: string): string {
    const known = this.meta.lexicon[lexKey(form, upos)];
    if (known) return known[1];
    const norm = wordInfo(form).norm;
    for (const n of [4, 3, 2, 0]) {
      if (n > norm.length) continue;
      const hit = this.meta.featsByEnding[`${n ? norm.slice(-n) : ''}\t${upos}`];
      if (hit !== undefined) return hit;
    }
    return '_';
  }

  static train(sentences: UdSentence[], opts: { bits: number; epochs: number; seed: number; progress?: (epoch: number, accuracy: number) => void }): Lemmatizer {
    const mostFrequent = <V>(m: Map<V, number>): V => [...m].sort((a, b) => b[1] - a[1] || (String(a[0]) < String(b[0]) ? -1 : 1))[0]![0];
    const byWord = new Map<string, { scripts: Map<string, number>; feats: Map<string, number>; form: string; upos: string }>();
    const byEnding = new Map<string, Map<string, number>>();
    for (const s of sentences)
      for (const w of s.words) {
        const key = lexKey(w.form, w.upos);
        const e = byWord.get(key) ?? { scripts: new Map(), feats: new Map(), form: w.form, upos: w.upos };
        const script = editScript(w.form, w.lemma);
        e.scripts.set(script, (e.scripts.get(script) ?? 0) + 1);
        e.feats.set(w.feats, (e.feats.get(w.feats) ?? 0) + 1);
        byWord.set(key, e);
        const norm = wordInfo(w.form).norm;
        for (const n of [4, 3, 2, 0]) {
          if (n > norm.length) continue;
          const k = `${n ? norm.slice(-n) : ''}\t${w.upos}`;
          const m = byEnding.get(k) ?? new Map<string, number>();
          m.set(w.feats, (m.get(w.feats) ?? 0) + 1);
          byEnding.set(k, m);
        }
      }
    // Scripts seen at least twice among distinct words are the classes; rarer ones (irregular
    // forms) live only in the lexicon.
    const scriptTypes = new Map<string, number>();
    for (const e of byWord.values()) {
      const s = mostFrequent(e.scripts);
      scriptTypes.set(s, (scriptTypes.get(s) ?? 0) + 1);
    }
    const scripts = [...scriptTypes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => s);
    const classes = scripts.filter((s) => scriptTypes.get(s)! >= 2);
    const scriptId = new Map(scripts.map((s, i) => [s, i]));
    const lexicon: Record<string, [number, string]> = {};
    for (const key of [...byWord.keys()].sort()) {
      const e = byWord.get(key)!;
      lexicon[key] = [scriptId.get(mostFrequent(e.scripts))!, mostFrequent(e.feats)];
    }
    const featsByEnding: Record<string, string> = {};
    for (const k of [...byEnding.keys()].sort()) featsByEnding[k] = mostFrequent(byEnding.get(k)!);
    const lem = new Lemmatizer({ scripts, lexicon, featsByEnding }, new Perceptron(classes.length, opts.bits));
    // The classifier learns from open-class words, the ones unseen words will be.
    const examples = [...byWord.values()]
      .filter((e) => !['PROPN', 'NUM', 'PUNCT', 'SYM', 'X', 'DET', 'PRON', 'ADP', 'CCONJ', 'SCONJ'].includes(e.upos))
      .map((e) => ({ form: e.form, upos: e.upos, gold: scriptId.get(mostFrequent(e.scripts))! }))
      .filter((e) => e.gold < classes.length);
    const random = rng(opts.seed);
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      let right = 0;
      for (const e of shuffle(examples, random)) {
        lemmaFeatures(lem.f, e.form, e.upos);
        const guess = lem.model.predict(lem.f, lem.out);
        lem.model.tick();
        lem.model.update(lem.f, e.gold, guess);
        if (guess === e.gold) right++;
      }
      opts.progress?.(epoch, right / examples.length);
    }
    lem.model.average();
    return lem;
  }
}
