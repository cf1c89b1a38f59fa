// Lengths of time: "deux jours", "en 48 heures", "30,4 secondes", "ces derniers jours", "plusieurs
// mois", "une dizaine d'années", "un quinquennat", "three years", "the past few days", "24-hour".
// Ages are not durations in TimeML news annotation: "Jean Burget, 87 ans", "un chauffeur de 38 ans".
import { durationValue } from './anchor.ts';
import { parseNumber } from './numbers.ts';
import { B, E, NUMBER, alt, key, re } from './patterns.ts';
import type { Cand, Rule } from './types.ts';
import { APPROX_NUMBERS, DURATION_NOUNS, FR_DURATION_HEADS, UNITS, type Lang, type Unit } from './vocab.ts';

function durationCand(start: number, end: number, n: number | 'X', unit: Unit, rule: string): Cand {
  let value = durationValue(n, unit);
  // "une heure et demie" is PT1H30M, not PT1.5H.
  if (typeof n === 'number' && unit === 'H' && !Number.isInteger(n)) {
    const h = Math.floor(n), mn = Math.round((n - h) * 60);
    value = `PT${h ? `${h}H` : ''}${mn}M`;
  }
  return { start, end, type: 'duration', rule, prio: 1, resolve: () => ({ value }) };
}

/** Is "N ans" at `start` somebody's age? */
function isAge(text: string, start: number, end: number, lang: Lang): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 12);
  if (lang === 'en') return /^[\s-]*old\b/i.test(after) || /\baged\s+$/i.test(before) || /^-year-old/i.test(after);
  if (/(?<!\p{L})âgée?s?\s+de\s*$/iu.test(before) || /\bl'âge\s+de\s*$/i.test(before)) return true;
  // Apposition: "Jean Burget, 87 ans," or "(87 ans)".
  if (/[,(]\s*$/.test(before) && /^\s*(?:[,;)]|\.|et\s|$)/.test(after)) return true;
  // "un chauffeur de bus de 38 ans", "des enfants de 2 à 8 ans": "de N ans" after a noun that is not a span of time.
  const de = /([\p{L}-]+)\s+(?:de|d')\s*(?:(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente)\s*(?:à|-)\s*)?(?:une\s+)?$/iu.exec(before);
  if (de && !FR_DURATION_HEADS.has((de[1] ?? '').toLowerCase()) && !/^(?:de|à|et|ou|en|par|pour|sur|plus|moins)$/i.test(de[1] ?? '')) {
    // "... de 10 ans de prison" is a sentence length whatever precedes it.
    if (!/^\s+(?:de|d')\s*(?:prison|réclusion|emprisonnement|détention|travaux|sursis|mariage|vie\s+commune)/i.test(after)) return true;
  }
  // "des 0-6 ans", "les 6-16 ans": age brackets.
  if (/\b(?:des|les|aux)\s+\d+\s*-\s*$/.test(before) || /\b(?:des|les|aux)\s*$/i.test(before)) return true;
  return false;
}

// After these, "N heures" is a clock time, left to the clock rules.
const CLOCK_BEFORE = /(?<!\p{L})(?:à|vers|dès|jusqu'à|aux\s+alentours\s+de)\s*$/iu;

function numberedRule(lang: Lang): Rule {
  const units = alt(Object.keys(UNITS[lang]));
  const num = NUMBER(lang);
  const src = lang === 'fr'
    ? `(?<![\\p{L}\\p{N}.,])(?:(ces|les|des)\\s+(derni[eè]re?s|prochaine?s)\\s+)?(${num})\\s+(?:(?:derni[eè]re?s|prochaine?s)\\s+)?(${units})(\\s+et\\s+demie?)?${E}`
    : `(?<![\\p{L}\\p{N}.,])(?:(the\\s+)?(past|last|next|coming|first|final|previous|following)\\s+)?(${num}|a|an|half\\s+an?)[\\s-]+(${units})(\\s+and\\s+a\\s+half)?${E}`;
  return {
    name: 'duration',
    re: re(src),
    make(m, text) {
      const numWord = m[3] ?? '';
      const unitWord = m[4] ?? '';
      const unit = UNITS[lang][key(unitWord)];
      if (!unit) return undefined;
      const start = m.index, end = m.index + m[0].length;
      const nk = key(numWord);
      let n = /^half/.test(nk) ? 0.5 : /^an?$/.test(nk) ? 1 : parseNumber(numWord, lang);
      if (n === undefined || n <= 0 || n > 10000) return undefined;
      if (m[5]) n += 0.5;
      const before = text.slice(Math.max(0, start - 30), start);
      const after = text.slice(end, end + 12);
      if (lang === 'fr') {
        if (unit === 'H' && CLOCK_BEFORE.test(before) && n <= 24 && !m[1]) return undefined;
        // "un jour" is as often "one day, some day" as a length; "une seconde" a rank.
        if (n === 1 && /^(jour|seconde|journée|minute)$/i.test(unitWord) && /^un/i.test(nk)) return undefined;
        if (unit === 'Y' && !m[1] && isAge(text, start, end, lang)) return undefined;
      } else {
        if (/^an?$/.test(nk) && /^(second|minute)$/i.test(unitWord)) return undefined;
        if (unit === 'Y' && isAge(text, start, end, lang)) return undefined;
        // "a year ago" and "2 days later" are points, handled by the offset rule when it applies.
        if (/^-old/i.test(after)) return undefined;
      }
      return durationCand(start, end, n, unit, 'duration');
    },
  };
}

/** "plusieurs jours", "ces derniers jours", "des années", "the past few weeks", "for years". */
function vagueRule(lang: Lang): Rule {
  const plural = Object.keys(UNITS[lang]).filter((w) => w.endsWith('s'));
  const units = alt(plural);
  const src = lang === 'fr'
    ? `${B}(?:(?:ces|les)\\s+(?:derni[eè]re?s|prochaine?s)|plusieurs|quelques|des|de\\s+nombreux|de\\s+nombreuses|bien\\s+des)\\s+(${units})${E}`
    : `${B}(?:(?:(?:the\\s+)?(?:past|last|next|coming)\\s+)?(?:several|a\\s+few|few|many)|(?:the\\s+)?(?:past|last|next|coming)|recent)\\s+(${units})${E}|(?<=\\bfor\\s+)(years|months|weeks|days|decades|hours)${E}`;
  return {
    name: 'vague',
    re: re(src),
    make(m, text) {
      const word = m[1] ?? m[2] ?? '';
      const unit = UNITS[lang][key(word)];
      if (!unit) return undefined;
      const start = m.index, end = m.index + m[0].length;
      // "des heures d'ouverture", "des jours fériés": a noun phrase, not a span of time.
      if (lang === 'fr' && /^des\s/i.test(m[0]) && /^\s+(?:d'|de\s|du\s|des\s|\p{Ll}+(?:é|ée|és|ées|ables?|aires?|iers?|ières?)\b)/iu.test(text.slice(end, end + 20))) return undefined;
      if (lang === 'fr' && unit === 'Y' && /^\s*\d/.test(text.slice(end, end + 3))) return undefined;
      return durationCand(start, end, 'X', unit, 'vague');
    },
  };
}

/** "une dizaine de jours", "a dozen years". */
function approxRule(lang: Lang): Rule {
  const approx = alt(Object.keys(APPROX_NUMBERS[lang]));
  const units = alt(Object.keys(UNITS[lang]));
  const src = lang === 'fr'
    ? `${B}(?:une|la|d'une)\\s+(${approx})\\s+(?:de\\s+|d')(${units})${E}`
    : `${B}(?:a\\s+)?(${approx})\\s+(${units})${E}`;
  return {
    name: 'approx',
    re: re(src),
    make(m, text) {
      const n = APPROX_NUMBERS[lang][key(m[1] ?? '')];
      const unit = UNITS[lang][key(m[2] ?? '')];
      if (!n || !unit) return undefined;
      let start = m.index;
      const end = m.index + m[0].length;
      if (/^d'/i.test(m[0])) {
        if (unit === 'Y' && isAge(text, start, end, lang)) return undefined;
        start += 2;
      }
      if (unit === 'Y' && lang === 'fr') {
        const before = text.slice(Math.max(0, start - 30), start);
        const de = /([\p{L}-]+)\s+(?:de|d')\s*$/iu.exec(before);
        if (de && !FR_DURATION_HEADS.has((de[1] ?? '').toLowerCase())) return undefined;
      }
      return durationCand(start, end, n, unit, 'approx');
    },
  };
}

/** Nouns that are lengths by themselves: "un quinquennat", "un demi-siècle", "a fortnight". */
function nounRule(lang: Lang): Rule {
  const nouns = alt(Object.keys(DURATION_NOUNS[lang]));
  const art = lang === 'fr' ? '(?:(?:un|une)\\s+)?' : '(?:(?:a|an|one)\\s+)?';
  return {
    name: 'durnoun',
    re: re(`${B}${art}(${nouns})${E}`),
    make(m) {
      const value = DURATION_NOUNS[lang][key(m[1] ?? '')];
      if (!value) return undefined;
      return { start: m.index, end: m.index + m[0].length, type: 'duration', rule: 'durnoun', prio: 1, resolve: () => ({ value }) };
    },
  };
}

/** "de 8 à 24 mois": the first bound borrows the unit of the second. */
function rangeRule(lang: Lang): Rule {
  const units = alt(Object.keys(UNITS[lang]));
  const num = NUMBER(lang);
  const link = lang === 'fr' ? '(?:à|-|ou)' : '(?:to|-|or|and)';
  return {
    name: 'durrange',
    re: re(`(?<![\\p{L}\\p{N}.,])(${num})(?=\\s*${link}\\s*(?:${num})\\s+(${units})${E})`),
    make(m, text) {
      const n = parseNumber(m[1] ?? '', lang);
      const unit = UNITS[lang][key(m[2] ?? '')];
      if (n === undefined || !unit || unit === 'H' && lang === 'fr') return undefined;
      const start = m.index, end = m.index + (m[1] ?? '').length;
      if (unit === 'Y' && isAge(text, start, end, lang)) return undefined;
      // Years in a range ("de 1990 à 1999 ans") are not lengths.
      if (n > 200) return undefined;
      return durationCand(start, end, n, unit, 'durrange');
    },
  };
}

export function durationRules(lang: Lang): Rule[] {
  return [numberedRule(lang), vagueRule(lang), approxRule(lang), nounRule(lang), rangeRule(lang)];
}
