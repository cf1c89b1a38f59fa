// Countries, regions and large cities most often named in French and English news, folded (lower
// case, no accents): evidence that a name is a place, beside the language core's gazetteer (CLDR
// country names and IANA time-zone cities, nlp/gazetteer.ts), which misses cities that name no
// time zone ("Toulouse") and the older names of some countries ("Turkey"). General data.
export const PLACES: ReadonlySet<string> = new Set(
  `afghanistan afrique africa albanie albania algerie algeria allemagne germany amerique america angleterre england arabie argentine argentina armenie armenia asie asia australie australia autriche austria
belgique belgium bresil brazil bulgarie bulgaria cameroun cameroon canada chili chile chine china chypre cyprus colombie colombia coree korea croatie croatia cuba danemark denmark egypte egypt
emirats espagne spain estonie estonia etats-unis europe finlande finland france grece greece hongrie hungary inde india indonesie indonesia irak iraq iran irlande ireland
islande iceland israel italie italy japon japan jordanie jordan kenya liban lebanon libye libya lituanie lithuania luxembourg mali maroc morocco mexique mexico monaco nigeria norvege norway
pakistan palestine pays-bas netherlands holland perou peru philippines pologne poland portugal qatar roumanie romania royaume-uni britain grande-bretagne russie russia ecosse scotland galles wales
senegal serbie serbia singapour singapore slovaquie slovakia slovenie slovenia soudan sudan suede sweden suisse switzerland syrie syria taiwan thailande thailand tunisie tunisia turquie turkey
ukraine venezuela vietnam yemen occident orient bretagne normandie alsace provence corse bavaria baviere
paris londres london berlin bruxelles brussels madrid rome moscou moscow pekin beijing shanghai tokyo seoul washington chicago boston seattle
toulouse lyon marseille bordeaux lille nantes nice strasbourg rennes montpellier grenoble rouen brest montreal quebec toronto vancouver geneve geneva zurich amsterdam vienne vienna dublin lisbonne lisbon athenes athens
dubai doha sydney melbourne mumbai delhi bangalore jakarta bangkok istanbul cairo jerusalem rio mexico barcelone barcelona milan munich hambourg hamburg francfort frankfurt
californie california texas floride florida seville bristol manchester liverpool birmingham edinburgh glasgow cardiff belfast oslo stockholm copenhague copenhagen helsinki varsovie warsaw prague budapest kiev kyiv`.split(/\s+/).filter(Boolean),
);

/** Places of two words or more, folded. */
export const MULTI_WORD_PLACES: ReadonlySet<string> = new Set(['united states', 'etats unis', 'new york', 'los angeles', 'san francisco', 'hong kong', 'tel aviv', 'sao paulo', 'buenos aires', 'united kingdom', 'royaume uni', 'silicon valley', 'wall street', 'new delhi', 'le caire', 'abou dhabi', 'abu dhabi', 'south korea', 'north korea', 'coree du sud', 'coree du nord', 'saudi arabia', 'arabie saoudite', 'south africa', 'afrique du sud', 'new zealand', 'nouvelle-zelande', 'middle east', 'moyen-orient', 'proche-orient']);
