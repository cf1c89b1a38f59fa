// An English lexicon as a feature: the Penn Treebank tags that Brill's tagger lexicon gives a
// word (npm `brill`, MIT, 89,539 words and symbols). With 25k words of English training text, most
// words of a news text are unseen by the tagger; the lexicon says which classes a word can take
// ("said": VBD VBN JJ VB; "Paris": NNP) and the models learn how much to trust that.
import { brill } from 'brill';
import { hashString } from './perceptron.ts';
import { remember } from '../util/lru.ts';

const cache = new Map<string, { all: number; first: number }>();
const UNKNOWN = { all: hashString('<unknown>'), first: hashString('<unknown>') };

/** Hashes of the word's tag set and of its first (most frequent) tag; the form as written is
 * looked up first, then in lower case, as the package advises. */
export function englishClass(form: string): { all: number; first: number } {
  let hit = cache.get(form);
  if (hit) return hit;
  const tags = (Object.hasOwn(brill, form) ? brill[form] : Object.hasOwn(brill, form.toLowerCase()) ? brill[form.toLowerCase()] : undefined);
  hit = tags?.length ? { all: hashString([...tags].sort().join(' ')), first: hashString(tags[0]!) } : UNKNOWN;
  return remember(cache, form, hit);
}
