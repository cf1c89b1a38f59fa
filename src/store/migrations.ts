// Order is important. Add new migrations at the end of the list; never edit or reorder one that
// has shipped. The schema version of a database is the number of migrations applied to it.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';
export interface Migration {
  name: string;
  up(db: Kysely<Database>, dialect: Dialect): Promise<void>;
}

export const MIGRATIONS: Migration[] = [
  {
    name: 'inputs, articles, stories',
    async up(db, dialect) {
      const blob = dialect === 'postgres' ? 'bytea' : 'blob';
      await db.schema
        .createTable('inputs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('input', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('bytes', sql.raw(blob), (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('site_key', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('inputs_content_hash').on('inputs').column('content_hash').execute();
      await db.schema
        .createTable('articles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('input_id', 'text', (c) => c.notNull().references('inputs.id'))
        .addColumn('input', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('subtitle', 'text')
        .addColumn('authors', 'text', (c) => c.notNull())
        .addColumn('site', 'text')
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('published_at_source', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('blocks', 'text', (c) => c.notNull())
        .addColumn('removed', 'text', (c) => c.notNull())
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('duplicate_of', 'text')
        .addColumn('story_id', 'text')
        .addColumn('extractor_version', 'integer', (c) => c.notNull())
        .addColumn('ingested_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('articles_body_hash').on('articles').column('body_hash').execute();
      await db.schema.createIndex('articles_story').on('articles').column('story_id').execute();
      await db.schema.createIndex('articles_url').on('articles').column('url').execute();
      await db.schema
        .createTable('stories')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    name: 'site lines (statistical clutter signal)',
    async up(db) {
      await db.schema
        .createTable('site_lines')
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('line_hash', 'text', (c) => c.notNull())
        .addColumn('first_doc', 'text', (c) => c.notNull())
        .addColumn('second_doc', 'text')
        .addPrimaryKeyConstraint('site_lines_pk', ['site', 'line_hash'])
        .execute();
    },
  },
  {
    name: 'full-text search over articles',
    async up(db, dialect) {
      if (dialect === 'postgres') {
        await sql`alter table articles add column search tsvector generated always as (to_tsvector('simple', coalesce(title, '') || ' ' || text)) stored`.execute(db);
        await sql`create index articles_search on articles using gin (search)`.execute(db);
        return;
      }
      // External-content FTS5 kept in step by triggers; remove_diacritics 2 so "elysee" finds "Élysée".
      await sql`create virtual table articles_fts using fts5(title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(db);
      await sql`create trigger articles_ai after insert on articles begin insert into articles_fts(rowid, title, text) values (new.rowid, new.title, new.text); end`.execute(db);
      await sql`create trigger articles_ad after delete on articles begin insert into articles_fts(articles_fts, rowid, title, text) values ('delete', old.rowid, old.title, old.text); end`.execute(db);
      await sql`create trigger articles_au after update of title, text on articles begin insert into articles_fts(articles_fts, rowid, title, text) values ('delete', old.rowid, old.title, old.text); insert into articles_fts(rowid, title, text) values (new.rowid, new.title, new.text); end`.execute(db);
    },
  },
];
