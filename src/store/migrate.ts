// Applies the pending migrations of the append-only list, each in its own transaction. Two
// processes opening a store at once both get here: each step re-reads the version inside its
// transaction, under the engine's lock, so a migration runs once.
import { sql, type Kysely } from 'kysely';
import type { SqlDialect } from './dialect.ts';
import { MIGRATIONS } from './migrations.ts';
import type { Database } from './schema.ts';

async function version(db: Kysely<Database>): Promise<number> {
  const done = await sql<{ n: number }>`select count(*) as n from storyline_migrations`.execute(db);
  return Number(done.rows[0]?.n ?? 0);
}

export async function migrate(db: Kysely<Database>, dialect: SqlDialect): Promise<number> {
  // A store that is up to date is only read, never written: a read replica (a PostgreSQL hot
  // standby, where `serve` may run) refuses every write, even `create table if not exists`.
  if ((await version(db).catch(() => -1)) === MIGRATIONS.length) return MIGRATIONS.length;
  await db.transaction().execute(async (trx) => {
    await dialect.lockMigrations(trx);
    await sql`create table if not exists storyline_migrations (id integer primary key, name text not null, applied_at text not null)`.execute(trx);
  });
  const applied = await version(db);
  if (applied > MIGRATIONS.length)
    throw new Error(`the database is at schema version ${applied}, newer than this Storyline (${MIGRATIONS.length}); upgrade Storyline`);
  for (let i = applied; i < MIGRATIONS.length; i++) {
    const m = MIGRATIONS[i]!;
    await db.transaction().execute(async (trx) => {
      await dialect.lockMigrations(trx);
      if ((await version(trx)) > i) return; // another process applied it meanwhile
      await m.up(trx, dialect.name);
      await sql`insert into storyline_migrations (id, name, applied_at) values (${i + 1}, ${m.name}, ${new Date().toISOString()})`.execute(trx);
    });
  }
  return MIGRATIONS.length;
}
