// Every tunable in one defaults table, read through typed accessors (DESIGN habit 11).
// Environment variables override: STORYLINE_<NAME in upper snake case>.

const DEFAULTS = {
  /** SQLite file used when neither --db nor STORYLINE_DATABASE_URL says otherwise. */
  dbPath: './data/storyline.db',
  /** Largest input read, in bytes: larger files are refused, never half-read. */
  maxInputBytes: 20 * 1024 * 1024,
  /** Inputs extracted and written per transaction during ingest. */
  ingestChunk: 256,
  /** Largest JSON/JSONL record file accepted, in bytes. */
  maxRecordFileBytes: 200 * 1024 * 1024,
  /** Port and host of `storyline serve`. */
  port: 8080,
  host: '127.0.0.1',
  /** Let the fetcher reach loopback, private, link-local and other internal addresses (the SSRF guard). */
  allowPrivateNetwork: false,
  /** Whole-request deadline of one fetch (redirects, retries and body included), in ms. */
  fetchTimeoutMs: 30_000,
  /** Largest response body kept, counted after decompression, in bytes. */
  fetchMaxBytes: 10 * 1024 * 1024,
  /** Redirects followed by one fetch (each hop checked by the SSRF guard). */
  fetchMaxRedirects: 5,
  /** Requests in flight to one host at a time. */
  fetchPerHost: 2,
  /** Retries after a 429 or 503; each waits for Retry-After, never past fetchMaxRetryWaitMs or the deadline. */
  fetchRetries: 2,
  fetchMaxRetryWaitMs: 10_000,
  /** How long a host's robots.txt is trusted before it is fetched again, in ms. */
  robotsTtlMs: 60 * 60 * 1000,
  /** Fetch the linked page of feed entries that carry only a summary. */
  feedFetchPages: true,
  /** Poll interval of a feed that says nothing (no ttl, no Cache-Control), and its bounds, in seconds. */
  feedPollSeconds: 30 * 60,
  feedMinPollSeconds: 5 * 60,
  feedMaxPollSeconds: 24 * 60 * 60,
  /** Feeds polled at once by `storyline run`. */
  runConcurrency: 4,
  /** When set, mutating routes (push, subscriptions, OPML import) need it: `Authorization: Bearer …` or the admin sign-in cookie. */
  adminToken: '',
  /** How often `serve` looks for new articles for live updates (ingest may run in another process), in ms. */
  livePollMs: 1000,
  /** Stories an analysis worker takes from the queue at a time. */
  analysisBatch: 8,
  /** How long a worker holds a story it took; one that died lets it go after this, in ms. */
  analysisLeaseMs: 120_000,
  /** Tries before a story whose analysis keeps failing is left aside (its error is kept). */
  analysisMaxAttempts: 3,
  /** How often an idle analysis worker looks at the queue (ingest may run in another process), in ms. */
  analysisPollMs: 1000,
  /** Articles whose own reading (sentences, names, roles, candidate events) the analysis keeps in
   * memory, so re-analysing a story that grew reads only its new articles. */
  analysisCacheArticles: 4000,
  /** How long a `storyline worker` holds the inputs it took; one that died lets them go after this, in ms. */
  workLeaseMs: 10 * 60 * 1000,
  /** Tries before a queued input is left aside (its worker kept dying on it). */
  workMaxAttempts: 5,
  /** How often an idle worker looks at the queue, in ms. */
  workPollMs: 500,
  /** How long a write waits for another process's write to end (SQLite: the file's write lock), in ms. */
  busyTimeoutMs: 120_000,
  /** PostgreSQL connections a process keeps open. */
  pgPoolSize: 10,
  /** PostgreSQL schema the tables live in (several Storylines can share one database). */
  pgSchema: 'public',
  /** Tests only: with PostgreSQL, each --db file name selects a schema of its own, so that the
   * suite written for SQLite files runs unchanged on one PostgreSQL database. */
  pgSchemaPerDb: false,
  /** Largest request body the server reads (pushed records, OPML uploads, forms), in bytes. */
  maxRequestBytes: 5 * 1024 * 1024,
  /** Behind a reverse proxy: trust its X-Forwarded-Proto, -Host and -For (HTTPS cookies, client addresses). Only when the proxy is the one way in. */
  trustProxy: false,
  /** How long an admin sign-in lasts, in hours (signing out ends it at once). */
  adminSessionHours: 7 * 24,
  /** Admin sign-in attempts one client may make per minute; more get 429. */
  loginAttemptsPerMinute: 5,
  /** Correction reports one client may send per hour. */
  correctionsPerHour: 10,
  /** `serve` without an admin token on a public address: read-only (no sign-in, no writes). */
  publicReadOnly: false,
  /** Poll the subscribed feeds inside `serve` (as `storyline run` does). */
  serveRunsPoller: true,
  /** Host names, addresses or CIDR ranges on a private network the fetcher may reach anyway (RSS-Bridge, RSSHub on the LAN), comma-separated. */
  allowPrivateHosts: '',
  /** Deadline of the extraction of one pushed record (it runs on a worker thread), in ms. */
  pushExtractTimeoutMs: 10_000,
  /** Largest number of tags, and of authors, one record may carry. */
  maxRecordTags: 50,
  maxRecordAuthors: 20,
  /** Longest title, subtitle, site, author, tag, URL or language of a record, in characters. */
  maxRecordFieldChars: 2000,
  /** Most feeds one OPML import may add. */
  maxOpmlFeeds: 2000,
  /** Follow symbolic links that lead out of a folder being ingested. */
  followSymlinks: false,
  /** Log level of the structured logs on stderr: fatal, error, warn, info, debug or silent. */
  logLevel: 'info',
  /** Log each HTTP request `serve` answers (method, path, status, duration). */
  accessLog: true,
};

