// The timeline stage's I/O shell: a story's analysis is computed from its stored articles when
// someone reads it and the story has changed since (its version: last update and article count),
// then kept. Ingest stays fast; every read sees the story as it is now.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { DateSource } from '../types.ts';
import { analyzeStory, type StoryAnalysis } from './index.ts';

type Db = Kysely<Database>;

export async function storyAnalyses(db: Db, storyIds: string[]): Promise<Map<string, StoryAnalysis>> {
  const out = new Map<string, StoryAnalysis>();
  for (let i = 0; i < storyIds.length; i += 300) {
    const part = storyIds.slice(i, i + 300);
    const stories = await db.selectFrom('stories').select(['id', 'updated_at', 'article_count']).where('id', 'in', part).execute();
    const cached = await db.selectFrom('story_analysis').select(['story_id', 'version', 'analysis']).where('story_id', 'in', part).execute();
    const byId = new Map(cached.map((c) => [c.story_id, c]));
    for (const s of stories) {
      const version = `${s.updated_at}|${s.article_count}`;
      const hit = byId.get(s.id);
      if (hit && hit.version === version) {
        out.set(s.id, JSON.parse(hit.analysis));
        continue;
      }
      const analysis = await analyze(db, s.id);
      out.set(s.id, analysis);
      const now = new Date().toISOString();
      await db
        .insertInto('story_analysis')
        .values({ story_id: s.id, version, analysis: JSON.stringify(analysis), analyzed_at: now })
        .onConflict((oc) => oc.column('story_id').doUpdateSet({ version, analysis: JSON.stringify(analysis), analyzed_at: now }))
        .execute();
    }
  }
  return out;
}

async function analyze(db: Db, storyId: string): Promise<StoryAnalysis> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'title', 'text', 'language', 'published_at', 'published_at_source', 'ingested_at', 'url', 'site'])
    .where('story_id', '=', storyId)
    // Copies repeat their original's sentences: one report counts once in the ledger too.
    .where('duplicate_of', 'is', null)
    .orderBy('ingested_at')
    .orderBy('input')
    .execute();
  return analyzeStory(
    storyId,
    rows.map((r) => ({
      id: r.id,
      title: r.title,
      text: r.text,
      language: r.language,
      publishedAt: r.published_at,
      publishedAtSource: r.published_at_source as DateSource | null,
      ingestedAt: r.ingested_at,
      url: r.url,
      site: r.site,
    })),
  );
}
