// Event triggers, French and English: lemmas (as the language core writes them, matched folded:
// lower case, no accents) and the type of happening each names. Data, written from general
// knowledge of the two languages; add words here, not code. Each entry:
//   words   one or more lemmas, in order ("step down", « démettre … fonction »); up to three
//           words may stand between them (« a été démis de ses fonctions »)
//   pos     'verb' or 'noun': the part of speech the trigger must have
//   frame   how participants are laid out (participants.ts):
//             person     a personnel verb whose subject is the person ("resigned", « a démissionné »)
//             patient    a personnel verb whose object is the person and subject the agent
//                        ("the board fired X", « le conseil a limogé X »)
//             join       the person is the subject, the organisation the object ("joins Microsoft")
//             action     anything else: subject the actor, object what it was done to
//             launch     the product is the object (or the subject of an intransitive use), the
//                        maker the subject ("Boeing unveiled the 787", "the A380 made its first flight")
//   role    a role the trigger itself implies (« prendre la tête » → ceo)
//   needsRole   only an event when a role word follows or is the object (« devient PDG », « a remercié son PDG »)
//   isReturn    brings the person back where they were
import type { EventType } from '../../types.ts';

export type Frame = 'person' | 'patient' | 'join' | 'action' | 'launch';

export interface TriggerWord {
  type: EventType;
  words: string;
  pos: 'verb' | 'noun';
  frame: Frame;
  lang: 'fr' | 'en';
  role?: string;
  needsRole?: boolean;
  isReturn?: boolean;
  /** The role word after it is someone else's (« succède à la CTO X »). */
  noPosition?: boolean;
  /** Only this type when a clause says what is asked or ordered ("ordered the crew to land",
   * « a ordonné que … »); else the next entry ("Air Canada ordered 18 jets": a purchase). */
  needsClause?: boolean;
}

type Row = [EventType, 'verb' | 'noun', Frame, string, Partial<Pick<TriggerWord, 'role' | 'needsRole' | 'isReturn' | 'noPosition' | 'needsClause'>>?];

