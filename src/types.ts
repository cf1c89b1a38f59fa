// The input and output types of every stage, in one place (DESIGN habit 10). The export format of
// ../shared/CONTRACT.md is derived from these: src/store/export.ts maps them one to one.

/** Where a published date came from, best first. */
export type DateSource = 'metadata' | 'text' | 'inferred' | 'feed' | 'fetch';

export type BlockKind = 'p' | 'h' | 'quote' | 'li' | 'pre';
/** One unit of the body in reading order; headings stay headings. */
export interface Block {
  kind: BlockKind;
  text: string;
}

export type RemovalReason =
  | 'boilerplate'
  | 'duplicate'
  | 'metadata'
  | 'scraper-error'
  | 'navigation'
  | 'ad'
  | 'comment'
  | 'author-bio'
  | 'related';
/** A piece of the input that is not body, kept with why it was taken out. */
export interface Removed {
  text: string;
  reason: RemovalReason;
}

export type InputKind = 'text' | 'html' | 'record' | 'feed' | 'opml';

/** sources/ → pipeline: one input, verbatim, as it arrived. */
export interface RawInput {
  /** The file path as walked or the URL: what the user would recognise. */
  input: string;
  kind: InputKind;
  bytes: Uint8Array;
  /** sha256 of the bytes, hex. */
  contentHash: string;
  /** Charset declared by the transport (HTTP Content-Type), if any. */
  declaredCharset?: string;
  /** Where the input was fetched from (the final URL after redirects), if fetched. */
  url?: string;
  fetchedAt?: string;
  /** When a stored input was first received (`storyline reprocess` keeps it for the article). */
  receivedAt?: string;
  /** Groups inputs that share clutter: the URL host, else the folder a file came from. */
  siteKey: string;
}

/** A pushed or file-borne article record (JSON/JSONL, the API's POST /api/articles body). */
export interface ArticleRecord {
  title?: string;
  text?: string;
  html?: string;
  url?: string;
  authors?: string[] | string;
  publishedAt?: string;
  site?: string;
  tags?: string[];
  language?: string;
  subtitle?: string;
}

/** extract/ → normalize/: the article as found in one input. */
export interface ExtractedArticle {
  url: string | null;
  title: string;
  subtitle: string | null;
  authors: string[];
  site: string | null;
  tags: string[];
  publishedAt: string | null;
  publishedAtSource: DateSource | null;
  /** ISO 639-1 code, or 'und' when it cannot be told. Filled by normalize/. */
  language: string;
  /** Clean body: the blocks' texts joined by a blank line. */
  text: string;
  blocks: Block[];
  removed: Removed[];
  /** How extraction went when it was not the ordinary way: a bound on the page hit, a fallback
   * taken ("everything looked like furniture: the best candidate block kept"). Absent when none. */
  notes?: string[];
}

/** A sentence as a span of ExtractedArticle.text. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** normalize/ → dedupe/ and later stages. */
export interface NormalizedArticle extends ExtractedArticle {
  /** The first sentences of the body: what a story shows as its summary. (Later stages split
   * the whole text with splitSentences when they need every sentence.) */
  lede: string;
  /** sha256 of the folded body: two inputs with the same body are exact duplicates. */
  bodyHash: string;
}

/** Why an article counts as a copy of another: the same body, or near enough. */
export interface DuplicateEvidence {
  method: 'exact' | 'minhash';
  /** Estimated Jaccard similarity of the two bodies' five-word shingles. */
  similarity: number;
}

/** What changed between two versions of an article at one URL. */
export interface VersionChanges {
  titleChanged: boolean;
  paragraphsAdded: number;
  paragraphsRemoved: number;
  similarity: number;
}

/** What the store holds and the export shows for one article. */
export interface Article extends ExtractedArticle {
  id: string;
  input: string;
  inputId: string;
  duplicateOf: string | null;
  duplicateEvidence: DuplicateEvidence | null;
  versionOf: string | null;
  changes: VersionChanges | null;
  storyId: string | null;
  ingestedAt: string;
}

export interface Story {
  id: string;
  title: string;
  summary: string;
  articleIds: string[];
  entityIds: string[];
  eventIds: string[];
  firstSeenAt: string;
  updatedAt: string;
  /** Independent sources: duplicates and versions folded into their original. */
  sourceCount: number;
  /** Language → number of articles. */
  languages: Record<string, number>;
  /** Its earliest and latest article dates (ISO), when known. */
  firstAt: string | null;
  lastAt: string | null;
}

// ── what the ingest stages hand to the store ──

/** An input as stored: verbatim, with its id (a hash of name and content). */
export interface StoredInput extends RawInput {
  id: string;
  receivedAt: string;
}

/** An article as the ingest writes it. */
export interface ArticleRow extends Article {
  bodyHash: string;
  extractorVersion: number;
  /** MinHash signature of an original; null for duplicates. */
  signature: Uint8Array | null;
}

/** A story's state as the stories stage keeps it in the store. */
export interface StoryRecord {
  id: string;
  title: string;
  /** Cosine of the article the title was taken from to the centroid. */
  titleScore: number;
  summary: string;
  /** The strongest terms of its articles and their weights. */
  centroid: Array<[string, number]>;
  articleCount: number;
  sourceCount: number;
  languages: Record<string, number>;
  firstAt: string | null;
  lastAt: string | null;
  firstSeenAt: string;
  updatedAt: string;
  /** Home-page order (stories/rank.ts). */
  rank: number;
}

