// Event triggers (French, English), matched on folded text (lower case, no accents, straight
// apostrophes). Each says which event type it signals and how its participants are laid out:
//   verb      a verb whose subject (or, active and transitive, whose object) is the participant
//   join      "rejoint Microsoft": subject before, organisation right after
//   noun      "le limogeage de X", "son licenciement", "X's ouster": the participant is the complement
// Vocabulary, not code: add words here.
import type { EventType } from '../types.ts';

export type Frame = 'verb' | 'join' | 'noun';

export interface Trigger {
  type: EventType;
  frame: Frame;
  /** Regex source on folded text; word boundaries are added around it. */
  words: string;
  /** Transitive: "a limogé X" makes X the subject of the event (the one dismissed). */
  transitive?: boolean;
  /** A role this trigger implies when the sentence names none ("pris la direction"). */
  role?: string;
  /** The trigger brings the person back where they were. */
  isReturn?: boolean;
  /** The negation is part of the trigger ("ne reprendra pas son poste"): not a denial. */
  negationInside?: boolean;
  /** The trigger only counts when followed by a role word ("a abandonné son PDG"). */
  needsRoleObject?: boolean;
  /** A role word after the trigger is someone else's ("succède à la CTO X"). */
  noPosition?: boolean;
  /** Only an event when a role follows ("devient PDG"). */
  needsPosition?: boolean;
  /** Generic news verbs: only kept when a named participant is found. */
  generic?: boolean;
}

