// PostgreSQL through node-postgres: a pool of connections per process, in one schema of the
// database (STORYLINE_PG_SCHEMA, `public` by default). Extensions live in `public`, which stays
// on the search path.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { config } from '../../config.ts';
import type { Database } from '../schema.ts';

const INT8 = 20;

/** The schema a store opens: STORYLINE_PG_SCHEMA, or (tests) one per SQLite file name given. */
export function schemaFor(file: string | undefined): string {
  if (config('pgSchemaPerDb') && file) return `t_${createHash('sha256').update(resolve(file)).digest('hex').slice(0, 20)}`;
  const schema = config('pgSchema');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`STORYLINE_PG_SCHEMA=${schema} is not a plain lower-case identifier`);
  return schema;
}

/** The URL without its password, to show. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/** A store was asked for that does not exist (and was not to be created). */
export class NoStoreError extends Error {}

/** Opens the store in `schema`, creating the schema unless `existing` (then a schema without
 * Storyline's tables is refused with a NoStoreError, as a SQLite file that does not exist is). */
export async function openPostgres(url: string, schema: string, existing = false): Promise<Kysely<Database>> {
  const pool = new pg.Pool({
    connectionString: url,
    max: config('pgPoolSize'),
    application_name: 'storyline',
    options: `-c search_path=${schema},public`,
    // Counts come back as int8: as numbers (every count here is far below 2⁵³), not strings.
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // An idle connection the server closed (a restart, a failover) is dropped from the pool; the
  // next query opens another. Without a listener, the event would end the process.
  pool.on('error', (e) => process.stderr.write(`storyline: PostgreSQL connection lost: ${e.message}\n`));
  try {
    const client = await pool.connect();
    try {
      if (existing) {
        const found = await client.query<{ t: string | null }>('select to_regclass($1) as t', [`${schema}.storyline_migrations`]);
        if (!found.rows[0]?.t) throw new NoStoreError(`no Storyline store in schema ${schema} of ${redact(url)}`);
      } else if (schema !== 'public') await client.query(`create schema if not exists ${schema}`);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end();
    if (e instanceof NoStoreError) throw e;
    throw new Error(`cannot reach PostgreSQL at ${redact(url)}: ${(e as Error).message}`);
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