const FR: Row[] = [
  ['dismissal', 'verb', 'patient', 'limoger|révoquer|renvoyer|licencier|congédier|évincer|destituer|virer|débarquer|démettre|écarter|remercier fonction|mettre à porte|chasser|mettre fin fonction'],
  ['dismissal', 'verb', 'patient', 'remercier|abandonner|lâcher', { needsRole: true }],
  ['dismissal', 'noun', 'person', 'limogeage|révocation|licenciement|éviction|destitution|renvoi|congédiement|éviction'],
  ['resignation', 'verb', 'person', 'démissionner|remettre démission|présenter démission|quitter fonction|abandonner fonction|soi retirer|claquer porte|rendre tablier|jeter éponge|passer main|céder place'],
  ['resignation', 'noun', 'person', 'démission'],
  ['departure', 'verb', 'person', 'quitter|partir'],
  ['departure', 'noun', 'person', 'départ'],
  ['hire', 'verb', 'patient', 'embaucher|recruter|débaucher|engager'],
  ['hire', 'verb', 'join', 'rejoindre|intégrer'],
  ['hire', 'noun', 'person', 'embauche|recrutement|arrivée'],
  ['appointment', 'verb', 'patient', 'nommer|désigner|promouvoir|élire|choisir|reconduire|introniser|installer'],
  ['appointment', 'verb', 'person', 'prendre tête|prendre direction|prendre rêne', { role: 'ceo' }],
  ['appointment', 'verb', 'person', 'assurer intérim|prendre fonction|assumer fonction'],
  ['appointment', 'verb', 'person', 'succéder|remplacer', { noPosition: true }],
  ['appointment', 'verb', 'person', 'devenir', { needsRole: true }],
  ['appointment', 'noun', 'person', 'nomination|désignation|élection|promotion|intronisation'],
  ['return', 'verb', 'person', 'revenir|réintégrer|retrouver poste|retrouver fonction|reprendre poste|reprendre fonction', { isReturn: true }],
  ['return', 'verb', 'patient', 'réinstaller|rétablir|rappeler', { isReturn: true }],
  ['return', 'noun', 'person', 'retour|réintégration|rétablissement', { isReturn: true }],
  ['announcement', 'verb', 'action', 'annoncer|dévoiler projet|officialiser|publier résultat|publier bénéfice|publier chiffre|rendre public|faire état'],
  ['announcement', 'noun', 'action', 'annonce'],
  ['statement', 'verb', 'action', 'confirmer|démentir|nier|recommander|avertir|mettre en garde|ordonner|accuser|exhorter|appeler|réclamer|exiger|demander|dénoncer|condamner|saisir|porter plainte|contester|reconnaître'],
  ['statement', 'noun', 'action', 'démenti|communiqué|plainte|recours'],
  ['letter', 'noun', 'action', 'lettre|tribune|courrier|pétition|mémo|note interne'],
  ['launch', 'verb', 'launch', 'lancer|dévoiler|inaugurer|mettre en service|présenter|commercialiser|décoller'],
  ['launch', 'noun', 'launch', 'lancement|inauguration|mise en service|premier vol|vol inaugural|mise sur marché'],
  ['investment', 'verb', 'action', 'investir|racheter|acquérir|injecter|lever|prendre participation|reprendre'],
  ['investment', 'noun', 'action', 'investissement|rachat|acquisition|participation|offre|levée|reprise|fusion'],
  ['other', 'verb', 'action', 'commander|acheter|vendre|signer|livrer|remporter|gagner|perdre|supprimer|retarder|reporter|annuler|conclure|fermer|ouvrir|attaquer|frapper|tuer|bombarder|tirer|voter|adopter|rencontrer|recevoir|visiter|accueillir|manifester|grever|condamner|inculper|arrêter|juger|sanctionner|augmenter|baisser|chuter|grimper|reculer|progresser|bondir|plonger|effondrer|atterrir|voler|livrer|construire|produire|fabriquer|déployer|retirer|suspendre|interdire|autoriser|approuver|rejeter|valider|bloquer|abandonner|céder|délocaliser|restructurer|réduire|couper|verser|payer|dépenser|emprunter|rembourser|négocier|parvenir accord|attribuer|décerner|convoquer|organiser|tenir|réunir|déposer|enquêter|perquisitionner|exploser|écraser|heurter|évacuer|capturer|libérer|envahir|occuper|annexer|mourir|décéder|blesser|sauver|arriver|atteindre|battre|terminer|clôturer|fléchir|soi contracter|rebondir|soi replier|soi redresser|dégager bénéfice|réaliser bénéfice|enregistrer perte|fournir|rapatrier|dépêcher|prendre contrôle|faire mort|faire victime|soi entretenir|soi poser'],
  ['other', 'noun', 'action', 'commande|contrat|accord|livraison|vol|grève|accident|attaque|attentat|explosion|vente|fusion|procès|vote|élection|sommet|rencontre|visite|réunion|manifestation|incendie|crash|collision|frappe|bombardement|tir|enquête|perquisition|arrestation|condamnation|sanction|suppression|fermeture|ouverture|retard|annulation|report|hausse|baisse|chute|assemblée|plan social|restructuration|cession|faillite|liquidation|capture|séisme|rapatriement'],
];

