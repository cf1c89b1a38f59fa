// Common nouns and small words that say what kind of thing a name next to them is, in French and
// English, folded (lower case, no accents). General knowledge of the two languages written as data:
//   "the airline Ryanair", "Ryanair, a low-cost airline", "le constructeur Airbus"  → organisation
//   "spokeswoman Sandy Angers", "Hélène Brunet, une ingénieure"                     → person
//   "the city of Toulouse", "Mende, une ville de Lozère"                            → place
//   "the A380 aircraft", "l'avion A350"                                             → product
// Titles and honorifics are the language core's (nlp/cues.ts); organisation and place
// designators inside names ("Airlines", "Airport") too.

const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/u).filter(Boolean));

export const ORG_NOUNS = words(`
  company companies firm firms airline airlines carrier carriers manufacturer manufacturers maker makers group bank banks agency ministry
  government newspaper newspapers daily broadcaster network operator operators startup start-up rival rivals subsidiary unit division
  supplier suppliers airframer union unions party club team regulator court lender insurer retailer cooperative co-operative conglomerate
  consortium giant outlet channel publisher website magazine parent contractor contractors partner customer customers shipbuilder
  automaker carmaker chipmaker producer distributor exporter importer operator agency firm-wide association federation council board
  entreprise entreprises societe societes groupe groupes compagnie compagnies constructeur constructeurs fabricant fabricants banque
  banques agence ministere gouvernement journal journaux quotidien hebdomadaire chaine operateur start-up rivale concurrent concurrente
  filiale filiales syndicat syndicats parti club equipe regulateur cooperative fromagerie fromageries laiterie laiteries avionneur geant
  groupement federation collectif association cabinet assureur distributeur editeur fournisseur client clients actionnaire industriel
  transporteur armateur maison firme enseigne mutuelle marque brand`);

export const PERSON_NOUNS = words(`
  spokesman spokeswoman spokesperson analyst analysts minister official officials executive president chairman chairwoman director
  founder cofounder co-founder senator lawyer attorney economist engineer pilot farmer worker expert leader secretary manager head chief
  boss journalist reporter writer author professor researcher scientist consultant adviser advisor aide deputy governor mayor judge
  colleague predecessor successor veteran member
  porte-parole analyste ministre responsable dirigeant dirigeante president presidente directeur directrice fondateur fondatrice
  cofondateur cofondatrice avocat avocate economiste ingenieur ingenieure pilote eleveur eleveuse agriculteur agricultrice salarie
  salariee expert experte secretaire journaliste auteur autrice professeur professeure chercheur chercheuse consultant consultante
  conseiller conseillere maire depute deputee senateur senatrice juge collegue predecesseur successeur successeure membre`);

export const PLACE_NOUNS = words(`
  city cities town towns country countries capital region state province village island port airport county district suburb
  ville villes pays capitale region commune communes village ile port aeroport departement canton quartier bourg palais palace`);

export const PRODUCT_NOUNS = words(`
  aircraft airliner airliners jet jets plane planes model models superjumbo jumbo helicopter drone car cars vehicle truck ship vessel
  smartphone phone software app application platform engine engines version missile missiles rocket rockets satellite
  avion avions appareil appareils airliner modele modeles helicoptere drone voiture voitures vehicule camion navire bateau catamaran
  smartphone logiciel application plateforme moteur moteurs version gamme fromage missile missiles fusee roquette satellite`);

/** Nouns before the name of a thing that is none of the kinds above: a stock index, an event, a
 * programme ("the Nikkei index", « l'indice Topix »). */
export const OTHER_NOUNS = words(`index indice indices festival salon championship championnat tournoi tournament operation programme program`);

/** International bodies whose names the recogniser may take for places ("l'Otan"), folded. */
export const KNOWN_ORGS = words(`otan nato onu ue eu unesco unicef ocde oecd omc wto oms who fmi imf opep opec asean g7 g20 interpol europol frontex`);

/** Facilities named after their town: "the plant in/of Fermoy", « l'usine de Lamballe ». */
export const FACILITIES = words(`plant factory site works mill usine site usines sites abattoir laiterie fromagerie entrepot depot`);

/** Nouns whose complement is an organisation: « le conseil d'administration de X », "the board of X",
 * « les salariés de X », "shareholders of X", « le siège de X ». */
export const ORG_OF = words(`administration conseil board direction salaries salariees employes employees staff shareholders actionnaires siege
  headquarters directoire filiale subsidiary division unit porte-parole spokesman spokeswoman spokesperson tete helm`);

/** Nouns whose complement is a product: "the launch of X", « la nouvelle version de X ». */
export const PRODUCT_OF = words(`launch version versions release rollout unveiling lancement sortie commercialisation`);

/** Prepositions after which a name is most often a place ("in Toulouse", « à Mende »). */
export const LOCATIVE = words(`in at near from across outside inside around a en dans pres vers`);

/** "Lyon-based", « basée à »: the name is a place; the company it qualifies is an organisation. */
export const BASED = words(`based basé basee base basés basees installé installee implanté implantee`);

/** Legal forms and sector words that end company names, beyond the language core's designators
 * ("Defence & Space NV", "Douglas Aircraft", "Taiwan Semiconductor"). */
export const ORG_SUFFIXES = words(`nv sa ag ab bv gmbh spa sas sarl se plc oyj asa kk aircraft aerospace aviation motors semiconductor
  electronics pharma petroleum tv radio channel robotics`);

/** First words of English organisation names ("Air Canada", "Bank of America"). */
export const ORG_FIRST_WORDS = words(`air bank university ministry department`);

/** Demonyms and adjectives of nationality are not names: "European", « française ». Detected by
 * the tagger (ADJ); these capitalised nouns of people are not names either. */
export const NOT_NAMES = words(`
  europeans americans french british germans chinese japanese singaporeans australians canadians irish
  francais francaise francaises europeens europeennes americains americaines
  etat etats
  internet web gmt utc cet cest est edt pst pdt bst`);
