// What pages, API and feeds read for one story or one entity: loaded when a response is built
// (kept responses are built once per version, see cache.ts), and paging of lists.
import type { Store } from '../store/index.ts';
import { articlesLite, entityPage, storyArticles, storyById, type ArticleLite, type EntityPage } from '../store/read.ts';
import { storyAnalyses } from '../timeline/stored.ts';
import type { StoryView } from './views/story.ts';

export async function loadStory(store: Store, id: string): Promise<(StoryView & { mergedFrom?: string }) | undefined> {
  if (!/^[\w-]{1,64}$/.test(id)) return undefined;
  const found = await storyById(store.db, id);
  if (!found) return undefined;
  const { story } = found;
  const [articles, analyses] = await Promise.all([storyArticles(store.db, story.id), storyAnalyses(store.db, [story.id])]);
  const a = analyses.get(story.id);
  story.entityIds = a?.entities.map((e) => e.id) ?? [];
  story.eventIds = a?.events.map((e) => e.id) ?? [];
  return { story, events: a?.events ?? [], entities: a?.entities ?? [], articles, mergedFrom: found.mergedFrom };
}

export async function loadEntity(store: Store, id: string): Promise<{ page: EntityPage; articles: Map<string, ArticleLite> } | undefined> {
  const page = await entityPage(store.db, id);
  if (!page) return undefined;
  const ids = [...page.events.flatMap((e) => e.sources.map((s) => s.articleId)), ...page.entity.roles.flatMap((r) => r.sources.map((s) => s.articleId))];
  return { page, articles: await articlesLite(store.db, ids) };
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
