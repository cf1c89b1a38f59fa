// store/: the one place data lives. A narrow interface over Kysely, so SQLite (default) and
// PostgreSQL serve the same stages; every stage writes here, the server and CLI read here.
import { sql, type Kysely } from 'kysely';
import { config, databaseUrl } from '../config.ts';
import type { Article, RawInput, Story } from '../types.ts';
import { migrate } from './migrate.ts';
import type { Dialect } from './migrations.ts';
import type { ArticlesTable, Database } from './schema.ts';
import { toStory } from './read.ts';
import { openSqlite } from './sqlite/index.ts';
import type { Db } from './stories.ts';
import { commitGrouping, flushCounts, type Grouping } from './working-set.ts';
import { parts } from './parts.ts';

export interface StoredInput extends RawInput {
  id: string;
  receivedAt: string;
}

export interface ArticleRow extends Article {
  bodyHash: string;
  extractorVersion: number;
  /** MinHash signature of an original; null for duplicates. */
  signature: Uint8Array | null;
}

export interface Batch extends Grouping {
  inputs: StoredInput[];
  articles: ArticleRow[];
}

export interface OpenOptions {
  /** SQLite file; ignored when STORYLINE_DATABASE_URL selects PostgreSQL. */
  db?: string;
}

export class Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly location: string;

  private constructor(db: Kysely<Database>, dialect: Dialect, location: string) {
    this.db = db;
    this.dialect = dialect;
    this.location = location;
  }

  static async open(opts: OpenOptions = {}): Promise<Store> {
    const url = databaseUrl();
    if (url) throw new Error('STORYLINE_DATABASE_URL is set, but the PostgreSQL store is not built yet; unset it to use SQLite');
    const path = opts.db ?? config('dbPath');
    const store = new Store(openSqlite(path), 'sqlite', path);
    await migrate(store.db, store.dialect);
    return store;
  }

  async close(): Promise<void> {
    await flushCounts(this.db);
    await this.db.destroy();
  }

  /** The ids among `ids` that are already stored: those inputs were ingested before. */
  async knownInputs(ids: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (const part of parts(ids, 500)) {
      const rows = await this.db.selectFrom('inputs').select('id').where('id', 'in', part).execute();
      for (const r of rows) known.add(r.id);
    }
    return known;
  }

  /** Lines known to occur in two distinct documents of their site (site → line hashes): that can
   * never change, so they are neither read nor written again. Bounded by the boilerplate of the
   * sites seen, a few hundred lines each. */
  private readonly recurring = new Map<string, Set<string>>();

  /** Records that short lines occur in documents of a site (the statistical clutter signal) and
   * returns, for each (site, line), the documents (up to two) it is now known in: two distinct
   * documents are all the signal needs. Rows are in document order. Only what changes is written. */
  async recordSiteLines(rows: Array<{ site: string; docKey: string; hash: string }>): Promise<Map<string, Map<string, { first: string; second: string | null }>>> {
    const out = new Map<string, Map<string, { first: string; second: string | null }>>();
    const bySite = new Map<string, string[]>();
    for (const r of rows) if (!this.recurring.get(r.site)?.has(r.hash)) (bySite.get(r.site) ?? bySite.set(r.site, []).get(r.site)!).push(r.hash);
    await this.db.transaction().execute(async (trx) => {
      for (const [site, hashes] of bySite) {
        const known = new Map<string, { first: string; second: string | null }>();
        for (const part of parts([...new Set(hashes)], 500)) {
          const found = await trx.selectFrom('site_lines').select(['line_hash', 'first_doc', 'second_doc']).where('site', '=', site).where('line_hash', 'in', part).execute();
          for (const r of found) known.set(r.line_hash, { first: r.first_doc, second: r.second_doc });
        }
        out.set(site, known);
      }
      // This chunk's documents, in order, after what was stored.
      const changed = new Map<string, { site: string; hash: string; first: string; second: string | null }>();
      for (const r of rows) {
        const known = out.get(r.site);
        if (!known || this.recurring.get(r.site)?.has(r.hash)) continue; // recurring already
        const line = known.get(r.hash);
        if (!line) known.set(r.hash, { first: r.docKey, second: null });
        else if (line.second === null && line.first !== r.docKey) line.second = r.docKey;
        else continue;
        changed.set(`${r.site}\n${r.hash}`, { site: r.site, hash: r.hash, ...known.get(r.hash)! });
      }
      for (const part of parts([...changed.values()], 300))
        await trx
          .insertInto('site_lines')
          .values(part.map((c) => ({ site: c.site, line_hash: c.hash, first_doc: c.first, second_doc: c.second })))
          // Never back to one document: another process may have recorded a second one meanwhile.
          .onConflict((oc) => oc.columns(['site', 'line_hash']).doUpdateSet({ second_doc: sql`coalesce(site_lines.second_doc, excluded.second_doc)` }))
          .execute();
    });
    for (const [site, known] of out) {
      for (const [hash, line] of known) {
        if (line.second === null) continue;
        (this.recurring.get(site) ?? this.recurring.set(site, new Set()).get(site)!).add(hash);
      }
    }
    // Lines recurring already are reported as such.
    for (const r of rows) {
      if (!this.recurring.get(r.site)?.has(r.hash)) continue;
      const known = out.get(r.site) ?? out.set(r.site, new Map()).get(r.site)!;
      if (!known.has(r.hash)) known.set(r.hash, { first: '', second: '' });
    }
    return out;
  }

  /** Writes a batch in one transaction: all of it is stored, or none (and the working set of
   * dedupe and clustering follows what was stored). */
  async saveBatch(batch: Batch): Promise<void> {
    await commitGrouping(this.db, batch, (trx) => writeArticles(trx, batch));
  }

  async articles(opts: { limit?: number; offset?: number; newestFirst?: boolean } = {}): Promise<Article[]> {
    const dir = opts.newestFirst ? 'desc' : 'asc';
    let q = this.db.selectFrom('articles').selectAll().orderBy('ingested_at', dir).orderBy('input', dir);
    if (opts.limit !== undefined) q = q.limit(opts.limit).offset(opts.offset ?? 0);
    return (await q.execute()).map(toArticle);
  }

  async article(id: string): Promise<Article | undefined> {
    const row = await this.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toArticle(row);
  }

  async stories(): Promise<Story[]> {
    const rows = await this.db.selectFrom('stories').selectAll().where('merged_into', 'is', null).orderBy('updated_at', 'desc').orderBy('id').execute();
    const members = await this.db.selectFrom('articles').select(['id', 'story_id']).orderBy('ingested_at').orderBy('input').execute();
    const byStory = new Map<string, string[]>();
    for (const m of members) if (m.story_id) (byStory.get(m.story_id) ?? byStory.set(m.story_id, []).get(m.story_id)!).push(m.id);
    return rows.map((r) => toStory(r, byStory.get(r.id) ?? []));
  }

  async counts(): Promise<{ inputs: number; articles: number; stories: number }> {
    const n = async (t: 'inputs' | 'articles'): Promise<number> =>
      Number((await this.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
    const stories = await this.db.selectFrom('stories').select((eb) => eb.fn.countAll<number>().as('n')).where('merged_into', 'is', null).executeTakeFirst();
    return { inputs: await n('inputs'), articles: await n('articles'), stories: Number(stories?.n ?? 0) };
  }
}

function inputRow(i: StoredInput): Database['inputs'] {
  return {
    id: i.id,
    input: i.input,
    kind: i.kind,
    content_hash: i.contentHash,
    bytes: i.bytes,
    size: i.bytes.length,
    site_key: i.siteKey,
    url: i.url ?? null,
    received_at: i.receivedAt,
  };
}

function articleRow(a: ArticleRow): ArticlesTable {
  return {
    id: a.id,
    input_id: a.inputId,
    input: a.input,
    url: a.url,
    title: a.title,
    subtitle: a.subtitle,
    authors: JSON.stringify(a.authors),
    site: a.site,
    tags: JSON.stringify(a.tags),
    published_at: a.publishedAt,
    published_at_source: a.publishedAtSource,
    language: a.language,
    text: a.text,
    blocks: JSON.stringify(a.blocks),
    removed: JSON.stringify(a.removed),
    body_hash: a.bodyHash,
    duplicate_of: a.duplicateOf,
    story_id: a.storyId,
    extractor_version: a.extractorVersion,
    ingested_at: a.ingestedAt,
    version_of: a.versionOf,
    changes: a.changes && JSON.stringify(a.changes),
    duplicate_evidence: a.duplicateEvidence && JSON.stringify(a.duplicateEvidence),
    signature: a.signature,
  };
}

function toArticle(r: ArticlesTable): Article {
  return {
    id: r.id,
    input: r.input,
    inputId: r.input_id,
    url: r.url,
    title: r.title,
    subtitle: r.subtitle,
    authors: JSON.parse(r.authors),
    site: r.site,
    tags: JSON.parse(r.tags),
    publishedAt: r.published_at,
    publishedAtSource: r.published_at_source as Article['publishedAtSource'],
    language: r.language,
    text: r.text,
    blocks: JSON.parse(r.blocks),
    removed: JSON.parse(r.removed),
    duplicateOf: r.duplicate_of,
    duplicateEvidence: r.duplicate_evidence ? JSON.parse(r.duplicate_evidence) : null,
    versionOf: r.version_of,
    changes: r.changes ? JSON.parse(r.changes) : null,
    storyId: r.story_id,
    ingestedAt: r.ingested_at,
  };
}

/** A batch's inputs (verbatim) and articles (and through triggers their full-text index). */
export async function writeArticles(trx: Db, batch: Batch): Promise<void> {
  for (const part of parts(batch.inputs, 100))
    await trx.insertInto('inputs').values(part.map(inputRow)).onConflict((oc) => oc.column('id').doNothing()).execute();
  for (const part of parts(batch.articles, 100))
    await trx.insertInto('articles').values(part.map(articleRow)).onConflict((oc) => oc.column('id').doNothing()).execute();
}
