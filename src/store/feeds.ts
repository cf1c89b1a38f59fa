// Subscriptions in the store: feeds, the entries seen in them (with versions and what changed),
// and the poll jobs, so that `storyline run` resumes where it stopped after a restart.
import { createHash } from 'node:crypto';
import type { Db, SqlDialect } from './dialect.ts';
import type { FeedsTable } from './schema.ts';

export const feedId = (url: string): string => createHash('sha256').update(url).digest('hex').slice(0, 16);
const pollJobId = (id: string): string => `poll:${id}`;

export interface Feed {
  id: string;
  url: string;
  title: string | null;
  site: string | null;
  category: string | null;
  etag: string | null;
  lastModified: string | null;
  lastStatus: number | null;
  lastError: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string;
  ttl: number | null;
  maxAge: number | null;
  errorCount: number;
  entryCount: number;
  addedAt: string;
}

function toFeed(r: FeedsTable): Feed {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    site: r.site,
    category: r.category,
    etag: r.etag,
    lastModified: r.last_modified,
    lastStatus: r.last_status,
    lastError: r.last_error,
    lastPolledAt: r.last_polled_at,
    lastSuccessAt: r.last_success_at,
    nextPollAt: r.next_poll_at,
    ttl: r.ttl,
    maxAge: r.max_age,
    errorCount: r.error_count,
    entryCount: r.entry_count,
    addedAt: r.added_at,
  };
}

export interface PollRecord {
  status: number | null;
  error: string | null;
  title?: string | null;
  site?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  ttl?: number | null;
  maxAge?: number | null;
  nextPollAt: Date;
  polledAt: Date;
}

export interface EntrySeen {
  key: string;
  guid: string | null;
  link: string | null;
  title: string | null;
  contentHash: string;
  bodyHash: string;
  metaHash: string;
}

export interface EntryVerdict {
  /** The key the entry is stored under: its first key, even when a feed changed guid schemes. */
  key: string;
  state: 'new' | 'changed' | 'unchanged';
  version: number;
  changes: Array<'title' | 'link' | 'content' | 'metadata'>;
}

export interface StoredEntry {
  key: string;
  guid: string | null;
  link: string | null;
  title: string | null;
  version: number;
  changes: string[];
  firstSeenAt: string;
  changedAt: string;
}

export class FeedsStore {
  private readonly db: Db;
  private readonly dialect: SqlDialect;

  constructor(db: Db, dialect: SqlDialect) {
    this.db = db;
    this.dialect = dialect;
  }

