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
  /** Largest request body the server reads (pushed records, OPML uploads, forms), in bytes. */
  maxRequestBytes: 5 * 1024 * 1024,
};

export type ConfigKey = keyof typeof DEFAULTS;

function envName(key: string): string {
  return `STORYLINE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

export function config<K extends ConfigKey>(key: K): (typeof DEFAULTS)[K] {
  const fromEnv = process.env[envName(key)];
  const fallback = DEFAULTS[key];
  if (fromEnv === undefined || fromEnv === '') return fallback;
  if (typeof fallback === 'boolean') {
    if (/^(1|true|yes|on)$/i.test(fromEnv.trim())) return true as (typeof DEFAULTS)[K];
    if (/^(0|false|no|off)$/i.test(fromEnv.trim())) return false as (typeof DEFAULTS)[K];
    throw new Error(`${envName(key)}=${fromEnv} is not a yes/no value (true, false, 1, 0)`);
  }
  if (typeof fallback === 'number') {
    const n = Number(fromEnv);
    if (!Number.isFinite(n)) throw new Error(`${envName(key)}=${fromEnv} is not a number`);
    return n as (typeof DEFAULTS)[K];
  }
  return fromEnv as (typeof DEFAULTS)[K];
}

/** PostgreSQL connection URL when set, else undefined (SQLite). */
export function databaseUrl(): string | undefined {
  return process.env.STORYLINE_DATABASE_URL || undefined;
}
