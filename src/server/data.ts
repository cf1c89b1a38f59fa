// What pages, API and feeds read for one story or one entity: loaded when a response is built
// (kept responses are built once per version, see cache.ts), and paging of lists.
// Nothing here writes: analysis is done by the analysis worker (pipeline/analyse.ts), and a story
// whose newest version is still queued shows its last analysis with "analysing…".
import type { ArticleLite, EntityPage, Store } from '../store/index.ts';
import type { StoryView } from './views/story.ts';

export async function loadStory(store: Store, id: string): Promise<(StoryView & { mergedFrom?: string }) | undefined> {
  if (!/^[\w-]{1,64}$/.test(id)) return undefined;
  const found = await store.pages.story(id);
  if (!found) return undefined;
  const { story } = found;
  const [articles, analyses, pending] = await Promise.all([store.pages.storyArticles(story.id), store.analysis.ofStories([story.id]), store.analysis.pending([story.id])]);
  const a = analyses.get(story.id);
  story.entityIds = a?.entities.map((e) => e.id) ?? [];
  story.eventIds = a?.events.map((e) => e.id) ?? [];
  return { story, events: a?.events ?? [], entities: a?.entities ?? [], articles, analysing: pending.has(story.id), mergedFrom: found.mergedFrom, dates: a?.inferredDates ?? {} };
}

export async function loadEntity(store: Store, id: string): Promise<{ page: EntityPage; articles: Map<string, ArticleLite> } | undefined> {
  const page = await store.analysis.entityPage(id);
  if (!page) return undefined;
  const ids = [...page.events.flatMap((e) => e.sources.map((s) => s.articleId)), ...page.entity.roles.flatMap((r) => r.sources.map((s) => s.articleId))];
  return { page, articles: await store.pages.articlesLite(ids) };
}

export interface Paging {
  page: number;
  limit: number;
  offset: number;
}

export function paging(query: (k: string) => string | undefined, defaultLimit: number, maxLimit = 100): Paging {
  const page = Math.max(1, Math.min(100_000, Math.floor(Number(query('page') ?? 1)) || 1));
  const limit = Math.max(1, Math.min(maxLimit, Math.floor(Number(query('limit') ?? defaultLimit)) || defaultLimit));
  return { page, limit, offset: (page - 1) * limit };
}