  /** Subscribes to a feed (first poll due now). Adding a URL already there changes nothing. */
  async add(f: { url: string; title?: string | null; site?: string | null; category?: string | null }, now = new Date()): Promise<{ feed: Feed; added: boolean }> {
    const id = feedId(f.url);
    const at = now.toISOString();
    const added = await this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('feeds').select('id').where('id', '=', id).executeTakeFirst();
      if (existing) return false;
      await trx
        .insertInto('feeds')
        .values({
          id,
          url: f.url,
          title: f.title ?? null,
          site: f.site ?? null,
          category: f.category ?? null,
          etag: null,
          last_modified: null,
          last_status: null,
          last_error: null,
          last_polled_at: null,
          last_success_at: null,
          next_poll_at: at,
          ttl: null,
          max_age: null,
          error_count: 0,
          entry_count: 0,
          added_at: at,
        })
        .execute();
      await trx
        .insertInto('jobs')
        .values({ id: pollJobId(id), kind: 'poll', subject: id, run_at: at, attempts: 0, locked_until: null, last_error: null })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      return true;
    });
    return { feed: (await this.get(f.url))!, added };
  }

  /** Subscribes to many feeds in one transaction (an OPML import); returns how many were new. */
  async addMany(list: Array<{ url: string; title?: string | null; site?: string | null; category?: string | null }>, now = new Date()): Promise<number> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const ids = list.map((f) => feedId(f.url));
      const known = new Set<string>();
      for (let i = 0; i < ids.length; i += 500)
        for (const r of await trx.selectFrom('feeds').select('id').where('id', 'in', ids.slice(i, i + 500)).execute()) known.add(r.id);
      let added = 0;
      for (const [i, f] of list.entries()) {
        const id = ids[i]!;
        if (known.has(id)) continue;
        known.add(id);
        added++;
        await trx
          .insertInto('feeds')
          .values({ id, url: f.url, title: f.title ?? null, site: f.site ?? null, category: f.category ?? null, etag: null, last_modified: null, last_status: null, last_error: null, last_polled_at: null, last_success_at: null, next_poll_at: at, ttl: null, max_age: null, error_count: 0, entry_count: 0, added_at: at })
          .execute();
        await trx.insertInto('jobs').values({ id: pollJobId(id), kind: 'poll', subject: id, run_at: at, attempts: 0, locked_until: null, last_error: null }).onConflict((oc) => oc.column('id').doNothing()).execute();
      }
      return added;
    });
  }

  /** A feed by its id (the pages' handle on it). */
  async byId(id: string): Promise<Feed | undefined> {
    if (!/^[0-9a-f]{16}$/.test(id)) return undefined;
    const r = await this.db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toFeed(r);
  }

  /** Renames a feed or moves it to another folder (null clears). */
  async edit(id: string, changes: { title?: string | null; category?: string | null }): Promise<boolean> {
    const set: { title?: string | null; category?: string | null } = {};
    if (changes.title !== undefined) set.title = changes.title;
    if (changes.category !== undefined) set.category = changes.category;
    if (!Object.keys(set).length) return !!(await this.byId(id));
    const r = await this.db.updateTable('feeds').set(set).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** One page of the subscriptions, in list order, and how many there are. */
  async page(limit: number, offset: number): Promise<{ feeds: Feed[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.db.selectFrom('feeds').selectAll().orderBy('category').orderBy('title').orderBy('url').limit(limit).offset(offset).execute(),
      this.db.selectFrom('feeds').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    ]);
    return { feeds: rows.map(toFeed), total: Number(count?.n ?? 0) };
  }

  async remove(url: string): Promise<boolean> {
    const id = feedId(url);
    return this.db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('jobs').where('id', '=', pollJobId(id)).execute();
        await trx.deleteFrom('feed_entries').where('feed_id', '=', id).execute();
        const r = await trx.deleteFrom('feeds').where('id', '=', id).executeTakeFirst();
        return Number(r.numDeletedRows) > 0;
      });
  }

  async get(url: string): Promise<Feed | undefined> {
    const r = await this.db.selectFrom('feeds').selectAll().where('id', '=', feedId(url)).executeTakeFirst();
    return r && toFeed(r);
  }

  async list(): Promise<Feed[]> {
    return (await this.db.selectFrom('feeds').selectAll().orderBy('category').orderBy('title').orderBy('url').execute()).map(toFeed);
  }

  /**
   * Claims the feeds whose poll job is due, locking each job until `lockUntil` so that a second
   * runner (or this one, if it dies) does not poll it twice; an expired lock is claimable again.
   */
  async claimDue(now: Date, lockUntil: Date, limit: number): Promise<Feed[]> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const jobs = await this.dialect
        .forClaim(
          trx
            .selectFrom('jobs')
            .select(['id', 'subject'])
            .where('kind', '=', 'poll')
            .where('run_at', '<=', at)
            .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
            .orderBy('run_at')
            .limit(limit),
        )
        .execute();
      if (!jobs.length) return [];
      await trx
        .updateTable('jobs')
        .set((eb) => ({ locked_until: lockUntil.toISOString(), attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', jobs.map((j) => j.id))
        .execute();
      const rows = await trx.selectFrom('feeds').selectAll().where('id', 'in', jobs.map((j) => j.subject)).execute();
      const byId = new Map(rows.map((r) => [r.id, toFeed(r)]));
      return jobs.map((j) => byId.get(j.subject)).filter((f): f is Feed => !!f);
    });
  }

  /** When the next poll job is due, or undefined when there is none. */
  async nextDueAt(): Promise<Date | undefined> {
    const r = await this.db.selectFrom('jobs').select((eb) => eb.fn.min('run_at').as('at')).where('kind', '=', 'poll').executeTakeFirst();
    return r?.at ? new Date(r.at as string) : undefined;
  }

  /** The outcome of one poll: the feed's status and validators, and its job rescheduled and unlocked. */
  async recordPoll(feed: Feed, r: PollRecord): Promise<void> {
    const ok = r.error === null;
    await this.db.transaction().execute(async (trx) => {
      const entries = await trx.selectFrom('feed_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('feed_id', '=', feed.id).executeTakeFirst();
      await trx
        .updateTable('feeds')
        .set({
          last_status: r.status,
          last_error: r.error,
          last_polled_at: r.polledAt.toISOString(),
          next_poll_at: r.nextPollAt.toISOString(),
          error_count: ok ? 0 : feed.errorCount + 1,
          entry_count: Number(entries?.n ?? 0),
          ...(ok ? { last_success_at: r.polledAt.toISOString() } : {}),
          ...(r.title ? { title: r.title } : {}),
          ...(r.site ? { site: r.site } : {}),
          ...(r.etag !== undefined ? { etag: r.etag } : {}),
          ...(r.lastModified !== undefined ? { last_modified: r.lastModified } : {}),
          ...(r.ttl !== undefined ? { ttl: r.ttl } : {}),
          ...(r.maxAge !== undefined ? { max_age: r.maxAge } : {}),
        })
        .where('id', '=', feed.id)
        .execute();
      await trx
        .updateTable('jobs')
        .set({ run_at: r.nextPollAt.toISOString(), locked_until: null, last_error: r.error, ...(ok ? { attempts: 0 } : {}) })
        .where('id', '=', pollJobId(feed.id))
        .execute();
    });
  }

  /** Makes one feed's poll (or every feed's) due now: "refresh now", or after lifting a guard. */
  async pollNow(url?: string, now = new Date()): Promise<void> {
    let q = this.db.updateTable('jobs').set({ run_at: now.toISOString() }).where('kind', '=', 'poll');
    if (url) q = q.where('subject', '=', feedId(url));
    await q.execute();
  }

  /** Releases a claimed job without polling it (the runner is stopping). */
  async releaseJob(feed: Feed): Promise<void> {
    await this.db.updateTable('jobs').set({ locked_until: null }).where('id', '=', pollJobId(feed.id)).execute();
  }

  /** Compares entries with what was seen before: by key (guid), else by link. Nothing is written. */
  async classifyEntries(feed: Feed, entries: EntrySeen[]): Promise<EntryVerdict[]> {
    const out: EntryVerdict[] = [];
    for (const e of entries) {
      let prev = await this.db.selectFrom('feed_entries').selectAll().where('feed_id', '=', feed.id).where('entry_key', '=', e.key).executeTakeFirst();
      if (!prev && e.link) prev = await this.db.selectFrom('feed_entries').selectAll().where('feed_id', '=', feed.id).where('link', '=', e.link).executeTakeFirst();
      if (!prev) {
        out.push({ key: e.key, state: 'new', version: 1, changes: [] });
        continue;
      }
      if (prev.content_hash === e.contentHash) {
        out.push({ key: prev.entry_key, state: 'unchanged', version: prev.version, changes: [] });
        continue;
      }
      const changes: EntryVerdict['changes'] = [];
      if ((prev.title ?? '') !== (e.title ?? '')) changes.push('title');
      if ((prev.link ?? '') !== (e.link ?? '')) changes.push('link');
      if (prev.body_hash !== e.bodyHash) changes.push('content');
      if (prev.meta_hash !== e.metaHash) changes.push('metadata');
      out.push({ key: prev.entry_key, state: 'changed', version: prev.version + 1, changes });
    }
    return out;
  }

  /** Writes what classifyEntries found, once the entries' articles are stored. */
  async recordEntries(feed: Feed, entries: Array<{ seen: EntrySeen; verdict: EntryVerdict }>, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.db
      .transaction()
      .execute(async (trx) => {
        for (const { seen: e, verdict: v } of entries) {
          if (v.state === 'unchanged') {
            await trx.updateTable('feed_entries').set({ last_seen_at: at }).where('feed_id', '=', feed.id).where('entry_key', '=', v.key).execute();
            continue;
          }
          const row = {
            guid: e.guid,
            link: e.link,
            title: e.title,
            content_hash: e.contentHash,
            body_hash: e.bodyHash,
            meta_hash: e.metaHash,
            version: v.version,
            changes: JSON.stringify(v.changes),
            changed_at: at,
            last_seen_at: at,
          };
          await trx
            .insertInto('feed_entries')
            .values({ feed_id: feed.id, entry_key: v.key, first_seen_at: at, ...row })
            .onConflict((oc) => oc.columns(['feed_id', 'entry_key']).doUpdateSet(row))
            .execute();
        }
      });
  }

  async entries(url: string): Promise<StoredEntry[]> {
    const rows = await this.db.selectFrom('feed_entries').selectAll().where('feed_id', '=', feedId(url)).orderBy('first_seen_at').orderBy('entry_key').execute();
    return rows.map((r) => ({
      key: r.entry_key,
      guid: r.guid,
      link: r.link,
      title: r.title,
      version: r.version,
      changes: JSON.parse(r.changes) as string[],
      firstSeenAt: r.first_seen_at,
      changedAt: r.changed_at,
    }));
  }
}
