// French and English word tables for temporal expressions. Everything language-specific that is
// a list of words lives here, so adding a language (or a missing word) touches one file.

export type Lang = 'fr' | 'en';
/** Units of TIMEX3 durations, as they appear in `P…`/`PT…` values. */
export type Unit = 'S' | 'MIN' | 'H' | 'D' | 'W' | 'M' | 'Q' | 'Y' | 'DE' | 'CE' | 'WE' | 'HY' | 'ML';
export type DayPart = 'MO' | 'MI' | 'AF' | 'EV' | 'NI';
export type Season = 'SP' | 'SU' | 'FA' | 'WI';

export const MONTHS: Record<Lang, Record<string, number>> = {
  fr: {
    janvier: 1, 'janv.': 1, février: 2, fevrier: 2, 'févr.': 2, 'fév.': 2, mars: 3, avril: 4, 'avr.': 4, mai: 5,
    juin: 6, juillet: 7, 'juil.': 7, août: 8, aout: 8, septembre: 9, 'sept.': 9, octobre: 10, 'oct.': 10,
    novembre: 11, 'nov.': 11, décembre: 12, decembre: 12, 'déc.': 12,
  },
  en: {
    january: 1, 'jan.': 1, february: 2, 'feb.': 2, march: 3, 'mar.': 3, april: 4, 'apr.': 4, may: 5, june: 6,
    july: 7, august: 8, 'aug.': 8, september: 9, 'sept.': 9, 'sep.': 9, october: 10, 'oct.': 10,
    november: 11, 'nov.': 11, december: 12, 'dec.': 12,
    jan: 1, feb: 2, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  },
};

/** ISO weekday numbers, Monday = 1. */
export const WEEKDAYS: Record<Lang, Record<string, number>> = {
  fr: { lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6, dimanche: 7 },
  en: { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 },
};
/** Plural weekdays ("tous les jeudis", "on Fridays") name a set. */
export const WEEKDAYS_PLURAL: Record<Lang, Record<string, number>> = {
  fr: { lundis: 1, mardis: 2, mercredis: 3, jeudis: 4, vendredis: 5, samedis: 6, dimanches: 7 },
  en: { mondays: 1, tuesdays: 2, wednesdays: 3, thursdays: 4, fridays: 5, saturdays: 6, sundays: 7 },
};

export const UNITS: Record<Lang, Record<string, Unit>> = {
  fr: {
    seconde: 'S', secondes: 'S', minute: 'MIN', minutes: 'MIN', heure: 'H', heures: 'H',
    jour: 'D', jours: 'D', journée: 'D', journées: 'D', semaine: 'W', semaines: 'W', 'week-end': 'WE', 'week-ends': 'WE',
    mois: 'M', trimestre: 'Q', trimestres: 'Q', semestre: 'HY', semestres: 'HY', an: 'Y', ans: 'Y', année: 'Y', années: 'Y',
    décennie: 'DE', décennies: 'DE', siècle: 'CE', siècles: 'CE', millénaire: 'ML', millénaires: 'ML',
  },
  en: {
    second: 'S', seconds: 'S', minute: 'MIN', minutes: 'MIN', hour: 'H', hours: 'H', day: 'D', days: 'D',
    week: 'W', weeks: 'W', weekend: 'WE', weekends: 'WE', month: 'M', months: 'M', quarter: 'Q', quarters: 'Q',
    year: 'Y', years: 'Y', decade: 'DE', decades: 'DE', century: 'CE', centuries: 'CE', millennium: 'ML',
  },
};

/** Nouns that are durations by themselves ("un quinquennat", "a fortnight"). */
export const DURATION_NOUNS: Record<Lang, Record<string, string>> = {
  fr: { quinquennat: 'P5Y', septennat: 'P7Y', décennie: 'P10Y', 'demi-siècle': 'P50Y', 'demi-heure': 'PT30M', 'quart d\'heure': 'PT15M' },
  en: { fortnight: 'P2W', 'half-hour': 'PT30M', 'half an hour': 'PT30M', 'quarter of an hour': 'PT15M', 'half a century': 'P50Y' },
};

