// Rows ↔ objects at the store's edge: JSON columns are text in both engines and are parsed here,
// so the rest of the program never sees a column name.
import type { Article, ArticleRow, Story, StoredInput, StoryRecord } from '../types.ts';
import type { LiteRow } from './dialect.ts';
import type { ArticlesTable, Database, StoriesTable } from './schema.ts';

/** The article fields lists, timelines and coverage need (never the body). */
export interface ArticleLite {
  id: string;
  title: string;
  site: string | null;
  url: string | null;
  authors: string[];
  language: string;
  publishedAt: string | null;
  ingestedAt: string;
  duplicateOf: string | null;
  versionOf: string | null;
  storyId: string | null;
}

export const toLite = (r: LiteRow): ArticleLite => ({
  id: r.id,
  title: r.title,
  site: r.site,
  url: r.url,
  authors: JSON.parse(r.authors),
  language: r.language,
  publishedAt: r.published_at,
  ingestedAt: r.ingested_at,
  duplicateOf: r.duplicate_of,
  versionOf: r.version_of,
  storyId: r.story_id,
});

export function inputRow(i: StoredInput): Database['inputs'] {
  return {
    id: i.id,
    input: i.input,
    kind: i.kind,
    content_hash: i.contentHash,
    bytes: i.bytes,
    size: i.bytes.length,
    site_key: i.siteKey,
    url: i.url ?? null,
    received_at: i.receivedAt,
  };
}

export function articleRow(a: ArticleRow): ArticlesTable {
  return {
    id: a.id,
    input_id: a.inputId,
    input: a.input,
    url: a.url,
    title: a.title,
    subtitle: a.subtitle,
    authors: JSON.stringify(a.authors),
    site: a.site,
    tags: JSON.stringify(a.tags),
    published_at: a.publishedAt,
    published_at_source: a.publishedAtSource,
    language: a.language,
    text: a.text,
    blocks: JSON.stringify(a.blocks),
    removed: JSON.stringify(a.removed),
    body_hash: a.bodyHash,
    duplicate_of: a.duplicateOf,
    story_id: a.storyId,
    extractor_version: a.extractorVersion,
    ingested_at: a.ingestedAt,
    version_of: a.versionOf,
    changes: a.changes && JSON.stringify(a.changes),
    duplicate_evidence: a.duplicateEvidence && JSON.stringify(a.duplicateEvidence),
    signature: a.signature,
  };
}

/** The columns of an article (an engine may keep more: PostgreSQL's search vector, its write order). */
export const ARTICLE = [
  'id', 'input_id', 'input', 'url', 'title', 'subtitle', 'authors', 'site', 'tags', 'published_at', 'published_at_source', 'language', 'text', 'blocks',
  'removed', 'body_hash', 'duplicate_of', 'story_id', 'extractor_version', 'ingested_at', 'version_of', 'changes', 'duplicate_evidence', 'signature',
] as const satisfies ReadonlyArray<keyof ArticlesTable>;

export function toArticle(r: Omit<ArticlesTable, 'signature'> & { signature?: unknown }): Article {
  return {
    id: r.id,
    input: r.input,
    inputId: r.input_id,
    url: r.url,
    title: r.title,
    subtitle: r.subtitle,
    authors: JSON.parse(r.authors),
    site: r.site,
    tags: JSON.parse(r.tags),
    publishedAt: r.published_at,
    publishedAtSource: r.published_at_source as Article['publishedAtSource'],
    language: r.language,
    text: r.text,
    blocks: JSON.parse(r.blocks),
    removed: JSON.parse(r.removed),
    duplicateOf: r.duplicate_of,
    duplicateEvidence: r.duplicate_evidence ? JSON.parse(r.duplicate_evidence) : null,
    versionOf: r.version_of,
    changes: r.changes ? JSON.parse(r.changes) : null,
    storyId: r.story_id,
    ingestedAt: r.ingested_at,
  };
}

/** A story row as pages and the export show it (entities and events come from its analysis). */
export function toStory(r: StoriesTable, articleIds: string[] = []): Story {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    articleIds,
    entityIds: [],
    eventIds: [],
    firstSeenAt: r.first_seen_at,
    updatedAt: r.updated_at,
    sourceCount: r.source_count,
    languages: JSON.parse(r.languages),
    firstAt: r.first_at,
    lastAt: r.last_at,
  };
}

export function storyRow(s: StoryRecord): StoriesTable {
  return {
    id: s.id,
    title: s.title,
    summary: s.summary,
    title_score: s.titleScore,
    article_count: s.articleCount,
    source_count: s.sourceCount,
    languages: JSON.stringify(s.languages),
    first_at: s.firstAt,
    last_at: s.lastAt,
    first_seen_at: s.firstSeenAt,
    updated_at: s.updatedAt,
    merged_into: null,
    centroid: JSON.stringify(s.centroid),
    rank: s.rank,
  };
}

export function toStoryRecord(r: StoriesTable): StoryRecord {
  return {
    id: r.id,
    title: r.title,
    titleScore: r.title_score,
    summary: r.summary,
    centroid: JSON.parse(r.centroid),
    articleCount: r.article_count,
    sourceCount: r.source_count,
    languages: JSON.parse(r.languages),
    firstAt: r.first_at,
    lastAt: r.last_at,
    firstSeenAt: r.first_seen_at,
    updatedAt: r.updated_at,
    rank: r.rank,
  };
}
