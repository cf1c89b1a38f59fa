// General vocabulary that hints at a kind of name, per language, folded (lower case, no accents,
// no final period): titles and honorifics before a person's name, the nouns that head or end an
// organisation's or a place's name. Features for the recogniser (whose weights say how much each
// is worth) and cues for typing the English silver training spans (train/silver-en.ts).
import type { Lang } from './index.ts';

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/u).filter(Boolean));

export interface Cues {
  titles: ReadonlySet<string>;
  orgWords: ReadonlySet<string>;
  placeWords: ReadonlySet<string>;
}

export const CUES: Record<Lang, Cues> = {
  en: {
    titles: words(`mr mrs ms miss dr prof professor president senator sen gov governor minister premier chancellor king queen prince princess
      pope sheikh general gen colonel col captain capt lieutenant lt sergeant sgt judge justice rev reverend father sister brother sir lady lord dame
      mayor secretary chairman chairwoman chief ceo director spokesman spokeswoman ambassador commissioner officer detective agent coach bishop
      cardinal rabbi imam saint mister madame monsieur uncle aunt rep representative congressman congresswoman councilman deputy inspector sheriff admiral`),
    orgWords: words(`inc incorporated corp corporation co company companies ltd llc plc group holdings bank banks university college school academy
      institute association party ministry department agency council committee commission court church club foundation airlines airways motors
      systems technologies times news post journal network hospital army navy police union federation organization organisation senate congress
      parliament government administration bureau office board authority service services industries enterprises partners fund trust society league
      team press media studios records airline railway railways energy petroleum oil pharmaceuticals labs laboratories corps force forces assembly
      cabinet reserve exchange tribunal nations command brigade`),
    placeWords: words(`street st avenue ave road rd boulevard blvd lane drive river mountain mountains mount mt lake island islands county city state
      province park valley bay ocean sea gulf beach coast desert peninsula canyon strait square bridge airport station region district village town
      harbor harbour creek hill hills falls forest kingdom republic`),
  },
  fr: {
    titles: words(`m mm mme mmes mlle mlles me mgr president presidente ministre depute deputee senateur senatrice maire general colonel capitaine
      lieutenant abbe pere docteur dr maitre professeur pr directeur directrice pdg roi reine prince princesse juge prefet commissaire cardinal eveque
      rabbin monsieur madame mademoiselle saint sainte`),
    orgWords: words(`sa sas sarl gmbh ag spa inc ltd groupe societe compagnie cie banque universite ecole institut fondation parti ministere conseil
      comite cour agence syndicat federation assemblee senat gouvernement armee marine gendarmerie prefecture mairie entreprise entreprises
      etablissements chambre caisse credit association union club tribunal commission office`),
    placeWords: words(`rue avenue boulevard place quai pont port ile iles lac mont mer ocean golfe cap baie vallee fleuve riviere foret ville village
      region departement canton commune gare`),
  },
};

/** A token folded for these lists: the given fold, without a final period ("Mr." → mr). */
export const cueKey = (folded: string): string => (folded.length > 1 && folded.endsWith('.') ? folded.slice(0, -1) : folded);
