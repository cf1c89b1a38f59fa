// Expressions relative to the publication date or to the day in focus: "hier soir", "vendredi",
// "la semaine dernière", "il y a trois ans", "le lendemain", seasons and holidays.
import { offsetPoint, resolveWeekday, shiftUnit, type Direction } from './anchor.ts';
import { addDays, addMonths, diffDays, easter, fmtDay, isValidDay, pad, seasonOf, weekday, type Day } from './calendar.ts';
import { parseNumber } from './numbers.ts';
import { B, E, NUMBER, WEEKDAY, alt, key, re } from './patterns.ts';
import type { Resolved, Rule, TimexType } from './types.ts';
import {
  DAY_PARTS, HOLIDAYS, MONTHS, RELATIVE_DAYS, SEASONS, UNITS, WEEKDAYS, type DayPart, type Lang, type Season,
} from './vocab.ts';

const YEAR4 = '(?:1[0-9]|20)\\d{2}';

/** "soir", "en fin d'après-midi", "dans la soirée", "in the morning". */
function partPattern(lang: Lang): string {
  const parts = alt(Object.keys(DAY_PARTS[lang]));
  return lang === 'fr'
    ? `(?:(?:en|dans\\s+la|dans\\s+l')\\s*(?:(?:début|fin|milieu)\\s+(?:de\\s+|d'))?(?:${parts}|journée)|${parts})`
    : `(?:${parts})`;
}

function partOf(phrase: string | undefined, lang: Lang): DayPart | 'DAY' | undefined {
  if (!phrase) return undefined;
  const p = key(phrase);
  if (/fin\s+de\s+journée/.test(p)) return 'EV';
  if (/journée/.test(p)) return 'DAY';
  for (const [w, part] of Object.entries(DAY_PARTS[lang]).sort((a, b) => b[0].length - a[0].length)) {
    if (p.endsWith(w)) return part;
  }
  return undefined;
}

/** A day, or a part of it: "1999-05-23", "1999-05-23TEV", noon as "T12:00". */
function dayValue(day: Day, part: DayPart | 'DAY' | undefined): Resolved {
  if (!part || part === 'DAY') return { value: fmtDay(day), type: 'date', day };
  return { value: `${fmtDay(day)}T${part === 'MI' ? '12:00' : part}`, type: 'time', day };
}

const dirOf = (w: string | undefined): Direction => {
  if (!w) return 'auto';
  const t = key(w);
  if (/^(derni|pass|précédent|last|past|this past|previous)/.test(t)) return 'last';
  if (/^(prochain|suivant|next|coming|this coming)/.test(t)) return 'next';
  if (/^(ce|cette|this)$/.test(t)) return 'this';
  return 'auto';
};

/** "hier", "aujourd'hui vendredi", "hier en début d'après-midi", "yesterday morning". */
function relativeDayRule(lang: Lang): Rule {
  const days = alt(Object.keys(RELATIVE_DAYS[lang]));
  const src = `${B}(${days})(?:\\s*,?\\s*(${WEEKDAY(lang)})(?!\\s+\\d))?(?:\\s+(${partPattern(lang)}))?${E}`;
  return {
    name: 'relday',
    re: re(src),
    make(m) {
      const offset = RELATIVE_DAYS[lang][key(m[1] ?? '')];
      if (offset === undefined) return undefined;
      const part = partOf(m[3], lang);
      return {
        start: m.index, end: m.index + m[0].length, type: part && part !== 'DAY' ? 'time' : 'date', rule: 'relday', prio: 3,
        resolve: (env) => dayValue(addDays(env.ref, offset), part),
      };
    },
  };
}

/** "ce soir", "cette nuit", "cet après-midi", "tonight", "last night", "this morning". */
function thisPartRule(lang: Lang): Rule {
  const src = lang === 'fr'
    ? `${B}(?:(?:ce|cet|cette)\\s+(matin|midi|après-midi|soir|soirée|nuit|matinée)|la\\s+(nuit)\\s+dernière)${E}`
    : `${B}(?:this\\s+(morning|afternoon|evening)|(tonight)|last\\s+(night))${E}`;
  return {
    name: 'thispart',
    re: re(src),
    make(m) {
      const word = m[1] ?? m[2] ?? m[3] ?? '';
      const part: DayPart = /tonight/i.test(word) ? 'NI' : (partOf(word, lang) as DayPart) ?? 'EV';
      const back = m[2] && lang === 'fr' ? -1 : lang === 'en' && m[3] ? -1 : 0;
      return {
        start: m.index, end: m.index + m[0].length, type: 'time', rule: 'thispart', prio: 3,
        resolve: (env) => dayValue(addDays(env.ref, back), part),
      };
    },
  };
}