/** What dedupe and clustering decided for a chunk, written with its articles in one transaction. */
/** Document frequencies by term (documents holding it), and the number of documents counted. */
export interface TermCounts {
  rows: Array<[string, number]>;
  docs: number;
}

/** A grouping write: what clustering changed, with the documents it counted. */
export interface GroupingWrite {
  /** Stories created or changed. */
  stories: StoryRecord[];
  merges: Array<{ from: string; into: string }>;
  /** This write's document frequencies, logged with it (so that nothing counted is lost, and other
   * writers can follow); null for a write that counts nothing (people's decisions). */
  counts: TermCounts | null;
  /** Every count logged and not yet folded into the frequencies by term, this write's included:
   * folded now. Null when folding is not due. */
  fold: TermCounts | null;
}

/** Document frequencies as stored: folded into rows by term (through a grouping generation), and
 * the log's counts since. */
export interface StoredFrequencies {
  folded: Array<{ term: string; df: number }>;
  foldedDocs: number;
  unfolded: TermCounts[];
  foldedThrough: number;
}

/** What one grouping write logged (see GroupingWrite): what another writer needs to follow it. */
export interface GroupingLogEntry {
  generation: number;
  counts: TermCounts;
  /** Stories it wrote or merged away. */
  stories: string[];
}

/** The grouping state's generation before and after a write: a process that finds `before`
 * different from what it last saw knows another writer changed the grouping. */
export interface Generation {
  before: number;
  after: number;
}

/** A rejected input: one bad item never stops a batch (DESIGN habit 3). */
export interface Rejection {
  input: string;
  stage: 'sources' | 'fetch' | 'extract' | 'normalize' | 'store';
  reason: string;
}

// ── analysis: entities, roles, events and the timeline of a story (the export shapes of CONTRACT.md) ──

/** The article fields the analysis stages need (what the store keeps for an article). */
export interface StoryArticle {
  id: string;
  title: string;
  text: string;
  language: string;
  publishedAt: string | null;
  publishedAtSource: DateSource | null;
  ingestedAt: string;
  url: string | null;
  site: string | null;
}

export type Precision = 'hour' | 'day' | 'week' | 'month' | 'year' | 'unknown';

export interface InferredDate {
  /** ISO date (or datetime when the article had one). */
  date: string;
  precision: Precision;
  /** Where the date came from: the article's own explicit dates, its story, or when we ingested it. */
  basis: 'text' | 'story' | 'ingested';
}

export interface ExportRole {
  role: string;
  label: string;
  organizationId: string | null;
  from: string | null;
  to: string | null;
  interim: boolean;
  /** Each source's sentence, and how the role was read in it ("apposition", "copula", "named", …). */
  sources: { articleId: string; sentence: string; cue?: string }[];
  /** A term a report claimed that did not stand (its appointment was superseded). */
  status?: 'superseded';
  /** The events that open and close the term, when events date it (ids of `events`). */
  fromEvent?: string | null;
  toEvent?: string | null;
}

export interface ExportEntity {
  id: string;
  name: string;
  type: 'person' | 'organization' | 'place' | 'product' | 'other';
  aliases: string[];
  /** Each mention with how it was found and what it said of the kind ("ner organization 0.93; …"). */
  mentions: { articleId: string; text: string; start: number; end: number; cue?: string }[];
  roles: ExportRole[];
  /** The evidence that decided the type, strongest first. */
  typedBy?: string;
}

export type EventType = 'appointment' | 'dismissal' | 'resignation' | 'hire' | 'return' | 'departure' | 'announcement' | 'statement' | 'letter' | 'launch' | 'investment' | 'other';
export type EventStatus = 'reported' | 'confirmed' | 'superseded' | 'contradicted' | 'retracted';
export type ParticipantRole = 'subject' | 'object' | 'organization' | 'position' | 'agent';

export interface ExportEvent {
  id: string;
  storyId: string;
  type: EventType;
  summary: string;
  participants: { entityId: string; role: ParticipantRole }[];
  date: { start: string | null; end: string | null; precision: Precision; text: string };
  /** Each source: its sentence, when it reported, the trigger as written there, and how the
   * event was read (vocabulary entry, participants, date). */
  sources: { articleId: string; sentence: string; reportedAt: string | null; trigger?: string; cue?: string }[];
  status: EventStatus;
  supersededBy: string | null;
  contradicts: string[];
  /** The trigger as the first source wrote it (« a révoqué », "has won"). */
  trigger?: string;
  /** The role the event gives or takes, as a source wrote it ("directrice générale par intérim"). */
  position?: string | null;
}

/** Words a source attributes to a speaker ("said", « a déclaré », "according to"): not an event. */
export interface ExportQuotation {
  id: string;
  storyId: string;
  /** The speaker's entity, when the speaker is named (or a pronoun stands for a name). */
  speakerId: string | null;
  /** The speaker as named. */
  speaker: string;
  text: string;
  articleId: string;
  sentence: string;
  reportedAt: string | null;
  /** The verb of saying as written. */
  cue: string;
}

/** The whole analysis of one story: what the analysis stage writes and pages read. */
export interface StoryAnalysis {
  entities: ExportEntity[];
  events: ExportEvent[];
  quotations: ExportQuotation[];
  inferredDates: Record<string, InferredDate>;
}
