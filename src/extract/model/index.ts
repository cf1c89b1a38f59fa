// The boilerplate model: boosted regression trees over the features of features.ts, trained on the
// development pages by train/boilerplate.ts (weights and model card in models/). It gives each
// candidate body block the probability that it is page furniture (a call to action, a sign-in or
// subscription notice, a related link, a comment, a credit) rather than article text; the
// extractors drop the blocks above the threshold the trainer chose, each with a reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RemovalReason } from '../../types.ts';
import { fold } from './cues.ts';
import { FEATURE_NAMES, featurize, type Unit } from './features.ts';

export { FEATURE_NAMES, featurize, type Unit } from './features.ts';

/** A regression tree as flat arrays: node i splits on feature[i] at threshold[i] (x <= t goes to
 * left[i]) or, when feature[i] is -1, is a leaf of value[i]. */
export interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** One side of the model: boosted trees whose summed outputs, after `bias`, are the log-odds of
 * furniture, and the probability at or above which a block is dropped. */
export interface ModelSide {
  bias: number;
  trees: Tree[];
  threshold: number;
}

/** Two sides trained apart: HTML blocks (whose markup tells link density, kind and place in the
 * tree) and lines of scraped text (whose markup is lost). */
export interface BoilerplateModel {
  /** Feature names, in the order the model reads them (checked against features.ts when loaded). */
  features: string[];
  html: ModelSide;
  text: ModelSide;
}

export const MODEL_FILE = join(import.meta.dirname, '..', '..', '..', 'models', 'boilerplate.json');

let loaded: BoilerplateModel | null | undefined;

/** The committed model, or null when its file is absent or was made for other features. */
export function defaultModel(): BoilerplateModel | null {
  if (loaded !== undefined) return loaded;
  try {
    const m = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as BoilerplateModel;
    loaded = m.html && m.text && m.features.length === FEATURE_NAMES.length && m.features.every((f, i) => f === FEATURE_NAMES[i]) ? m : null;
  } catch {
    loaded = null;
  }
  return loaded;
}

export function logOdds(model: Pick<ModelSide, 'bias' | 'trees'>, x: ArrayLike<number>): number {
  let z = model.bias;
  for (const t of model.trees) {
    let i = 0;
    while (t.feature[i]! >= 0) i = x[t.feature[i]!]! <= t.threshold[i]! ? t.left[i]! : t.right[i]!;
    z += t.value[i]!;
  }
  return z;
}

export function probability(model: Pick<ModelSide, 'bias' | 'trees'>, x: ArrayLike<number>): number {
  return 1 / (1 + Math.exp(-logOdds(model, x)));
}

/** Each block's probability of being furniture, by one side of the model. */
export function furnitureScores(side: Pick<ModelSide, 'bias' | 'trees'>, units: Unit[]): number[] {
  return featurize(units).map((x) => probability(side, x));
}

/** The reason to give for a block the model drops, from what it reads like. */
export function reasonFor(text: string): RemovalReason {
  const f = fold(text);
  if (/\b(?:comments?|commentaires?|kommentare?|comentarios?|reply|repondre|reagir|reagissez)\b/.test(f)) return 'comment';
  if (/\b(?:related|read|lire|voir|lea|lesen|more|plus|mehr)\b/.test(f) && text.length < 200) return 'related';
  if (/\b(?:sponsored|advert|publicite|anzeige|werbung|affiliate|commission)\b/.test(f)) return 'ad';
  return 'boilerplate';
}
