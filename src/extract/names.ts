// Person names in bylines and author lines, by shape: two to five capitalised words, name
// particles allowed ("de", "van", "bin"), no sentence-starting function word. Only used where
// position already says "this could be a byline" (right under a title, in a footer), which is
// what keeps "Recent News" or "Silicon Valley" from being taken for people.
import { SENTENCE_STARTERS } from './clutter.ts';

const PARTICLES = new Set(['de', 'du', 'des', 'da', 'das', 'di', 'do', 'dos', 'del', 'della', 'van', 'von', 'der', 'den', 'ter', 'le', 'la', 'bin', 'ibn', 'al', 'el', 'y', 'e', 'zu']);
const NAME_WORD = /^(?:\p{Lu}[\p{Ll}\p{M}]+(?:[’'-]\p{Lu}?[\p{Ll}\p{M}]+)*|\p{Lu}\.(?:-?\p{Lu}\.)?|\p{Lu}[’']\p{Lu}[\p{Ll}\p{M}]+|(?:Mc|Mac)\p{Lu}[\p{Ll}\p{M}]+)$/u;

export function isNameLike(line: string): boolean {
  const tokens = line.trim().split(/\s+/);
  if (tokens.length < 2 || tokens.length > 4) return false;
  if (SENTENCE_STARTERS.has(tokens[0]!.replace(/[’'].*$/, ''))) return false;
  let named = 0;
  for (const t of tokens) {
    if (PARTICLES.has(t)) continue;
    if (!NAME_WORD.test(t)) return false;
    named++;
  }
  return named >= 2;
}

const BYLINE_PREFIX = /^(?:par|by|de|from|written by|[ée]crit par|r[ée]dig[ée] par|propos recueillis par|texte|reporting by|avec)\s*:?\s+/iu;
const NAME_SEPARATORS = /\s*(?:,|;|&|\bet\b|\band\b|\||\/)\s*/u;
// What follows a name in a byline and is not a name: roles, outlets, dates.
const TRAILER = /\s*(?:[,|–—-]|\s)\s*(?:journaliste|r[ée]dact(?:eur|rice)|correspondant|envoy[ée]|staff|senior|reporter|editor|writer|contributor|chroniqueu|publi[ée]|mis [àa] jour|updated|posted|le \d|\d{1,2}[/ ]).*$/iu;

const ROLE_WORD = /\b(correspondent|correspondant|editor|[ée]diteur|reporter|journalist|journaliste|writer|r[ée]dact(eur|rice)|staff|desk|r[ée]daction|chroniqueu[rs]e?|columnist|contributor|envoy[ée]|bureau|agency|agence)\b/iu;

/** Names in a byline value ("Par Anne Cagan et Jean Dupont, journalistes"), or [] if none. */
export function parseByline(value: string, { requirePrefix = false } = {}): string[] {
  let v = value.trim();
  const prefixed = BYLINE_PREFIX.test(v);
  if (requirePrefix && !prefixed) return [];
  v = v.replace(BYLINE_PREFIX, '').replace(TRAILER, '').trim();
  if (!v) return [];
  // Roles and desks that follow a name after a comma ("Owen Hartley, Technology Correspondent").
  const names = v.split(NAME_SEPARATORS).map((s) => s.trim()).filter((s) => s && !ROLE_WORD.test(s));
  if (!names.length || !names.every(isNameLike)) return [];
  return names;
}
