// Clock times: "22 h", "21 h 45", "14h30", "à 8 heures", "midi", "3:30 p.m.", "noon". A clock time
// belongs to the day in focus ("samedi 29 mai … à 8 h"), else to the publication date.
import { resolveWeekday } from './anchor.ts';
import { fmtDay } from './calendar.ts';
import { B, E, WEEKDAY, key, re } from './patterns.ts';
import type { Cand, Rule } from './types.ts';
import { WEEKDAYS, type Lang } from './vocab.ts';

/** A clock time, optionally followed by its weekday ("4 h mardi", "3 p.m. Friday"), which then dates it. */
function clockCand(start: number, end: number, hh: number, mm: number, text?: string, lang?: Lang): Cand | undefined {
  if (hh > 24 || mm > 59) return undefined;
  const hhmm = `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
  let wd: number | undefined;
  if (text && lang) {
    const next = new RegExp(`^,?\\s+(?:on\\s+)?(${WEEKDAY(lang)})${E}`, 'iu').exec(text.slice(end, end + 16));
    if (next) {
      wd = WEEKDAYS[lang][key(next[1] ?? '')];
      end += next[0].length;
    }
  }
  return {
    start, end, type: 'time', rule: 'clock', prio: 2, needsFocus: !wd,
    resolve(env) {
      const day = wd ? resolveWeekday(wd, 'auto', env, start, end) : (env.dayRightAfter(end) ?? env.focusDay(start) ?? env.ref);
      return { value: `${fmtDay(day)}T${hhmm}`, ...(wd ? { day } : {}) };
    },
  };
}

// Words after which "N heures" is a time of day and not a length of time.
const FR_AT = /(?:(?<!\p{L})(?:à|vers|dès|avant|après|jusqu'à|entre|et|pour|aux\s+alentours\s+de|autour\s+de)|[,(])\s*$/iu;

function frRules(): Rule[] {
  return [
    {
      name: 'clock-h',
      re: re(`(?<![\\p{L}\\p{N}.,:])([01]?\\d|2[0-4])\\s?h(?:\\s?([0-5]\\d))?(?![\\p{L}\\p{N}])`),
      make: (m, text) => clockCand(m.index, m.index + m[0].length, Number(m[1]), Number(m[2] ?? 0), text, 'fr'),
    },
    {
      name: 'clock-heures',
      re: re(`(?<![\\p{L}\\p{N}.,:])([01]?\\d|2[0-4])\\s+heures?(?:\\s+(?:([0-5]\\d)|(et\\s+demie|et\\s+quart|moins\\s+le\\s+quart)))?(?:\\s+(du\\s+matin|du\\s+soir|de\\s+l'après-midi))?${E}`),
      make(m, text) {
        const before = text.slice(Math.max(0, m.index - 25), m.index);
        const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
        const de = /\bde\s*$/i.test(before) && /^\s*(?:à|et)\s+\d/.test(after);
        if (!m[2] && !m[3] && !m[4] && !FR_AT.test(before) && !de) return undefined;
        let hh = Number(m[1]);
        let mm = Number(m[2] ?? 0);
        if (m[3]) mm = /demie/i.test(m[3]) ? 30 : /moins/i.test(m[3]) ? -15 : 15;
        if (mm < 0) { hh -= 1; mm += 60; }
        if (m[4] && /soir|après/i.test(m[4]) && hh < 12) hh += 12;
        return clockCand(m.index, m.index + m[0].length, hh, mm, text, 'fr');
      },
    },
    {
      name: 'clock-noon',
      re: re(`(?<![\\p{L}\\p{N}-])(midi|minuit)(?:\\s+(et\\s+demie|et\\s+quart))?${E}`),
      make(m, text) {
        const before = text.slice(Math.max(0, m.index - 20), m.index);
        // "le Midi", "du Midi": the south of France.
        if (/^M/.test(m[1] ?? '') && /\b(?:le|du|au|dans\s+le)\s+$/i.test(before)) return undefined;
        if (/\b(?:ce|cet|tous\s+les|chaque|le|du)\s+$/i.test(before)) return undefined;
        const hh = /midi/i.test(m[1] ?? '') ? 12 : 24;
        const mm = m[2] ? (/demie/i.test(m[2]) ? 30 : 15) : 0;
        return clockCand(m.index, m.index + m[0].length, hh, mm);
      },
    },
  ];
}

function enRules(): Rule[] {
  const tz = '(?:\\s+(?:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST))?';
  return [
    {
      name: 'clock-ampm',
      re: re(`(?<![\\p{N}.:])(\\d{1,2})(?:[:.]([0-5]\\d))?\\s*(a\\.m\\.?|p\\.m\\.?|am|pm)(?![\\p{L}])${tz}`),
      make(m, text) {
        let hh = Number(m[1]);
        if (hh < 1 || hh > 12) return undefined;
        const pm = /^p/i.test(m[3] ?? '');
        if (pm && hh < 12) hh += 12;
        if (!pm && hh === 12) hh = 0;
        return clockCand(m.index, m.index + m[0].length, hh, Number(m[2] ?? 0), text, 'en');
      },
    },
    {
      name: 'clock-24',
      re: re(`(?<![\\p{N}.:,])([01]?\\d|2[0-3]):([0-5]\\d)(?![\\p{N}:])${tz}`),
      make: (m, text) => clockCand(m.index, m.index + m[0].length, Number(m[1]), Number(m[2]), text, 'en'),
    },
    {
      name: 'clock-oclock',
      re: re(`${B}(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\s+o'clock${E}`),
      make(m) {
        const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
        const raw = (m[1] ?? '').toLowerCase();
        const hh = /^\d/.test(raw) ? Number(raw) : words.indexOf(raw) + 1;
        return clockCand(m.index, m.index + m[0].length, hh, 0);
      },
    },
    {
      name: 'clock-noon',
      re: re(`${B}(noon|midnight|midday)${E}`),
      make: (m) => clockCand(m.index, m.index + m[0].length, /midnight/i.test(m[1] ?? '') ? 24 : 12, 0),
    },
  ];
}

export function clockRules(lang: Lang): Rule[] {
  return lang === 'fr' ? frRules() : enRules();
}