export const TRIGGERS: readonly Trigger[] = [
  // dismissal
  { type: 'dismissal', frame: 'verb', transitive: true, words: "limoge|limogee|limoges|limogees|limogent|demise? de (?:ses|leurs) fonctions|demis de (?:ses|leurs) fonctions|renvoye|renvoyee|renvoie|licencie|licenciee|licencies|congedie|congediee|evince|evincee|vire|viree|destitue|destituee|debarque|debarquee|ecarter|ecarte|ecartee|chasse|chassee|mis a la porte|fired|fires|ousted|ousts|oust|dismissed|dismisses|sacked|sacks|forced out|pushed out|removed from|removed as|terminated" },
  { type: 'dismissal', frame: 'verb', transitive: true, needsRoleObject: true, words: 'abandonne|lache|remercie' },
  { type: 'dismissal', frame: 'noun', words: "limogeage|licenciement|renvoi|eviction|destitution|congediement|mise a l'ecart|firing|ouster|dismissal|sacking|removal" },
  // resignation
  { type: 'resignation', frame: 'verb', words: "a demissionne|ont demissionne|avait demissionne|demissionne|demissionnent|demissionnera|demissionner|s'est retire|s'est retiree|se retire|se retirerait|se retirera|se retirer|quitte ses fonctions|a quitte ses fonctions|quittera ses fonctions|a remis sa demission|remet sa demission|resigned|resigns|resign|stepped down|steps down|step down|stepping down|will step down|quit|quits" },
  { type: 'resignation', frame: 'noun', words: 'demission|resignation' },
  // departure
  { type: 'departure', frame: 'verb', negationInside: true, words: "ne reprendra pas son poste|ne reprendra pas ses fonctions|ne reviendra pas|won't return|will not return|will not come back" },
  { type: 'departure', frame: 'verb', words: "a quitte|ont quitte|quitte|quittent|quittera|left|leaves|leaving|departed" },
  { type: 'departure', frame: 'noun', words: 'depart|departure|exit' },
  // hire
  { type: 'hire', frame: 'verb', transitive: true, words: 'embauche|embauchee|embauches|embauchent|recrute|recrutee|recrutes|debauche|debauchee|engage|engagee|hired|hires|hire|recruited|recruits|poached|poaches|brought in' },
  { type: 'hire', frame: 'join', words: "rejoint|rejoignent|rejoignait|rejoignaient|rejoindre|rejoindra|rejoindront|a rejoint|ont rejoint|joins|joined|join|joining|will join" },
  { type: 'hire', frame: 'noun', words: 'embauche|recrutement|arrivee|hiring|arrival' },
  // appointment
  { type: 'appointment', frame: 'verb', transitive: true, words: "nomme|nommee|nommes|nommees|nomment|designe|designee|promu|promue|elu|elue|choisi comme|choisie comme|named|names|appointed|appoints|appoint|promoted|elected|tapped" },
  { type: 'appointment', frame: 'verb', role: 'ceo', words: "prend la tete|pris la tete|prendra la tete|prend la direction|pris la direction|prendra la direction|takes the helm|took the helm|take the helm" },
  { type: 'appointment', frame: 'verb', words: "assumera les fonctions|assume les fonctions|assumer les fonctions|assure l'interim|assurera l'interim|takes over|took over|take over|will take over|steps in|stepped in" },
  // The role named after "succède à la CTO X" is the predecessor's, not the new one's.
  { type: 'appointment', frame: 'verb', noPosition: true, words: 'succede a|succedera a|remplace|remplacera|succeeds|succeeded|succeed|replaces|replaced' },
  { type: 'appointment', frame: 'noun', words: 'nomination|appointment|designation' },
  { type: 'appointment', frame: 'verb', needsPosition: true, words: 'devient|deviendra|est devenu|est devenue|becomes|became|will become|has become' },
  // return
  { type: 'return', frame: 'verb', isReturn: true, words: "revient|reviennent|revenir|reviendra|reviendront|est revenu|est revenue|sont revenus|reintegre|reintegree|reintegrer|reinstalle|reinstallee|retabli|retablie|returns|returned|return|comes back|came back|come back|reinstated|rehired" },
  { type: 'return', frame: 'verb', isReturn: true, transitive: true, words: 'recupere|recuperee|a recupere|rappele|rappelee' },
  { type: 'return', frame: 'noun', isReturn: true, words: 'retour|retablissement|reintegration|comeback|reinstatement' },
  // announcement
  { type: 'announcement', frame: 'verb', words: 'a annonce|ont annonce|avait annonce|annoncera|annonce que|annoncent|pour annoncer|announced|announces|announce|announcing|will announce' },
  { type: 'announcement', frame: 'noun', words: 'annonces|announcements' },
  // statement
  { type: 'statement', frame: 'verb', words: "a declare|ont declare|a affirme|ont affirme|a indique|a explique|a revele|a precise|a ajoute|a assure|a estime|a reconnu|a confirme|a dementi|a commente|a tweete|a poste|a publie|a ecrit|declare|affirme|ont poste|s'est adresse|s'est exprime|said|says|stated|told|commented|tweeted|posted|wrote|explained|confirmed|denied|admitted|warned" },
  // letter
  { type: 'letter', frame: 'verb', words: "signe une lettre|signe la lettre|ont signe une lettre|a signe une lettre|lettre ouverte|ecrit une lettre|adresse une lettre|memorandum|note interne|signed a letter|signed an open letter|open letter|wrote a letter|letter to|internal memo|memo" },
  // launch
  { type: 'launch', frame: 'verb', words: "a lance|ont lance|lance|lancera|lancent|devoile|devoilee|a devoile|inaugure|mis en service|met en service|launched|launches|launch|unveiled|unveils|unveil|rolled out|rolls out|introduced|debuted|maiden flight|first flight|entered service|enters service|enter service" },
  { type: 'launch', frame: 'noun', words: 'lancement|mise en service' },
  // investment
  { type: 'investment', frame: 'verb', words: "a investi|ont investi|investi|investit|investira|a injecte|a acquis|a rachete|rachete|rachete|a leve|invested|invests|invest|acquired|acquires|acquire|bought|buys|takes a stake|took a stake" },
  { type: 'investment', frame: 'noun', words: "investissement|rachat|acquisition|prise de participation|levee de fonds|investment|takeover|stake|funding round" },
  // other news verbs
  { type: 'other', frame: 'verb', generic: true, words: "commande|commandes|commandee|a commande|achete|a achete|signe|a signe|livre|livree|a livre|livraison|remporte|a remporte|perdu|a perdu|supprime|supprimera|retarde|reporte|annule|vendu|a vendu|fusionne|conclu|a conclu|prevoit|accuse|condamne|enquete|ordered|orders|order|purchased|purchase|agreed|signed|delivered|delivers|deliver|delivery|deliveries|won|wins|win|awarded|lost|loses|cut|cuts|delayed|delays|delay|postponed|cancelled|canceled|grounded|crashed|flew|flown|tested|built|builds|sold|sells|sale|sales|compensated|compensation|merged|merger|planned|plans|expects|expected|rose|fell|bid|bids|protested|ruled|approved|rejected|reached|completed|began|started|ended|offered|paid|fined|charged|accused|criticised|criticized|deal|contract|order" },
];

