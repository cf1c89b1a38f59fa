// What is not article text, as data: patterns per language, each with the reason it is removed.
// Patterns are matched against one squashed line. `ends` marks lines that open a trailing section
// (comment forms, "recommended" lists): everything after them is page furniture, not body.
// Add a pattern when a new kind of clutter shows up; keep them anchored so a body sentence that
// merely mentions "publicité" is never taken out.
import type { RemovalReason } from '../types.ts';

export interface ClutterRule {
  pattern: RegExp;
  reason: RemovalReason;
  /** The line opens a trailing section: nothing after it is body. */
  ends?: boolean;
}

const i = (source: string): RegExp => new RegExp(source, 'iu');

export const CLUTTER_RULES: ClutterRule[] = [
  // Advertising labels and app/download widgets.
  { pattern: i('^(publicit[ée]|pub|annonce|advertisement|advertising|sponsored|sponsoris[ée]|contenu sponsoris[ée]|partenaire|ad|ads)$'), reason: 'ad' },
  { pattern: i('^(?:[\\p{L}\\p{N}.+-]+ ){0,3}(t[ée]l[ée]charger|download|install(?:er)?|get the app|obtenir l[’\']app(?:lication)?)(?: (?:gratuitement|now|maintenant|free))?$'), reason: 'ad' },
  { pattern: i('^(t[ée]l[ée]chargez|download|installez|get) (notre|l[’\']|our|the) (app|application)\\b'), reason: 'ad' },
  { pattern: i('^(contenu sponsoris[ée]|sponsoris[ée]|sponsored( content)?|publi-?reportage|en partenariat avec|paid (content|post)|promoted)\\b'), reason: 'ad' },
  { pattern: i('\\b(app store|google play|play store)\\b.{0,40}$'), reason: 'ad' },
  { pattern: i('^(offre (sp[ée]ciale|d[’\']abonnement|d[ée]couverte|exclusive)|special offer|limited offer|essai gratuit|free trial|abonnez-vous [àa] partir|subscribe (now|today|for)|profitez de)\\b'), reason: 'ad' },
  { pattern: i('(\\b18\\+|t&cs apply|gamble responsibly|bet responsibly|jouer comporte des risques|jeu responsable)'), reason: 'ad' },
  { pattern: i('^(updated|last updated|published|posted|mis [àa] jour|publi[ée]|modifi[ée])( le| on| at)?\\s+([\\p{N}\\p{L}]+\\s+){0,3}(ago|il y a \\S+ \\S+)$|^il y a \\d+ (min|minutes?|h|heures?|jours?)$|^\\d+ (minutes?|hours?|days?) ago$'), reason: 'metadata' },
  // Author role lines under a byline ("Journaliste – Entreprises et innovation").
  { pattern: i('^(journaliste|reporter|correspondant(e)?|envoy[ée] sp[ée]cial(e)?|r[ée]dact(eur|rice)( en chef)?|chroniqueu(r|se)|staff writer|senior (writer|editor|reporter)|(technology|business|political|chief) (correspondent|editor|reporter)|editor|writer|contributor)\\b[^.!?]{0,60}$'), reason: 'author-bio' },
  { pattern: i('^(temps de lecture|lecture|reading time)\\s*:?\\s*\\d+\\s*min|^\\d+\\s*min(utes?)?\\s*(read|de lecture)$'), reason: 'metadata' },
  { pattern: i('^([ée]couter cet article|listen to (this )?article|suivre ce sujet|follow this (topic|story)|ajouter [àa] mes favoris|save (article|for later)|[ée]couter)$'), reason: 'navigation' },
  // Related links, inline or as a section title.
  { pattern: i('^(?:[àa] )?(lire|voir) (aussi|[ée]galement|plus)\\s*:?$'), reason: 'related', ends: true },
  { pattern: i('^(?:[àa] )?(lire|voir) (aussi|[ée]galement|plus)\\b'), reason: 'related' },
  { pattern: i('^(read|see) (also|more)\\s*:?$'), reason: 'related', ends: true },
  { pattern: i('^(read|see) (also|more)\\b'), reason: 'related' },
  { pattern: i('^(related|related articles?|related stories|more from|more on this|sur le m[êe]me sujet|dans la m[êe]me rubrique|articles? (similaires|li[ée]s|recommand[ée]s))\\s*:?$'), reason: 'related', ends: true },
  { pattern: i('^(recommandations? des r[ée]dacteurs|recommand[ée] pour vous|nos recommandations|les plus lus|[àa] la une|derni[èe]res (infos|actualit[ée]s|news)|editor[’\']?s? picks?|recent (news|posts|articles)|most (read|popular|viewed)|trending( now)?|you may also like|you might also like|recommended( for you)?|popular (posts|stories)|latest (news|stories|posts))\\s*:?$'), reason: 'related', ends: true },
  { pattern: i('^(nouveaut[ée]s|derniers articles|articles r[ée]cents|plus d[’\']articles|more articles|more stories|latest) (de|du|from|by) \\S.{0,60}$'), reason: 'related', ends: true },
  { pattern: i('^(vous aimerez (aussi|également)|vous pourriez (aussi|également) aimer|[àa] d[ée]couvrir (aussi|[ée]galement)|sur le m[êe]me th[èe]me|dans la m[êe]me rubrique|you may (also )?be interested|more stories like this)\\s*:?$'), reason: 'related', ends: true },
  { pattern: i('^([àa] propos de l[’\']auteur|l[’\']auteur|about the author|about the writer|biographie)\\s*:?$'), reason: 'author-bio', ends: true },
  // Comment forms.
  { pattern: i('^(leave a (reply|comment)|post a comment|add a comment|laisser un commentaire|laissez un commentaire|r[ée]agir|commentaires?|comments?|\\d+ (commentaires?|comments?)|ajouter un commentaire|[ée]crire un commentaire|join the discussion)\\s*:?$'), reason: 'comment', ends: true },
  { pattern: i('^(your email address will not be published|votre adresse (e-?mail|de messagerie|courriel) ne sera pas publi[ée]e|required fields are marked|les champs obligatoires sont indiqu[ée]s)'), reason: 'comment', ends: true },
  { pattern: i('^this site uses akismet|^ce site utilise akismet'), reason: 'comment', ends: true },
  { pattern: i('^(save my name, email|enregistrer mon nom, mon e-?mail)'), reason: 'comment', ends: true },
  { pattern: i('^(join the (conversation|discussion)|comments are (moderated|closed)|les commentaires sont (mod[ée]r[ée]s|ferm[ée]s)|r[ée]agissez|donnez votre avis)\\b'), reason: 'comment', ends: true },
  { pattern: i('^(vous avez aim[ée] cet article|(did )?you (like|enjoy(ed)?) this (article|story)|partagez-le|share (it|this))\\b.{0,40}$'), reason: 'navigation' },
  { pattern: i('^(abonnez-vous|abonnez vous|subscribe)\\b[^.!?]{0,120}[.!?]?$'), reason: 'ad' },
  // Error-report and newsletter prompts, share bars, cookie and subscription chrome.
  { pattern: i('^(vous avez (rep[ée]r[ée]|trouv[ée]) une (erreur|faute)|signalez.{0,3}(une erreur|le ici)|spotted an error|found a typo|report an error)'), reason: 'boilerplate' },
  { pattern: i('^(inscrivez-vous|abonnez-vous|sign up|subscribe)( (à|to|for))? .{0,40}(newsletter|lettre d[’\']information|infolettre)'), reason: 'boilerplate' },
  { pattern: i('^(recevez|receive|get) .{0,40}(newsletter|lettre d[’\']information|infolettre)'), reason: 'boilerplate' },
  { pattern: i('^(partager|partagez|share|tweet|imprimer|print|envoyer|e-?mail|copier le lien|copy link|facebook|twitter|linkedin|whatsapp|pinterest|reddit)( (sur|on|this|cet article|article|l[’\']article))?( (facebook|twitter|x|linkedin|whatsapp))?\\s*:?$'), reason: 'navigation' },
  { pattern: i('^(close|fermer|menu|logo|search|rechercher|accueil|home|retour|back|suivant|pr[ée]c[ée]dent|next|previous|skip to (main )?content|aller au contenu|top|haut de page|back to top|connexion|login|log in|se connecter|s[’\']abonner|subscribe|newsletter|cookies?|ok|accepter|accept|continuer|continue reading|lire la suite|read more|plus|more|voir plus|show more)$'), reason: 'navigation' },
  { pattern: i('^(directives [ée]ditoriales|mentions l[ée]gales|politique de confidentialit[ée]|conditions g[ée]n[ée]rales|privacy policy|terms (of (use|service))|cookie policy|nous contacter|contact us|about us|[àa] propos|plan du site|sitemap|tous droits r[ée]serv[ée]s|all rights reserved)\\b.{0,40}$'), reason: 'navigation' },
  { pattern: i('^(©|\\(c\\)|copyright)\\s'), reason: 'boilerplate' },
  { pattern: i('^copyright for syndicated content'), reason: 'boilerplate' },
];

