// Numbers written in digits or in words, French ("quatre-vingt-dix", "vingt et un") or English.
import { NUMBER_WORDS, type Lang } from './vocab.ts';

export function parseNumber(s: string, lang: Lang): number | undefined {
  const t = s.trim().toLowerCase();
  if (/^\d+(?:[.,]\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  const words = NUMBER_WORDS[lang];
  const parts = t.split(/(?:-|\s+)+/).filter((w) => w && w !== 'et' && w !== 'and');
  if (!parts.length) return undefined;
  let total = 0;
  let current = 0;
  for (let i = 0; i < parts.length; i++) {
    const w = parts[i] as string;
    const n = words[w];
    if (n === undefined) return undefined;
    if (n === 100) current = (current || 1) * 100;
    else if (n === 1000) { total += (current || 1) * 1000; current = 0; }
    // "quatre-vingt" multiplies: four twenties.
    else if (lang === 'fr' && n === 20 && current === 4) current = 80;
    else current += n;
  }
  return total + current;
}

/** Two-digit years: the century that puts the year nearest the reference year wins ("en 98" in 1999 is 1998). */
export function expandYear(yy: number, refYear: number): number {
  if (yy >= 100) return yy;
  const century = Math.floor(refYear / 100) * 100;
  const candidates = [century - 100 + yy, century + yy, century + 100 + yy];
  // Ties and near-future years: "en 05" written in 1999 is 2005; prefer the past beyond ten years ahead.
  return candidates.reduce((best, c) => {
    const score = (y: number): number => (y > refYear + 10 ? 1000 : Math.abs(y - refYear));
    return score(c) < score(best) ? c : best;
  });
}
