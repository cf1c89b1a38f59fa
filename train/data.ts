// The training and held-out material, read from ../shared/train (never copied into the tree):
// which file is for training and which is held out, with licences for the model cards.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseConllu, type UdSentence } from '../src/nlp/conllu.ts';
import type { Lang } from '../src/nlp/index.ts';

/** The one seed of every trainer (shuffles, exploration). */
export const SEED = 20261205;

export function sharedDir(): string {
  return resolve(process.env.STORYLINE_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'));
}

export const trainDir = (): string => join(sharedDir(), 'train');

export interface DataFile {
  path: string;
  licence: string;
}

/** Treebank files per language: what trains, what is held out for the reported scores. */
export const UD: Record<Lang, { train: DataFile[]; heldOut: DataFile[] }> = {
  fr: {
    train: [
      { path: 'ud/fr_sequoia-ud-train.conllu', licence: 'LGPL-LR' },
      { path: 'ud/fr_parisstories-ud-train.conllu', licence: 'CC BY-SA 4.0' },
      { path: 'ud/fr_gsd-ud-dev.conllu', licence: 'CC BY-SA 4.0' },
    ],
    heldOut: [
      { path: 'ud/fr_sequoia-ud-dev.conllu', licence: 'LGPL-LR' },
      { path: 'ud/fr_parisstories-ud-dev.conllu', licence: 'CC BY-SA 4.0' },
    ],
  },
  en: {
    // EWT's test file is training material here (shared/train/README.md lists it so); its dev file is held out.
    train: [{ path: 'ud/en_ewt-ud-test.conllu', licence: 'CC BY-SA 4.0' }],
    heldOut: [{ path: 'ud/en_ewt-ud-dev.conllu', licence: 'CC BY-SA 4.0' }],
  },
};

export const EUROPEANA: DataFile = { path: 'ner-fr/enp_FR.bnf.train.bio', licence: 'CC0' };
/** The last 15 % of the Europeana file (by line, cut at a chunk boundary) is held out. */
export const EUROPEANA_HELD_OUT = 0.15;

export function dataPath(f: DataFile): string {
  return join(trainDir(), f.path);
}

export function available(files: DataFile[]): string | undefined {
  const missing = files.filter((f) => !existsSync(dataPath(f)));
  return missing.length ? `absent: ${missing.map(dataPath).join(', ')}` : undefined;
}

export function sha256(f: DataFile): string {
  return createHash('sha256').update(readFileSync(dataPath(f))).digest('hex');
}

const cache = new Map<string, UdSentence[]>();
export function readUd(f: DataFile): UdSentence[] {
  let s = cache.get(f.path);
  if (!s) {
    s = parseConllu(readFileSync(dataPath(f), 'utf8'));
    cache.set(f.path, s);
  }
  return s;
}

export interface BioChunk {
  forms: string[];
  /** Per token: '' (outside) or PER / LOC / ORG; consecutive tokens of one kind are one entity (IO). */
  kinds: string[];
  /** Line number of the first token. */
  line: number;
}

/** The Europeana file as chunks: it has no sentence breaks, so a chunk ends after ".", "!" or "?"
 * before a capital, or at 60 tokens. Returns the training and held-out chunks. */
export function readEuropeana(): { train: BioChunk[]; heldOut: BioChunk[] } {
  const lines = readFileSync(dataPath(EUROPEANA), 'utf8').split('\n').filter((l) => l.trim());
  const chunks: BioChunk[] = [];
  let cur: BioChunk = { forms: [], kinds: [], line: 0 };
  lines.forEach((l, i) => {
    const sp = l.lastIndexOf(' ');
    const form = l.slice(0, sp);
    const tag = l.slice(sp + 1);
    cur.forms.push(form);
    cur.kinds.push(tag === 'O' ? '' : tag.slice(2));
    const next = lines[i + 1];
    if ((/^[.!?]$/u.test(form) && next && /^\p{Lu}/u.test(next)) || cur.forms.length >= 60) {
      chunks.push(cur);
      cur = { forms: [], kinds: [], line: i + 1 };
    }
  });
  if (cur.forms.length) chunks.push(cur);
  const cut = Math.floor(lines.length * (1 - EUROPEANA_HELD_OUT));
  return { train: chunks.filter((c) => c.line < cut), heldOut: chunks.filter((c) => c.line >= cut) };
}