/** Weekdays with their modifiers; "le mercredi" alone names every Wednesday. */
function weekdayRule(lang: Lang): Rule {
  const wd = WEEKDAY(lang);
  const src = lang === 'fr'
    ? `${B}(?:(ce|cette)\\s+(?:même\\s+)?|(le)\\s+|(dès|depuis)\\s+)?(${wd})(?:\\s+(${partPattern(lang)}))?(?:\\s+(dernier|prochain|passé|suivant|précédent))?${E}`
    : `${B}(?:(this\\s+past|this\\s+coming|last|next|this|coming|past)\\s+)?(${wd})(?:\\s+(${partPattern(lang)}))?${E}`;
  return {
    name: 'weekday',
    re: re(src),
    make(m, text) {
      const end = m.index + m[0].length;
      const fr = lang === 'fr';
      const word = (fr ? m[4] : m[2]) ?? '';
      const n = WEEKDAYS[lang][key(word)];
      if (!n) return undefined;
      // Names, not dates: "l'accord du Vendredi Saint", "Mardi gras".
      if (/^\s+(saint|gras|noir|black)\b/i.test(text.slice(end, end + 8))) return undefined;
      if (lang === 'en' && !/^\p{Lu}/u.test(word)) return undefined;
      const part = partOf(fr ? m[5] : m[3], lang);
      const dirWord = fr ? (m[6] ?? m[1]) : m[1];
      const dir = dirOf(dirWord);
      const wordStart = m.indices?.[fr ? 4 : 2]?.[0] ?? m.index;
      if (fr && m[2] && !m[6]) {
        // "le mercredi", "le dimanche matin": a habit (a set), unless a day number follows (handled by daymonth).
        if (/^\s+\d/.test(text.slice(end, end + 4))) return undefined;
        const p = partOf(m[5], lang);
        const suffix = p && p !== 'DAY' ? `T${p === 'MI' ? '12:00' : p}` : '';
        return {
          start: m.index, end, type: 'set', rule: 'weekday-set', prio: 1,
          resolve: () => ({ value: `XXXX-WXX-${n}${suffix}` }),
        };
      }
      // "dès/depuis" stay outside the extent; "ce" and "le … dernier" belong to it.
      const start = fr && m[3] ? wordStart : m.index;
      const type: TimexType = part && part !== 'DAY' ? 'time' : 'date';
      const since = fr && m[3] && /^depuis/i.test(m[3]);
      return {
        start, end, type, rule: 'weekday', prio: 2,
        resolve: (env) => dayValue(resolveWeekday(n, since ? 'last' : dir, env, start, end), part),
      };
    },
  };
}

/** "en fin de matinée", "dans la soirée", "en début de matinée lundi": a part of the day in focus or of the day named. */
function partOfDayRule(lang: Lang): Rule | undefined {
  if (lang !== 'fr') return undefined;
  const rel = alt(Object.keys(RELATIVE_DAYS[lang]));
  const src = `${B}(?:en|dans)\\s+((?:la\\s+|l')?(?:(?:début|fin|milieu)\\s+(?:de\\s+|d'))?(?:matinée|après-midi|soirée|nuit|journée))(?:\\s+(?:de\\s+|d')?(?:(${WEEKDAY(lang)})|(${rel})))?${E}`;
  return {
    name: 'dayparts',
    re: re(src),
    make(m) {
      const start = m.indices?.[1]?.[0] ?? m.index;
      const end = m.index + m[0].length;
      const part = partOf(m[1], lang);
      const wd = m[2] ? WEEKDAYS[lang][key(m[2])] : undefined;
      const offset = m[3] ? RELATIVE_DAYS[lang][key(m[3])] : undefined;
      return {
        start, end, type: part && part !== 'DAY' ? 'time' : 'date', rule: 'dayparts', prio: 2, needsFocus: !wd && offset === undefined,
        resolve(env) {
          const day = wd ? resolveWeekday(wd, 'auto', env, start, end)
            : offset !== undefined ? addDays(env.ref, offset) : (env.focusDay(start) ?? env.ref);
          return dayValue(day, part);
        },
      };
    },
  };
}

