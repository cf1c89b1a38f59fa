// Subscriptions in the store: feeds, the entries seen in them (with versions and what changed),
// and the poll jobs, so that `storyline run` resumes where it stopped after a restart. Functions
// take the Store's Kysely handle; the tables are declared here, beside their only users.
import type { Kysely } from 'kysely';
import { createHash } from 'node:crypto';
import type { Database } from './schema.ts';

export type FeedsTable = {
  id: string;
  url: string;
  title: string | null;
  site: string | null;
  category: string | null;
  etag: string | null;
  last_modified: string | null;
  last_status: number | null;
  last_error: string | null;
  last_polled_at: string | null;
  last_success_at: string | null;
  next_poll_at: string;
  ttl: number | null;
  max_age: number | null;
  error_count: number;
  entry_count: number;
  added_at: string;
}

export type FeedEntriesTable = {
  feed_id: string;
  entry_key: string;
  guid: string | null;
  link: string | null;
  title: string | null;
  content_hash: string;
  body_hash: string;
  meta_hash: string;
  version: number;
  /** JSON array of what changed in the latest version: "title", "link", "content", "metadata". */
  changes: string;
  first_seen_at: string;
  changed_at: string;
  last_seen_at: string;
}

export type JobsTable = {
  id: string;
  kind: string;
  subject: string;
  run_at: string;
  attempts: number;
  locked_until: string | null;
  last_error: string | null;
}

// A type alias, not an interface: withTables() needs an index-compatible record type.
export type FeedTables = {
  feeds: FeedsTable;
  feed_entries: FeedEntriesTable;
  jobs: JobsTable;
};

type Db = Kysely<Database>;
const tables = (db: Db): Kysely<Database & FeedTables> => db.withTables<FeedTables>();

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

/** Subscribes to a feed (first poll due now). Adding a URL already there changes nothing. */
export async function addFeed(db: Db, f: { url: string; title?: string | null; site?: string | null; category?: string | null }, now = new Date()): Promise<{ feed: Feed; added: boolean }> {
  const t = tables(db);
  const id = feedId(f.url);
  const at = now.toISOString();
  const added = await t.transaction().execute(async (trx) => {
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
  return { feed: (await getFeed(db, f.url))!, added };
}

export async function removeFeed(db: Db, url: string): Promise<boolean> {
  const id = feedId(url);
  return tables(db)
    .transaction()
    .execute(async (trx) => {
      await trx.deleteFrom('jobs').where('id', '=', pollJobId(id)).execute();
      await trx.deleteFrom('feed_entries').where('feed_id', '=', id).execute();
      const r = await trx.deleteFrom('feeds').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    });
}

export async function getFeed(db: Db, url: string): Promise<Feed | undefined> {
  const r = await tables(db).selectFrom('feeds').selectAll().where('id', '=', feedId(url)).executeTakeFirst();
  return r && toFeed(r);
}

export async function listFeeds(db: Db): Promise<Feed[]> {
  return (await tables(db).selectFrom('feeds').selectAll().orderBy('category').orderBy('title').orderBy('url').execute()).map(toFeed);
}

/**
 * Claims the feeds whose poll job is due, locking each job until `lockUntil` so that a second
 * runner (or this one, if it dies) does not poll it twice; an expired lock is claimable again.
 */
export async function claimDueFeeds(db: Db, now: Date, lockUntil: Date, limit: number): Promise<Feed[]> {
  const t = tables(db);
  const at = now.toISOString();
  return t.transaction().execute(async (trx) => {
    const jobs = await trx
      .selectFrom('jobs')
      .select(['id', 'subject'])
      .where('kind', '=', 'poll')
      .where('run_at', '<=', at)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
      .orderBy('run_at')
      .limit(limit)
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
export async function nextDueAt(db: Db): Promise<Date | undefined> {
  const r = await tables(db).selectFrom('jobs').select((eb) => eb.fn.min('run_at').as('at')).where('kind', '=', 'poll').executeTakeFirst();
  return r?.at ? new Date(r.at as string) : undefined;
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

/** The outcome of one poll: the feed's status and validators, and its job rescheduled and unlocked. */
export async function recordPoll(db: Db, feed: Feed, r: PollRecord): Promise<void> {
  const ok = r.error === null;
  const t = tables(db);
  await t.transaction().execute(async (trx) => {
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

/** Releases a claimed job without polling it (the runner is stopping). */
export async function releaseJob(db: Db, feed: Feed): Promise<void> {
  await tables(db).updateTable('jobs').set({ locked_until: null }).where('id', '=', pollJobId(feed.id)).execute();
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

/** Compares entries with what was seen before: by key (guid), else by link. Nothing is written. */
export async function classifyEntries(db: Db, feed: Feed, entries: EntrySeen[]): Promise<EntryVerdict[]> {
  const t = tables(db);
  const out: EntryVerdict[] = [];
  for (const e of entries) {
    let prev = await t.selectFrom('feed_entries').selectAll().where('feed_id', '=', feed.id).where('entry_key', '=', e.key).executeTakeFirst();
    if (!prev && e.link) prev = await t.selectFrom('feed_entries').selectAll().where('feed_id', '=', feed.id).where('link', '=', e.link).executeTakeFirst();
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
export async function recordEntries(db: Db, feed: Feed, entries: Array<{ seen: EntrySeen; verdict: EntryVerdict }>, now: Date): Promise<void> {
  const at = now.toISOString();
  await tables(db)
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

export async function feedEntries(db: Db, url: string): Promise<StoredEntry[]> {
  const rows = await tables(db).selectFrom('feed_entries').selectAll().where('feed_id', '=', feedId(url)).orderBy('first_seen_at').orderBy('entry_key').execute();
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