const EN: Row[] = [
  ['dismissal', 'verb', 'patient', 'fire|oust|dismiss|sack|remove|terminate|depose|force out|push out|let go'],
  ['dismissal', 'noun', 'person', 'ouster|dismissal|firing|removal|sacking|termination'],
  ['resignation', 'verb', 'person', 'resign|step down|quit|stand down|step aside'],
  ['resignation', 'noun', 'person', 'resignation'],
  ['departure', 'verb', 'person', 'leave|depart|exit'],
  ['departure', 'noun', 'person', 'departure|exit'],
  ['hire', 'verb', 'patient', 'hire|recruit|poach|employ|bring in'],
  ['hire', 'verb', 'join', 'join'],
  ['hire', 'noun', 'person', 'hiring|arrival|recruitment'],
  ['appointment', 'verb', 'patient', 'name|appoint|promote|elect|tap|choose|select|reappoint|install'],
  ['appointment', 'verb', 'person', 'take helm|take over|take charge|take reins', { role: 'ceo' }],
  ['appointment', 'verb', 'person', 'succeed|replace', { noPosition: true }],
  ['appointment', 'verb', 'person', 'become', { needsRole: true }],
  ['appointment', 'noun', 'person', 'appointment|nomination|election|promotion'],
  ['return', 'verb', 'person', 'return|come back', { isReturn: true }],
  ['return', 'verb', 'patient', 'reinstate|rehire', { isReturn: true }],
  ['return', 'noun', 'person', 'return|comeback|reinstatement', { isReturn: true }],
  ['announcement', 'verb', 'action', 'announce|unveil plan|disclose|report result|publish result'],
  ['announcement', 'noun', 'action', 'announcement'],
  ['statement', 'verb', 'action', 'order', { needsClause: true }],
  ['statement', 'verb', 'action', 'confirm|deny|recommend|warn|accuse|urge|call|demand|request|ask|condemn|criticize|criticise|sue|appeal|reject|dispute|protest|challenge'],
  ['statement', 'noun', 'action', 'denial|statement|complaint|lawsuit|appeal|protest|warning|recommendation'],
  ['letter', 'noun', 'action', 'letter|memo|op-ed|petition'],
  ['launch', 'verb', 'launch', 'launch|unveil|roll out|introduce|debut|inaugurate|enter service|begin service|start service|take off|release'],
  ['launch', 'noun', 'launch', 'launch|unveiling|debut|rollout|roll-out|maiden flight|first flight|test flight|inauguration|entry service'],
  ['investment', 'verb', 'action', 'invest|acquire|buy stake|take stake|raise|inject|take over company|offer|bid|fund|finance|contribute|donate'],
  ['investment', 'noun', 'action', 'investment|acquisition|takeover|stake|buyout|bid|merger|offer'],
  ['other', 'verb', 'action', 'order|purchase|buy|sell|sign|deliver|win|lose|award|cut|delay|postpone|cancel|ground|crash|fly|land|arrive|test|build|produce|manufacture|deploy|withdraw|suspend|ban|approve|block|abandon|close|open|attack|strike|kill|bomb|shoot|vote|adopt|meet|receive|visit|host|compensate|pay|spend|push back|greet|welcome|rename|operate|depart|leave|carry|travel|assemble|decide|reveal|expose|uphold|overturn|borrow|repay|negotiate|agree|reach|settle|complete|finish|begin|start|end|exercise|secure|book|lease|rise|fall|drop|climb|jump|plunge|slump|soar|grow|shrink|merge|acquire|expand|reduce|lay off|charge|arrest|convict|sentence|fine|investigate|raid|explode|collide|evacuate|capture|release|invade|occupy|die|injure|rescue|celebrate|tour|demonstrate|display|show|outsell|defeat|beat|overtake|surpass|hand over|select'],
  ['other', 'noun', 'action', 'order|contract|deal|agreement|delivery|flight|strike|accident|attack|explosion|sale|merger|trial|vote|election|summit|meeting|visit|rally|fire|crash|collision|investigation|raid|arrest|conviction|sanction|cut|closure|opening|delay|cancellation|postponement|rise|fall|drop|purchase|tour|ceremony|restructuring|bankruptcy|job cut|layoff|tender|competition'],
];

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export const TRIGGER_WORDS: readonly TriggerWord[] = [
  ...FR.map((r) => ({ lang: 'fr' as const, r })),
  ...EN.map((r) => ({ lang: 'en' as const, r })),
].flatMap(({ lang, r: [type, pos, frame, words, flags] }) => words.split('|').map((w) => ({ type, pos, frame, words: fold(w), lang, ...flags })));

