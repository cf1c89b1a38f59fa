// Choosing among overlapping candidates and widening the winners over their modifiers.
import type { Cand } from './types.ts';
import type { Lang } from './vocab.ts';

/** Longest first, then the rule's priority, then leftmost: "vendredi 17 novembre" beats "vendredi". */
export function selectCandidates(cands: Cand[], textLength: number): Cand[] {
  const sorted = [...cands].sort((a, b) => (b.end - b.start) - (a.end - a.start) || (b.prio ?? 0) - (a.prio ?? 0) || a.start - b.start);
  // One flag per character: checking a candidate costs its length, not the number already taken.
  const used = new Uint8Array(textLength + 1);
  const taken: Cand[] = [];
  for (const c of sorted) {
    if (used.subarray(c.start, c.end).includes(1)) continue;
    used.fill(1, c.start, c.end);
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}

// Modifiers inside the extent, as TimeML wants them (mod="START", "APPROX", "MORE_THAN"…).
const DATE_MODS: Record<Lang, RegExp> = {
  fr: /(?:(?:la|le)\s+)?(?:(?:tout\s+)?(?:début|fin|milieu|courant)\s+(?:du|des|de\s+la|de\s+l'|de|d')\s*|(?:début|fin|courant|mi)[\s-])$/iu,
  en: /(?:(?:the\s+)?(?:end|beginning|start|middle|turn)\s+of\s+|(?:early|late|mid)[\s-]+)$/iu,
};
const DURATION_MODS: Record<Lang, RegExp> = {
  fr: /(?:(?:un\s+peu\s+|bien\s+)?(?:plus|moins)\s+de|près\s+de|environ|au\s+moins|au\s+plus|pas\s+moins\s+de|presque|à\s+peine|quelque)\s+$/iu,
  en: /(?:more\s+than|less\s+than|fewer\s+than|nearly|almost|about|around|approximately|roughly|at\s+least|at\s+most|(?:just\s+)?over|(?:just\s+)?under|some|up\s+to)\s+$/iu,
};

export function extendModifiers(cands: Cand[], text: string, lang: Lang): void {
  let prevEnd = 0;
  for (const c of cands) {
    const window = text.slice(Math.max(prevEnd, c.start - 40), c.start);
    // "over the past few days": before a determiner, "over" and "about" are prepositions, not modifiers.
    const determined = /^(?:the|ces|les)\s/i.test(text.slice(c.start, c.end));
    const re = c.type === 'duration' ? (determined ? undefined : DURATION_MODS[lang]) : c.type === 'date' ? DATE_MODS[lang] : undefined;
    const m = re?.exec(window);
    if (m) c.start -= m[0].length;
    prevEnd = c.end;
  }
}
