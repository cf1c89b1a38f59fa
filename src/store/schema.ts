// Table shapes as Kysely sees them. JSON columns are stored as text in both SQLite and
// PostgreSQL so that one query layer serves both; they are parsed at the store's edge.
import type { Generated } from 'kysely';

export interface InputsTable {
  id: string;
  input: string;
  kind: string;
  content_hash: string;
  /** The input verbatim: re-extraction never needs the original file again. */
  bytes: Uint8Array;
  size: number;
  site_key: string;
  url: string | null;
  received_at: string;
}

export interface ArticlesTable {
  id: string;
  input_id: string;
  input: string;
  url: string | null;
  title: string;
  subtitle: string | null;
  authors: string;
  site: string | null;
  tags: string;
  published_at: string | null;
  published_at_source: string | null;
  language: string;
  text: string;
  blocks: string;
  removed: string;
  body_hash: string;
  duplicate_of: string | null;
  story_id: string | null;
  extractor_version: number;
  ingested_at: string;
  /** The earlier version of this article at the same URL, and what changed (JSON). */
  version_of: string | null;
  changes: string | null;
  /** Why it is a duplicate (JSON: method, similarity). */
  duplicate_evidence: string | null;
  /** MinHash signature (originals only: copies are never near-duplicate candidates). */
  signature: Uint8Array | null;
}

export interface StoriesTable {
  id: string;
  title: string;
  summary: string;
  first_seen_at: string;
  updated_at: string;
  /** Cosine of the article the title was taken from to the centroid. */
  title_score: number;
  article_count: number;
  /** Independent sources: originals, duplicates and versions folded. */
  source_count: number;
  /** JSON {language: article count}. */
  languages: string;
  /** ISO dates of its earliest and latest dated article. */
  first_at: string | null;
  last_at: string | null;
  /** Set when another story absorbed this one. */
  merged_into: string | null;
  /** JSON [[term, weight], …]: the STORY_TERMS strongest terms of its articles, in no order. */
  centroid: string;
  /** Home-page order: days since the epoch of its latest news, plus half a day per doubling of
   * its independent sources (see storyRank). */
  rank: number;
}

/** The lookup index of stories: each story's strongest centroid terms. */
export interface TermDfTable {
  term: string;
  df: number;
}

/** A person's decision, which clustering never overrides: this article belongs to this story. */
export interface ArticlePinsTable {
  article_id: string;
  story_id: string;
  decided_at: string;
  /** merge | split | move, for the record. */
  decision: string;
}

/** Something a person should look at: a story whose articles tell two stories (kind "split"). */
export interface StoryFlagsTable {
  story_id: string;
  kind: string;
  /** JSON: the two groups of article ids and how alike they are. */
  detail: string;
  flagged_at: string;
}

/** Short lines per site and the first two distinct documents they were seen in. */
export interface SiteLinesTable {
  site: string;
  line_hash: string;
  first_doc: string;
  second_doc: string | null;
}

/** The entities and events of a story as last analysed, and the story version they were made from. */
export interface StoryAnalysisTable {
  story_id: string;
  /** The story's updated_at and article count: a different value means the analysis is stale. */
  version: string;
  /** JSON StoryAnalysis: entities, events, inferred dates. */
  analysis: string;
  analyzed_at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  inputs: InputsTable;
  articles: ArticlesTable;
  stories: StoriesTable;
  term_df: TermDfTable;
  article_pins: ArticlePinsTable;
  story_flags: StoryFlagsTable;
  story_analysis: StoryAnalysisTable;
  site_lines: SiteLinesTable;
  meta: MetaTable;
}

export type { Generated };
