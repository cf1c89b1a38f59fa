// The export document of CONTRACT.md, derived from the stage types.
import { storyAnalyses } from '../timeline/stored.ts';
import type { ExportEntity, ExportEvent, InferredDate } from '../timeline/types.ts';
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
  /** Beside the contract: for an article that gives no date, the one inferred (and from what). */
  inferredDate?: InferredDate;
  storyId: string | null;
}

export interface ExportDocument {
  articles: ExportArticle[];
  stories: Story[];
  entities: ExportEntity[];
  events: ExportEvent[];
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
  const stories = await store.stories();
  const analyses = await storyAnalyses(store.db, stories.map((s) => s.id));
  const inferred = new Map<string, InferredDate>();
  const entities = new Map<string, ExportEntity>();
  const events: ExportEvent[] = [];
  for (const s of stories) {
    const a = analyses.get(s.id);
    if (!a) continue;
    s.entityIds = a.entities.map((e) => e.id);
    s.eventIds = a.events.map((e) => e.id);
    events.push(...a.events);
    for (const [id, d] of Object.entries(a.inferredDates)) inferred.set(id, d);
    for (const e of a.entities) entities.set(e.id, mergeEntity(entities.get(e.id), e));
  }
  return {
    articles: (await store.articles()).map((a) => {
      const out = exportArticle(a);
      const d = inferred.get(a.id);
      return d && !a.publishedAt ? { ...out, inferredDate: d } : out;
    }),
    stories,
    entities: [...entities.values()],
    events,
  };
}

/** One person or organisation across stories: the same id (type and folded name) everywhere. */
export function mergeEntity(into: ExportEntity | undefined, e: ExportEntity): ExportEntity {
  if (!into) return { ...e, aliases: [...e.aliases], mentions: [...e.mentions], roles: [...e.roles] };
  for (const a of e.aliases) if (!into.aliases.includes(a)) into.aliases.push(a);
  into.mentions.push(...e.mentions);
  const seen = new Set(into.roles.map((r) => JSON.stringify(r)));
  for (const r of e.roles) if (!seen.has(JSON.stringify(r))) into.roles.push(r);
  return into;
}