export const NUMBER_WORDS: Record<Lang, Record<string, number>> = {
  fr: {
    zéro: 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10,
    onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16, vingt: 20, vingts: 20, trente: 30,
    quarante: 40, cinquante: 50, soixante: 60, cent: 100, cents: 100, mille: 1000,
  },
  en: {
    zero: 0, one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
    eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
    nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
    hundred: 100, thousand: 1000,
  },
};
/** Approximate counts ("une dizaine de jours"): the value keeps the round number. */
export const APPROX_NUMBERS: Record<Lang, Record<string, number>> = {
  fr: { dizaine: 10, douzaine: 12, quinzaine: 15, vingtaine: 20, trentaine: 30, quarantaine: 40, cinquantaine: 50, soixantaine: 60, centaine: 100 },
  en: { dozen: 12, score: 20 },
};
/** Vague quantities make the number of a duration unknown: "plusieurs jours" is PXD. */
export const VAGUE_QUANTITIES: Record<Lang, string[]> = {
  fr: ['plusieurs', 'quelques', 'des', 'de nombreux', 'de nombreuses', 'nombre de', 'bien des'],
  en: ['several', 'a few', 'few', 'many', 'some', 'the past few', 'the last few', 'the next few', 'the coming', 'recent'],
};

export const ORDINALS: Record<Lang, Record<string, number>> = {
  fr: { premier: 1, première: 1, deuxième: 2, second: 2, seconde: 2, troisième: 3, quatrième: 4, dernier: -1, dernière: -1 },
  en: { first: 1, second: 2, third: 3, fourth: 4, last: -1, final: -1 },
};

export const DAY_PARTS: Record<Lang, Record<string, DayPart>> = {
  fr: {
    matin: 'MO', matinée: 'MO', midi: 'MI', 'après-midi': 'AF', 'apres-midi': 'AF', soir: 'EV', soirée: 'EV', nuit: 'NI',
  },
  en: { morning: 'MO', noon: 'MI', afternoon: 'AF', evening: 'EV', night: 'NI' },
};

