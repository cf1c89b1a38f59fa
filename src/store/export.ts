// The export document of CONTRACT.md, derived from the stage types.
import type { Article, Story } from '../types.ts';
import type { Store } from './index.ts';

export interface ExportArticle {
  id: string;
  input: string;
  url: string | null;
  title: string;
  subtitle: string | null;
  authors: string[];
  site: string | null;
  tags: string[];
  publishedAt: string | null;
  publishedAtSource: Article['publishedAtSource'];
  language: string;
  text: string;
  blocks: Article['blocks'];
  removed: Article['removed'];
  duplicateOf: string | null;
  /** Beside the contract: why it is a copy, which earlier version it updates and what changed. */
  duplicateEvidence: Article['duplicateEvidence'];
  versionOf: string | null;
  changes: Article['changes'];
  storyId: string | null;
}

export interface ExportDocument {
  articles: ExportArticle[];
  stories: Story[];
  /** Filled by the entities and events stages once they exist. */
  entities: unknown[];
  events: unknown[];
}

export function exportArticle(a: Article): ExportArticle {
  return {
    id: a.id,
    input: a.input,
    url: a.url,
    title: a.title,
    subtitle: a.subtitle,
    authors: a.authors,
    site: a.site,
    tags: a.tags,
    publishedAt: a.publishedAt,
    publishedAtSource: a.publishedAtSource,
    language: a.language,
    text: a.text,
    blocks: a.blocks,
    removed: a.removed,
    duplicateOf: a.duplicateOf,
    duplicateEvidence: a.duplicateEvidence,
    versionOf: a.versionOf,
    changes: a.changes,
    storyId: a.storyId,
  };
}

export async function exportAll(store: Store): Promise<ExportDocument> {
  return {
    articles: (await store.articles()).map(exportArticle),
    stories: await store.stories(),
    entities: [],
    events: [],
  };
}
