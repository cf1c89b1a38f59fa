// store/: the one place data lives, and the only code that speaks SQL. The interface is
// organised by what callers need, one part each:
//   ingest       inputs, the clutter signal, dedupe's lookups, a chunk written whole
//   stories      the stories stage's state, people's decisions, flags
//   analysis     the queue of stories to analyse, and entities, roles and events as rows
//   pages        ranked stories, stories, articles, stamps for kept responses
//   search       full-text search and facets
//   live         cursors live pages poll, the write generation
//   corrections  readers' correction requests
//   feeds        subscriptions, entries seen, poll jobs
//   sessions     admin sign-in sessions and the server's signing secret
//   work         inputs and URLs queued for `storyline worker` processes
// Each part writes portable queries through Kysely; what only one engine does well is in its
// adapter (sqlite/, postgres/ beside it; dialect.ts says what differs). Table shapes are in schema.ts, migrations in
// migrations.ts (an append-only list).
import { existsSync } from 'node:fs';
import { config, databaseUrl } from '../config.ts';
import { AnalysisStore } from './analysis.ts';
import { CorrectionsStore } from './corrections.ts';
import type { Db, SqlDialect } from './dialect.ts';
import { exportDocument, type ExportDocument } from './export.ts';
import { FeedsStore } from './feeds.ts';
import { IngestStore } from './ingest.ts';
import { LiveStore } from './live.ts';
import { migrate } from './migrate.ts';
import { PagesStore } from './pages.ts';
import { SearchStore } from './search.ts';
import { SessionsStore } from './sessions.ts';
import { NoStoreError, openPostgres, postgresDialect, redact, schemaFor } from './postgres/index.ts';
export { NoStoreError };
import { openSqlite, sqliteDialect } from './sqlite/index.ts';
import { StoriesStore } from './stories.ts';
import { WorkStore } from './work.ts';

export type { Batch, GroupingTx, Original, PriorVersion } from './ingest.ts';
export type { Claim, EntityPage, AnalysisInput, OfficeHolder } from './analysis.ts';
export type { ArticleLite } from './rows.ts';
export type { Correction } from './corrections.ts';
export type { ExportArticle, ExportDocument } from './export.ts';
export type { Feed, PollRecord, EntrySeen, EntryVerdict, StoredEntry } from './feeds.ts';
export type { SearchHit, SearchQuery } from './search.ts';
export type { MemberArticle, SplitFlag } from './stories.ts';
export type { Cursor } from './live.ts';
export type { WorkBacklog, WorkItem, WorkKind } from './work.ts';
export { exportArticle } from './export.ts';
export { feedId } from './feeds.ts';

export interface OpenOptions {
  /** SQLite file; ignored when STORYLINE_DATABASE_URL selects PostgreSQL (except by the tests:
   * see config pgSchemaPerDb). */
  db?: string;
  /** Only open a store that exists (PostgreSQL: a schema with Storyline's tables); never create
   * one. A NoStoreError says it is not there. The CLI's read-only commands open stores so. */
  existing?: boolean;
}

export class Store {
  readonly ingest: IngestStore;
  readonly stories: StoriesStore;
  readonly analysis: AnalysisStore;
  readonly pages: PagesStore;
  readonly search: SearchStore;
  readonly live: LiveStore;
  readonly corrections: CorrectionsStore;
  readonly feeds: FeedsStore;
  readonly sessions: SessionsStore;
  readonly work: WorkStore;
  readonly dialect: SqlDialect['name'];
  /** The SQLite file or the database URL (without its password). */
  readonly location: string;
  private readonly db: Db;
  private readonly engine: SqlDialect;

  private constructor(db: Db, dialect: SqlDialect, location: string) {
    this.db = db;
    this.dialect = dialect.name;
    this.engine = dialect;
    this.location = location;
    this.stories = new StoriesStore(db, dialect);
    this.ingest = new IngestStore(db, dialect, this.stories);
    this.analysis = new AnalysisStore(db, dialect);
    this.pages = new PagesStore(db, dialect);
    this.search = new SearchStore(db, dialect);
    this.live = new LiveStore(db, dialect);
    this.corrections = new CorrectionsStore(db);
    this.feeds = new FeedsStore(db, dialect);
    this.work = new WorkStore(db, dialect);
    this.sessions = new SessionsStore(db);
  }

  static async open(opts: OpenOptions = {}): Promise<Store> {
    const url = databaseUrl();
    if (url) {
      const schema = schemaFor(opts.db);
      const db = await openPostgres(url, schema, opts.existing);
      try {
        await migrate(db, postgresDialect);
      } catch (e) {
        await db.destroy();
        throw e;
      }
      return new Store(db, postgresDialect, schema === 'public' ? redact(url) : `${redact(url)} (schema ${schema})`);
    }
    const path = opts.db ?? config('dbPath');
    if (opts.existing && path !== ':memory:' && !existsSync(path)) throw new NoStoreError(`no database at ${path}`);
    const db = openSqlite(path);
    await migrate(db, sqliteDialect);
    return new Store(db, sqliteDialect, path);
  }

  /** The whole store as the export document of CONTRACT.md. */
  export(): Promise<ExportDocument> {
    return exportDocument(this.pages, this.analysis);
  }

  /** What the engine's own checks find wrong in the database (empty: nothing). */
  integrityCheck(): Promise<string[]> {
    return this.engine.integrityCheck(this.db);
  }

  /** A consistent copy of the whole store in a new SQLite file, taken while it is in use (SQLite;
   * a PostgreSQL store says how pg_dump does it). */
  async backup(file: string): Promise<void> {
    await this.engine.backup(this.db, file);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
