// What the web pages and the API read about stories and articles: ranked stories, a story with
// its members, articles (whole or in brief), and the stamps kept responses are checked against.
import type { Article, Story } from '../types.ts';
import { LITE, type Db, type SqlDialect } from './dialect.ts';
import { parts } from './parts.ts';
import { ARTICLE, toArticle, toLite, toStory, type ArticleLite } from './rows.ts';

export class PagesStore {
  private readonly db: Db;
  private readonly dialect: SqlDialect;

  constructor(db: Db, dialect: SqlDialect) {
    this.db = db;
    this.dialect = dialect;
  }

  /** Live stories in home-page order (stories/rank.ts decides the rank when a story is written). */
  async rankedStories(opts: { limit: number; offset: number }): Promise<{ stories: Story[]; total: number }> {
    const rows = await this.db
      .selectFrom('stories')
      .selectAll()
      .where('merged_into', 'is', null)
      .orderBy('rank', 'desc')
      .orderBy('id')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute();
    const total = await this.db.selectFrom('stories').select((eb) => eb.fn.countAll<number>().as('n')).where('merged_into', 'is', null).executeTakeFirst();
    return { stories: rows.map((r) => toStory(r)), total: Number(total?.n ?? 0) };
  }

  /** The newest live stories by when Storyline first saw them (the site-wide feed). */
  async newestStories(limit: number): Promise<Story[]> {
    const rows = await this.db.selectFrom('stories').selectAll().where('merged_into', 'is', null).orderBy('first_seen_at', 'desc').orderBy('id').limit(limit).execute();
    return rows.map((r) => toStory(r));
  }

  /** Every live story with its articles, freshest first (the export). */
  async allStories(): Promise<Story[]> {
    const rows = await this.db.selectFrom('stories').selectAll().where('merged_into', 'is', null).orderBy('updated_at', 'desc').orderBy('id').execute();
    const members = await this.db.selectFrom('articles').select(['id', 'story_id']).orderBy('ingested_at').orderBy('input').execute();
    const byStory = new Map<string, string[]>();
    for (const m of members) if (m.story_id) (byStory.get(m.story_id) ?? byStory.set(m.story_id, []).get(m.story_id)!).push(m.id);
    return rows.map((r) => toStory(r, byStory.get(r.id) ?? []));
  }

  /** A story by id; a story merged into another answers with the one that absorbed it. */
  async story(id: string): Promise<{ story: Story; mergedFrom?: string } | undefined> {
    let row = await this.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
    let mergedFrom: string | undefined;
    for (let hops = 0; row?.merged_into && hops < 10; hops++) {
      mergedFrom ??= row.id;
      row = await this.db.selectFrom('stories').selectAll().where('id', '=', row.merged_into).executeTakeFirst();
    }
    if (!row) return undefined;
    const ids = await this.db.selectFrom('articles').select('id').where('story_id', '=', row.id).orderBy('ingested_at').orderBy('input').execute();
    return { story: toStory(row, ids.map((r) => r.id)), mergedFrom };
  }

  /** A story's title, if it exists. */
  async storyTitle(id: string): Promise<{ id: string; title: string } | undefined> {
    return this.db.selectFrom('stories').select(['id', 'title']).where('id', '=', id).executeTakeFirst();
  }

  async storyArticles(storyId: string): Promise<ArticleLite[]> {
    const rows = await this.db.selectFrom('articles').select(LITE).where('story_id', '=', storyId).orderBy('ingested_at').orderBy('input').execute();
    return rows.map(toLite);
  }

  async articlesLite(ids: string[]): Promise<Map<string, ArticleLite>> {
    const out = new Map<string, ArticleLite>();
    for (const part of parts([...new Set(ids)])) for (const r of await this.db.selectFrom('articles').select(LITE).where('id', 'in', part).execute()) out.set(r.id, toLite(r));
    return out;
  }

  async article(id: string): Promise<Article | undefined> {
    const row = await this.db.selectFrom('articles').select(ARTICLE).where('id', '=', id).executeTakeFirst();
    return row && toArticle(row);
  }

  /** Articles in the order they came (or newest first), a page at a time or all. */
  async articles(opts: { limit?: number; offset?: number; newestFirst?: boolean } = {}): Promise<Article[]> {
    const dir = opts.newestFirst ? 'desc' : 'asc';
    let q = this.db.selectFrom('articles').select(ARTICLE).orderBy('ingested_at', dir).orderBy('input', dir);
    if (opts.limit !== undefined) q = q.limit(opts.limit).offset(opts.offset ?? 0);
    return (await q.execute()).map(toArticle);
  }

  async counts(): Promise<{ inputs: number; articles: number; stories: number }> {
    const n = async (t: 'inputs' | 'articles'): Promise<number> =>
      Number((await this.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const stories = await this.db.selectFrom('stories').select((eb) => eb.fn.countAll<number>().as('n')).where('merged_into', 'is', null).executeTakeFirst();
    return { inputs: await n('inputs'), articles: await n('articles'), stories: Number(stories?.n ?? 0) };
  }

  /** A story's stamp: what its page and JSON are built from, as one string that changes when an
   * article joins or leaves, a person decides, it is merged away, or its analysis is rewritten. A
   * merged story resolves to the live story that absorbed it (the stamp is that story's, so it
   * follows the absorber's changes). */
  async storyStamp(id: string): Promise<{ id: string; mergedFrom?: string; updatedAt: string; stamp: string } | undefined> {
    if (!/^[\w-]{1,64}$/.test(id)) return undefined;
    let cur = id;
    let mergedFrom: string | undefined;
    for (let hops = 0; hops < 10; hops++) {
      const r = await this.db
        .selectFrom('stories')
        .leftJoin('analyses', 'analyses.story_id', 'stories.id')
        .select(['stories.updated_at', 'stories.article_count', 'stories.merged_into', 'analyses.seq'])
        .where('stories.id', '=', cur)
        .executeTakeFirst();
      if (!r) return undefined;
      if (!r.merged_into) return { id: cur, mergedFrom, updatedAt: r.updated_at, stamp: `${cur}|${r.updated_at}|${r.article_count}|${r.seq ?? ''}` };
      mergedFrom ??= cur;
      cur = r.merged_into;
    }
    return undefined;
  }

  /** An article's stamp: its row (articles are written once) and the story it now belongs to. */
  async articleStamp(id: string): Promise<string | undefined> {
    if (!/^[\w-]{1,64}$/.test(id)) return undefined;
    const r = await this.db.selectFrom('articles').select(['story_id', 'duplicate_of', 'version_of']).where('id', '=', id).executeTakeFirst();
    if (!r) return undefined;
    const seq = await this.dialect.articleSeq(this.db, id);
    return `${seq}|${r.story_id ?? ''}|${r.duplicate_of ?? ''}|${r.version_of ?? ''}`;
  }
}
