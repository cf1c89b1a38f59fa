// Where a sentence names a happening: the words of the trigger vocabulary (vocab/triggers.ts)
// matched on the language core's lemmas, with the part of speech the entry asks for ("order" the
// noun is a purchase, "to order" a verb too; "retour" the noun, « revenir » the verb).
import { fold } from '../text/unicode.ts';
import type { Lang, Sentence as NlpSentence, Token } from '../nlp/index.ts';
import { IRREGULAR, TRIGGER_WORDS, type TriggerWord } from './vocab/triggers.ts';

export interface TriggerHit {
  /** Tokens of the trigger: the first is its head (the verb or noun), the others its particles. */
  tokens: number[];
  /** The vocabulary entries it may be, in the vocabulary's order (the first that fits is taken). */
  entries: TriggerWord[];
}

const index = new Map<string, TriggerWord[]>();
for (const w of TRIGGER_WORDS) {
  const k = `${w.lang}|${w.words.split(' ')[0]}`;
  (index.get(k) ?? index.set(k, []).get(k)!).push(w);
}

// French verbs in -indre conjugate on a stem in -ign- (« rejoignaient »), which the lemmatizer may
// take for a verb in -igner: the vocabulary's own -indre verbs are recognised under that lemma too.
// Likewise a verb in -ir or -re read on its stem as one in -er (« accueillait » → "accueiller"),
// or the other way round: each vocabulary verb answers to its stem with the other endings, unless
// that is itself a verb of the vocabulary.
const FR_VERBS = TRIGGER_WORDS.filter((w) => w.lang === 'fr' && w.pos === 'verb');
const FR_IGN = new Map<string, string>();
const FR_FIRST = new Set(FR_VERBS.map((w) => w.words.split(' ')[0]!));
for (const w of FR_VERBS) {
  const first = w.words.split(' ')[0]!;
  const alts = /indre$/.test(first) ? [first.replace(/indre$/, 'igner')] : /(?:er|ir|re)$/.test(first) ? ['er', 'ir', 're'].map((e) => first.slice(0, -2) + e) : [];
  for (const a of alts) if (a !== first && !FR_VERBS.some((v) => v.words.split(' ')[0] === a) && !FR_IGN.has(a)) FR_IGN.set(a, first);
}

/** The folded lemma a token is matched on (an English past form the lemmatizer kept as written,
 * a French verb read on the wrong infinitive, are mended). */
export function lemmaKey(t: Token, lang: Lang): string {
  const l = fold(t.lemma);
  if (lang === 'en') {
    const f = t.form.toLowerCase();
    if (l === f && IRREGULAR.has(f)) return IRREGULAR.get(f)!;
    // A regular form the lemmatizer mended wrongly ("defeated" → "defeate", "aimed" → "aime"):
    // the stem the vocabulary knows, when it knows the lemma given not.
    if (!index.has(`en|${l}`) && /(?:ed|ing|s)$/.test(f))
      for (const stem of [f.replace(/ed$/, ''), f.replace(/d$/, ''), f.replace(/ing$/, ''), f.replace(/ing$/, 'e'), f.replace(/e?s$/, ''), f.replace(/([b-df-hj-np-tv-z])\1(?:ed|ing)$/, '$1')])
        if (stem !== f && index.has(`en|${stem}`)) return stem;
  } else if (FR_IGN.has(l)) return FR_IGN.get(l)!;
  else if (t.upos === 'VERB' && !index.has(`fr|${l}`)) {
    // A future or conditional is built on the infinitive (« prendra », « annoncerait »), which the
    // lemmatizer may miss on an irregular verb ("penir"): the vocabulary's verb it is built on.
    const m = /^(.{2,}r)(?:ai|as|a|ons|ez|ont|ais|ait|ions|iez|aient)$/.exec(fold(t.form));
    if (m) for (const inf of [m[1]!, `${m[1]}e`]) if (FR_FIRST.has(inf)) return inf;
  }
  return l;
}

/** Is this token's lemma a one-word verb trigger of the vocabulary? */
export function isVerbTrigger(t: Token, lang: Lang): boolean {
  return (index.get(`${lang}|${lemmaKey(t, lang)}`) ?? []).some((e) => e.pos === 'verb' && !e.words.includes(' '));
}

const posOk = (t: Token, pos: 'verb' | 'noun'): boolean => (pos === 'verb' ? t.upos === 'VERB' || (t.upos === 'ADJ' && /Part|VerbForm/.test(t.feats)) : t.upos === 'NOUN');

/** The triggers of one sentence, longest first where they overlap. */
export function findTriggers(s: NlpSentence, lang: Lang): TriggerHit[] {
  const keys = s.tokens.map((t) => lemmaKey(t, lang));
  const taken = new Uint8Array(s.tokens.length);
  const hits: TriggerHit[] = [];
  // Longer entries first: "mise en service" before "mise", "step down" before "step".
  const found: { tokens: number[]; entry: TriggerWord }[] = [];
  keys.forEach((k, i) => {
    for (const e of index.get(`${lang}|${k}`) ?? []) {
      const words = e.words.split(' ');
      const toks = [i];
      let at = i;
      let ok = true;
      for (const w of words.slice(1)) {
        let j = at + 1;
        while (j < keys.length && j - at <= 4 && keys[j] !== w) j++;
        if (j >= keys.length || keys[j] !== w) { ok = false; break; }
        toks.push(j);
        at = j;
      }
      if (!ok) continue;
      // "soi retirer": the head is the verb, not the reflexive pronoun.
      // A noun phrase's head is its noun: the last word of an English compound ("maiden flight",
      // "job cuts"), the first noun of a French one or of a phrase joined by a preposition
      // (« premier vol », « mise en service », "entry into service").
      const contiguous = toks.every((t, k) => k === 0 || t === toks[k - 1]! + 1);
      const head = words[0] === 'soi' ? toks[1]!
        : e.pos === 'noun' && toks.length > 1 ? (lang === 'en' && contiguous ? toks.at(-1)! : (toks.find((t) => s.tokens[t]!.upos === 'NOUN') ?? toks[0]!))
        : toks[0]!;
      if (!posOk(s.tokens[head]!, e.pos)) continue;
      found.push({ tokens: head === toks[0] ? toks : [head, ...toks.filter((x) => x !== head)], entry: e });
    }
  });
  found.sort((a, b) => b.tokens.length - a.tokens.length || a.tokens[0]! - b.tokens[0]!);
  for (const f of found) {
    const existing = hits.find((h) => h.tokens[0] === f.tokens[0]);
    if (existing) {
      if (existing.tokens.length === f.tokens.length && !existing.entries.includes(f.entry)) existing.entries.push(f.entry);
      continue;
    }
    if (f.tokens.some((t) => taken[t])) continue;
    for (const t of f.tokens) taken[t] = 1;
    hits.push({ tokens: f.tokens, entries: [f.entry] });
  }
  // Entries keep the vocabulary's order (personnel events before generic ones).
  for (const h of hits) h.entries.sort((a, b) => TRIGGER_WORDS.indexOf(a) - TRIGGER_WORDS.indexOf(b));
  return hits.sort((a, b) => a.tokens[0]! - b.tokens[0]!);
}
