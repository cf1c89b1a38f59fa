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

// ── analysis: a queue of stories to analyse, and what the analysis found, as rows ──

/** Stories whose newest version is not analysed yet. */
export interface AnalysisQueueTable {
  story_id: string;
  /** When it was first marked since its last analysis (the analysis lag counts from here). */
  queued_at: string;
  /** How many times it was marked: a worker removes the entry only if nobody marked it again
   * while it was analysing. */
  marks: number;
  /** A worker holds it until then; a worker that died lets it go when this passes. */
  claimed_until: string | null;
  attempts: number;
  last_error: string | null;
}

/** The story version each analysis was made from. */
export interface AnalysesTable {
  story_id: string;
  /** The story's updated_at and article count when it was analysed. */
  version: string;
  /** Increases with every analysis written: live pages learn what was analysed since. */
  seq: number;
  queued_at: string | null;
  analyzed_at: string;
  /** JSON: article id → the date inferred for an article that gives none. */
  inferred_dates: string;
}

/** An entity as one story's analysis found it (the same id across stories: one person). */
export interface StoryEntitiesTable {
  story_id: string;
  entity_id: string;
  position: number;
  name: string;
  type: string;
  /** JSON array of the other names it goes by. */
  aliases: string;
  /** The evidence that decided its type. */
  typed_by: string | null;
}

export interface EntityMentionsTable {
  story_id: string;
  entity_id: string;
  position: number;
  article_id: string;
  text: string;
  /** UTF-16 offsets into the article text. */
  start_offset: number;
  end_offset: number;
  /** How the mention was found and what it said of the kind. */
  cue: string | null;
}

/** Who held which role, where, from when to when, and who said so. */
export interface EntityRolesTable {
  story_id: string;
  entity_id: string;
  position: number;
  role: string;
  label: string;
  organization_id: string | null;
  from_date: string | null;
  to_date: string | null;
  interim: number;
  /** JSON [{articleId, sentence, cue}]. */
  sources: string;
  /** The events that open and close the term. */
  from_event: string | null;
  to_event: string | null;
  /** 'superseded' for a term a report claimed that did not stand. */
  status: string | null;
}

export interface EventsTable {
  story_id: string;
  id: string;
  position: number;
  type: string;
  summary: string;
  date_start: string | null;
  date_end: string | null;
  date_precision: string;
  date_text: string;
  status: string;
  superseded_by: string | null;
  /** JSON arrays: the events it contradicts; its sources [{articleId, sentence, reportedAt, trigger, cue}]. */
  contradicts: string;
  sources: string;
  /** The trigger as the first source wrote it, and the role words of a personnel event. */
  trigger: string | null;
  position_label: string | null;
}

/** Words a source attributes to a speaker: quotations, beside the events, not among them. */
export interface QuotationsTable {
  story_id: string;
  id: string;
  position: number;
  speaker_id: string | null;
  speaker: string;
  text: string;
  article_id: string;
  sentence: string;
  reported_at: string | null;
  cue: string;
}

export interface EventParticipantsTable {
  story_id: string;
  event_id: string;
  position: number;
  entity_id: string;
  role: string;
}

/** Feed subscriptions, with their HTTP validators and last poll outcome. */
export interface FeedsTable {
  id: string;
  url: string;
  title: string | null;
  site: string | null;
  category: string | null;
  etag: string | null;
  last_modified: string | null;
  last_status: number | null;
  last_error: string | null;
  last_polled_at: string | null;
  last_success_at: string | null;
  next_poll_at: string;
  ttl: number | null;
  max_age: number | null;
  error_count: number;
  entry_count: number;
  added_at: string;
}

/** Entries seen in a feed, with their versions. */
export interface FeedEntriesTable {
  feed_id: string;
  entry_key: string;
  guid: string | null;
  link: string | null;
  title: string | null;
  content_hash: string;
  body_hash: string;
  meta_hash: string;
  version: number;
  /** JSON array of what changed in the latest version: "title", "link", "content", "metadata". */
  changes: string;
  first_seen_at: string;
  changed_at: string;
  last_seen_at: string;
}

/** Scheduled jobs (feed polls), locked while one runner holds them. */
export interface JobsTable {
  id: string;
  kind: string;
  subject: string;
  run_at: string;
  attempts: number;
  locked_until: string | null;
  last_error: string | null;
}

/** Readers' "report an error" requests, kept for an editor. */
export interface CorrectionsTable {
  id: string;
  article_id: string;
  message: string;
  quote: string | null;
  status: string;
  created_at: string;
}

/** One row per chunk written by grouping: what other writers need to follow it without reloading
 * everything, and its document frequencies until they are folded into term_df. */
export interface GroupingLogTable {
  /** The grouping generation the chunk's write moved to. */
  generation: number;
  /** Documents its counts count. */
  docs: number;
  /** JSON [[term, documents], …] (folded into term_df once the generation is at most the
   * meta value term_df_folded; deleted by the fold after that). */
  counts: string;
  /** JSON: ids of the stories it wrote or merged away. */
  stories: string;
  written_at: string;
}

/** Work for `storyline worker` processes: inputs to ingest ("ingest", the raw input whole) and URLs
 * to fetch ("fetch"). A worker claims rows until claimed_until; one that dies lets them go. */
export interface WorkTable {
  id: string;
  kind: string;
  input: string;
  payload: string;
  bytes: Uint8Array | null;
  queued_at: string;
  claimed_until: string | null;
  attempts: number;
  last_error: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** Admin sessions: the hash of the random id the cookie carries, never the id itself. */
export interface AdminSessionsTable {
  id_hash: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface Database {
  admin_sessions: AdminSessionsTable;
  inputs: InputsTable;
  articles: ArticlesTable;
  stories: StoriesTable;
  term_df: TermDfTable;
  article_pins: ArticlePinsTable;
  story_flags: StoryFlagsTable;
  analysis_queue: AnalysisQueueTable;
  analyses: AnalysesTable;
  story_entities: StoryEntitiesTable;
  entity_mentions: EntityMentionsTable;
  entity_roles: EntityRolesTable;
  events: EventsTable;
  event_participants: EventParticipantsTable;
  quotations: QuotationsTable;
  site_lines: SiteLinesTable;
  meta: MetaTable;
  feeds: FeedsTable;
  feed_entries: FeedEntriesTable;
  jobs: JobsTable;
  corrections: CorrectionsTable;
  grouping_log: GroupingLogTable;
  work: WorkTable;
}

export type { Generated };
