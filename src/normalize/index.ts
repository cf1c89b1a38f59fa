// normalize/: after extraction, before dedupe. Language, sentences and the body fingerprint.
// (Unicode cleanup itself runs earlier, inside extract/, because extraction's patterns must see
// clean text; its helpers are in text/, which every stage shares.)
import { hash } from 'node:crypto';
import type { ExtractedArticle, NormalizedArticle } from '../types.ts';
import { detectLanguage } from './language.ts';
import { splitSentences } from './sentences.ts';
import { SPACE_RUNS } from '../text/unicode.ts';

export { detectLanguage } from './language.ts';
export { splitSentences } from './sentences.ts';

/** Enough text for the first two sentences of nearly any lede. */
const LEDE_CHARS = 800;

export function normalizeArticle(article: ExtractedArticle): NormalizedArticle {
  // A few paragraphs decide the language as well as the whole text does.
  const detected = detectLanguage(`${article.title}\n${article.text.slice(0, 3000)}`);
  // The text decides; a declared language is a fallback for texts too short to tell.
  const language = detected !== 'und' ? detected : article.language && article.language !== 'und' ? article.language : 'und';
  return {
    ...article,
    language,
    lede: splitSentences(article.text.slice(0, LEDE_CHARS), language, 2)
      .map((x) => x.text)
      .join(' '),
    // Exact copies differ in clutter, never in accents: case and spacing are all we fold.
    bodyHash: hash('sha256', article.text.toLowerCase().replace(SPACE_RUNS, ' '), 'hex'),
  };
}
