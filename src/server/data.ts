// What pages, API and feeds read for one story or one entity, loaded once per request.
import type { Store } from '../store/index.ts';
import { articlesLite, entityPage, storyArticles, storyById, type ArticleLite, type EntityPage } from '../store/read.ts';
import { storyAnalyses } from '../timeline/stored.ts';
import type { StoryView } from './views/story.ts';

/** A story's version: it changes when an article joins, a person decides, or it is merged away. */
export async function storyVersion(store: Store, id: string): Promise<string | undefined> {
  if (!/^[\w-]{1,64}$/.test(id)) return undefined;
  const r = await store.db.selectFrom('stories').select(['updated_at', 'article_count', 'merged_into']).where('id', '=', id).executeTakeFirst();
  return r && `${r.updated_at}|${r.article_count}|${r.merged_into ?? ''}`;
}

/** What a story renders to, kept per story version: between two changes every reader gets the
 * same page body and the same JSON, so they are built once. Bounded, least recently used out. */
export class StoryMemo<T> {
  private readonly entries = new Map<string, { version: string; value: T }>();
  private readonly max: number;
  constructor(max = 500) {
    this.max = max;
  }

  async get(id: string, version: string, make: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(id);
    if (hit && hit.version === version) {
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.value;
    }
    const value = await make();
    this.entries.delete(id);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { version, value });
    return value;
  }
}

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
