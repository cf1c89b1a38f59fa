// Author names out of bylines and metadata: "By Jane Doe and John Roe, Staff Writers",
// "Par Jean Dupont et Marie Curie (avec AFP)", "Jane Doe | Reporter". Roles, prefixes, dates,
// e-mail addresses and URLs come off; what is left is split into names.
import { collapse } from './dom.ts';

const PREFIX = /^(?:(?:written|reported|text|words|story|interview|photos?|edited|compiled)\s+(?:by|and\s+\w+\s+by)\s*:?|by\s*:?|par\s*:?|de\s*:|auteurs?\s*:|authors?\s*:|texte\s*:|propos recueillis par|écrit par|rédigé par|avec)\s+/i;
const ROLE_WORDS = '(?:staff|senior|chief|deputy|associate|assistant|special|political|national|international|foreign|global|business|technology|tech|science|health|sports?|royal|crime|legal|economics?|environment|climate|culture|arts|music|film|travel|food|fashion|data|investigations?|investigative|executive|managing|contributing|freelance|guest|digital|news|weather|white house|washington|london|paris|europe|us|uk)';
const ROLE = new RegExp(`^(?:the\\s+)?(?:${ROLE_WORDS}\\s+)*(?:writer|writers|reporter|reporters|editor|editors|correspondent|correspondents|columnist|contributor|contributors|journalist|journalists|critic|producer|analyst|author|photographer|meteorologist|commentator|intern|staff|bureau|technologist|specialist|director|manager|officer|fellow|professor|researcher|scientist|counsel|attorney|president|founder|host|anchor|presenter|strategist|economist|lecturer|student|consultant|advisor|adviser|coordinator|journaliste|journalistes|rédacteur|rédactrice|rédaction|envoyé spécial|envoyée spéciale|correspondant|correspondante|chroniqueur|chroniqueuse|éditorialiste|service|pigiste|grand reporter)(?:\\s+(?:at|for|in|of|à|au|pour|de)\\s+.*)?$`, 'i');
const URLISH = /(?:https?:\/\/|www\.|\.(?:com|org|net|fr|co\.uk|io)\b|@)/i;
const DATEISH = /\b(?:\d{1,2}[/.:h]\d{2}|\d{4}|updated|published|mis à jour|publié|ago|il y a|minutes?|hours?|heures?)\b/i;
const SPLIT = /\s*(?:,|;|\||&|\band\b|\bet\b|\bwith\b|\bavec\b|\/|\n|·|•)\s*/i;
const PARENS = /\s*[([][^)\]]*[)\]]\s*/g;

/** Cleans one byline or metadata value into zero or more names. */
export function parseAuthors(raw: string): string[] {
  let s = collapse(raw).replace(PARENS, ' ').trim();
  if (!s || /^(?:https?:\/\/|www\.)\S+$/i.test(s)) return [];
  s = s.replace(PREFIX, '');
  // "Jane Doe is a reporter at …" and bios: keep only what comes before the verb.
  s = s.replace(/\s+(?:is|was|est|covers|writes|a rejoint)\s.*$/i, '');
  const out: string[] = [];
  for (let part of s.split(SPLIT)) {
    part = part.replace(PREFIX, '').replace(/^[-–—:\s]+|[-–—:.\s]+$/g, '').trim();
    if (!part) continue;
    // "Jane Doe - Staff Writer", "Jane Doe Senior Reporter": roles after the name.
    part = part.replace(/\s+[-–—]\s+.*$/, '');
    // A role ends the names: what follows it is the author's desk or employer.
    if (ROLE.test(part)) {
      if (out.length) break;
      continue;
    }
    part = nameWords(stripTrailingRole(part));
    if (!isPlausibleName(part)) continue;
    out.push(part);
  }
  return dedupe(out);
}

const PARTICLE = /^(?:de|du|des|van|von|der|den|da|di|do|dos|das|del|della|le|la|ter|ten|bin|ibn|al|el|y|e|zu|af|av|st\.?)$/;
const MONTH_WORD = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$/i;

// A name is capitalised words and particles; it ends where a lower-case word, a number or a
// "May 20"-style date begins ("Joshua Sokol May 20", "Aleš Vávra před 2 hodinami").
function nameWords(part: string): string {
  const words = part.split(' ');
  const kept: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (/\d/.test(w)) break;
    if (kept.length && MONTH_WORD.test(w) && /^\d/.test(words[k + 1] ?? '')) break;
    // Scripts without case (CJK, Arabic…) cannot be judged by capitals: kept as they are.
    if (/^[("'“]?(?:\p{Lu}|\p{Lo})/u.test(w)) kept.push(w);
    else if (kept.length && PARTICLE.test(w)) kept.push(w);
    else if (!/\p{L}/u.test(w)) continue;
    else break;
  }
  while (kept.length && PARTICLE.test(kept[kept.length - 1]!)) kept.pop();
  return kept.join(' ');
}

function stripTrailingRole(name: string): string {
  const words = name.split(' ');
  for (let i = 1; i < words.length; i++) {
    if (ROLE.test(words.slice(i).join(' '))) return words.slice(0, i).join(' ');
  }
  return name;
}

export function isPlausibleName(s: string): boolean {
  if (s.length < 2 || s.length > 60) return false;
  if (URLISH.test(s) || DATEISH.test(s)) return false;
  const words = s.split(/\s+/);
  if (words.length > 6) return false;
  if (!/\p{L}/u.test(s)) return false;
  // Sentences are not names.
  if (/[.!?]\s+\p{Ll}/u.test(s) || /[:;!?"“”«»]/.test(s)) return false;
  return true;
}

export function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    const k = nameKey(n);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(n);
  }
  return out;
}

export function nameKey(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
