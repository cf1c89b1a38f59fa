// Types of the entities stage: what one article yields on its own (cached per article), and what
// the story makes of all its articles together (entities, their mentions and role mentions).
import type { Sentence as NlpSentence } from '../nlp/index.ts';
import type { Sentence } from '../types.ts';

export type EntityType = 'person' | 'organization' | 'place' | 'product' | 'other';
export const ENTITY_TYPES: readonly EntityType[] = ['person', 'organization', 'place', 'product', 'other'];

/** Weighted evidence for each kind of thing a name may be; reasons kept beside it. */
export type Votes = Record<EntityType, number>;
export const noVotes = (): Votes => ({ person: 0, organization: 0, place: 0, product: 0, other: 0 });

/** How a mention was found. */
export type MentionSource = 'ner' | 'shape' | 'acronym' | 'code';

/** A name found in one article, before the story decides which entity it is. */
export interface MentionCandidate {
  start: number;
  end: number;
  text: string;
  /** Index of its sentence in the article. */
  sentence: number;
  /** Its tokens [first, last) in that sentence (the language core's tokens). */
  tokens: [number, number];
  /** Folded words of the name ("Airbus A380s" → airbus, a380): what variants are matched on. */
  words: string[];
  source: MentionSource;
  /** The recogniser's kind and confidence, when it found the name. */
  ner: 'person' | 'organization' | 'place' | 'other' | null;
  score: number;
  /** Evidence from the mention and the words around it. */
  votes: Votes;
  /** How much of `votes` is the recogniser's own vote (for its kind `ner`). */
  nerWeight: number;
  /** Why: short reasons for the votes ("ner organization 0.93", "title Mr", "CEO of …"). */
  cues: string[];
  /** A parenthesised acronym or an apposition that renames another mention of the sentence. */
  sameAs?: number;
  /** Written with a female or male honorific (Mme, Ms / M., Mr). */
  gender?: 'f' | 'm';
}

/** A role label tied, where the sentence allows, to its holder and organisation (mention indexes). */
export interface RoleCandidate {
  sentence: number;
  start: number;
  end: number;
  label: string;
  role: string;
  interim: boolean;
  former: boolean;
  holder: number | null;
  org: number | null;
  /** How holder and organisation were read: 'apposition', 'copula', 'compound', 'of-complement', 'adjacent', … */
  cue: string;
}

/** What one article yields, a pure function of its text and language. */
export interface ArticleEntities {
  articleId: string;
  lang: 'fr' | 'en';
  sentences: Sentence[];
  mentions: MentionCandidate[];
  roles: RoleCandidate[];
}

export interface Mention {
  articleId: string;
  text: string;
  /** UTF-16 offsets into the article text. */
  start: number;
  end: number;
  /** How it was found and what it said about the kind ("ner organization 0.93"). */
  cue: string;
}

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: Mention[];
  /** The evidence that decided the type, strongest first ("ner 3.1 organization; CEO of … 4"). */
  typedBy: string;
}

/** A mention placed in its article, for lookups by position. */
export interface Located {
  start: number;
  end: number;
  entityId: string;
  type: EntityType;
  sentence: number;
  /** Index of the mention candidate in the article's reading. */
  index: number;
}

/** A role label as a source wrote it, attached where the context allows to a holder and an organisation. */
export interface RoleMention {
  articleId: string;
  start: number;
  end: number;
  /** The words the source used ("PDG", "directrice de la technologie"). */
  label: string;
  role: string;
  interim: boolean;
  /** "ancien PDG", "former CEO": the role was held before the report. */
  former: boolean;
  personId: string | null;
  orgId: string | null;
  sentence: number;
  /** How holder and organisation were read (RoleCandidate.cue), and "context" when the organisation was guessed. */
  cue: string;
}

export interface EntityAnalysis {
  entities: Entity[];
  byId: Map<string, Entity>;
  /** Per article: mentions sorted by start. */
  located: Map<string, Located[]>;
  /** Per article: the entity of each mention candidate (null when it was dropped). */
  entityOf: Map<string, (string | null)[]>;
  /** Per article: what it yielded on its own. */
  readings: Map<string, ArticleEntities>;
  roles: RoleMention[];
  /** Per article: its sentences (spans of the text). */
  sentences: Map<string, Sentence[]>;
  /** Per article read in this analysis (its reading was not cached), up to a bound: the language
   * core's sentences, tagged and partly parsed, for the events stage, so that a large story read
   * from cold is not tagged twice. Dropped with the analysis. */
  fresh: Map<string, NlpSentence[]>;
  /** The organisation the story is most about (most mentions), or null. */
  dominantOrg: string | null;
  /** Person id → organisation id → how often a source tied them by a role (a former role a quarter). */
  affiliations: Map<string, Map<string, number>>;
}