/** One regex that matches wherever some rule might: lines it rejects (most body lines) skip the
 * rule-by-rule pass. */
export const ANY_CLUTTER = new RegExp(CLUTTER_RULES.map((r) => `(?:${r.pattern.source})`).join('|'), 'iu');

/** Field lines of metadata footers and headers: "Author : X", "Publié le …", "Tags : a, b". */
export type MetaField = 'url' | 'author' | 'date' | 'updated' | 'tags' | 'site' | 'category';
export const META_LABELS: Array<{ pattern: RegExp; field: MetaField }> = [
  { pattern: i('^(source link|source url|original (url|link)|lien (source|original|vers l[’\']article)|url|permalink|article source)$'), field: 'url' },
  { pattern: i('^(author|authors|auteur|auteurs|auteure|autrice|by|par|written by|[ée]crit par|r[ée]dig[ée] par|byline|journaliste|reporter)$'), field: 'author' },
  { pattern: i('^(publish(ed)? date|date of publication|date de publication|publi[ée] le|published( on)?|posted( on)?|date|publication)$'), field: 'date' },
  { pattern: i('^(mise [àa] jour|mis [àa] jour le|updated( on)?|last updated|modifi[ée] le|derni[èe]re mise [àa] jour)$'), field: 'updated' },
  { pattern: i('^(tags?|mots[- ]cl[ée]s|keywords|sujets|topics|th[èe]mes)$'), field: 'tags' },
  { pattern: i('^(source|site|publication|media|m[ée]dia|publisher|[ée]diteur)$'), field: 'site' },
  { pattern: i('^(cat[ée]gor(y|ie|ies)|rubrique|section)$'), field: 'category' },
];

