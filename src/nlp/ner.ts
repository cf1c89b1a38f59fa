// Named entities: a greedy left-to-right averaged perceptron over BIO tags (person, organisation,
// place, other) on the tagger's units, after Ratinov & Roth (2009): the word and its shape,
// affixes and capitals, the tagger's part of speech, two words of context either side, the tags
// already chosen, and two open word lists as features — given names and place names
// (gazetteer.ts) — whose weight the model learns. The features avoid what OCR and domain change
// break most (exact spellings of rare words) and lean on what carries over: shape, tags, context.
import { FIRST_NAMES } from './firstnames.ts';
import { CUES, cueKey } from './cues.ts';
import type { Lang } from './index.ts';
import { fold, placeNames } from './gazetteer.ts';
import { englishClass } from './lexicon.ts';
import { Features, Perceptron, feature, hashString, rng, shuffle } from './perceptron.ts';
import { wordInfo, type WordInfo } from './words.ts';
import { remember } from '../util/lru.ts';

export type EntityKind = 'person' | 'organization' | 'place' | 'other';
export const KINDS: EntityKind[] = ['person', 'organization', 'place', 'other'];
/** Classes: 0 = O, then B- and I- of each kind in KINDS order. */
export const NER_CLASSES = ['O', ...KINDS.flatMap((k) => [`B-${k}`, `I-${k}`])];

export interface NerMeta {
  classes: string[];
  lang: Lang;
  /** Whether the cue words of cues.ts are features. Not for a model trained on spans that those
   * same cues typed (English silver): it would learn the typing rules back instead of the contexts. */
  cueFeatures: boolean;
  /** Whether the recogniser reads the English lexicon (lexicon.ts) as features. */
  englishLexicon: boolean;
}

export interface NerUnit {
  form: string;
  tag: string;
}

export interface Span {
  start: number;
  end: number;
  kind: EntityKind;
  score: number;
}

const T = {
  Bias: 0, Word: 1, Shape: 2, Suf3: 3, Suf4: 4, Pre3: 5, Tag: 6, CapPos: 7, AllCaps: 8, First: 9, Place: 10, PlaceBigram: 11,
  Prev: 12, Prev2: 13, PrevShape: 14, WordM1: 15, WordM2: 16, WordP1: 17, WordP2: 18, TagM1: 19, TagP1: 20, TagM1Tag: 21, TagTagP1: 22,
  ShapeM1: 23, ShapeP1: 24, FirstM1: 25, CapP1: 26, CapM1: 27, PrevWordM1: 28, Len: 29, WordTag: 30, SufM1: 31, Suf2: 32, TagM2: 33, TagP2: 34, Common: 35, CommonM1: 36, CommonP1: 37, Lex: 38, LexM1: 39, LexP1: 40, OrgWord: 41, OrgWordM1: 42, OrgWordP1: 43, TitleM1: 44, PlaceWord: 45, PlaceWordM1: 46,
} as const;

const NONE = hashString('<none>');
const START = 1 << 20;

interface Encoded {
  /** Per unit: 1 organisation word, 2 place word, 4 title (cues.ts), when they are features. */
  cue?: number[];
  lex?: number[];
  info: WordInfo[];
  common: boolean[];
  tag: number[];
  first: boolean[];
  place: boolean[];
  placeBigram: boolean[];
}

/** Lower-cased forms the tagger's lexicon knows as common words: a capitalised word that is one
 * ("Le", "Ministre") is less likely a name. */
export type CommonWords = (lower: string) => boolean;

/** What the word lists say of a form (folded; cue bits as in Encoded; a given name; a place). */
interface Listed {
  folded: string;
  cue: number;
  first: boolean;
  place: boolean;
  /** A place name of two words or more starts with this form's first word (see placeHeadWords). */
  placeHead: boolean;
  info: WordInfo;
  /** The English lexicon's class (lexicon.ts). */
  lex: number;
}

// Per language and form, remembered: folding and the look-ups depend on the form only.
const listedCache: Record<Lang, Map<string, Listed>> = { fr: new Map(), en: new Map() };

function listed(form: string, lang: Lang): Listed {
  const cache = listedCache[lang];
  let hit = cache.get(form);
  if (hit) return hit;
  const cues = CUES[lang];
  const folded = fold(form);
  const k = cueKey(folded);
  hit = {
    folded,
    cue: (cues.orgWords.has(k) ? 1 : 0) | (cues.placeWords.has(k) ? 2 : 0) | (cues.titles.has(k) ? 4 : 0),
    first: FIRST_NAMES.has(folded),
    place: folded.length > 1 && placeNames().has(folded),
    placeHead: placeHeadWords().has(folded.includes(' ') ? folded.slice(0, folded.indexOf(' ')) : folded),
    info: wordInfo(form),
    lex: englishClass(form).all,
  };
  return remember(cache, form, hit);
}

/** The first words of the place names of two words or more: a bigram can only be a place when
 * its first word is one (most tokens are not, and need no joined string looked up). */
