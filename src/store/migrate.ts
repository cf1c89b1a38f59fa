// Applies the pending migrations of the append-only list, each in its own transaction.
import { sql, type Kysely } from 'kysely';
import { MIGRATIONS, type Dialect } from './migrations.ts';
import type { Database } from './schema.ts';

export async function migrate(db: Kysely<Database>, dialect: Dialect): Promise<number> {
  await sql`create table if not exists storyline_migrations (id integer primary key, name text not null, applied_at text not null)`.execute(db);
  const done = await sql<{ n: number }>`select count(*) as n from storyline_migrations`.execute(db);
  const applied = Number(done.rows[0]?.n ?? 0);
  if (applied > MIGRATIONS.length)
    throw new Error(`the database is at schema version ${applied}, newer than this Storyline (${MIGRATIONS.length}); upgrade Storyline`);
  for (let i = applied; i < MIGRATIONS.length; i++) {
    const m = MIGRATIONS[i]!;
    await db.transaction().execute(async (trx) => {
      await m.up(trx, dialect);
      await sql`insert into storyline_migrations (id, name, applied_at) values (${i + 1}, ${m.name}, ${new Date().toISOString()})`.execute(trx);
    });
  }
  return MIGRATIONS.length;
}
