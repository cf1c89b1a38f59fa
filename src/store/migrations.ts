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
  {
    name: 'story clustering: centroids, document frequencies, decisions, near-duplicates, versions',
    async up(db, dialect) {
      const blob = dialect === 'postgres' ? 'bytea' : 'blob';
      for (const [col, type, dflt] of [
        ['title_score', 'real', '-1'],
        ['article_count', 'integer', '0'],
        ['source_count', 'integer', '0'],
        ['languages', 'text', "'{}'"],
      ] as const)
        await db.schema.alterTable('stories').addColumn(col, sql.raw(type), (c) => c.notNull().defaultTo(sql.raw(dflt))).execute();
      for (const col of ['first_at', 'last_at', 'merged_into'] as const) await db.schema.alterTable('stories').addColumn(col, 'text').execute();
      // The centroid, JSON [[term, weight], …]: read and written whole with its story.
      await db.schema.alterTable('stories').addColumn('centroid', 'text', (c) => c.notNull().defaultTo('[]')).execute();
      // Home-page order, computed when the story is written: freshness plus independent sources.
      await db.schema.alterTable('stories').addColumn('rank', 'real', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.createIndex('stories_rank').on('stories').column('rank').execute();
      // The lookup index: a story's strongest terms only, term → story, with the story's last
      // update copied in so "the latest stories holding this term" is an index range scan.
      await db.schema
        .createTable('story_terms')
        .addColumn('story_id', 'text', (c) => c.notNull())
        .addColumn('term', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('story_terms_pk', ['story_id', 'term'])
        .execute();
      await db.schema.createIndex('story_terms_recent').on('story_terms').columns(['term', 'updated_at']).execute();
      await db.schema
        .createTable('term_df')
        .addColumn('term', 'text', (c) => c.primaryKey())
        .addColumn('df', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('article_pins')
        .addColumn('article_id', 'text', (c) => c.primaryKey())
        .addColumn('story_id', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .execute();
      for (const col of ['version_of', 'duplicate_evidence', 'changes'] as const) await db.schema.alterTable('articles').addColumn(col, 'text').execute();
      await db.schema
        .createTable('article_bands')
        .addColumn('band_key', 'bigint', (c) => c.notNull())
        .addColumn('article_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('article_bands_key').on('article_bands').column('band_key').execute();
      await db.schema
        .createTable('story_flags')
        .addColumn('story_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('flagged_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('story_flags_pk', ['story_id', 'kind'])
        .execute();
      await db.schema
        .createTable('article_signatures')
        .addColumn('article_id', 'text', (c) => c.primaryKey())
        .addColumn('signature', sql.raw(blob), (c) => c.notNull())
        .execute();
    },
  },
  {
    name: 'feed subscriptions, their entries and the poll jobs',
    async up(db) {
      await db.schema
        .createTable('feeds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('url', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text')
        .addColumn('site', 'text')
        .addColumn('category', 'text')
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('last_polled_at', 'text')
        .addColumn('last_success_at', 'text')
        .addColumn('next_poll_at', 'text', (c) => c.notNull())
        .addColumn('ttl', 'integer')
        .addColumn('max_age', 'integer')
        .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('entry_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('added_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('feed_entries')
        .addColumn('feed_id', 'text', (c) => c.notNull())
        .addColumn('entry_key', 'text', (c) => c.notNull())
        .addColumn('guid', 'text')
        .addColumn('link', 'text')
        .addColumn('title', 'text')
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('meta_hash', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('feed_entries_pk', ['feed_id', 'entry_key'])
        .execute();
      await db.schema.createIndex('feed_entries_link').on('feed_entries').columns(['feed_id', 'link']).execute();
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('run_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('jobs_due').on('jobs').columns(['run_at']).execute();
    },
  },
  {
    name: 'story analyses (entities, roles, events), cached per story version',
    async up(db) {
      await db.schema
        .createTable('story_analysis')
        .addColumn('story_id', 'text', (c) => c.primaryKey())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('analysis', 'text', (c) => c.notNull())
        .addColumn('analyzed_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    // Readers' "report an error" requests, kept for an editor; nothing changes an article by itself.
    name: 'correction requests',
    async up(db) {
      await db.schema
        .createTable('corrections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('article_id', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('quote', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('corrections_article').on('corrections').column('article_id').execute();
      // Home ranks stories by freshness; the SSE poller and story pages read articles by story in ingest order.
      await db.schema.createIndex('articles_story_ingested').on('articles').columns(['story_id', 'ingested_at']).execute();
    },
  },
  {
    // Dedupe and clustering keep their per-article lookups in memory (store/working-set.ts): the
    // term → story index and the LSH bands were rewritten for every article and grew with the
    // store. Indexes nothing reads go too: each cost a random write per article.
    name: 'lookups of dedupe and clustering move to the working set',
    async up(db, dialect) {
      await db.schema.dropTable('story_terms').ifExists().execute();
      await db.schema.dropTable('article_bands').ifExists().execute();
      await db.schema.dropIndex('articles_story').ifExists().execute();
      await db.schema.dropIndex('inputs_content_hash').ifExists().execute();
      // Frequencies are upserted by term: in SQLite, one B-tree keyed by term instead of a table
      // and an index (PostgreSQL has no such choice).
      if (dialect !== 'sqlite') return;
      await db.schema.createTable('term_df_by_term').addColumn('term', 'text', (c) => c.primaryKey()).addColumn('df', 'integer', (c) => c.notNull()).modifyEnd(sql` without rowid`).execute();
      await sql`insert into term_df_by_term (term, df) select term, df from term_df`.execute(db);
      await db.schema.dropTable('term_df').execute();
      await db.schema.alterTable('term_df_by_term').renameTo('term_df').execute();
    },
  },
  {
    // An original's MinHash signature is part of its row: one table and one random index fewer
    // to write per article; recent originals are read back in insertion (rowid) order.
    name: 'signatures in the article row',
    async up(db, dialect) {
      await db.schema.alterTable('articles').addColumn('signature', sql.raw(dialect === 'postgres' ? 'bytea' : 'blob')).execute();
      await sql`update articles set signature = (select s.signature from article_signatures s where s.article_id = articles.id)`.execute(db);
      await db.schema.dropTable('article_signatures').execute();
    },
  },
  {
    // Analysis is a stage of its own, fed by a queue: every ingest marks the stories it touched, a
    // worker analyses each story version once and writes entities, roles and events as rows that
    // pages and the API only read (a JSON blob per story was computed by the first request after
    // an ingest, and entity pages searched it with LIKE).
    name: 'analysis as rows, fed by a queue',
    async up(db) {
      await db.schema.dropTable('story_analysis').ifExists().execute();
      await db.schema
        .createTable('analysis_queue')
        .addColumn('story_id', 'text', (c) => c.primaryKey())
        .addColumn('queued_at', 'text', (c) => c.notNull())
        .addColumn('marks', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('claimed_until', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('analysis_queue_order').on('analysis_queue').columns(['queued_at']).execute();
      await db.schema
        .createTable('analyses')
        .addColumn('story_id', 'text', (c) => c.primaryKey())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('queued_at', 'text')
        .addColumn('analyzed_at', 'text', (c) => c.notNull())
        .addColumn('inferred_dates', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('analyses_seq').on('analyses').column('seq').execute();
      await db.schema
        .createTable('story_entities')
        .addColumn('story_id', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('aliases', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('story_entities_pk', ['story_id', 'entity_id'])
        .execute();
      await db.schema.createIndex('story_entities_entity').on('story_entities').column('entity_id').execute();
      await db.schema
        .createTable('entity_mentions')
        .addColumn('story_id', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('article_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('start_offset', 'integer', (c) => c.notNull())
        .addColumn('end_offset', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('entity_mentions_story').on('entity_mentions').columns(['story_id', 'entity_id']).execute();
      await db.schema.createIndex('entity_mentions_entity').on('entity_mentions').column('entity_id').execute();
      await db.schema
        .createTable('entity_roles')
        .addColumn('story_id', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text')
        .addColumn('from_date', 'text')
        .addColumn('to_date', 'text')
        .addColumn('interim', 'integer', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('entity_roles_story').on('entity_roles').column('story_id').execute();
      await db.schema.createIndex('entity_roles_entity').on('entity_roles').column('entity_id').execute();
      await db.schema.createIndex('entity_roles_organization').on('entity_roles').column('organization_id').execute();
      await db.schema
        .createTable('events')
        .addColumn('story_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('date_start', 'text')
        .addColumn('date_end', 'text')
        .addColumn('date_precision', 'text', (c) => c.notNull())
        .addColumn('date_text', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('superseded_by', 'text')
        .addColumn('contradicts', 'text', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('events_pk', ['story_id', 'id'])
        .execute();
      await db.schema
        .createTable('event_participants')
        .addColumn('story_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('event_participants_story').on('event_participants').column('story_id').execute();
      await db.schema.createIndex('event_participants_entity').on('event_participants').column('entity_id').execute();
      // Every live story of an existing store is analysed once by the new worker.
      await sql`insert into analysis_queue (story_id, queued_at, marks, attempts) select id, updated_at, 1, 0 from stories where merged_into is null`.execute(db);
    },
  },
  {
    // Admin sign-ins as server-side sessions (issue #17): the cookie carries a random id, the
    // table only its hash, with an expiry; signing out deletes the row, so an old cookie is
    // worth nothing after logout, expiry or a revocation.
    name: 'admin sessions',
    async up(db) {
      await db.schema
        .createTable('admin_sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('admin_sessions_expires').on('admin_sessions').column('expires_at').execute();
    },
  },
  {
    // PostgreSQL had never run before this migration (its branches above were written ahead).
    // What SQLite gives by itself, PostgreSQL is told: write order (SQLite's rowid), doubles for
    // `real` (a float4 there), and search with stems, in French and English, accents folded.
    name: 'PostgreSQL: write order, double precision, French and English search',
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await sql`alter table stories alter column title_score type double precision, alter column rank type double precision`.execute(db);
      await sql`alter table articles add column seq bigint generated always as identity`.execute(db);
      await sql`create unique index articles_seq on articles (seq)`.execute(db);
      await sql`create extension if not exists unaccent with schema public`.execute(db);
      for (const [name, parser, stem] of [
        ['storyline_fr', 'french', 'french_stem'],
        ['storyline_en', 'english', 'english_stem'],
        ['storyline_simple', 'simple', 'simple'],
      ] as const) {
        await sql.raw(`create text search configuration ${name} (copy = pg_catalog.${parser})`).execute(db);
        await sql.raw(`alter text search configuration ${name} alter mapping for hword, hword_part, word with public.unaccent, ${stem}`).execute(db);
      }
      // The article's language stems its title (weight A) and text (D); the words as written are
      // there too (no stop words, no stems), so that a query finds what SQLite's index finds.
      const stemmed = (col: string, weight: string): string =>
        `setweight(case language when 'fr' then to_tsvector('storyline_fr'::regconfig, ${col}) when 'en' then to_tsvector('storyline_en'::regconfig, ${col}) else to_tsvector('storyline_simple'::regconfig, ${col}) end, '${weight}')`;
      await sql`alter table articles drop column search`.execute(db);
      await sql.raw(`alter table articles add column search tsvector generated always as (${stemmed('title', 'A')} || ${stemmed('text', 'D')} || setweight(to_tsvector('storyline_simple'::regconfig, title), 'A') || to_tsvector('storyline_simple'::regconfig, text)) stored`).execute(db);
      await sql`create index articles_search on articles using gin (search)`.execute(db);
    },
  },
  {
    // Nothing lost: each chunk's document frequencies are written with it, in a log that other
    // writers read to follow what changed (the stories it wrote, the counts it added), folded into
    // term_df from time to time. And the work queue that several `storyline worker` processes
    // share: inputs to fetch and to ingest.
    name: 'grouping log with each chunk\'s counts; work queue',
    async up(db, dialect) {
      const blob = dialect === 'postgres' ? 'bytea' : 'blob';
      await db.schema
        .createTable('grouping_log')
        .addColumn('generation', 'integer', (c) => c.primaryKey())
        .addColumn('docs', 'integer', (c) => c.notNull())
        // JSON [[term, documents], …]. Rows are deleted by the fold after the one that took them
        // into term_df, so that writers that are behind can still follow.
        .addColumn('counts', 'text', (c) => c.notNull())
        // JSON: ids of the stories written or merged away.
        .addColumn('stories', 'text', (c) => c.notNull())
        .addColumn('written_at', 'text', (c) => c.notNull())
        .execute();
      // Counts the previous code held in memory past its last write are lost already; what is
      // stored is recounted exactly by `storyline stories recluster`.
      await db.schema
        .createTable('work')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('input', 'text', (c) => c.notNull())
        // JSON: the raw input without its bytes (fetch: the URL and how to read it).
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('bytes', sql.raw(blob))
        .addColumn('queued_at', 'text', (c) => c.notNull())
        .addColumn('claimed_until', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('work_queue').on('work').columns(['kind', 'queued_at']).execute();
    },
  },
  {
    // Issue #15: every entity, role and event keeps the cue it came from, and quotations ("said",
    // « a déclaré ») are kept beside the events instead of being events of the timeline.
    name: 'analysis cues and quotations',
    async up(db) {
      await db.schema.alterTable('story_entities').addColumn('typed_by', 'text').execute();
      await db.schema.alterTable('entity_mentions').addColumn('cue', 'text').execute();
      await db.schema.alterTable('entity_roles').addColumn('from_event', 'text').execute();
      await db.schema.alterTable('entity_roles').addColumn('to_event', 'text').execute();
      await db.schema.alterTable('entity_roles').addColumn('status', 'text').execute();
      await db.schema.alterTable('events').addColumn('trigger', 'text').execute();
      await db.schema.alterTable('events').addColumn('position_label', 'text').execute();
      await db.schema
        .createTable('quotations')
        .addColumn('story_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('speaker_id', 'text')
        .addColumn('speaker', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('article_id', 'text', (c) => c.notNull())
        .addColumn('sentence', 'text', (c) => c.notNull())
        .addColumn('reported_at', 'text')
        .addColumn('cue', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('quotations_story').on('quotations').columns(['story_id', 'position']).execute();
      await db.schema.createIndex('quotations_speaker').on('quotations').column('speaker_id').execute();
      // Analyses written before carry neither: every live story is analysed again.
      await sql`insert into analysis_queue (story_id, queued_at, marks, attempts) select id, updated_at, 1, 0 from stories where merged_into is null and id not in (select story_id from analysis_queue)`.execute(db);
    },
  },
];
