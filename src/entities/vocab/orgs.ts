// Evidence that a name is an organisation, a place or a product: name-final words, and the words
// that introduce such names in French and English news. Folded, lower case.

/** Last (or any) word of an organisation's name. */
export const ORG_WORDS: ReadonlySet<string> = new Set(`inc incorporated corp corporation co company companies ltd limited llc plc gmbh ag sa sas sarl spa nv bv ab oy
group groupe holding holdings partners capital ventures bank banque fund foundation fondation institute institut university universite
college school ecole association society societe union federation league agency agence authority autorite office bureau ministry
ministere department departement commission council conseil committee comite court tribunal parliament parlement senate senat
congress congres assembly assemblee party parti army armee navy force forces police airlines airline airways air aviation aerospace
motors motor industries systems technologies technology labs laboratories laboratoire pharmaceuticals pharma energy telecom communications
media news press times post journal tribune herald gazette tv television radio network networks studios records bros brothers
club fc team entreprises compagnie`.split(/\s+/).filter(Boolean));

/** Words after which a capitalised name is an organisation: "chez X", "PDG de X" is handled by roles. */
export const ORG_BEFORE = /(?:^|[\s’'])(?:chez|rival|rivale|concurrent|concurrente|constructeur|groupe|societe|entreprise|firme|start-up|startup|compagnie|banque|cabinet|agence|fabricant|editeur|filiale|l'entreprise|la societe|la firme|le groupe|le constructeur|the company|company|firm|carrier|airline|rival|maker|manufacturer|giant|geant|subsidiary|unit|parent|group|startup|employes de|employes d'|salaries de|salaries d'|employees of|staff of|board of|conseil d'administration de|conseil d'administration d'|actionnaires de|shareholders of|investi dans|invested in|rejoint|rejoindre|rejoignent|rejoignaient|joins|joined|join)\s+(?:d'|de\s|l')?$/;
/** Words after a name that say it is an organisation ("X a embauché", "X's board"). */
export const ORG_AFTER = /^(?:'s|’s)?\s+(?:a embauche|a recrute|a licencie|a limoge|a renvoye|a investi|investit|a rachete|rachete|hired|fired|acquired|invested|shares|stock|board|spokesman|spokeswoman|spokesperson|employees|staff|porte-parole|salaries|employes|actionnaires)\b/;

/** Last word of a place name. */
export const PLACE_WORDS: ReadonlySet<string> = new Set(`valley city island islands islands county state province region mountains river lake bay street avenue boulevard square
ville vallee ile iles region province comte rue place`.split(/\s+/).filter(Boolean));

/** Countries, regions and large cities most often named in the news. Folded. */
export const PLACES: ReadonlySet<string> = new Set(
  `afghanistan afrique africa albanie albania algerie algeria allemagne germany amerique america angleterre england arabie argentine argentina armenie armenia asie asia australie australia autriche austria
belgique belgium bresil brazil bulgarie bulgaria cameroun cameroon canada chili chile chine china chypre cyprus colombie colombia coree korea croatie croatia cuba danemark denmark egypte egypt
emirats espagne spain estonie estonia etats-unis united states usa us europe finlande finland france grece greece hongrie hungary inde india indonesie indonesia irak iraq iran irlande ireland
islande iceland israel italie italy japon japan jordanie jordan kenya liban lebanon libye libya lituanie lithuania luxembourg mali maroc morocco mexique mexico monaco nigeria norvege norway
pakistan palestine pays-bas netherlands holland perou peru philippines pologne poland portugal qatar roumanie romania royaume-uni united kingdom uk britain grande-bretagne russie russia
senegal serbie serbia singapour singapore slovaquie slovakia slovenie slovenia soudan sudan suede sweden suisse switzerland syrie syria taiwan thailande thailand tunisie tunisia turquie turkey
ukraine venezuela vietnam yemen
paris londres london berlin bruxelles brussels madrid rome moscou moscow pekin beijing shanghai tokyo seoul new york washington los angeles san francisco chicago boston seattle
toulouse lyon marseille bordeaux lille nantes nice strasbourg montreal quebec toronto vancouver geneve geneva zurich amsterdam vienne vienna dublin lisbonne lisbon athenes athens
hong kong dubai doha sydney melbourne mumbai delhi bangalore jakarta bangkok istanbul le caire cairo tel aviv jerusalem sao paulo rio buenos aires mexico
californie california texas floride florida hamburg hambourg munich seville bristol`.split(/\s+/).filter(Boolean),
);
/** Multi-word places, folded. */
export const MULTI_WORD_PLACES: ReadonlySet<string> = new Set(['united states', 'etats-unis', 'new york', 'los angeles', 'san francisco', 'hong kong', 'tel aviv', 'sao paulo', 'buenos aires', 'united kingdom', 'royaume-uni', 'silicon valley', 'wall street', 'la silicon valley', 'new delhi', 'le caire']);

/** Words before a name that say it is a product. */
export const PRODUCT_BEFORE = /(?:^|\s)(?:lancement de|lancement du|version de|versions de|nouvelle version de|fonctionnalites de|derriere|createur de|le modele|la gamme|launch of|version of|versions of|the new|model|aircraft|airliner|jet|jets|avion|avions|appareil|appareils|smartphone|logiciel|application|app|plateforme|platform)\s+(?:d'|l')?$/;
