// Read-only queries for the server: ranked stories, story pages, entity pages, search with
// filters and paging, the live-update cursor, and readers' correction requests. Everything the
// web pages and the API read beyond the Store's own verbs lives here, so the pages stay thin.
import { sql, type Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { storyAnalyses } from '../timeline/stored.ts';
import type { ExportEntity, ExportEvent } from '../timeline/types.ts';
import type { Story } from '../types.ts';
import { mergeEntity } from './export.ts';
import type { Database, StoriesTable } from './schema.ts';

// A type alias, not an interface: withTables() needs an index-compatible record type.
type CorrectionsTable = {
  id: string;
  article_id: string;
  message: string;
  quote: string | null;
  status: string;
  created_at: string;
};
type ReadTables = { corrections: CorrectionsTable };
type Db = Kysely<Database>;
const tables = (db: Db): Kysely<Database & ReadTables> => db.withTables<ReadTables>();

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

const LITE = ['id', 'title', 'site', 'url', 'authors', 'language', 'published_at', 'ingested_at', 'duplicate_of', 'version_of', 'story_id'] as const;
type LiteRow = Pick<Database['articles'], (typeof LITE)[number]>;
const toLite = (r: LiteRow): ArticleLite => ({
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

/** A story row as the export shows it (entities and events come from its analysis). */
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

/**
 * Stories ranked by freshness and independent sources: the day of the latest news (or of the
 * last update when no article is dated), plus half a day per doubling of independent sources,
 * so a story many outlets cover stays above a one-source story of the same morning.
 */
export async function rankedStories(db: Db, opts: { limit: number; offset: number }): Promise<{ stories: Story[]; total: number }> {
  const rows = await db
    .selectFrom('stories')
    .selectAll()
    .where('merged_into', 'is', null)
    .orderBy('rank', 'desc')
    .orderBy('id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  const total = await db.selectFrom('stories').select((eb) => eb.fn.countAll<number>().as('n')).where('merged_into', 'is', null).executeTakeFirst();
  return { stories: rows.map((r) => toStory(r)), total: Number(total?.n ?? 0) };
}

/** A story by id; a story merged into another answers with the one that absorbed it. */
export async function storyById(db: Db, id: string): Promise<{ story: Story; mergedFrom?: string } | undefined> {
  let row = await db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
  let mergedFrom: string | undefined;
  for (let hops = 0; row?.merged_into && hops < 10; hops++) {
    mergedFrom ??= row.id;
    row = await db.selectFrom('stories').selectAll().where('id', '=', row.merged_into).executeTakeFirst();
  }
  if (!row) return undefined;
  const ids = await db.selectFrom('articles').select('id').where('story_id', '=', row.id).orderBy('ingested_at').orderBy('input').execute();
  return { story: toStory(row, ids.map((r) => r.id)), mergedFrom };
}

export async function storyArticles(db: Db, storyId: string): Promise<ArticleLite[]> {
  const rows = await db.selectFrom('articles').select(LITE).where('story_id', '=', storyId).orderBy('ingested_at').orderBy('input').execute();
  return rows.map(toLite);
}

export async function articlesLite(db: Db, ids: string[]): Promise<Map<string, ArticleLite>> {
  const out = new Map<string, ArticleLite>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.selectFrom('articles').select(LITE).where('id', 'in', unique.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, toLite(r));
  }
  return out;
}

/** The newest development of each story, in one line: its latest dated event that still stands. */
export async function newestDevelopments(db: Db, storyIds: string[]): Promise<Map<string, ExportEvent>> {
  const analyses = await storyAnalyses(db, storyIds);
  const out = new Map<string, ExportEvent>();
  for (const [id, a] of analyses) {
    const standing = a.events.filter((e) => e.status !== 'superseded' && e.status !== 'retracted');
    const key = (e: ExportEvent): string => e.date.start ?? e.sources.map((s) => s.reportedAt ?? '').sort().at(-1) ?? '';
    const best = standing.reduce<ExportEvent | undefined>((b, e) => (!b || key(e) > key(b) || (key(e) === key(b) && e.sources.length > b.sources.length) ? e : b), undefined);
    if (best) out.set(id, best);
  }
  return out;
}

export interface EntityPage {
  entity: ExportEntity;
  stories: Array<{ id: string; title: string; updatedAt: string }>;
  events: ExportEvent[];
  /** Names of the other entities its roles and events mention (organisations above all). */
  names: Map<string, string>;
}

/**
 * An entity across every story whose analysis names it. Analyses are cached per story (see
 * timeline/stored.ts); the cached JSON is searched for the id, then those stories are read
 * through storyAnalyses so a stale analysis is refreshed before it is shown.
 */
export async function entityPage(db: Db, id: string, maxStories = 200): Promise<EntityPage | undefined> {
  if (!/^[\w-]{1,64}$/.test(id)) return undefined;
  const hits = await db
    .selectFrom('story_analysis')
    .select('story_id')
    .where('analysis', 'like', `%"id":"${id}"%`)
    .orderBy('analyzed_at', 'desc')
    .limit(maxStories)
    .execute();
  if (!hits.length) return undefined;
  const live = await db.selectFrom('stories').select(['id', 'title', 'updated_at']).where('id', 'in', hits.map((h) => h.story_id)).where('merged_into', 'is', null).execute();
  const analyses = await storyAnalyses(db, live.map((s) => s.id));
  let entity: ExportEntity | undefined;
  const events: ExportEvent[] = [];
  const names = new Map<string, string>();
  const stories: EntityPage['stories'] = [];
  for (const s of live) {
    const a = analyses.get(s.id);
    const e = a?.entities.find((x) => x.id === id);
    if (!a || !e) continue;
    stories.push({ id: s.id, title: s.title, updatedAt: s.updated_at });
    for (const x of a.entities) names.set(x.id, x.name);
    entity = mergeEntity(entity, e);
    events.push(...a.events.filter((ev) => ev.participants.some((p) => p.entityId === id)));
  }
  if (!entity) return undefined;
  events.sort((a, b) => (a.date.start ?? '9999').localeCompare(b.date.start ?? '9999'));
  stories.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return { entity, stories, events, names };
}


export interface SearchQuery {
  q: string;
  language?: string;
  site?: string;
  /** ISO dates (inclusive) on the article's publication date. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface SearchHit extends ArticleLite {
  /** The matching passage with the matched words between \u0001 and \u0002 (escape, then mark). */
  snippet: string;
}

/** Free text → an FTS5 query that cannot be a syntax error: every word quoted, the last one a prefix. */
export function ftsQuery(q: string): string | undefined {
  const words = q.normalize('NFC').match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.slice(0, 12);
  if (!words?.length) return undefined;
  return words.map((w, i) => `"${w.replace(/"/g, '""')}"${i === words.length - 1 && w.length >= 3 ? ' *' : ''}`).join(' ');
}

/**
 * Full-text search, best matches first (bm25, the title weighing four times the text), a page at
 * a time. Ranking scores every match; without filters it reads the full-text index alone, and the
 * article rows only for the page's matches (a common word matches a good part of the store, and
 * reading every matching row costs more than ranking them). Filters need the rows: joined.
 */
export async function searchArticles(db: Db, query: SearchQuery): Promise<{ total: number; hits: SearchHit[] }> {
  const match = ftsQuery(query.q);
  if (!match) return { total: 0, hits: [] };
  const snippet = sql<string>`snippet(articles_fts, 1, char(1), char(2), '…', 24)`.as('snippet');
  if (!(query.language || query.site || query.from || query.to)) {
    const index = db.selectFrom('articles_fts' as never as 'articles').where(sql<boolean>`articles_fts match ${match}`);
    const total = await index.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const page = await index
      .select([sql<number>`articles_fts.rowid`.as('row'), snippet])
      .orderBy(sql`bm25(articles_fts, 4.0, 1.0)`)
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    const rows = page.length ? await db.selectFrom('articles').select([...LITE, sql<number>`rowid`.as('row')]).where(sql<boolean>`rowid in (${sql.join(page.map((p) => p.row))})`).execute() : [];
    const byRow = new Map(rows.map((r) => [r.row, r]));
    const hits = page.flatMap((p) => {
      const r = byRow.get(p.row);
      return r ? [{ ...toLite(r), snippet: p.snippet }] : [];
    });
    return { total: Number(total?.n ?? 0), hits };
  }
  let base = db
    .selectFrom('articles_fts' as never as 'articles')
    .innerJoin('articles as a', (j) => j.on(sql`a.rowid`, '=', sql`articles_fts.rowid`))
    .where(sql<boolean>`articles_fts match ${match}`);
  if (query.language) base = base.where('a.language', '=', query.language);
  if (query.site) base = base.where('a.site', '=', query.site);
  if (query.from) base = base.where('a.published_at', '>=', query.from);
  if (query.to) base = base.where('a.published_at', '<', nextDay(query.to));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .select(LITE.map((c) => `a.${c}` as const))
    .select(snippet)
    .orderBy(sql`bm25(articles_fts, 4.0, 1.0)`)
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { total: Number(total?.n ?? 0), hits: rows.map((r) => ({ ...toLite(r as LiteRow), snippet: (r as { snippet: string }).snippet })) };
}

function nextDay(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The languages and sites articles come in, for the search filters (most frequent first). */
export async function facets(db: Db, limit = 200): Promise<{ languages: string[]; sites: string[] }> {
  const langs = await db.selectFrom('articles').select('language').groupBy('language').orderBy(sql`count(*)`, 'desc').limit(limit).execute();
  const sites = await db.selectFrom('articles').select('site').where('site', 'is not', null).groupBy('site').orderBy(sql`count(*)`, 'desc').limit(limit).execute();
  return { languages: langs.map((r) => r.language), sites: sites.map((r) => r.site!).filter(Boolean) };
}

/** The live-update cursor: the newest article's rowid (ingest may run in another process). */
export async function liveCursor(db: Db): Promise<number> {
  const r = await sql<{ n: number | null }>`select max(rowid) as n from articles`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Articles stored after `since` (a cursor), optionally in one story (what an open page has not shown). */
export async function countSince(db: Db, since: number, storyId?: string): Promise<number> {
  const r = storyId
    ? await sql<{ n: number }>`select count(*) as n from articles where rowid > ${since} and story_id = ${storyId}`.execute(db)
    : await sql<{ n: number }>`select count(*) as n from articles where rowid > ${since}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export interface Correction {
  id: string;
  articleId: string;
  message: string;
  quote: string | null;
  status: string;
  createdAt: string;
}

export async function addCorrection(db: Db, c: { articleId: string; message: string; quote?: string | null }): Promise<Correction> {
  const row: CorrectionsTable = { id: randomUUID(), article_id: c.articleId, message: c.message, quote: c.quote ?? null, status: 'open', created_at: new Date().toISOString() };
  await tables(db).insertInto('corrections').values(row).execute();
  return { id: row.id, articleId: row.article_id, message: row.message, quote: row.quote, status: row.status, createdAt: row.created_at };
}

export async function corrections(db: Db, articleId?: string): Promise<Correction[]> {
  let q = tables(db).selectFrom('corrections').selectAll().orderBy('created_at', 'desc').limit(500);
  if (articleId) q = q.where('article_id', '=', articleId);
  return (await q.execute()).map((r) => ({ id: r.id, articleId: r.article_id, message: r.message, quote: r.quote, status: r.status, createdAt: r.created_at }));
}

/** A story's stamp: what its page and JSON are built from, as one string that changes when an
 * article joins or leaves, a person decides, or it is merged away. A merged story resolves to the
 * live story that absorbed it (the stamp is that story's, so it follows the absorber's changes). */
export async function storyStamp(db: Db, id: string): Promise<{ id: string; mergedFrom?: string; updatedAt: string; stamp: string } | undefined> {
  if (!/^[\w-]{1,64}$/.test(id)) return undefined;
  let cur = id;
  let mergedFrom: string | undefined;
  for (let hops = 0; hops < 10; hops++) {
    const r = await db.selectFrom('stories').select(['updated_at', 'article_count', 'merged_into']).where('id', '=', cur).executeTakeFirst();
    if (!r) return undefined;
    if (!r.merged_into) return { id: cur, mergedFrom, updatedAt: r.updated_at, stamp: `${cur}|${r.updated_at}|${r.article_count}` };
    mergedFrom ??= cur;
    cur = r.merged_into;
  }
  return undefined;
}

/** An article's stamp: its row (articles are written once) and the story it now belongs to. */
export async function articleStamp(db: Db, id: string): Promise<string | undefined> {
  if (!/^[\w-]{1,64}$/.test(id)) return undefined;
  const r = await db
    .selectFrom('articles')
    .select([sql<number>`rowid`.as('row'), 'story_id', 'duplicate_of', 'version_of'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && `${r.row}|${r.story_id ?? ''}|${r.duplicate_of ?? ''}|${r.version_of ?? ''}`;
}

/** The store's write generation: it changes whenever anything is committed, by this connection
 * (total_changes) or by another process, such as an ingest (data_version). One cheap statement. */
export async function storeGeneration(db: Db): Promise<string> {
  const r = await sql<{ local: number; remote: number }>`select total_changes() as local, data_version as remote from pragma_data_version`.execute(db);
  const row = r.rows[0];
  return `${row?.local ?? 0}.${row?.remote ?? 0}`;
}
