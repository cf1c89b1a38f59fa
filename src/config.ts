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
};

export type ConfigKey = keyof typeof DEFAULTS;

function envName(key: string): string {
  return `STORYLINE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

export function config<K extends ConfigKey>(key: K): (typeof DEFAULTS)[K] {
  const fromEnv = process.env[envName(key)];
  const fallback = DEFAULTS[key];
  if (fromEnv === undefined || fromEnv === '') return fallback;
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