let placeHeads: Set<string> | undefined;
function placeHeadWords(): Set<string> {
  if (!placeHeads) {
    placeHeads = new Set();
    for (const p of placeNames()) if (p.includes(' ')) placeHeads.add(p.slice(0, p.indexOf(' ')));
  }
  return placeHeads;
}

function encode(units: NerUnit[], common: CommonWords, meta: NerMeta): Encoded {
  const places = placeNames();
  const words = units.map((u) => listed(u.form, meta.lang));
  const info = words.map((w) => w.info);
  return {
    cue: !meta.cueFeatures ? undefined : words.map((w) => w.cue),
    lex: meta.englishLexicon ? words.map((w) => w.lex) : undefined,
    info,
    common: info.map((w) => common(w.norm)),
    tag: units.map((u) => hashString(u.tag)),
    first: words.map((w) => w.first),
    place: words.map((w) => w.place),
    placeBigram: words.map((w, i) => i > 0 && words[i - 1]!.placeHead && places.has(`${words[i - 1]!.folded} ${w.folded}`)),
  };
}

function nerFeatures(f: Features, x: Encoded, i: number, prev: number, prev2: number): void {
  const w = x.info[i]!;
  const m1 = x.info[i - 1];
  const m2 = x.info[i - 2];
  const p1 = x.info[i + 1];
  const p2 = x.info[i + 2];
  const tag = x.tag[i]!;
  const tm1 = i > 0 ? x.tag[i - 1]! : NONE;
  const tp1 = i + 1 < x.tag.length ? x.tag[i + 1]! : NONE;
  f.clear();
  f.put(T.Bias, 0);
  f.put(T.Word, w.lower);
  f.put(T.WordTag, w.lower, tag);
  f.put(T.Shape, w.shape);
  f.put(T.Suf2, w.suffix[1]);
  f.put(T.Suf3, w.suffix[2]);
  f.put(T.Suf4, w.suffix[3]);
  f.put(T.Pre3, w.prefix[2]);
  f.put(T.Tag, tag);
  f.put(T.CapPos, (w.cap ? 1 : 0) + (i === 0 ? 2 : 0));
  f.put(T.Len, Math.min(w.norm.length, 10), w.cap ? 1 : 0);
  if (w.allCaps) f.put(T.AllCaps, w.norm.length > 4 ? 2 : 1);
  f.put(T.Common, x.common[i] ? 1 : 0, w.cap ? 1 : 0);
  f.put(T.CommonM1, i > 0 ? (x.common[i - 1] ? 1 : 0) : 2, x.common[i] ? 1 : 0);
  f.put(T.CommonP1, i + 1 < x.common.length ? (x.common[i + 1] ? 1 : 0) : 2, w.cap ? 1 : 0);
  if (x.cue) {
    const cue = (k: number, bit: number): number => (k < 0 || k >= x.cue!.length ? 2 : x.cue![k]! & bit ? 1 : 0);
    f.put(T.OrgWord, cue(i, 1), w.cap ? 1 : 0);
    f.put(T.OrgWordM1, cue(i - 1, 1), w.cap ? 1 : 0);
    f.put(T.OrgWordP1, cue(i + 1, 1), w.cap ? 1 : 0);
    f.put(T.PlaceWord, cue(i, 2), w.cap ? 1 : 0);
    f.put(T.PlaceWordM1, cue(i - 1, 2), w.cap ? 1 : 0);
    f.put(T.TitleM1, cue(i - 1, 4), w.cap ? 1 : 0);
  }
  if (x.lex) {
    f.put(T.Lex, x.lex[i]!, w.cap ? 1 : 0);
    f.put(T.LexM1, i > 0 ? x.lex[i - 1]! : NONE);
    f.put(T.LexP1, i + 1 < x.lex.length ? x.lex[i + 1]! : NONE);
  }
  if (x.first[i]) f.put(T.First, w.cap ? 1 : 0);
  if (x.place[i]) f.put(T.Place, w.cap ? 1 : 0);
  if (x.placeBigram[i]) f.put(T.PlaceBigram, 1);
  if (i > 0 && x.first[i - 1]) f.put(T.FirstM1, w.cap ? 1 : 0);
  f.put(T.Prev, prev);
  f.put(T.Prev2, prev, prev2);
  f.put(T.PrevShape, prev, w.shape);
  f.put(T.PrevWordM1, prev, m1 ? m1.lower : NONE);
  f.put(T.WordM1, m1 ? m1.lower : NONE);
  f.put(T.SufM1, m1 ? m1.suffix[2] : NONE);
  f.put(T.WordM2, m2 ? m2.lower : NONE);
  f.put(T.WordP1, p1 ? p1.lower : NONE);
  f.put(T.WordP2, p2 ? p2.lower : NONE);
  f.put(T.TagM1, tm1);
  f.put(T.TagP1, tp1);
  f.put(T.TagM2, i > 1 ? x.tag[i - 2]! : NONE);
  f.put(T.TagP2, i + 2 < x.tag.length ? x.tag[i + 2]! : NONE);
  f.put(T.TagM1Tag, tm1, tag);
  f.put(T.TagTagP1, tag, tp1);
  f.put(T.ShapeM1, m1 ? m1.shape : NONE, w.shape);
  f.put(T.ShapeP1, w.shape, p1 ? p1.shape : NONE);
  f.put(T.CapP1, p1 ? (p1.cap ? 1 : 0) : 2, w.cap ? 1 : 0);
  f.put(T.CapM1, m1 ? (m1.cap ? 1 : 0) : 2, w.cap ? 1 : 0);
}

