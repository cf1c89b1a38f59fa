// The publication date of a scraped text when no metadata field gave it: the lines around the
// body say it the way pages print it, in the header ("Par Élise Fabre, le 19 février 2026"), as
// a dateline opening the body ("NANTES, 4 mars 2026 (APO) - …"), or in a footer ("Journal de
// l'Ouest – publié le samedi 7 mars 2026", "Published March 3, 2026 4:12 PM GMT"). Dates inside
// the body's sentences are what the article is about, never when it was published.
import { dateAfterCue, dateCue, dateFromUrl, findDateText } from '../dates.ts';

export interface DatedLine {
  text: string;
  words: number;
  /** Before the body, its first line, inside it, or after it. */
  zone: 'header' | 'first' | 'body' | 'footer';
}

export interface TextDate {
  value: string;
  source: 'metadata' | 'text' | 'inferred';
}

const MAX_WORDS = 25;

export function textDate(lines: DatedLine[], url: string | null): TextDate | null {
  const found: Array<{ zone: DatedLine['zone']; cue: ReturnType<typeof dateCue>; value: string; alone: boolean }> = [];
  for (const l of lines) {
    if (l.zone === 'body' || (l.zone !== 'first' && l.words > MAX_WORDS)) continue;
    if (!/\d/.test(l.text)) continue;
    if (l.zone === 'first') {
      // A dateline: the date first, or after a place name, before the sentence proper begins.
      const d = findDateText(l.text.slice(0, 60));
      if (d && d.at <= 25 && /^(?:[\p{Lu}][\p{L}'’ -]*,?\s*)*(?:\(?[\p{Lu}]{2,}\)?\s*)?$/u.test(l.text.slice(0, d.at))) found.push({ zone: 'first', cue: null, value: d.value, alone: false });
      continue;
    }
    const cue = dateCue(l.text);
    const value = dateAfterCue(l.text, cue);
    if (!value) continue;
    found.push({ zone: l.zone, cue, value, alone: l.words <= 16 });
  }
  const pick = (pred: (f: (typeof found)[number]) => boolean): string | undefined => found.find(pred)?.value;
  const value =
    pick((f) => f.zone === 'header' && f.cue === 'published') ??
    pick((f) => f.zone === 'header' && f.cue === null && f.alone) ??
    pick((f) => f.zone === 'first') ??
    pick((f) => f.zone === 'footer' && f.cue === 'published') ??
    pick((f) => f.zone === 'footer' && f.cue === null && f.alone);
  if (value) return { value, source: 'text' };
  const fromUrl = url ? dateFromUrl(url) : null;
  if (fromUrl) return { value: fromUrl, source: 'inferred' };
  const updated = pick((f) => f.cue === 'updated');
  return updated ? { value: updated, source: 'text' } : null;
}