/** Words in front of a trigger that make it a threat, a wish, a demand or a possibility: no event. */
export const MODAL_BEFORE = /\b(?:menace|menacent|menacait|menacaient|menacant|ont menace|a menace|threaten(?:s|ed|ing)?|pourrai(?:t|ent)|pourra|pourront|could|might|would|eventuel|eventuelle|possible|potentiel|potentielle|potential|exige|exigent|exigeant|exiger|demand(?:s|ed|ing)?|reclam\w*|appelle a|appellent a|call(?:s|ed|ing)? for|essayer de|essaye de|tenter de|tente de|tried to|try to|trying to|souhait\w*|veut|veulent|voulait|want(?:s|ed)? to|envisag\w*|consider(?:s|ed|ing)?|rumeur\w*|rumou?r\w*|semblait|seemed|refus\w* de|refused to|si|if|whether|pour que|pour qu'|afin que|afin qu'|so that|in order to)(?:\s+|(?<='))(?:\S+\s+){0,8}$/;
/** Negation right before a trigger. */
export const NEGATION_BEFORE = /(?:\bn'|\bne\s+)(?:\S+\s+){0,2}(?:pas|jamais|plus|point)\s+(?:\S+\s+){0,2}$|\b(?:not|never|no longer|n't|didn't|wasn't|weren't|hasn't|haven't|denied|denies|dement\w*)\s+(?:\S+\s+){0,2}$/;
/** Negation right after a French simple tense ("ne démissionne pas"). */
export const NEGATION_AFTER = /^\s+(?:pas|jamais|plus|point)\b/;
/** Passive auxiliaries before a verb trigger. */
export const PASSIVE_BEFORE = /\b(?:ete|etre|est|sont|etait|etaient|soit|soient|fut|sera|seront|serait|was|were|been|being|is|are|be|got|gets|get)\s+(?:\S+\s+)?$/;
/** Reporting words: a date in their clause also dates what they report in the clause that follows. */
export const REPORTING = /\b(?:annonce|annonces|annonce que|a annonce|ont annonce|a revele|a declare|a indique|a affirme|communique|selon|said|says|announced|reported|revealed|told|stated|statement|announcement)\b/;
/** Where a clause ends inside a sentence, for dates and participants. */
export const CLAUSE_BREAK = /[;:«»“”"()]|\bque\b|\bqu'|\bthat\b|\bqui\b|\bwhich\b|\bwho\b|\bdont\b/g;
/** Pronouns that stand for a person. */
export const PERSON_PRONOUN = /\b(?:il|elle|lui|he|she|him)\b/g;
export const POSSESSIVE_BEFORE = /\b(?:son|sa|his|her)\s+(?:\S+\s+)?$/;
/** A group of people named by what they are to an organisation: "les employés", "the board". */
export const GROUP_SUBJECT = /\b(?:employes|salaries|personnel|chercheurs|actionnaires|conseil d'administration|conseil|direction|employees|staff|workers|shareholders|board|investors|investisseurs)\b[^,;.]{0,40}$/;
