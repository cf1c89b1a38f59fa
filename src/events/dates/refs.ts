// Fuzzy references to the present, past or future: "maintenant", "désormais", "pour l'instant",
// "auparavant", "actuel", "now", "recently". And "d'ici" whose "ici" is the moment of writing.
import { fmtDay } from './calendar.ts';
import { B, E, alt, key, re } from './patterns.ts';
import type { Rule } from './types.ts';
import { FUZZY_REFS, type Lang } from './vocab.ts';

function fuzzyRule(lang: Lang): Rule {
  return {
    name: 'fuzzy',
    re: re(`${B}(${alt(Object.keys(FUZZY_REFS[lang]))})${E}`),
    make(m, text) {
      const value = FUZZY_REFS[lang][key(m[1] ?? '')];
      if (!value) return undefined;
      const end = m.index + m[0].length;
      // English "now" as a discourse marker ("Now, the board…") still refers to the present; but "now that" does not.
      if (lang === 'en' && /^now$/i.test(m[1] ?? '') && /^\s+that\b/i.test(text.slice(end, end + 6))) return undefined;
      // "tout en maintenant son partenariat": the gerund of "maintenir".
      if (lang === 'fr' && /^maintenant$/i.test(m[1] ?? '') && /\ben\s+$/i.test(text.slice(Math.max(0, m.index - 4), m.index))) return undefined;
      return { start: m.index, end, type: 'time', rule: 'fuzzy', prio: 0, resolve: () => ({ value }) };
    },
  };
}

function iciRule(): Rule {
  return {
    name: 'ici',
    re: re(`(?<=${B}(?:d'|jusqu'))(ici)${E}`),
    make(m, text) {
      // "d'ici là" points at a moment named earlier, not at the present.
      if (/^\s+là/i.test(text.slice(m.index + 3, m.index + 7))) return undefined;
      return { start: m.index, end: m.index + 3, type: 'date', rule: 'ici', prio: 0, resolve: (env) => ({ value: fmtDay(env.ref) }) };
    },
  };
}

export function refRules(lang: Lang): Rule[] {
  return lang === 'fr' ? [fuzzyRule(lang), iciRule()] : [fuzzyRule(lang)];
}