/** "mercredi 12": the 12th of the month, near the reference date, that falls on a Wednesday. */
function weekdayNumberRule(lang: Lang): Rule | undefined {
  if (lang !== 'fr') return undefined;
  const src = `${B}(?:(le)\\s+)?(${WEEKDAY(lang)})\\s+(1er|[12]\\d|3[01]|0?[1-9])(?!\\s*(?:h(?![\\p{L}])|heures?|[.,:/-]?\\d|${alt(Object.keys(MONTHS[lang]))}))${E}`;
  return {
    name: 'weekdaynum',
    re: re(src),
    make(m) {
      const wd = WEEKDAYS[lang][key(m[2] ?? '')];
      const d = /^1er$/i.test(m[3] ?? '') ? 1 : Number(m[3]);
      if (!wd) return undefined;
      return {
        start: m.index, end: m.index + m[0].length, type: 'date', rule: 'weekdaynum', prio: 2,
        resolve(env) {
          let best: Day | undefined;
          for (const k of [0, -1, 1, -2, 2]) {
            const x = addMonths({ ...env.ref, d: 1 }, k);
            if (!isValidDay(x.y, x.m, d)) continue;
            const cand = { y: x.y, m: x.m, d };
            if (weekday(cand) === wd && (!best || Math.abs(diffDays(cand, env.ref)) < Math.abs(diffDays(best, env.ref)))) best = cand;
          }
          return best ? { value: fmtDay(best), day: best } : undefined;
        },
      };
    },
  };
}

/** "la nuit de lundi à mardi": the night begins on the first day. */
function nightOfRule(lang: Lang): Rule | undefined {
  if (lang !== 'fr') return undefined;
  const wd = WEEKDAY(lang);
  return {
    name: 'nightof',
    re: re(`${B}(?:la\\s+)?nuit\\s+(?:de|du)\\s+(${wd})\\s+(?:à|au)\\s+(?:${wd})${E}`),
    make(m) {
      const n = WEEKDAYS[lang][key(m[1] ?? '')];
      if (!n) return undefined;
      const start = m.index, end = m.index + m[0].length;
      return { start, end, type: 'time', rule: 'nightof', prio: 3, resolve: (env) => dayValue(resolveWeekday(n, 'auto', env, start, end), 'NI') };
    },
  };
}

const UNIT_WORDS_FR = "semaine|week-end|mois|année|an|trimestre|semestre|siècle|décennie";

/** "cette semaine", "l'an dernier", "la semaine prochaine", "ce week-end", "last year", "this month". */
function unitRelativeRule(lang: Lang): Rule {
  const src = lang === 'fr'
    ? `${B}(?:(ce|cet|cette)\\s+(${UNIT_WORDS_FR})(?:-(ci|là))?|(?:(?:la|le|l')\\s*)?(${UNIT_WORDS_FR})\\s+(derni[eè]re?|pass[ée]e?|prochaine?|précédente?|suivante?|écoulée?))${E}`
    : `${B}(?:(this|last|next|coming|the\\s+coming|the\\s+previous|the\\s+following|this\\s+past)\\s+(week|weekend|month|year|quarter|decade|century))${E}`;
  return {
    name: 'unitrel',
    re: re(src),
    make(m) {
      const unitWord = lang === 'fr' ? (m[2] ?? m[4] ?? '') : (m[2] ?? '');
      const unit = UNITS[lang][key(unitWord)] ?? (/week-?end/i.test(unitWord) ? 'WE' : undefined);
      if (!unit) return undefined;
      const dirWord = lang === 'fr' ? (m[1] ?? m[5]) : m[1];
      const dir = dirOf(dirWord);
      const anaphoric = lang === 'fr' ? m[3] === 'là' || /^(précédent|suivant)/i.test(m[5] ?? '') : /previous|following/i.test(m[1] ?? '');
      const n = dir === 'last' ? -1 : dir === 'next' ? 1 : 0;
      const start = m.index, end = m.index + m[0].length;
      return {
        start, end, type: 'date', rule: 'unitrel', prio: 3, needsFocus: anaphoric,
        resolve(env) {
          const base = anaphoric ? (env.focusDay(start) ?? env.ref) : env.ref;
          if (unit === 'WE' && n === 0 && !anaphoric) {
            // "ce week-end" early in the week is the one just gone, unless the clause looks ahead.
            const wd = weekday(base);
            const tense = env.tense(start, end);
            const back = wd <= 2 ? tense !== 'future' : wd === 3 && tense === 'past';
            return { value: shiftUnit(base, 'WE', back ? -1 : 0) };
          }
          const value = shiftUnit(base, unit, n);
          return unit === 'Y' ? { value, year: Number(value) } : { value };
        },
      };
    },
  };
}

