// The SQLite adapter: the engine's own SQL for what portable queries do poorly (FTS5 search,
// rowid order, data_version, json_each upserts, VACUUM INTO). Everything else is in the store's
// parts. Transactions begin IMMEDIATE (open.ts): one writer at a time, which is all the locking
// grouping and queues need here.
import { sql } from 'kysely';
import { LITE, writeOrder, type Db, type LiteRow, type SearchQuery, type SqlDialect } from '../dialect.ts';

export { openSqlite } from './open.ts';

/** Free text → an FTS5 query that cannot be a syntax error: every word quoted, the last one a prefix. */
export function ftsQuery(q: string): string | undefined {
  const words = q.normalize('NFC').match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.slice(0, 12);
  if (!words?.length) return undefined;
  return words.map((w, i) => `"${w.replace(/"/g, '""')}"${i === words.length - 1 && w.length >= 3 ? ' *' : ''}`).join(' ');
}

function nextDay(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',

  /**
   * Best matches first (bm25, the title weighing four times the text), a page at a time. Ranking
   * scores every match; without filters it reads the full-text index alone, and the article rows
   * only for the page's matches (a common word matches a good part of the store, and reading
   * every matching row costs more than ranking them). Filters need the rows: joined.
   */
  async search(db: Db, query: SearchQuery) {
    const match = ftsQuery(query.q);
    if (!match) return { total: 0, rows: [] };
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
      return { total: Number(total?.n ?? 0), rows: page.flatMap((p) => (byRow.has(p.row) ? [{ ...byRow.get(p.row)!, snippet: p.snippet }] : [])) };
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
    return { total: Number(total?.n ?? 0), rows: rows as Array<LiteRow & { snippet: string }> };
  },

  // Write order: SQLite's rowid is insertion order.
  ...writeOrder('rowid'),

  // total_changes counts this connection's commits, data_version moves when another connection
  // (an ingest in another process) commits: one cheap statement.
  async writeGeneration(db) {
    const r = await sql<{ local: number; remote: number }>`select total_changes() as local, data_version as remote from pragma_data_version`.execute(db);
    const row = r.rows[0];
    return `${row?.local ?? 0}.${row?.remote ?? 0}`;
  },

  // One statement for all the terms, their counts passed as one JSON array: written row by row
  // through the query builder, tens of thousands of terms cost more in building statements than
  // in SQLite. In key order, the upserts walk the B-tree's pages once, left to right, instead of
  // landing on random pages of a table as large as the vocabulary.
  async addTermCounts(db, counts) {
    await sql`insert into term_df (term, df) select value ->> 0, value ->> 1 from json_each(${JSON.stringify(counts)}) where true order by 1
      on conflict (term) do update set df = term_df.df + excluded.df`.execute(db);
  },

  async lockGrouping() {},
  async lockMigrations() {},
  forClaim: (q) => q,

  async integrityCheck(db) {
    const problems = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    try {
      // rank 1: the index is also checked against the articles it was built from.
      await sql`insert into articles_fts (articles_fts, rank) values ('integrity-check', 1)`.execute(db);
    } catch (e) {
      problems.push(`full-text index: ${(e as Error).message}`);
    }
    return problems;
  },

  // VACUUM INTO writes a consistent, compacted copy from one read transaction: writers go on.
  async backup(db, file) {
    await sql`vacuum into ${file}`.execute(db);
  },
};
