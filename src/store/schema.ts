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
}

export interface StoriesTable {
  id: string;
  title: string;
  summary: string;
  first_seen_at: string;
  updated_at: string;
}

/** Short lines per site and the first two distinct documents they were seen in. */
export interface SiteLinesTable {
  site: string;
  line_hash: string;
  first_doc: string;
  second_doc: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  inputs: InputsTable;
  articles: ArticlesTable;
  stories: StoriesTable;
  site_lines: SiteLinesTable;
  meta: MetaTable;
}

export type { Generated };
