// Recurring times: "chaque semaine", "tous les jeudis", "par an", "annuels", "every Friday", "weekly",
// "$2 billion a year", "on Fridays".
import { durationValue } from './anchor.ts';
import { parseNumber } from './numbers.ts';
import { B, E, NUMBER, alt, key, re } from './patterns.ts';
import type { Rule } from './types.ts';
import { DAY_PARTS, UNITS, WEEKDAYS, WEEKDAYS_PLURAL, type Lang } from './vocab.ts';

function setValue(word: string, n: number, lang: Lang): string | undefined {
  const k = key(word);
  const wd = WEEKDAYS[lang][k] ?? WEEKDAYS_PLURAL[lang][k];
  if (wd) return `XXXX-WXX-${wd}`;
  const part = DAY_PARTS[lang][k] ?? DAY_PARTS[lang][k.replace(/s$/, '')];
  if (part) return part === 'MI' ? 'XXXX-XX-XXT12:00' : `XXXX-XX-XXT${part}`;
  const unit = UNITS[lang][k];
  return unit ? durationValue(n, unit) : undefined;
}

function everyRule(lang: Lang): Rule {
  const words = alt([
    ...Object.keys(UNITS[lang]), ...Object.keys(WEEKDAYS[lang]), ...Object.keys(WEEKDAYS_PLURAL[lang]),
    ...(lang === 'fr' ? ['matins', 'soirs', 'nuits', 'midis', 'matin', 'soir'] : ['morning', 'evening', 'night', 'afternoon']),
  ]);
  const src = lang === 'fr'
    ? `${B}(?:chaque|tous\\s+les|toutes\\s+les)\\s+(?:(${NUMBER(lang)})\\s+)?(${words})${E}|${B}toute\\s+l'(année)${E}`
    : `${B}(?:every|each)\\s+(?:(other|${NUMBER(lang)})\\s+)?(${words})${E}`;
  return {
    name: 'every',
    re: re(src),
    make(m) {
      const numWord = m[1];
      const n = !numWord ? 1 : /other/i.test(numWord) ? 2 : parseNumber(numWord, lang);
      const value = n === undefined ? undefined : setValue(m[2] ?? m[3] ?? '', n, lang);
      if (!value) return undefined;
      return { start: m.index, end: m.index + m[0].length, type: 'set', rule: 'every', prio: 2, resolve: () => ({ value }) };
    },
  };
}

/** "par an", "par semestre": the annotation covers the unit alone. */
function perRule(lang: Lang): Rule {
  const units = alt(Object.keys(UNITS[lang]).filter((w) => !/s$/.test(w) || w === 'mois'));
  const src = lang === 'fr'
    ? `(?<=${B}par\\s+)(${units})${E}`
    : `${B}(?:(once|twice|thrice|(?:${NUMBER(lang)})\\s+times)\\s+(?:a|an|per|each)|per)\\s+(${units})${E}|(?<=(?:[\\d%]|\\b(?:million|billion|trillion|thousand|dollars|euros|pounds|percent))\\s+)(?:a|an)\\s+(year|month|week|day|hour)${E}`;
  return {
    name: 'per',
    re: re(src),
    make(m) {
      const word = lang === 'fr' ? (m[1] ?? '') : (m[2] ?? m[3] ?? '');
      const value = setValue(word, 1, lang);
      if (!value) return undefined;
      return { start: m.index, end: m.index + m[0].length, type: 'set', rule: 'per', prio: 2, resolve: () => ({ value }) };
    },
  };
}

/** "annuel", "weekly", "on Fridays". */
function adverbRule(lang: Lang): Rule {
  const table: Record<string, string> = lang === 'fr'
    ? { annuel: 'P1Y', annuelle: 'P1Y', annuels: 'P1Y', annuelles: 'P1Y', annuellement: 'P1Y', quotidiennement: 'P1D', mensuellement: 'P1M' }
    : {
      daily: 'P1D', weekly: 'P1W', monthly: 'P1M', yearly: 'P1Y', annually: 'P1Y', hourly: 'PT1H', nightly: 'XXXX-XX-XXTNI',
      quarterly: 'P3M', biweekly: 'P2W', biannually: 'P6M', 'semi-annually': 'P6M',
    };
  const plural = lang === 'en' ? `|(?<=\\bon\\s+)(${alt(Object.keys(WEEKDAYS_PLURAL.en))})` : '';
  return {
    name: 'adverb-set',
    re: re(`${B}(?:(${alt(Object.keys(table))})${plural})${E}`),
    make(m) {
      const value = m[1] ? table[key(m[1])] : setValue(m[2] ?? '', 1, lang);
      if (!value) return undefined;
      if (m[2] && !/^\p{Lu}/u.test(m[2])) return undefined;
      return { start: m.index, end: m.index + m[0].length, type: 'set', rule: 'adverb-set', prio: 1, resolve: () => ({ value }) };
    },
  };
}

export function setRules(lang: Lang): Rule[] {
  return [everyRule(lang), perRule(lang), adverbRule(lang)];
}
