// The language core (src/nlp) on held-out data: UPOS, lemma and feature accuracy, UAS and LAS on
// the treebanks' dev files (gold tokenisation, as the CoNLL 2018 shared task's "gold tokens"
// setting; punctuation counted), tokenisation F1 from raw text, French NER on the held-out end of
// the Europeana file, English NER on eval/labels/en-ner-gold.tsv (hand-labelled, see its guide).
// Entity scores: exact span and kind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Suite } from '../harness.ts';
import { pct, prf, skipped } from '../harness.ts';
import { analyzePieces, analyzeText, parseSentence, type Lang } from '../../src/nlp/index.ts';
import type { UdSentence } from '../../src/nlp/conllu.ts';
import { tokenize } from '../../src/nlp/tokenize.ts';
import { available, readEuropeana, readUd, UD, type BioChunk } from '../../train/data.ts';

export interface UdScore {
  words: number;
  upos: number;
  lemma: number;
  feats: number;
  uas: number;
  las: number;
  tokenF1: number;
}

/** Gold tokens of a treebank sentence as text and spans: French surface tokens (contractions
 * whole), English words (EWT's own split of "don't"). */
function goldPieces(s: UdSentence, lang: Lang): { text: string; pieces: { start: number; end: number }[]; groups: [number, number][] } {
  const units = lang === 'fr' ? s.tokens.map((t) => ({ form: t.form, first: t.first, last: t.last })) : s.words.map((w, i) => ({ form: w.form, first: i, last: i + 1 }));
  let text = '';
  const pieces = units.map((u) => {
    const start = text.length;
    text += u.form + ' ';
    return { start, end: start + u.form.length };
  });
  return { text, pieces, groups: units.map((u) => [u.first, u.last]) };
}

export function scoreUd(sentences: UdSentence[], lang: Lang, opts: { parse: boolean } = { parse: true }): UdScore {
  let words = 0, upos = 0, lemma = 0, feats = 0, uas = 0, las = 0;
  let tp = 0, predicted = 0, gold = 0;
  for (const s of sentences) {
    const { text, pieces, groups } = goldPieces(s, lang);
    const tagged = analyzePieces(text, pieces, lang, { entities: false });
    const out = opts.parse ? parseSentence(tagged, lang) : tagged;
    words += s.words.length;
    // Words are compared token by token; a token split into the wrong number of words counts
    // wrong. Heads are compared through the alignment (a predicted head on a misaligned word is wrong).
    const byStart = Map.groupBy(out.tokens.map((t, i) => ({ t, i })), (x) => x.t.start);
    const toGold = new Map<number, number>();
    const pairs: [number, number][] = [];
    groups.forEach(([first, last], u) => {
      const mine = byStart.get(pieces[u]!.start) ?? [];
      if (mine.length !== last - first) return;
      mine.forEach((x, k) => {
        toGold.set(x.i, first + k);
        pairs.push([x.i, first + k]);
      });
    });
    for (const [i, gi] of pairs) {
      const w = out.tokens[i]!;
      const g = s.words[gi]!;
      if (w.upos === g.upos) upos++;
      if (w.lemma === g.lemma) lemma++;
      if (w.feats === g.feats) feats++;
      const head = w.head < 0 ? -1 : (toGold.get(w.head) ?? -2);
      if (head === g.head) {
        uas++;
        if (w.deprel === g.deprel) las++;
      }
    }
    // Tokenisation from the raw sentence text, against the gold tokens as spans of it: French
    // surface tokens (contractions whole), English words (as the tokenizer writes them).
    const raw = s.text;
    const mineT = new Set(tokenize(raw, lang).map((p) => spanKey(p.start, p.end)));
    const goldT = new Set<string>();
    let pos = 0;
    for (const t of lang === 'fr' ? s.tokens : s.words) {
      const i = raw.indexOf(t.form, pos);
      if (i < 0) break;
      goldT.add(spanKey(i, i + t.form.length));
      pos = i + t.form.length;
    }
    for (const k of mineT) if (goldT.has(k)) tp++;
    predicted += mineT.size;
    gold += goldT.size;
  }
  return { words, upos: upos / words, lemma: lemma / words, feats: feats / words, uas: uas / words, las: las / words, tokenF1: prf(tp, predicted, gold).f1 };
}

function spanKey(start: number, end: number): string {
  return `${start}:${end}`;
}

export interface NerScore {
  gold: number;
  predicted: number;
  correct: number;
  p: number;
  r: number;
  f1: number;
  byKind: Record<string, { gold: number; predicted: number; correct: number }>;
}

type Ent = { start: number; end: number; kind: string };

export function scoreEntities(pairs: { gold: Ent[]; predicted: Ent[] }[]): NerScore {
  let gold = 0, predicted = 0, correct = 0;
  const byKind: NerScore['byKind'] = {};
  const k = (kind: string): { gold: number; predicted: number; correct: number } => (byKind[kind] ??= { gold: 0, predicted: 0, correct: 0 });
  for (const p of pairs) {
    gold += p.gold.length;
    predicted += p.predicted.length;
    for (const g of p.gold) k(g.kind).gold++;
    for (const x of p.predicted) {
      k(x.kind).predicted++;
      if (p.gold.some((g) => g.start === x.start && g.end === x.end && g.kind === x.kind)) {
        correct++;
        k(x.kind).correct++;
      }
    }
  }
  return { gold, predicted, correct, ...prf(correct, predicted, gold), byKind };
}

