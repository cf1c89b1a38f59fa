// The PostgreSQL adapter: the engine's own SQL for what portable queries do poorly. Full-text
// search runs over a generated tsvector per article: the article's language configuration
// (French or English stemming, accents folded by unaccent) for its title (weight A) and text,
// plus the words as written (accents folded, no stemming, no stop words), so that whatever SQLite
// finds is found here too, and more by stems. Write order is the articles' `seq` identity.
// Queue rows are claimed with FOR UPDATE SKIP LOCKED; grouping writers take an advisory lock.
import { sql, type RawBuilder } from 'kysely';
import { LITE, writeOrder, PG_DUMP_ADVICE, type Db, type LiteRow, type SearchQuery, type SqlDialect } from '../dialect.ts';

export { NoStoreError, openPostgres, redact, schemaFor } from './open.ts';

/** The query words as SQLite's ftsQuery reads them: at most 12, the last a prefix when ≥ 3 chars. */
function tsQuery(q: string): RawBuilder<unknown> | undefined {
  const words = q.normalize('NFC').match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.slice(0, 12);
  if (!words?.length) return undefined;
  const parts = words.map((w, i) => {
    if (i === words.length - 1 && w.length >= 3) {
      // Pieces of letters and digits only, so the tsquery syntax never sees a quote or operator.
      const expr = w.match(/[\p{L}\p{N}]+/gu)!.map((t) => `'${t}'`).join(' <-> ') + ':*';
      return sql`(to_tsquery('storyline_simple', ${expr}) || to_tsquery('storyline_fr', ${expr}) || to_tsquery('storyline_en', ${expr}))`;
    }
    return sql`(phraseto_tsquery('storyline_simple', ${w}) || phraseto_tsquery('storyline_fr', ${w}) || phraseto_tsquery('storyline_en', ${w}))`;
  });
  return sql.join(parts, sql` && `);
}

function nextDay(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Advisory lock keys: grouping per schema (stores in other schemas do not wait on each other),
 * migrations per database (extensions are the database's). */
const GROUPING_LOCK = sql`hashtext(current_schema() || '/storyline-grouping')`;
const MIGRATION_LOCK = sql`hashtext('storyline-migrations')`;

export const postgresDialect: SqlDialect = {
  name: 'postgres',

  async search(db: Db, query: SearchQuery) {
    const tsq = tsQuery(query.q);
    if (!tsq) return { total: 0, rows: [] };
    const filters: RawBuilder<unknown>[] = [sql`a.search @@ q.query`];
    if (query.language) filters.push(sql`a.language = ${query.language}`);
    if (query.site) filters.push(sql`a.site = ${query.site}`);
    if (query.from) filters.push(sql`a.published_at >= ${query.from}`);
    if (query.to) filters.push(sql`a.published_at < ${nextDay(query.to)}`);
    const where = sql.join(filters, sql` and `);
    const from = sql`articles a, (select ${tsq} as query) q`;
    const total = await sql<{ n: number }>`select count(*) as n from ${from} where ${where}`.execute(db);
    // The title weighs four times the text (as bm25's weights in SQLite); ties: newest first.
    const rows = await sql<LiteRow & { snippet: string }>`select ${sql.join(LITE.map((c) => sql.ref(`a.${c}`)))},
        ts_headline('storyline_simple', a.text, q.query, ${'StartSel=\u0001, StopSel=\u0002, MaxWords=24, MinWords=12, ShortWord=2'}) as snippet
      from ${from} where ${where}
      order by ts_rank('{0.25, 0.25, 0.25, 1.0}', a.search, q.query) desc, a.seq desc
      limit ${query.limit} offset ${query.offset}`.execute(db);
    return { total: Number(total.rows[0]?.n ?? 0), rows: rows.rows };
  },

  // Write order: the `seq` identity column (a migration added it).
  ...writeOrder('seq'),

  // The snapshot (oldest running transaction, next id, those in progress) changes when any
  // transaction that wrote begins or ends, in any session; reads leave it as it is. A read
  // replica sees the primary's.
  async writeGeneration(db) {
    const r = await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(db);
    return r.rows[0]?.s ?? '';
  },

  // Two arrays, one statement, in key order (as in SQLite: the B-tree walked once).
  async addTermCounts(db, counts) {
    if (!counts.length) return;
    await sql`insert into term_df (term, df) select * from unnest(${counts.map((c) => c[0])}::text[], ${counts.map((c) => c[1])}::int[]) as u(term, df) order by 1
      on conflict (term) do update set df = term_df.df + excluded.df`.execute(db);
  },

  async lockGrouping(trx) {
    await sql`select pg_advisory_xact_lock(${GROUPING_LOCK})`.execute(trx);
  },

  async lockMigrations(trx) {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
  },

  forClaim: (q) => q.forUpdate().skipLocked(),

  // amcheck verifies every B-tree index of the schema against its table, where the extension
  // is installed or may be (it needs a superuser to create).
  async integrityCheck(db) {
    const has = await sql<{ n: number }>`select count(*) as n from pg_extension where extname = 'amcheck'`.execute(db);
    if (!Number(has.rows[0]?.n)) {
      try {
        await sql`create extension if not exists amcheck with schema public`.execute(db);
      } catch {
        return [];
      }
    }
    const indexes = await sql<{ name: string }>`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_am am on am.oid = c.relam
      where c.relkind = 'i' and am.amname = 'btree' and n.nspname = current_schema()`.execute(db);
    const problems: string[] = [];
    for (const { name } of indexes.rows) {
      try {
        await sql`select public.bt_index_check(${name}::regclass, true)`.execute(db);
      } catch (e) {
        problems.push(`index ${name}: ${(e as Error).message}`);
      }
    }
    return problems;
  },

  async backup() {
    throw new Error(PG_DUMP_ADVICE);
  },
};
