// Tense of the clause around an expression, from the nearest marker: news reports name a bare
// weekday for what already happened ("a démissionné vendredi") unless a future form says otherwise
// ("se tiendra vendredi"). Only cheap surface cues: auxiliaries, future and imperfect endings.
import type { Lang } from './vocab.ts';

type Tense = 'past' | 'future';

const FR_FUTURE_WORDS = new Set([
  'sera', 'seront', 'serons', 'serez', 'serai', 'aura', 'auront', 'aurons', 'saura', 'sauront', 'fera', 'feront', 'ira', 'iront',
  'prochain', 'prochaine', 'prochains', 'prochaines', 'prévu', 'prévue', 'prévus', 'prévues', 'programmé', 'programmée',
  'demain', 'devrait', 'devraient', 'pourrait', 'pourraient', 'mettra', 'mettront', 'permettra', 'permettront',
  'promettra', 'remettra', 'soumettra', 'battra', 'combattra', 'paraîtra', 'connaîtra', 'apparaîtra', 'disparaîtra',
  'avenir', 'futur', 'future', 'rendez-vous',
]);
const FR_PAST_WORDS = new Set([
  'a', 'ont', 'avait', 'avaient', 'eut', 'eurent', 'était', 'étaient', 'fut', 'furent', 'hier', 'dernier', 'dernière',
  'derniers', 'dernières', 'passé', 'passée', 'depuis', 'avant-hier',
]);
// Passé simple forms and nouns that look like futures or imperfects.
const FR_NOT_MARKERS = new Set([
  'extra', 'ultra', 'contra', 'tira', 'retira', 'inspira', 'admira', 'expira', 'aspira', 'vira', 'chavira', 'soupira', 'attira',
  'étira', 'déchira', 'transpira', 'respira', 'conspira', 'livra', 'délivra', 'œuvra', 'manœuvra', 'encadra', 'serra',
  'lait', 'trait', 'portrait', 'souhait', 'attrait', 'extrait', 'retrait', 'bienfait', 'forfait', 'méfait', 'parfait',
  'abstrait', 'distrait', 'satisfait', 'imparfait', 'plait', 'minerai',
]);
const FR_FUTURE_SUFFIX = /^\p{Ll}{2,}(?:era|eront|erai|erons|erez|ira|iront|dra|dront|rra|rront|vra|vront)$/u;
const FR_IMPERFECT = /^\p{Ll}{2,}(?:ait|aient)$/u;
const FR_INFINITIVE = /^\p{Ll}+(?:er|ir|re)$/u;

const EN_FUTURE_WORDS = new Set([
  'will', "'ll", 'shall', 'upcoming', 'next', 'tomorrow', 'scheduled', 'planned', 'expected', 'plans', 'plan', 'due',
  'coming', 'future',
]);
const EN_PAST_WORDS = new Set([
  'was', 'were', 'had', 'did', 'said', 'ago', 'last', 'yesterday', 'went', 'came', 'took', 'made', 'told', 'met', 'left',
  'won', 'lost', 'began', 'fell', 'rose', 'held', 'gave', 'sent', 'spoke', 'got', 'saw', 'ran', 'became', 'wrote', 'knew',
  'thought', 'brought', 'bought', 'sold', 'paid', 'found', 'hit', 'quit', 'led', 'fled', 'struck', 'stood', 'broke',
  'chose', 'drove', 'flew', 'grew', 'threw', 'wore', 'tore', 'shot', 'felt', 'kept', 'meant', 'put', 'set', 'cut',
  'since', 'earlier',
]);
const EN_NOT_PAST = new Set([
  'need', 'feed', 'seed', 'speed', 'bed', 'red', 'shed', 'hundred', 'indeed', 'proceed', 'exceed', 'succeed', 'breed',
  'greed', 'creed', 'embed', 'weed', 'steed', 'sled', 'wed', 'fled', 'bleed', 'scheduled', 'planned', 'expected',
]);
const EN_PAST_SUFFIX = /^\p{Ll}{2,}ed$/u;

function classify(word: string, next: string | undefined, lang: Lang): Tense | undefined {
  const w = word.toLowerCase();
  const capitalized = word !== w;
  if (lang === 'fr') {
    if (FR_NOT_MARKERS.has(w)) return undefined;
    if (FR_FUTURE_WORDS.has(w)) return 'future';
    // "va annoncer", "vont se réunir": the near future.
    if ((w === 'va' || w === 'vont') && next && (FR_INFINITIVE.test(next) || next === 'se' || next === "s'")) return 'future';
    // "a" is only ever the verb (the preposition is "à"); a capital "A" is usually an accentless "À".
    if (w === 'a' && capitalized) return undefined;
    if (FR_PAST_WORDS.has(w)) return 'past';
    if (capitalized) return undefined;
    if (FR_FUTURE_SUFFIX.test(w)) return 'future';
    if (FR_IMPERFECT.test(w) || w.endsWith('èrent')) return 'past';
    return undefined;
  }
  if (EN_FUTURE_WORDS.has(w)) return 'future';
  if ((w === 'going' || w === 'set' || w === 'due') && next === 'to') return 'future';
  if (EN_PAST_WORDS.has(w)) return 'past';
  if (w.endsWith("'ll")) return 'future';
  if (!capitalized && EN_PAST_SUFFIX.test(w) && !EN_NOT_PAST.has(w)) return 'past';
  return undefined;
}

const WORD = /[\p{L}'’-]+/gu;

/** Nearest tense marker to [start, end) inside [from, to). */
export function tenseNear(text: string, start: number, end: number, from: number, to: number, lang: Lang): Tense | undefined {
  const words: { w: string; s: number; e: number }[] = [];
  WORD.lastIndex = from;
  for (let m = WORD.exec(text); m && m.index < to; m = WORD.exec(text)) {
    // Split elisions ("s'est", "qu'il") so the verb is seen on its own.
    const raw = m[0].replace(/’/g, "'");
    const cut = lang === 'fr' ? raw.lastIndexOf("'") : -1;
    const w = cut > 0 && cut < raw.length - 1 ? raw.slice(cut + 1) : raw;
    words.push({ w, s: m.index + (raw.length - w.length), e: m.index + raw.length });
  }
  let best: Tense | undefined;
  let bestDist = Infinity;
  for (let i = 0; i < words.length; i++) {
    const { w, s, e } = words[i] as { w: string; s: number; e: number };
    if (s >= start && e <= end) continue;
    const t = classify(w, words[i + 1]?.w.toLowerCase(), lang);
    if (!t) continue;
    const dist = e <= start ? start - e : s - end;
    if (dist < bestDist) { bestDist = dist; best = t; }
  }
  return best;
}
