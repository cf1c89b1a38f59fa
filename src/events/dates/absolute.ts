// Calendar dates written out: "vendredi 17 novembre", "le 27 mai 1998", "avril 2001", "Nov. 17, 2023",
// "17/11/2023", years, decades, centuries, quarters. The year, when missing, comes from context.
import { fmtDay, fmtMonth, isValidDay, pad, type Day } from './calendar.ts';
import { expandYear } from './numbers.ts';
import { B, E, MONTH, WEEKDAY, key, re } from './patterns.ts';
import { anchorYearForWeekday, isDeadline, yearFor } from './anchor.ts';
import type { Env, Rule } from './types.ts';
import { MONTHS, QUANTITY_NOUNS, WEEKDAYS, type Lang } from './vocab.ts';

const DAYNUM_FR = '1er|premier|[12]\\d|3[01]|0?[1-9]';
const DAYNUM_EN = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR4 = '(?:1[0-9]|20)\\d{2}';

const ABBREVIATIONS = new Set(['jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
const dayNum = (s: string): number => (/^(1er|premier)$/i.test(s) ? 1 : parseInt(s, 10));

/** English month names are capitalized; a lower-case "may" or "march" is a verb. */
function monthOk(word: string, lang: Lang, text: string, at: number): boolean {
  if (lang === 'en') return /^\p{Lu}/u.test(word);
  // French months are lower-case; a capitalized one mid-sentence is a name ("Mars", "Mai Thi").
  if (/^\p{Lu}\p{Ll}/u.test(word)) {
    const before = text.slice(Math.max(0, at - 3), at);
    return !/\p{Ll}[\s,]*$/u.test(before) || /[.!?:]\s*$/.test(before);
  }
  return true;
}

/** Day-month with an optional weekday, year and "dernier/prochain". */
function dayMonthRule(lang: Lang): Rule {
  const src = lang === 'fr'
    ? `${B}(?:(le)\\s+)?(?:(${WEEKDAY(lang)})\\s+)?(${DAYNUM_FR})\\s+(${MONTH(lang)})(?:\\s+(${YEAR4}))?(?:\\s+(derni[eè]re?|prochaine?))?${E}`
    // Text split into tokens writes the comma apart ("July 24 , 2003"): the same date.
    : `${B}(?:(${WEEKDAY(lang)})\\s?,?\\s+)?(?:(${MONTH(lang)})\\s+(?:the\\s+)?(${DAYNUM_EN})|(?:the\\s+)?(${DAYNUM_EN})\\s+(?:of\\s+)?(${MONTH(lang)}))(?:\\s?,?\\s+(${YEAR4}))?${E}`;
  return {
    name: 'daymonth',
    re: re(src),
    make(m, text) {
      let wdWord: string | undefined, dStr: string, mWord: string, yStr: string | undefined, rel: string | undefined;
      let monthAt: number;
      if (lang === 'fr') {
        [, , wdWord, dStr = '', mWord = '', yStr, rel] = m;
        monthAt = m.indices?.[4]?.[0] ?? m.index;
      } else {
        wdWord = m[1];
        mWord = m[2] ?? m[5] ?? '';
        dStr = (m[3] ?? m[4] ?? '').replace(/\D+$/, '');
        yStr = m[6];
        monthAt = m.indices?.[m[2] ? 2 : 5]?.[0] ?? m.index;
      }
      if (!monthOk(mWord, lang, text, monthAt)) return undefined;
      const month = MONTHS[lang][key(mWord)];
      const day = dayNum(dStr);
      if (!month || day < 1 || day > 31) return undefined;
      const wd = wdWord ? WEEKDAYS[lang][key(wdWord)] : undefined;
      const start = m.index;
      const end = m.index + m[0].length;
      return {
        start, end, type: 'date', rule: 'daymonth', prio: 2,
        resolve(env) {
          let y: number;
          if (yStr) y = Number(yStr);
          else if (rel) {
            y = env.ref.y;
            const cmp = month * 100 + day - (env.ref.m * 100 + env.ref.d);
            if (/^derni/i.test(rel) && cmp > 0) y--;
            if (/^prochain/i.test(rel) && cmp <= 0) y++;
          } else if (wd) y = anchorYearForWeekday(month, day, wd, env, start) ?? yearFor(month, day, env, start, end, !isDeadline(text, start));
          else y = yearFor(month, day, env, start, end, !isDeadline(text, start));
          if (!isValidDay(y, month, day)) return { value: `${pad(y, 4)}-${pad(month)}` };
          const d: Day = { y, m: month, d: day };
          return yStr ? { value: fmtDay(d), day: d, year: y } : { value: fmtDay(d), day: d };
        },
      };
    },
  };
}

/** "du 19 au 23 juillet", "les 5 et 6 juin": the first day borrows the month of the second. */
function dayRangeRule(lang: Lang): Rule | undefined {
  if (lang !== 'fr') return undefined;
  const wd = `(?:(?:${WEEKDAY(lang)})\\s+)?`;
  const src = `${B}${wd}(${DAYNUM_FR})(?=\\s*(?:-|au|et|à|ou)\\s*(?:le\\s+)?${wd}(?:${DAYNUM_FR})\\s+(${MONTH(lang)})(?:\\s+(${YEAR4}))?${E})`;
  return {
    name: 'dayrange',
    re: re(src),
    make(m, text) {
      const month = MONTHS[lang][key(m[2] ?? '')];
      const day = dayNum(m[1] ?? '');
      if (!month) return undefined;
      const start = m.index, end = m.index + m[0].length;
      return {
        start, end, type: 'date', rule: 'dayrange', prio: 3,
        resolve(env) {
          const y = m[3] ? Number(m[3]) : yearFor(month, day, env, start, end, !isDeadline(text, start));
          const d = { y, m: month, d: day };
          return isValidDay(y, month, day) ? { value: fmtDay(d), day: d } : undefined;
        },
      };
    },
  };
}

/** "avril 2001", "octobre 98", "juin prochain", "le mois de juin", "en juillet", "November 2023". */
function monthRule(lang: Lang): Rule {
  const src = lang === 'fr'
    ? `${B}(?:((?:le\\s+)?mois)\\s+(?:de\\s+|d'))?(${MONTH(lang)})(?:\\s+(${YEAR4}|'?\\d{2}(?![\\p{L}\\p{N}]|[.,]\\d)))?(?:\\s+(derni[eè]re?|prochaine?|pass[ée]e?))?${E}`
    : `${B}(?:(last|next|this|early|mid-|late)\\s*)?(${MONTH(lang)})(?:,?\\s+(${YEAR4}|'\\d{2}))?${E}`;
  return {
    name: 'month',
    re: re(src),
    make(m, text) {
      const mWord = m[2] ?? '';
      const at = m.indices?.[2]?.[0] ?? m.index;
      if (!monthOk(mWord, lang, text, at)) return undefined;
      // A lone English "May" or "March" is too often a name or a verb; "May 2024" or "in May" is not.
      if (lang === 'en' && !m[3] && !m[1] && /^(may|march)$/i.test(mWord) && !/\b(?:in|of|since|until|by|during)\s+$/i.test(text.slice(Math.max(0, at - 8), at))) return undefined;
      const month = MONTHS[lang][key(mWord)];
      if (!month) return undefined;
      // An abbreviation alone ("Jan", "Oct.") is a name or a fragment; with a year it is a month.
      if (!m[3] && (mWord.endsWith('.') || ABBREVIATIONS.has(key(mWord)))) return undefined;
      const yRaw = m[3]?.replace("'", '');
      const rel = lang === 'fr' ? m[4] : m[1];
      const start = m.index, end = m.index + m[0].length;
      return {
        start, end, type: 'date', rule: 'month', prio: 1,
        resolve(env) {
          let y: number;
          if (yRaw) y = expandYear(Number(yRaw), env.ref.y);
          else if (rel && /^(derni|pass|last)/i.test(rel)) y = month < env.ref.m ? env.ref.y : env.ref.y - 1;
          else if (rel && /^(prochain|next)/i.test(rel)) y = month > env.ref.m ? env.ref.y : env.ref.y + 1;
          else if (rel && /^this/i.test(rel)) y = env.ref.y;
          else y = yearFor(month, undefined, env, start, end, !isDeadline(text, start));
          return yRaw ? { value: fmtMonth(y, month), year: y } : { value: fmtMonth(y, month) };
        },
      };
    },
  };
}

/** "17/11/2023", "17.11.99", "2023-11-17" (with an optional time). */
function numericRule(lang: Lang): Rule {
  const src = `(?<![\\d.,/-])(?:(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2}))?|(\\d{1,2})([/.])(\\d{1,2})\\7(\\d{4}|\\d{2}))(?![\\d/]|[.,]\\d)`;
  return {
    name: 'numeric',
    re: re(src),
    make(m) {
      let y: number, mo: number, d: number;
      if (m[1]) { y = Number(m[1]); mo = Number(m[2]); d = Number(m[3]); }
      else {
        if (m[7] === '.' && (m[9] ?? '').length === 2) return undefined; // "03.83.96" is a phone number
        const a = Number(m[6]), b = Number(m[8]);
        // English writes month first unless the first number cannot be a month.
        [mo, d] = lang === 'en' && a <= 12 ? [a, b] : [b, a];
        y = (m[9] ?? '').length === 2 ? expandYear(Number(m[9]), 2000) : Number(m[9]);
      }
      if (!isValidDay(y, mo, d)) return undefined;
      const day: Day = { y, m: mo, d };
      const hh = m[4], mm = m[5];
      return {
        start: m.index, end: m.index + m[0].length, type: hh ? 'time' : 'date', rule: 'numeric', prio: 2,
        resolve: () => ({ value: hh ? `${fmtDay(day)}T${hh}:${mm}` : fmtDay(day), day, year: y }),
      };
    },
  };
}

const YEAR_CONTEXT: Record<Lang, RegExp> = {
  fr: /(?:(?<!\p{L})(?:en|de|depuis|dès|avant|après|vers|entre|et|jusqu'en|fin|début|mi|l'an|l'année|année|saison|été|hiver|printemps|automne|d'|à|au|pour|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)|[(,-])\s*$/iu,
  en: /(?:\b(?:in|of|since|from|until|by|before|after|to|and|between|early|late|mid|year|fiscal|the|during|around|circa|[A-Z][a-z]+)|[(,-])\s*$/u,
};

/** Four-digit years (with "l'an"/"l'année"), and two-digit ones right after "en"/"in". */
function yearRule(lang: Lang): Rule {
  const lead = lang === 'fr' ? "(?:(?:en\\s+)?l'an(?:née)?\\s+)?" : '(?:(?:the\\s+)?year\\s+)?';
  const short = lang === 'fr' ? '(?<=\\b(?:en|depuis|dès)\\s+)' : "(?<=\\b(?:in|since)\\s+)";
  const src = `(?<![\\p{L}\\p{N}.,]|\\d[.,])(?:${lead}(${YEAR4})|${short}'?(\\d{2}))(?![\\p{L}\\p{N}]|[.,]\\d)`;
  const quantity = new Set(QUANTITY_NOUNS[lang]);
  return {
    name: 'year',
    re: re(src),
    make(m, text) {
      const end = m.index + m[0].length;
      const after = /^\s*([\p{L}%$€²³]+)/u.exec(text.slice(end, end + 20))?.[1]?.toLowerCase();
      if (after && quantity.has(after)) return undefined;
      if (m[2]) {
        // "en 98," but not "en 20 minutes": the short year must end the phrase.
        if (!/^\s*(?:[,.;:()]|et\s|and\s|$)/.test(text.slice(end, end + 5))) return undefined;
      } else {
        const y = Number(m[1]);
        const before = text.slice(Math.max(0, m.index - 25), m.index);
        if (/(?:n°|no\.?|numéro|number|page|p\.|tél\.?|route|rn|code)\s*$/i.test(before)) return undefined;
        // Old years are numbers far more often than dates unless a word says "year".
        if ((y < 1900 || y > 2099) && m[0].length === 4 && !YEAR_CONTEXT[lang].test(before)) return undefined;
      }
      return {
        start: m.index, end, type: 'date', rule: 'year', prio: 1,
        resolve(env) {
          const y = m[1] ? Number(m[1]) : expandYear(Number(m[2]), env.ref.y);
          return { value: pad(y, 4), year: y };
        },
      };
    },
  };
}

/** "les années 60", "the 1990s", "the '80s". */
function decadeRule(lang: Lang): Rule {
  const src = lang === 'fr'
    ? `${B}(?:les\\s+)?années\\s+((?:1[0-9]|20)?\\d0)(?:'?s)?${E}`
    : `${B}(?:the\\s+)?(?:((?:1[0-9]|20)\\d0)'?s|'(\\d0)s)${E}`;
  return {
    name: 'decade',
    re: re(src),
    make(m) {
      const raw = m[1] ?? m[2] ?? '';
      const full = raw.length === 4 ? raw : `19${raw}`;
      return { start: m.index, end: m.index + m[0].length, type: 'date', rule: 'decade', prio: 2, resolve: () => ({ value: `${full.slice(0, 3)}X` }) };
    },
  };
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
function roman(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]?.toUpperCase() ?? ''] ?? 0;
    const next = ROMAN[s[i + 1]?.toUpperCase() ?? ''] ?? 0;
    n += v < next ? -v : v;
  }
  return n;
}
const EN_ORDINAL_CENTURY: Record<string, number> = {
  fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, 'twenty-first': 21, 'twenty first': 21,
};

/** "le XIXe siècle", "the 19th century", "the twenty-first century". */
function centuryRule(lang: Lang): Rule {
  const src = lang === 'fr'
    ? `${B}(?:le\\s+)?([IVXL]+|\\d{1,2})\\s?(?:e|è|ème|eme|ᵉ|er)\\s+siècle${E}`
    : `${B}(?:the\\s+)?(\\d{1,2}(?:st|nd|rd|th)|${Object.keys(EN_ORDINAL_CENTURY).join('|')})[\\s-]+century${E}`;
  return {
    name: 'century',
    re: re(src),
    make(m) {
      const raw = m[1] ?? '';
      const n = /^\d/.test(raw) ? parseInt(raw, 10) : lang === 'fr' ? roman(raw) : (EN_ORDINAL_CENTURY[raw.toLowerCase()] ?? 0);
      if (n < 1 || n > 30) return undefined;
      return { start: m.index, end: m.index + m[0].length, type: 'date', rule: 'century', prio: 2, resolve: () => ({ value: `${pad(n - 1)}XX` }) };
    },
  };
}

/** "le troisième trimestre 2023", "the third quarter", "Q3 2023". */
function quarterRule(lang: Lang): Rule {
  const src = lang === 'fr'
    ? `${B}(?:le\\s+)?(premier|1er|deuxième|second|2e|troisième|3e|quatrième|4e|dernier)\\s+trimestre(?:\\s+(?:de\\s+)?(${YEAR4}))?${E}`
    : `${B}(?:(?:the\\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|last)[\\s-]+(?:fiscal\\s+)?quarter(?:\\s+of)?(?:\\s+(${YEAR4}))?|Q([1-4])(?:\\s+(${YEAR4})|\\s*'(\\d{2}))?)${E}`;
  const num = (w: string): number => {
    const t = w.toLowerCase();
    if (/^(premier|1er|first|1st)$/.test(t)) return 1;
    if (/^(deuxième|second|2e|2nd)$/.test(t)) return 2;
    if (/^(troisième|3e|third|3rd)$/.test(t)) return 3;
    if (/^(quatrième|4e|fourth|4th|dernier|last)$/.test(t)) return 4;
    return 0;
  };
  return {
    name: 'quarter',
    re: re(src),
    make(m) {
      const q = m[3] ? Number(m[3]) : num(m[1] ?? '');
      const yRaw = m[2] ?? m[4] ?? (m[5] ? `20${m[5]}` : undefined);
      const start = m.index, end = m.index + m[0].length;
      return {
        start, end, type: 'date', rule: 'quarter', prio: 2,
        resolve(env: Env) {
          let y = yRaw ? Number(yRaw) : (env.sentenceYear(start) ?? env.ref.y);
          // A quarter not begun yet, told in the past tense, is last year's.
          if (!yRaw && (q - 1) * 3 + 1 > env.ref.m && env.tense(start, end) === 'past') y--;
          return { value: `${pad(y, 4)}-Q${q}` };
        },
      };
    },
  };
}

/** "le premier semestre 2002", "the first half of 2023": TIMEX3 halves are H1, H2. */
function halfRule(lang: Lang): Rule {
  const src = lang === 'fr'
    ? `${B}(?:le\\s+)?(premier|1er|second|deuxième|2e|dernier)\\s+semestre(?:\\s+(?:de\\s+)?(${YEAR4}))?${E}`
    : `${B}(?:the\\s+)?(first|second|1st|2nd)\\s+half\\s+of\\s+(?:(${YEAR4})|the\\s+year|this\\s+year)${E}`;
  return {
    name: 'quarter',
    re: re(src),
    make(m) {
      const h = /^(premier|1er|first|1st)$/i.test(m[1] ?? '') ? 1 : 2;
      const start = m.index, end = m.index + m[0].length;
      return {
        start, end, type: 'date', rule: 'quarter', prio: 2,
        resolve(env: Env) {
          let y = m[2] ? Number(m[2]) : (env.sentenceYear(start) ?? env.ref.y);
          if (!m[2] && h === 2 && env.ref.m <= 6 && env.tense(start, end) === 'past') y--;
          return { value: `${pad(y, 4)}-H${h}` };
        },
      };
    },
  };
}

export function absoluteRules(lang: Lang): Rule[] {
  return [dayMonthRule(lang), dayRangeRule(lang), monthRule(lang), numericRule(lang), yearRule(lang), decadeRule(lang), centuryRule(lang), quarterRule(lang), halfRule(lang)]
    .filter((r): r is Rule => r !== undefined);
}