/** Scraper and server errors glued to the end of a page ("Erreur : SQLSTATE[HY000] …"). */
export const SCRAPER_ERROR = /(?:(?:Erreur|Error|Warning|Fatal error|Parse error|Notice|Deprecated|Uncaught \w+)\s*:\s*(?:SQLSTATE|mysqli?_|PDO|pg_|Connection refused|Allowed memory|Call to|Uncaught|Undefined|include|require|file_get_contents|Maximum execution|Cannot modify header|Trying to access|syntax error)|SQLSTATE\[[0-9A-Z]+\]|Traceback \(most recent call last\)|<b>(?:Warning|Fatal error|Notice)<\/b>:|Stack trace:\s*#0).*$/su;

/** Capitalised function words that can start a sentence: a lower-case letter glued to one of
 * these ("MicrosoftLa décision") is a lost line break, not a brand name like "OpenAI". */
export const SENTENCE_STARTERS = new Set(
  (
    'Le La Les L Un Une Des Du De Il Elle Ils Elles On Ce Cet Cette Ces Dans Pour Selon Après Avant Depuis Mais Et En Au Aux ' +
    'Son Sa Ses Leur Leurs Nous Vous Je Lors Alors Pourtant Cependant Toutefois Ainsi Enfin Puis Quand Si Sans Avec Chez Sur Par Plus ' +
    'The A An In On At It He She They We This That These Those After Before But When While As For With His Her Their Its Our Yet So ' +
    'However Meanwhile Although Since Today Yesterday Then There Here'
  ).split(' '),
);

const MENU_SEPARATOR = /[|›»>·•–—/]/u;

/** Menus and breadcrumbs: three or more short items between separators ("Accueil > Économie >
 * Entreprises", "Home | Business | Markets", "Qui sommes-nous ? · Contact · Mentions légales"). */
export function isMenuLine(line: string): boolean {
  // Most lines have no separator at all, and cannot be split (a quick test spares the split).
  if (!MENU_SEPARATOR.test(line)) return false;
  const parts = line.split(/\s+(?:[|›»>·•–—/])\s+|\s*[|›·•]\s*/u).filter((p) => p.trim());
  if (parts.length < 2) return false;
  if (parts.length === 2 && !/[›>]/u.test(line)) return false;
  return parts.every((p) => p.trim().split(/\s+/u).length <= 4 && !/[.!]$/u.test(p.trim()));
}

/** Single words that, alone on a line in a page's header, are chrome rather than content. */
export const UI_WORDS = /^(close|fermer|menu|logo|search|rechercher|share|partager|print|imprimer|home|accueil|top|ok|x|×|\+|-|—|–|\||\/|•|·|\*)$/iu;