const EUROPEANA_KIND: Record<string, string> = { PER: 'person', LOC: 'place', ORG: 'organization' };

/** Gold entities of an IO chunk: runs of one kind, as character spans of the forms joined by spaces. */
export function chunkText(c: BioChunk): { text: string; pieces: { start: number; end: number }[]; gold: Ent[] } {
  let text = '';
  const pieces = c.forms.map((f) => {
    const start = text.length;
    text += f + ' ';
    return { start, end: start + f.length };
  });
  const gold: Ent[] = [];
  c.kinds.forEach((k, i) => {
    if (!k) return;
    const last = gold.at(-1);
    if (last && i > 0 && c.kinds[i - 1] === k) last.end = pieces[i]!.end;
    else gold.push({ start: pieces[i]!.start, end: pieces[i]!.end, kind: EUROPEANA_KIND[k] ?? 'other' });
  });
  return { text, pieces, gold };
}

export function scoreNerFr(chunks: BioChunk[]): NerScore {
  return scoreEntities(
    chunks.map((c) => {
      const { text, pieces, gold } = chunkText(c);
      return { gold, predicted: analyzePieces(text, pieces, 'fr').mentions };
    }),
  );
}

export const EN_GOLD = join(import.meta.dirname, '..', 'labels', 'en-ner-gold.tsv');

/** English NER gold: sentences of en_ewt-dev by sent_id, with the mentions labelled by hand. */
export function readEnGold(): { id: string; text: string; mentions: { text: string; kind: string }[] }[] {
  const sentences = new Map(readUd(UD.en.heldOut[0]!).map((s) => [s.id, s.text]));
  const out = new Map<string, { id: string; text: string; mentions: { text: string; kind: string }[] }>();
  for (const line of readFileSync(EN_GOLD, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [id, kind, mention] = line.split('\t') as [string, string, string | undefined];
    const text = sentences.get(id);
    if (text === undefined) throw new Error(`${EN_GOLD}: sentence ${id} is not in en_ewt-ud-dev`);
    const e = out.get(id) ?? { id, text, mentions: [] };
    if (kind !== 'none') e.mentions.push({ text: mention!, kind });
    out.set(id, e);
  }
  return [...out.values()];
}

export function scoreNerEn(): NerScore {
  return scoreEntities(
    readEnGold().map((s) => {
      const gold: Ent[] = [];
      const seen = new Map<string, number>();
      for (const m of s.mentions) {
        // A mention that occurs twice in a sentence is listed twice; occurrences are taken in order.
        const from = seen.get(m.text) ?? 0;
        const start = s.text.indexOf(m.text, from);
        if (start < 0) throw new Error(`${EN_GOLD}: "${m.text}" is not in sentence ${s.id}`);
        seen.set(m.text, start + m.text.length);
        gold.push({ start, end: start + m.text.length, kind: m.kind });
      }
      const predicted = analyzeText(s.text, 'en').flatMap((x) => x.mentions);
      return { gold, predicted };
    }),
  );
}

export const nlp: Suite = async (ctx) => {
  const report: string[] = [];
  const metrics: Record<string, number> = {};
  const files = [...UD.fr.heldOut.map((f) => ({ f, lang: 'fr' as Lang })), ...UD.en.heldOut.map((f) => ({ f, lang: 'en' as Lang }))];
  const missing = available([...files.map((x) => x.f)]);
  if (missing) return skipped(missing);
  for (const { f, lang } of files) {
    const name = f.path.replace(/^ud\/|-ud-dev\.conllu$/gu, '').replace(/^\w+_/u, '');
    const s = scoreUd(readUd(f), lang);
    report.push(`${f.path}: ${s.words} words, UPOS ${pct(s.upos)}, lemma ${pct(s.lemma)}, feats ${pct(s.feats)}, UAS ${pct(s.uas)}, LAS ${pct(s.las)}, tokens F1 ${pct(s.tokenF1)}`);
    const key = `${lang}${name[0]!.toUpperCase()}${name.slice(1)}`;
    Object.assign(metrics, { [`${key}Upos`]: s.upos, [`${key}Lemma`]: s.lemma, [`${key}Uas`]: s.uas, [`${key}Las`]: s.las, [`${key}Tokens`]: s.tokenF1 });
  }
  const fr = scoreNerFr(readEuropeana().heldOut);
  report.push(`Europeana held-out NER: ${fr.gold} gold, ${fr.predicted} found, P ${pct(fr.p)} R ${pct(fr.r)} F1 ${pct(fr.f1)} — ${kinds(fr)}`);
  metrics.frNerF1 = fr.f1;
  const en = scoreNerEn();
  report.push(`English hand-labelled NER (${EN_GOLD.replace(/^.*eval\//u, 'eval/')}): ${en.gold} gold, ${en.predicted} found, P ${pct(en.p)} R ${pct(en.r)} F1 ${pct(en.f1)} — ${kinds(en)}`);
  metrics.enNerF1 = en.f1;
  if (ctx.verbose) report.push('(per-sentence details: node eval/suites/nlp.ts is not a command; use the scoring functions)');
  return { metrics, report };
};

function kinds(s: NerScore): string {
  return Object.entries(s.byKind)
    .map(([k, v]) => `${k} ${v.correct}/${v.gold} gold, ${v.correct}/${v.predicted} found`)
    .join('; ');
}