export type ConfigKey = keyof typeof DEFAULTS;

export function envName(key: string): string {
  return `STORYLINE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** A setting that cannot be read: the CLI prints its message, not a stack trace. */
export class ConfigError extends Error {}

/** Variables that are not in the table but are read elsewhere (the database URL, the test and
 * evaluation harness). */
const OTHER_NAMES = new Set(['STORYLINE_DATABASE_URL', 'STORYLINE_SHARED', 'STORYLINE_CHROMIUM', 'STORYLINE_TEST_DATABASE_URL', 'STORYLINE_PG_CLUSTER']);

/** STORYLINE_* variables in `env` that no setting reads (a typo keeps a default silently). */
export function unknownSettings(env: NodeJS.ProcessEnv = process.env): string[] {
  const known = new Set([...Object.keys(DEFAULTS).map(envName), ...OTHER_NAMES]);
  return Object.keys(env).filter((k) => k.startsWith('STORYLINE_') && !known.has(k)).sort();
}

/** Every setting with its variable name and default, in table order. */
export function settings(): Array<{ key: ConfigKey; env: string; default: string | number | boolean }> {
  return (Object.keys(DEFAULTS) as ConfigKey[]).map((key) => ({ key, env: envName(key), default: DEFAULTS[key] }));
}

export function config<K extends ConfigKey>(key: K): (typeof DEFAULTS)[K] {
  const fromEnv = process.env[envName(key)];
  const fallback = DEFAULTS[key];
  if (fromEnv === undefined || fromEnv === '') return fallback;
  if (typeof fallback === 'boolean') {
    if (/^(1|true|yes|on)$/i.test(fromEnv.trim())) return true as (typeof DEFAULTS)[K];
    if (/^(0|false|no|off)$/i.test(fromEnv.trim())) return false as (typeof DEFAULTS)[K];
    throw new ConfigError(`${envName(key)}=${fromEnv} is not a yes/no value (true, false, 1, 0)`);
  }
  if (typeof fallback === 'number') {
    const n = Number(fromEnv);
    if (!Number.isFinite(n)) throw new ConfigError(`${envName(key)}=${fromEnv} is not a number`);
    return n as (typeof DEFAULTS)[K];
  }
  return fromEnv as (typeof DEFAULTS)[K];
}

/** PostgreSQL connection URL when set, else undefined (SQLite). */
export function databaseUrl(): string | undefined {
  return process.env.STORYLINE_DATABASE_URL || undefined;
}
