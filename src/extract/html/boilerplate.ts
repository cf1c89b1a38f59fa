// Whole lines that are page furniture rather than article text, in English and French. A line is
// only judged when it is short: a real paragraph that happens to start with "Read more" survives.
import type { RemovalReason } from '../../types.ts';

const LINE_RULES: Array<[RegExp, RemovalReason, number]> = [
  // [pattern, reason, longest line it may judge]
  [/^(?:advertisement|advertising|sponsored(?: content)?|ad|ads|publicité|publicite|pub|annonce|contenu sponsorisé|scroll to continue(?: with content)?|advertisement\W+scroll to continue(?: with content)?|story continues below(?: advertisement)?|article continues below(?: this ad)?|la suite après (?:cette )?(?:la )?publicité|continue reading(?: below)?)\W*$/i, 'ad', 80],
  [/^(?:read more|read next|read also|also read|more reading|related|related articles?|related stories|related content|related coverage|related topics|more from|more on this(?: story)?|more stories|recommended(?: for you)?|most read|most popular|trending(?: now)?|see also|watch now|lire aussi|à lire aussi|a lire aussi|lire la suite|voir aussi|à voir aussi|sur le même sujet|lire notre|à découvrir|en savoir plus|pour aller plus loin|nos articles|les plus lus|les plus partagés)\b.{0,160}$/i, 'related', 200],
  [/^(?:share|share this|share this (?:article|story|page|post)|share on \w+|shares?|tweet|email|e-mail|print|imprimer|copy link|copier le lien|lien copié|link copied|partager|partager (?:cet article|sur \w+)|facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|flipboard|messenger|telegram|comment|comments|commenter|commentaires?|réagir|\d+ comments?|\d+ commentaires?|save|saved|sauvegarder|bookmark|gift (?:this )?article|offrir (?:cet )?article|listen to (?:this )?article|écouter (?:cet )?article|font size|text size|zoom|close|fermer|menu|search|rechercher|home|accueil|back to top|retour en haut|skip to (?:main )?content|aller au contenu|loading\W*|chargement\W*|view comments|show comments|voir les commentaires|add to (?:my )?(?:list|favorites)|ajouter à (?:mes )?(?:favoris|ma liste)|follow|suivre|follow us|suivez-nous)\W*$/i, 'boilerplate', 60],
  [/^(?:sign up|signup|subscribe|subscribe now|subscribe to|newsletter|get our|join our|join the conversation|already a subscriber|already have an account|log in|sign in|register|create (?:a free )?account|abonnez-vous|inscrivez-vous|s'abonner|s’abonner|je m'abonne|je m’abonne|se connecter|connectez-vous|déjà abonné|vous avez lu|il vous reste|la suite est réservée|cet article est réservé|this article is for subscribers|subscribers only|réservé aux abonnés|offre spéciale|special offer|support (?:our|independent) journalism|soutenez|donate|faire un don|enable javascript|please enable|your browser|votre navigateur|cookies?|we use cookies|nous utilisons des cookies|this site uses|ce site utilise)\b.{0,240}$/i, 'boilerplate', 280],
  [/^(?:follow (?:us|me)|suivez-nous|suivez-moi|find us on|retrouvez-nous|like us on|connect with us|download (?:the|our) app|téléchargez (?:l'|l’)application|get the app)\b.{0,120}$/i, 'boilerplate', 140],
  [/^(?:©|\(c\)|copyright\b|all rights reserved|tous droits réservés|droits réservés|reproduction interdite|terms of (?:use|service)|privacy policy|politique de confidentialité|mentions légales|conditions générales)/i, 'boilerplate', 300],
  [/(?:all rights reserved|tous droits réservés)\W*$/i, 'boilerplate', 200],
  [/^(?:photo|photos|image|images|picture|illustration|credit|credits|crédit|crédits|crédit photo|source|video|vidéo|graphic|graphique|infographie|caption|légende)\s*[:：|©]/i, 'metadata', 200],
  [/^(?:\(?(?:getty images?|afp|reuters|ap photo|ap|epa|shutterstock|alamy|pa(?: media| wire)?|istock(?:photo)?)\)?)(?:\s*\/\s*[\p{L} .-]+)?\W*$/iu, 'metadata', 60],
  [/^(?:updated|published|posted|last updated|first published|mis à jour|publié|modifié|actualisé)\b(?: (?:le|on|at|à|:))?.{0,60}$/i, 'metadata', 90],
];

/** The reason a short standalone line is furniture, or null when it may be text. */
export function boilerplateLine(text: string): RemovalReason | null {
  if (text.length > 300) return null;
  for (const [re, reason, max] of LINE_RULES) if (text.length <= max && re.test(text)) return reason;
  return null;
}

// "By Jane Doe", "Par Jean Dupont et Marie Curie", "Jane Doe, Reporter": a byline line, judged
// only near the top of the body where bylines live.
const BYLINE_LINE = /^(?:[Bb]y|BY|[Pp]ar|PAR|[Ww]ritten by|[Rr]eported by|[Ww]ords by|[Tt]exte|[Pp]ropos recueillis par|[Aa]uteur\s*:|[Aa]uthor\s*:)\s+\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|du|van|von|der|da|di|le|la|and|et|&|,))*.{0,80}$/u;
export function isBylineLine(text: string): boolean {
  return text.length < 140 && !/[.!?…»"”]\s*$/.test(text.replace(/\b(?:Jr|Sr|Dr|St)\.$/, '')) && BYLINE_LINE.test(text);
}

// A date alone on its line ("17 mai 2024 à 12h30", "May 17, 2024 5:00 PM ET").
const MONTHS = '(?:jan|feb|fév|fev|mar|apr|avr|may|mai|jun|juin|jul|juil|aug|août|aout|sep|oct|nov|dec|déc|january|february|march|april|june|july|august|september|october|november|december|janvier|février|fevrier|mars|avril|juillet|septembre|octobre|novembre|décembre|decembre)\\.?';
const DATE_LINE = new RegExp(
  `^(?:(?:published|updated|posted|publié|mis à jour|modifié|le|on)\\s*:?\\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim)[a-z]*\\.?,?\\s+)?(?:\\d{1,2}(?:er)?\\s+${MONTHS}\\s+\\d{4}|${MONTHS}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4})(?:\\s*(?:,|à|at|-|–|—|\\|)?\\s*\\d{1,2}(?:[:h.]\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)?\\s*(?:[A-Z]{2,4}|UTC[+-]?\\d*|GMT[+-]?\\d*)?)?(?:\\s*(?:,|\\||·|•|-|–)?\\s*(?:updated|mis à jour|modifié)?.{0,50})?$`,
  'iu',
);
export function isDateLine(text: string): boolean {
  return text.length < 120 && DATE_LINE.test(text);
}