/** "la fin de l'année", "en début de semaine", "the end of the year", "early next month". */
function unitPartRule(lang: Lang): Rule {
  const src = lang === 'fr'
    ? `${B}(?:(?:la|le|en|au)\\s+)?(?:fin|début|milieu)\\s+(?:de\\s+la\\s+|de\\s+l'|du\\s+|d'|de\\s+)(${UNIT_WORDS_FR})(?:\\s+(derni[eè]re?|pass[ée]e?|prochaine?))?${E}`
    : `${B}(?:(?:the\\s+)?(?:end|beginning|start|middle)\\s+of\\s+(?:the|this|(last|next))|(?:early|late|mid-|later|earlier)\\s*(this|last|next))\\s+(week|month|year|quarter|decade)${E}`;
  return {
    name: 'unitpart',
    re: re(src),
    make(m, text) {
      const unitWord = lang === 'fr' ? (m[1] ?? '') : (m[3] ?? '');
      const unit = UNITS[lang][key(unitWord)];
      if (!unit) return undefined;
      const dir = dirOf(lang === 'fr' ? m[2] : (m[1] ?? m[2]));
      const n = dir === 'last' ? -1 : dir === 'next' ? 1 : 0;
      // "une fête de fin d'année" describes the party, it does not date it.
      if (lang === 'fr' && !/^(?:la|le|en|au)\s/i.test(m[0]) && /\b(?:de|d')\s*$/i.test(text.slice(Math.max(0, m.index - 4), m.index))) return undefined;
      // "en fin de semaine" keeps "en" outside, like "à la fin"; "la fin" stays inside.
      const start = /^(en|au)\s/i.test(m[0]) ? m.index + (/^\S+\s+/.exec(m[0])?.[0].length ?? 0) : m.index;
      return { start, end: m.index + m[0].length, type: 'date', rule: 'unitpart', prio: 3, resolve: (env) => ({ value: shiftUnit(env.ref, unit, n) }) };
    },
  };
}

/** "il y a trois ans", "dans deux semaines", "two years ago", "three days from now". */
function offsetRule(lang: Lang): Rule {
  const units = alt(Object.keys(UNITS[lang]));
  const num = NUMBER(lang);
  const src = lang === 'fr'
    ? `${B}(?:(il\\s+y\\s+a|voici|voilà)|(dans))\\s+(${num}|quelques|plusieurs)\\s+(${units})${E}`
    : `${B}(${num}|a|an|a\\s+few|several|few)\\s+(${units})\\s+(ago|from\\s+now)${E}`;
  return {
    name: 'offset',
    re: re(src),
    make(m, text) {
      const back = lang === 'fr' ? !!m[1] : /ago/i.test(m[3] ?? '');
      // "dans un jour de grande forme": the noun phrase goes on, this is no point in time.
      if (lang === 'fr' && /^\s+(?:de|d'|où|qui|que)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 5))) return undefined;
      const numWord = (lang === 'fr' ? m[3] : m[1]) ?? '';
      const unit = UNITS[lang][key((lang === 'fr' ? m[4] : m[2]) ?? '')];
      if (!unit) return undefined;
      const vague = /^(quelques|plusieurs|a few|several|few)$/i.test(key(numWord));
      const n = vague ? undefined : parseNumber(numWord, lang) ?? (/^an?$/i.test(numWord) ? 1 : undefined);
      if (!vague && n === undefined) return undefined;
      return {
        start: m.index, end: m.index + m[0].length, type: 'date', rule: 'offset', prio: 3,
        resolve(env) {
          if (n === undefined) return { value: back ? 'PAST_REF' : 'FUTURE_REF', type: 'time' };
          const p = offsetPoint(env.ref, unit, back ? -n : n);
          return { ...p, type: /REF$/.test(p.value) ? 'time' : 'date' };
        },
      };
    },
  };
}

/** "le lendemain", "la veille", "le même jour", "the next day": the day in focus, moved. */
function anaphoraRule(lang: Lang): Rule {
  const src = lang === 'fr'
    ? `${B}(?:(le|la)\\s+)?(lendemain|surlendemain|veille|avant-veille)(?:\\s+(?:au\\s+)?(matin|midi|après-midi|soir))?(\\s+(?:de|du|des|d'))?${E}|${B}(?:le|ce)\\s+(même\\s+jour|jour\\s+même|jour-là)${E}`
    : `${B}(?:the|that)\\s+(next\\s+day|following\\s+day|day\\s+before|previous\\s+day|day\\s+after|same\\s+day|very\\s+day)${E}|${B}(that\\s+day)${E}`;
  const shift: Record<string, number> = {
    lendemain: 1, surlendemain: 2, veille: -1, 'avant-veille': -2, 'next day': 1, 'following day': 1, 'day after': 1,
    'day before': -1, 'previous day': -1,
  };
  return {
    name: 'anaphora',
    re: re(src),
    make(m) {
      const fr = lang === 'fr';
      const word = key((fr ? m[2] ?? m[5] : m[1] ?? m[2]) ?? '');
      const part = fr ? partOf(m[3], lang) : undefined;
      // "au lendemain de la démission" names the day in focus itself: the one after the event it cites.
      const ofEvent = fr && !!m[4];
      const n = ofEvent ? 0 : (shift[word] ?? 0);
      const end = m.index + m[0].length - (fr ? (m[4]?.length ?? 0) : 0);
      return {
        start: m.index, end, type: part && part !== 'DAY' ? 'time' : 'date', rule: 'anaphora', prio: 3, needsFocus: true,
        resolve: (env) => dayValue(addDays(env.focusDay(m.index, true) ?? env.ref, n), part),
      };
    },
  };
}

function seasonValue(s: Season, y: number): string {
  return `${pad(y, 4)}-${s}`;
}

/** Seasons: "l'automne", "cet été", "l'hiver dernier", "été 1998"; "en été" in a present-tense clause is generic. */
function seasonRule(lang: Lang): Rule {
  const seasons = alt(Object.keys(SEASONS[lang]));
  const src = lang === 'fr'
    ? `${B}(?:(les\\s+mois\\s+d')|(l'|le\\s+|cet\\s+|ce\\s+))?(${seasons})(?:\\s+(dernier|prochain|passé|(?:de\\s+)?(${YEAR4})))?${E}`
    : `${B}(?:(this|last|next|the|early|late|mid-)\\s*)?(${seasons})(?:\\s+(?:of\\s+)?(${YEAR4}))?${E}`;
  return {
    name: 'season',
    re: re(src),
    make(m, text) {
      const fr = lang === 'fr';
      const word = (fr ? m[3] : m[2]) ?? '';
      const season = SEASONS[lang][key(word)];
      if (!season) return undefined;
      const end = m.index + m[0].length;
      const yStr = fr ? m[5] : m[3];
      const det = fr ? (m[1] ?? m[2]) : m[1];
      const rel = fr ? m[4] : m[1];
      // "le printemps de l'environnement", "a fall in prices": a name or a noun, not a season.
      if (!yStr && /^\s+(?:de|du|des|d'|of|in)\s/i.test(text.slice(end, end + 5)) && !/^\s+(?:de|du|d')\s*\d/.test(text.slice(end, end + 8))) return undefined;
      if (lang === 'en' && /^(fall|spring)$/i.test(word) && !det && !yStr && !/\b(?:in|this|last|next|until|by|since)\s+$/i.test(text.slice(Math.max(0, m.index - 7), m.index))) return undefined;
      const before = text.slice(Math.max(0, m.index - 4), m.index);
      // "a été", "ont été": the participle. A bare "été" is the season only after "en"/"d'" or opening a sentence.
      if (lang === 'fr' && /^(été|eté|ete)$/i.test(word) && !det && !yStr && !/(?:\ben|d')\s*$/i.test(before) && !/^\p{Lu}\p{Ll}/u.test(word)) return undefined;
      const bare = !det && /(?:^|\s)(?:en|au|in)\s+$|^$|[^\p{L}]\s*$/u.test(before);
      const start = m.index;
      return {
        start, end, type: 'date', rule: 'season', prio: 2,
        resolve(env) {
          const ref = env.ref;
          let y = env.sentenceYear(start) ?? ref.y;
          if (season === 'WI' && ref.m <= 3) y = ref.y - 1;
          if (yStr) return { value: seasonValue(season, Number(yStr)), year: Number(yStr) };
          const cur = seasonOf(ref);
          const order: Season[] = ['SP', 'SU', 'FA', 'WI'];
          const after = order.indexOf(season) > order.indexOf(cur);
          if (rel && dirOf(rel) === 'last') return { value: seasonValue(season, after || season === cur ? ref.y - 1 : ref.y) };
          if (rel && dirOf(rel) === 'next') return { value: seasonValue(season, after ? ref.y : ref.y + 1) };
          if (/^(les\s+mois|this|cet|ce)/i.test(det ?? '')) return { value: seasonValue(season, y) };
          // Without a determiner, a season in a timeless (present-tense) clause is any year's.
          if (bare && !env.tense(start, end)) return { value: `XXXX-${season}` };
          return { value: seasonValue(season, y) };
        },
      };
    },
  };
}

/** Holidays, fixed or Easter-based: "cette fête de Pentecôte", "à Noël", "on Christmas Eve". */
function holidayRule(lang: Lang): Rule {
  const names = alt(Object.keys(HOLIDAYS[lang]));
  const src = lang === 'fr'
    ? `${B}(?:(?:cette|la)\\s+fête\\s+de\\s+(?:la\\s+)?)?(${names})(?:\\s+(${YEAR4}))?${E}`
    : `${B}(${names})(?:\\s+(${YEAR4}))?${E}`;
  return {
    name: 'holiday',
    re: re(src),
    make(m, text) {
      const name = key(m[1] ?? '');
      const h = HOLIDAYS[lang][name];
      if (!h) return undefined;
      if (lang === 'en' && !/^\p{Lu}/u.test(m[1] ?? '')) return undefined;
      if (/(?:père|papa|father|marché|sapin|arbre|accord|îles?|island)\s+(?:de\s+|du\s+)?$/i.test(text.slice(Math.max(0, m.index - 10), m.index))) return undefined;
      const start = m.index, end = m.index + m[0].length;
      return {
        start, end, type: 'date', rule: 'holiday', prio: 2,
        resolve(env) {
          const at = (y: number): Day => {
            if (h.md) return { y, m: h.md[0], d: h.md[1] };
            return addDays(easter(y), h.easter ?? 0);
          };
          let y = m[2] ? Number(m[2]) : (env.sentenceYear(start) ?? env.ref.y);
          if (!m[2]) {
            const diff = diffDays(at(y), env.ref);
            const tense = env.tense(start, end);
            if (tense === 'past' && diff > 0) y--;
            else if (tense === 'future' && diff < 0) y++;
          }
          const d = at(y);
          return isValidDay(d.y, d.m, d.d) ? { value: fmtDay(d), day: d } : undefined;
        },
      };
    },
  };
}

export function relativeRules(lang: Lang): Rule[] {
  return [
    relativeDayRule(lang), thisPartRule(lang), weekdayRule(lang), partOfDayRule(lang), weekdayNumberRule(lang), nightOfRule(lang), unitRelativeRule(lang),
    unitPartRule(lang), offsetRule(lang), anaphoraRule(lang), seasonRule(lang), holidayRule(lang),
  ].filter((r): r is Rule => r !== undefined);
}