/** Verbs of saying: they attribute words to a speaker (a quotation, not an event of the timeline). */
export const SAY_VERBS: Record<'fr' | 'en', ReadonlySet<string>> = {
  fr: new Set(['dire', 'declarer', 'affirmer', 'indiquer', 'expliquer', 'ajouter', 'estimer', 'juger', 'souligner', 'preciser', 'assurer', 'raconter', 'confier', 'commenter', 'argumenter', 'rappeler', 'insister', 'poursuivre', 'lancer', 'repondre', 'reconnaitre', 'admettre', 'observer', 'noter', 'martelet', 'marteler', 'temoigner', 'resumer', 'avancer', 'glisser', 'ecrire', 'tweeter', 'publier', 'poster', 'regretter', 'deplorer', 'saluer', 'se feliciter', 'feliciter', 'considerer', 'penser', 'croire']),
  en: new Set(['say', 'tell', 'add', 'explain', 'state', 'note', 'comment', 'write', 'tweet', 'post', 'claim', 'insist', 'argue', 'recall', 'reply', 'respond', 'acknowledge', 'admit', 'remark', 'observe', 'suggest', 'stress', 'emphasise', 'emphasize', 'believe', 'think', 'describe', 'quote', 'reiterate', 'predict', 'estimate']),
};

/** Verbs that make what they govern a threat, a wish, a plan, a demand or a possibility, not a happening. */
export const MODAL_HEADS: Record<'fr' | 'en', ReadonlySet<string>> = {
  fr: new Set(['exclure', 'menacer', 'exiger', 'vouloir', 'souhaiter', 'envisager', 'demander', 'reclamer', 'refuser', 'tenter', 'essayer', 'esperer', 'craindre', 'projeter', 'prevoir', 'compter', 'pouvoir', 'devoir', 'appeler', 'proposer', 'etudier', 'chercher', 'viser', 'redouter', 'promettre', 'hesiter', 'risquer', 'sembler', 'paraitre']),
  en: new Set(['rule', 'threaten', 'demand', 'want', 'wish', 'consider', 'ask', 'refuse', 'try', 'attempt', 'hope', 'fear', 'plan', 'intend', 'expect', 'seek', 'propose', 'urge', 'call', 'aim', 'promise', 'hesitate', 'risk', 'seem', 'appear', 'decline', 'fail', 'need', 'prepare', 'struggle', 'offer', 'agree', 'could', 'would', 'might', 'may', 'should', 'must']),
};

/** Verbs of a phase of another happening ("began to fly", « a commencé à livrer »): with a verb
 * complement, that verb is the happening. */
export const ASPECTUAL: Record<'fr' | 'en', ReadonlySet<string>> = {
  fr: new Set(['commencer', 'continuer', 'finir', 'achever', 'cesser', 'poursuivre', 'recommencer']),
  en: new Set(['begin', 'start', 'continue', 'finish', 'end', 'complete', 'stop', 'resume', 'keep']),
};

/** Auxiliaries of possibility: "could resign", « pourrait démissionner ». */
export const MODAL_AUX: ReadonlySet<string> = new Set(['could', 'might', 'would', 'may', 'should', 'must', 'can', 'pouvoir', 'devoir']);
/** Negation words attached to a trigger. */
export const NEGATIONS: ReadonlySet<string> = new Set(['not', "n't", 'never', 'no', 'pas', 'jamais', 'plus', 'aucun', 'aucune', 'nullement', 'point']);
/** Subordinators of a condition or a question: "if", « si », "whether". */
export const CONDITIONS: ReadonlySet<string> = new Set(['if', 'whether', 'unless', 'si']);

/** English irregular verbs the lemmatizer may leave as written: past form → lemma. */
export const IRREGULAR: ReadonlyMap<string, string> = new Map(
  `won:win laid:lay sold:sell bought:buy flew:fly flown:fly took:take taken:take made:make left:leave quit:quit met:meet held:hold
  began:begin begun:begin brought:bring built:build cut:cut fell:fall fallen:fall rose:rise risen:rise lost:lose paid:pay sent:send
  spent:spend struck:strike shot:shoot stood:stand threw:throw thrown:throw told:tell said:say wrote:write written:write sought:seek
  went:go gone:go came:come chose:choose chosen:choose drove:drive driven:drive gave:give given:give got:get gotten:get hit:hit
  ran:run overtook:overtake overtaken:overtake outsold:outsell stepped:step upheld:uphold withheld:withhold`
    .split(/\s+/).filter(Boolean).map((p) => p.split(':') as [string, string]),
);
