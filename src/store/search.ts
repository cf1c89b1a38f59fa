// Full-text search with filters and paging (the engine's own index, through the adapter), and
// the facets the search form offers.
import { sql } from 'kysely';
import type { Db, SearchQuery, SqlDialect } from './dialect.ts';
import { toLite, type ArticleLite } from './rows.ts';

export type { SearchQuery } from './dialect.ts';

export interface SearchHit extends ArticleLite {
  /** The matching passage with the matched words between \u0001 and \u0002 (escape, then mark). */
  snippet: string;
}

export class SearchStore {
  private readonly db: Db;
  private readonly dialect: SqlDialect;

  constructor(db: Db, dialect: SqlDialect) {
    this.db = db;
    this.dialect = dialect;
  }

  async articles(query: SearchQuery): Promise<{ total: number; hits: SearchHit[] }> {
    const r = await this.dialect.search(this.db, query);
    return { total: r.total, hits: r.rows.map((row) => ({ ...toLite(row), snippet: row.snippet })) };
  }

  /** The languages and sites articles come in (most frequent first). */
  async facets(limit = 200): Promise<{ languages: string[]; sites: string[] }> {
    const langs = await this.db.selectFrom('articles').select('language').groupBy('language').orderBy(sql`count(*)`, 'desc').limit(limit).execute();
    const sites = await this.db.selectFrom('articles').select('site').where('site', 'is not', null).groupBy('site').orderBy(sql`count(*)`, 'desc').limit(limit).execute();
    return { languages: langs.map((r) => r.language), sites: sites.map((r) => r.site!).filter(Boolean) };
  }
}
