// The export document of CONTRACT.md, derived from the stage types.
import { storyAnalyses } from '../timeline/stored.ts';
import type { ExportEntity, ExportEvent, InferredDate } from '../timeline/types.ts';
import type { Article, Story } from '../types.ts';
import type { Store } from './index.ts';

/** An article as the export shows it: the stored article's fields (CONTRACT.md, with
 * duplicateEvidence, versionOf and changes beside them), less the internal inputId and
 * ingestedAt; and, for an article that gives no date, the date inferred for it. */
export type ExportArticle = Pick<
  Article,
  | 'id' | 'input' | 'url' | 'title' | 'subtitle' | 'authors' | 'site' | 'tags' | 'publishedAt' | 'publishedAtSource'
  | 'language' | 'text' | 'blocks' | 'removed' | 'duplicateOf' | 'duplicateEvidence' | 'versionOf' | 'changes' | 'storyId'
> & { inferredDate?: InferredDate };

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