/** An I- tag only continues a span of its own kind: anything else starts one (or is O). */
function allowed(prev: number, c: number): boolean {
  if (c === 0 || c % 2 === 1) return true;
  return prev === c || prev === c - 1;
}
/** `allowed` with its first argument bound, per previous class (no closure made per unit). */
const allowedAfter = NER_CLASSES.map((_, prev) => (c: number): boolean => allowed(prev, c));

export class Recognizer {
  readonly model: Perceptron;
  private readonly f = new Features();
  private readonly out = new Float64Array(NER_CLASSES.length);

  readonly meta: NerMeta;
  private readonly common: CommonWords;

  constructor(meta: NerMeta, model: Perceptron, common: CommonWords) {
    this.meta = meta;
    this.model = model;
    this.common = common;
  }

  /** Class numbers of the units. */
  classify(units: NerUnit[]): { classes: number[]; margins: number[] } {
    const x = encode(units, this.common, this.meta);
    const classes: number[] = [];
    const margins: number[] = [];
    let prev = 0;
    let prev2 = 0;
    for (let i = 0; i < units.length; i++) {
      nerFeatures(this.f, x, i, i ? prev : START, i > 1 ? prev2 : START);
      // The best class that may follow the previous one, and the runner-up's score.
      // Only the two best classes' scores are read (the choice and the margin).
      const out = this.model.scoresOfTopTwo(this.f, this.out, allowedAfter[prev]!);
      let c = -1;
      for (let k = 0; k < NER_CLASSES.length; k++) if (allowed(prev, k) && (c < 0 || out[k]! > out[c]!)) c = k;
      let second = -Infinity;
      for (let k = 0; k < NER_CLASSES.length; k++) if (k !== c && allowed(prev, k) && out[k]! > second) second = out[k]!;
      classes.push(c);
      margins.push(this.out[c]! - second);
      prev2 = prev;
      prev = c;
    }
    return { classes, margins };
  }

  /** Entity spans as unit ranges [start, end); score = the smallest decision margin in the span,
   * squashed to (0, 1). */
  spans(units: NerUnit[]): Span[] {
    return spansOf(this.classify(units));
  }

  static train(data: { units: NerUnit[]; classes: number[] }[], common: CommonWords, opts: { lang: Lang; cueFeatures: boolean; englishLexicon: boolean; bits: number; epochs: number; seed: number; progress?: (epoch: number, accuracy: number) => void }): Recognizer {
    const r = new Recognizer({ classes: NER_CLASSES, lang: opts.lang, cueFeatures: opts.cueFeatures, englishLexicon: opts.englishLexicon }, new Perceptron(NER_CLASSES.length, opts.bits), common);
    const random = rng(opts.seed);
    const encoded = data.map((d) => ({ x: encode(d.units, common, r.meta), gold: d.classes }));
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      let right = 0;
      let total = 0;
      for (const { x, gold } of shuffle(encoded, random)) {
        let prev = 0;
        let prev2 = 0;
        for (let i = 0; i < gold.length; i++) {
          nerFeatures(r.f, x, i, i ? prev : START, i > 1 ? prev2 : START);
          const p = prev;
          const guess = r.model.predict(r.f, r.out, (k) => allowed(p, k));
          r.model.tick();
          r.model.update(r.f, gold[i]!, guess);
          if (guess === gold[i]) right++;
          total++;
          prev2 = prev;
          // Learn from the gold history (the tags are too sparse for the model's own to teach well).
          prev = gold[i]!;
        }
      }
      opts.progress?.(epoch, right / total);
    }
    r.model.average();
    return r;
  }
}

export function spansOf({ classes, margins }: { classes: number[]; margins: number[] }): Span[] {
  const out: Span[] = [];
  let cur: Span | null = null;
  classes.forEach((c, i) => {
    if (c !== 0 && c % 2 === 0 && cur && KINDS[(c - 2) / 2] === cur.kind) {
      cur.end = i + 1;
      cur.score = Math.min(cur.score, margins[i]!);
      return;
    }
    if (cur) out.push(cur);
    cur = c === 0 ? null : { start: i, end: i + 1, kind: KINDS[Math.floor((c - 1) / 2)]!, score: margins[i]! };
  });
  if (cur) out.push(cur);
  for (const s of out) s.score = Number((1 - Math.exp(-s.score / 4)).toFixed(3));
  return out;
}

/** BIO classes from spans over n units. */
export function classesOf(n: number, spans: { start: number; end: number; kind: EntityKind }[]): number[] {
  const out = new Array<number>(n).fill(0);
  for (const s of spans) {
    const k = KINDS.indexOf(s.kind);
    for (let i = s.start; i < s.end; i++) out[i] = 1 + 2 * k + (i === s.start ? 0 : 1);
  }
  return out;
}
