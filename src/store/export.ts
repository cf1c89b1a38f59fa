// The export document of CONTRACT.md, read from the store: articles, stories, and what analysis
// wrote (entities merged across stories, events). It reads only: a story whose newest version is
// not analysed yet shows its last analysis (or none), and `pending` lists them.
import type { Article, ExportEntity, ExportEvent, ExportQuotation, InferredDate, Story } from '../types.ts';
import { mergeEntity, type AnalysisStore } from './analysis.ts';
import type { PagesStore } from './pages.ts';

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
  /** Words attributed to speakers ("said", « a déclaré »), beside the events (not among them). */
  quotations: ExportQuotation[];
  /** Stories whose newest version is still waiting for analysis. */
  pending: string[];
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

export async function exportDocument(pages: PagesStore, analysis: AnalysisStore): Promise<ExportDocument> {
  const stories = await pages.allStories();
  const analyses = await analysis.ofStories(stories.map((s) => s.id));
  const inferred = new Map<string, InferredDate>();
  const entities = new Map<string, ExportEntity>();
  const events: ExportEvent[] = [];
  const quotations: ExportQuotation[] = [];
  for (const s of stories) {
    const a = analyses.get(s.id);
    if (!a) continue;
    s.entityIds = a.entities.map((e) => e.id);
    s.eventIds = a.events.map((e) => e.id);
    events.push(...a.events);
    quotations.push(...(a.quotations ?? []));
    for (const [id, d] of Object.entries(a.inferredDates)) inferred.set(id, d);
    for (const e of a.entities) entities.set(e.id, mergeEntity(entities.get(e.id), e));
  }
  return {
    articles: (await pages.articles()).map((a) => {
      const out = exportArticle(a);
      const d = inferred.get(a.id);
      return d && !a.publishedAt ? { ...out, inferredDate: d } : out;
    }),
    stories,
    entities: [...entities.values()],
    events,
    quotations,
    pending: [...(await analysis.pending(stories.map((s) => s.id)))],
  };
}
