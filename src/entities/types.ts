// Input and output types of the entities stage.
import type { Sentence } from '../types.ts';

export type EntityType = 'person' | 'organization' | 'place' | 'product' | 'other';

export interface Mention {
  articleId: string;
  text: string;
  /** UTF-16 offsets into the article text. */
  start: number;
  end: number;
}

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: Mention[];
}

/** A mention placed in its article, for lookups by position. */
export interface Located {
  start: number;
  end: number;
  entityId: string;
  type: EntityType;
  sentence: number;
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
}

export interface EntityAnalysis {
  entities: Entity[];
  byId: Map<string, Entity>;
  /** Per article: mentions sorted by start. */
  located: Map<string, Located[]>;
  roles: RoleMention[];
  /** Per article: its sentences (spans of the text). */
  sentences: Map<string, Sentence[]>;
  /** The organisation the story is most about (most mentions), or null. */
  dominantOrg: string | null;
  /** Person id → organisation id → how often a source tied them by a role. */
  affiliations: Map<string, Map<string, number>>;
}
