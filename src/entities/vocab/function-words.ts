// Capitalised words that are never names on their own: function words that open sentences, days
// and months, headline and page furniture, and acronyms of common nouns. Folded.
const FR = `a à afin ainsi alors après apres au aucun aucune aujourd auparavant aussi autre autres aux avant avec
bien c ça ca car ce ceci cela celle celles celui cependant certains certaines ces cet cette ceux chacun chaque chez
comme comment contre d dans de depuis des dès des desormais désormais deux donc dont du durant elle elles en encore
enfin entre est et eux face hier il ils j je jusqu l la là le les leur leurs lors lorsqu lorsque lui m ma mais malgré
malgre me même meme mes moi moins mon n ne néanmoins neanmoins ni non nos notre nous on or ou où ouf par parce parmi
pendant peu peut plus plusieurs pour pourquoi pourtant près pres puis puisque qu quand que quel quelle quelles quels
qui quoi s sa sans se selon ses si sinon soit son sont sous sur t ta tandis tant te tel telle tels tes toi ton tous
tout toute toutes très tres tu un une vers voici voilà voila vos votre vous y
premier première premiere dernier dernière derniere nouveau nouvelle autre selon certes
étonnamment etonnamment heureusement malheureusement finalement également egalement notamment surtout
cest ceux celles plusieurs quelques aucun aucune tout toute rien personne chacun
lire aussi voir publicité publicite infos info mise nouveautés nouveautes directives erreur source author tags
copyright partager commentaires commentaire abonnez inscrivez newsletter menu accueil recherche
pdg dg ceo cto cfo coo ia ue onu`;
const EN = `a about above after again against all also although am among an and another any are as at be because
been before being below besides between both but by can could did do does doing down during each either even every
few for from further had has have having he her here hers him his how however i if in into is it its just let many
may me meanwhile might more most moreover much must my neither never nevertheless no nor not now of off on once only
or other others our out over own perhaps same several she should since so some still such than that the their them
then there these they this those though through thus to too under unless until up upon very was we were what whatever
when where whether which while who whom whose why will with within without would yet you your
yesterday today tomorrow tonight meanwhile according despite following recent recently
read leave reply share comments comment subscribe sign log login menu home search related advertisement editor
ai ceo cto cfo coo`;
const TIME = `lundi mardi mercredi jeudi vendredi samedi dimanche janvier février fevrier mars avril mai juin juillet
août aout septembre octobre novembre décembre decembre monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december noël noel pâques paques
printemps été ete automne hiver spring summer autumn fall winter week-end weekend
jan feb mar apr jun jul aug sep sept oct nov dec janv fev févr avr juil dec déc`;

const fold = (w: string): string => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** Folded words that never start or make up a name by themselves. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(`${FR} ${EN} ${TIME}`.split(/\s+/).filter(Boolean).map(fold));
/** Days, months and seasons: capitalised in English, never entities. */
export const TIME_WORDS: ReadonlySet<string> = new Set(TIME.split(/\s+/).filter(Boolean).map(fold));
/** Lower-case words allowed inside a name between two capitalised ones ("Bank of America", "Banque de France"). */
export const CONNECTORS: ReadonlySet<string> = new Set(['de', 'du', 'des', 'of', 'for', 'and', '&', 'van', 'von', 'der', 'den', 'da', 'di', 'del', 'della', 'dos', 'y', 'bin', 'al', 'el', 'la', 'le', 'on']);
/** Connectors that join the two halves of a name only if the second half does not look like a separate entity. */
export const WEAK_CONNECTORS: ReadonlySet<string> = new Set(['and', 'la', 'le', 'on', 'for']);
/** Honorifics that announce a person's name. */
export const HONORIFICS: ReadonlySet<string> = new Set(['m', 'mm', 'mme', 'mmes', 'mlle', 'mr', 'mrs', 'ms', 'dr', 'pr', 'prof', 'sir', 'dame', 'lord', 'me', 'maitre', 'monsieur', 'madame', 'mademoiselle']);