export const SEASONS: Record<Lang, Record<string, Season>> = {
  fr: { printemps: 'SP', été: 'SU', eté: 'SU', ete: 'SU', automne: 'FA', hiver: 'WI' },
  en: { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' },
};

/** Days relative to the reference date. */
export const RELATIVE_DAYS: Record<Lang, Record<string, number>> = {
  fr: { "avant-hier": -2, hier: -1, "aujourd'hui": 0, demain: 1, 'après-demain': 2 },
  en: { 'the day before yesterday': -2, yesterday: -1, today: 0, tomorrow: 1, 'the day after tomorrow': 2 },
};

/** Adverbs and phrases that point at the present, past or future without a date. */
export const FUZZY_REFS: Record<Lang, Record<string, 'PRESENT_REF' | 'PAST_REF' | 'FUTURE_REF'>> = {
  fr: {
    maintenant: 'PRESENT_REF', désormais: 'PRESENT_REF', dorénavant: 'PRESENT_REF', actuellement: 'PRESENT_REF',
    'à présent': 'PRESENT_REF', 'pour l\'instant': 'PRESENT_REF', 'pour le moment': 'PRESENT_REF',
    'en ce moment': 'PRESENT_REF', 'à l\'heure actuelle': 'PRESENT_REF', 'de nos jours': 'PRESENT_REF',
    "jusqu'à présent": 'PRESENT_REF', 'à ce jour': 'PRESENT_REF', "jusqu'à ce jour": 'PRESENT_REF', 'actuel': 'PRESENT_REF', 'actuelle': 'PRESENT_REF', 'actuels': 'PRESENT_REF',
    'actuelles': 'PRESENT_REF',
    récemment: 'PAST_REF', auparavant: 'PAST_REF', autrefois: 'PAST_REF', jadis: 'PAST_REF', naguère: 'PAST_REF',
    'dans le passé': 'PAST_REF', "l'époque": 'PAST_REF', précédent: 'PAST_REF', précédente: 'PAST_REF', précédents: 'PAST_REF', précédentes: 'PAST_REF',
    bientôt: 'FUTURE_REF', prochainement: 'FUTURE_REF', "à l'avenir": 'FUTURE_REF', "dans l'avenir": 'FUTURE_REF',
    'prochain': 'FUTURE_REF', 'prochaine': 'FUTURE_REF', 'prochains': 'FUTURE_REF', 'prochaines': 'FUTURE_REF',
  },
  en: {
    now: 'PRESENT_REF', currently: 'PRESENT_REF', nowadays: 'PRESENT_REF', 'at present': 'PRESENT_REF',
    'at the moment': 'PRESENT_REF', 'for now': 'PRESENT_REF', 'for the time being': 'PRESENT_REF', 'these days': 'PRESENT_REF',
    'right now': 'PRESENT_REF',
    recently: 'PAST_REF', lately: 'PAST_REF', previously: 'PAST_REF', formerly: 'PAST_REF', 'in the past': 'PAST_REF',
    soon: 'FUTURE_REF', 'in the future': 'FUTURE_REF', shortly: 'FUTURE_REF',
  },
};

/** Fixed-date holidays (month, day) and Easter-relative ones (days after Easter Sunday). */
export const HOLIDAYS: Record<Lang, Record<string, { md?: [number, number]; easter?: number }>> = {
  fr: {
    noël: { md: [12, 25] }, noel: { md: [12, 25] }, 'la toussaint': { md: [11, 1] }, 'la saint-sylvestre': { md: [12, 31] },
    'le nouvel an': { md: [1, 1] }, 'le jour de l\'an': { md: [1, 1] }, 'la fête nationale': { md: [7, 14] },
    'le 1er mai': { md: [5, 1] }, pâques: { easter: 0 }, 'lundi de pâques': { easter: 1 }, 'la pentecôte': { easter: 49 },
    pentecôte: { easter: 49 }, "l'ascension": { easter: 39 }, 'la saint-valentin': { md: [2, 14] }, "l'assomption": { md: [8, 15] },
  },
  en: {
    christmas: { md: [12, 25] }, 'christmas day': { md: [12, 25] }, 'christmas eve': { md: [12, 24] },
    "new year's day": { md: [1, 1] }, "new year's eve": { md: [12, 31] }, easter: { easter: 0 }, 'easter sunday': { easter: 0 },
    'good friday': { easter: -2 }, 'easter monday': { easter: 1 }, halloween: { md: [10, 31] }, 'independence day': { md: [7, 4] },
    "valentine's day": { md: [2, 14] },
  },
};

/** Words that, right after a 4-digit number, show it is a quantity and not a year. */
export const QUANTITY_NOUNS: Record<Lang, string[]> = {
  fr: [
    'francs', 'f', 'euros', '€', 'dollars', '$', 'habitants', 'personnes', 'emplois', 'élèves', 'salariés', 'logements',
    'mètres', 'm', 'km', 'kilomètres', 'kg', 'tonnes', 't', 'litres', 'l', 'voix', 'exemplaires', 'hectares', 'ha', 'places',
    'points', 'morts', 'victimes', 'soldats', 'hommes', 'femmes', 'enfants', 'participants', 'spectateurs', 'visiteurs',
    'mf', 'kf', 'milliards', 'millions', 'm3', 'm²', 'm2', 'cv', 'chevaux', 'pieds', 'postes', '%', 'fois', 'heures', 'minutes',
  ],
  en: [
    'dollars', '$', 'euros', 'pounds', 'people', 'jobs', 'employees', 'workers', 'users', 'votes', 'miles', 'km', 'feet',
    'meters', 'metres', 'tons', 'tonnes', 'points', 'cars', 'units', 'shares', 'troops', 'soldiers', 'deaths', 'residents',
    'students', 'members', 'copies', 'times', 'hours', 'minutes', 'pages', 'acres', 'barrels', '%', 'percent', 'gpus',
  ],
};

/** Nouns whose "de N ans" is a length of time, not somebody's age ("une peine de 2 ans"). */
export const FR_DURATION_HEADS = new Set([
  'peine', 'peines', 'période', 'durée', 'délai', 'mandat', 'contrat', 'bail', 'absence', 'retard', 'avance', 'attente',
  'prison', 'réclusion', 'emprisonnement', 'sursis', 'espace', 'plus', 'moins', 'près', 'environ', 'total', 'bout',
  'cours', 'travail', 'programme', 'plan', 'engagement', 'interdiction', 'suspension', 'exil', 'chantier', 'travaux',
  'pause', 'trêve', 'carrière', 'service', 'stage', 'formation', 'séjour', 'voyage', 'vie', 'existence', 'histoire',
  'occupation', 'captivité', 'détention', 'grève', 'guerre', 'conflit', 'règne', 'investissement', 'investissements', 'prêt',
  'emprunt', 'moratoire', 'amende',
]);

/** Stopwords used to guess the language of a text (the CLI guesses when --lang is absent). */
export const STOPWORDS: Record<Lang, string[]> = {
  fr: ['le', 'la', 'les', 'des', 'du', 'de', 'et', 'est', 'une', 'un', 'dans', 'pour', 'que', 'qui', 'sur', 'au', 'aux', 'avec', 'par', 'pas', 'il', 'elle', 'ont', 'été', 'cette', 'ce', 'sont', 'mais', 'hier'],
  en: ['the', 'of', 'and', 'to', 'in', 'is', 'was', 'for', 'that', 'with', 'on', 'as', 'by', 'at', 'from', 'it', 'he', 'she', 'has', 'have', 'had', 'were', 'this', 'are', 'but', 'be', 'said', 'an', 'which'],
};
