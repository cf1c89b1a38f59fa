// Tense of the clause around an expression, from the nearest marker: news reports name a bare
// weekday for what already happened ("a démissionné vendredi") unless a future form says otherwise
// ("se tiendra vendredi"). Only cheap surface cues: auxiliaries, future and imperfect endings.
import type { Lang } from './vocab.ts';

type Tense = 'past' | 'future';
type Marker = Tense | 'conditional';

const FR_FUTURE_WORDS = new Set([
  'sera', 'seront', 'serons', 'serez', 'serai', 'aura', 'auront', 'aurons', 'saura', 'sauront', 'fera', 'feront', 'ira', 'iront',
  'prévu', 'prévue', 'prévus', 'prévues', 'programmé', 'programmée', 'mettra', 'mettront', 'permettra', 'permettront',
  'promettra', 'remettra', 'soumettra', 'battra', 'combattra', 'paraîtra', 'connaîtra', 'apparaîtra', 'disparaîtra',
  'avenir', 'futur', 'future', 'rendez-vous',
]);
const FR_PAST_WORDS = new Set([
  'a', 'ont', 'avait', 'avaient', 'eut', 'eurent', 'était', 'étaient', 'fut', 'furent', 'depuis',
]);
// Conditionals lean to the future ("devrait être nommé mardi") but too weakly to move a year.
const FR_CONDITIONAL = new Set(['aurait', 'auraient', 'serait', 'seraient', 'ferait', 'feraient', 'irait', 'iraient']);
const FR_CONDITIONAL_SUFFIX = /^\p{Ll}{2,}(?:erait|eraient|drait|draient|rrait|rraient|vrait|vraient)$/u;
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

const EN_FUTURE_WORDS = new Set(['will', "'ll", 'shall', 'upcoming', 'scheduled', 'planned', 'plans', 'due']);
const EN_CONDITIONAL = new Set(['would', 'could', 'should', 'might', 'may', 'expected']);
const EN_PAST_WORDS = new Set([
  'was', 'were', 'had', 'did', 'said', 'went', 'came', 'took', 'made', 'told', 'met', 'left',
  'won', 'lost', 'began', 'fell', 'rose', 'held', 'gave', 'sent', 'spoke', 'got', 'saw', 'ran', 'became', 'wrote', 'knew',
  'thought', 'brought', 'bought', 'sold', 'paid', 'found', 'quit', 'led', 'fled', 'struck', 'stood', 'broke',
  'chose', 'drove', 'flew', 'grew', 'threw', 'wore', 'tore', 'shot', 'felt', 'kept', 'meant', 'since',
]);
const EN_NOT_PAST = new Set([
  'need', 'feed', 'seed', 'speed', 'bed', 'red', 'shed', 'hundred', 'indeed', 'proceed', 'exceed', 'succeed', 'breed',
  'greed', 'creed', 'embed', 'weed', 'steed', 'sled', 'wed', 'fled', 'bleed', 'scheduled', 'planned', 'expected',
]);
const EN_PAST_SUFFIX = /^\p{Ll}{2,}ed$/u;

function classify(word: string, next: string | undefined, lang: Lang): Marker | undefined {
  const w = word.toLowerCase();
  const capitalized = word !== w;
  if (lang === 'fr') {
    if (FR_NOT_MARKERS.has(w)) return undefined;
    if (FR_FUTURE_WORDS.has(w)) return 'future';
    if (FR_CONDITIONAL.has(w) || (!capitalized && FR_CONDITIONAL_SUFFIX.test(w))) return 'conditional';
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
  if (EN_CONDITIONAL.has(w)) return 'conditional';
  if ((w === 'going' || w === 'set' || w === 'due') && next === 'to') return 'future';
  if (EN_PAST_WORDS.has(w)) return 'past';
  if (w.endsWith("'ll")) return 'future';
  if (!capitalized && EN_PAST_SUFFIX.test(w) && !EN_NOT_PAST.has(w)) return 'past';
  return undefined;
}

const WORD = /[\p{L}'’-]+/gu;
const FR_PARTICIPLE = /^\p{Ll}{3,}(?:é|ée|és|ées)$/u;
const CLAUSE_BREAK = /[,;:()«»"–—]/;

/**
 * Nearest tense marker to [start, end) inside [from, to). Conditionals count as future only when
 * `weak` is set: enough to send "mardi" forward, not to move "mars" into next year.
 */
export function tenseNear(text: string, start: number, end: number, from: number, to: number, lang: Lang, weak = true): Tense | undefined {
  const words: { w: string; s: number; e: number }[] = [];
  WORD.lastIndex = from;
  for (let m = WORD.exec(text); m && m.index < to; m = WORD.exec(text)) {
    // Split elisions ("s'est", "qu'il") so the verb is seen on its own.
    const raw = m[0].replace(/’/g, "'");
    const cut = lang === 'fr' ? raw.lastIndexOf("'") : -1;
    const w = cut > 0 && cut < raw.length - 1 ? raw.slice(cut + 1) : raw;
    words.push({ w, s: m.index + (raw.length - w.length), e: m.index + raw.length });
  }
  // Markers in the expression's own clause (between commas) come first: in "Altman, limogé
  // vendredi, ne reprendra pas son poste" the future belongs to another clause.
  let best: Marker | undefined;
  let bestScore = Infinity;
  for (let i = 0; i < words.length; i++) {
    const { w, s, e } = words[i] as { w: string; s: number; e: number };
    if (s >= start && e <= end) continue;
    let c = classify(w, words[i + 1]?.w.toLowerCase(), lang);
    const between = e <= start ? text.slice(e, start) : text.slice(end, s);
    // A participle before the expression in its phrase dates it: "limogé vendredi", "annoncé
    // lundi", « nommé directeur général par intérim dimanche soir ».
    // Not after "est"/"sont": "est fixé samedi", "sont prévus mardi" are passives of the present.
    if (!c && lang === 'fr' && e <= start && between.length <= 40 && !CLAUSE_BREAK.test(between) && FR_PARTICIPLE.test(w.toLowerCase()) && !/^(?:est|sont)$/i.test(words[i - 1]?.w ?? '')) c = 'past';
    if (!c) continue;
    const score = between.length + (CLAUSE_BREAK.test(between) ? 10_000 : 0);
    if (score < bestScore) { bestScore = score; best = c; }
  }
  // The nearest marker decides; a conditional one only counts when weak cues are wanted.
  return best === 'conditional' ? (weak ? 'future' : undefined) : best;
}
