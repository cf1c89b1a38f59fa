// subscriptions/: polling the feeds a user subscribed to. One verb, `pollDue`: claim the feeds
// whose poll job is due, fetch each (conditional GET, robots.txt not consulted: the user asked
// for this feed), keep only the entries that are new or changed since the last poll, ingest them
// through the pipeline, then record the outcome and the next poll time in the same database, so
// a restart resumes from the jobs table.
import { config } from '../config.ts';
import { fetchUrl, FetchError } from '../fetch/index.ts';
import type { Pipeline } from '../pipeline/index.ts';
import { entryInputs, entryRecord, FeedError, parseFeedBytes, sha256, type FeedEntry, type ParsedFeed } from '../sources/index.ts';
import type { EntrySeen, Feed } from '../store/index.ts';
import type { Rejection } from '../types.ts';
import { nextPollAt } from './schedule.ts';

export { nextPollAt } from './schedule.ts';

export interface PollOptions {
  allowPrivateNetwork?: boolean;
  fetchPages?: boolean;
  /** Feeds fetched at once. */
  concurrency?: number;
  signal?: AbortSignal;
  now?: () => Date;
  onReport?(r: FeedReport): void;
  onRejection?(r: Rejection): void;
  /** A round of polling failed as a whole (the Poller goes on). */
  onError?(e: Error): void;
}

export interface FeedReport {
  url: string;
  outcome: 'updated' | 'not-modified' | 'failed' | 'cancelled';
  status: number | null;
  entries: number;
  newEntries: number;
  changedEntries: number;
  stored: number;
  rejected: number;
  error: string | null;
  nextPollAt: string | null;
  why: string | null;
}

/** How long a claimed job stays locked if its runner dies mid-poll. */
const LOCK_MS = 15 * 60 * 1000;

const bounds = (): { defaultSeconds: number; minSeconds: number; maxSeconds: number } => ({
  defaultSeconds: config('feedPollSeconds'),
  minSeconds: config('feedMinPollSeconds'),
  maxSeconds: config('feedMaxPollSeconds'),
});

/** Polls every feed due now (in rounds until none is left) and returns one report per feed. */
export async function pollDue(pipeline: Pipeline, opts: PollOptions = {}): Promise<FeedReport[]> {
  const now = opts.now ?? (() => new Date());
  const concurrency = Math.max(1, opts.concurrency ?? config('runConcurrency'));
  const reports: FeedReport[] = [];
  const { store } = pipeline;
  // Feeds are fetched in parallel; the pipeline ingests them in turn.
  for (;;) {
    if (opts.signal?.aborted) break;
    const due = await store.feeds.claimDue(now(), new Date(now().getTime() + LOCK_MS), concurrency * 4);
    if (!due.length) break;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < due.length) {
        const feed = due[next++]!;
        const r = await pollFeed(pipeline, feed, opts, now);
        reports.push(r);
        opts.onReport?.(r);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
  }
  return reports;
}

function entrySeen(e: FeedEntry, feed: ParsedFeed): EntrySeen {
  const record = entryRecord(e, feed);
  return {
    key: e.key,
    guid: e.guid,
    link: e.link,
    title: e.title,
    contentHash: sha256(JSON.stringify(record ?? { key: e.key, title: e.title, link: e.link })),
    bodyHash: sha256(e.html ?? e.text ?? e.summary ?? ''),
    metaHash: sha256(JSON.stringify([e.authors, e.publishedAt, e.updatedAt, e.tags])),
  };
}

async function pollFeed(pipeline: Pipeline, feed: Feed, opts: PollOptions, now: () => Date): Promise<FeedReport> {
  const { store } = pipeline;
  const report: FeedReport = { url: feed.url, outcome: 'failed', status: null, entries: 0, newEntries: 0, changedEntries: 0, stored: 0, rejected: 0, error: null, nextPollAt: null, why: null };
  const finish = async (ok: boolean, extra: { status: number | null; error: string | null; retryAfterMs?: number; parsed?: ParsedFeed; etag?: string | null; lastModified?: string | null; maxAge?: number | null }): Promise<FeedReport> => {
    const polledAt = now();
    const errorCount = ok ? 0 : feed.errorCount + 1;
    const ttl = extra.parsed ? extra.parsed.ttlMinutes : feed.ttl;
    const maxAge = extra.maxAge !== undefined ? extra.maxAge : feed.maxAge;
    const when = nextPollAt(polledAt, { ok, ttlMinutes: ttl, maxAgeSeconds: maxAge, retryAfterMs: extra.retryAfterMs ?? null, errorCount }, bounds());
    await store.feeds.recordPoll(feed, {
      status: extra.status,
      error: extra.error,
      polledAt,
      nextPollAt: when.at,
      ...(extra.parsed ? { title: extra.parsed.title, site: extra.parsed.link, ttl: extra.parsed.ttlMinutes } : {}),
      ...(extra.etag !== undefined ? { etag: extra.etag, lastModified: extra.lastModified ?? null } : {}),
      ...(extra.maxAge !== undefined ? { maxAge: extra.maxAge } : {}),
    });
    return { ...report, status: extra.status, error: extra.error, nextPollAt: when.at.toISOString(), why: when.why };
  };

  let fetched;
  try {
    fetched = await fetchUrl(feed.url, { purpose: 'feed', etag: feed.etag, lastModified: feed.lastModified, allowPrivateNetwork: opts.allowPrivateNetwork, signal: opts.signal });
  } catch (e) {
    if (e instanceof FetchError && e.code === 'aborted') {
      await store.feeds.releaseJob(feed);
      return { ...report, outcome: 'cancelled', error: 'cancelled' };
    }
    const err = e instanceof FetchError ? e : new FetchError('network', feed.url, (e as Error).message);
    return finish(false, { status: err.status ?? null, error: err.message, retryAfterMs: err.retryAfterMs });
  }
  if (fetched.notModified) {
    report.outcome = 'not-modified';
    return finish(true, { status: 304, error: null, etag: fetched.etag, lastModified: fetched.lastModified, maxAge: fetched.maxAgeSeconds });
  }
  let parsed: ParsedFeed;
  try {
    parsed = parseFeedBytes(fetched.bytes, { url: fetched.url, charset: fetched.charset });
  } catch (e) {
    return finish(false, { status: fetched.status, error: e instanceof FeedError ? e.message : `cannot read the feed: ${(e as Error).message}` });
  }

  // Only new and changed entries go on: a re-poll of an unchanged feed fetches no page and
  // ingests nothing.
  const seen = parsed.entries.map((e) => entrySeen(e, parsed));
  const verdicts = await store.feeds.classifyEntries(feed, seen);
  const fresh = parsed.entries.filter((_, i) => verdicts[i]!.state !== 'unchanged');
  const keyOf = new Map(parsed.entries.map((e, i) => [e, verdicts[i]!.key]));
  report.entries = parsed.entries.length;
  report.newEntries = verdicts.filter((v) => v.state === 'new').length;
  report.changedEntries = verdicts.filter((v) => v.state === 'changed').length;
  report.outcome = 'updated';
  if (fresh.length) {
    const inputs = await entryInputs(
      { ...parsed, entries: fresh },
      {
        feedName: feed.url,
        fetchPages: opts.fetchPages ?? config('feedFetchPages'),
        allowPrivateNetwork: opts.allowPrivateNetwork,
        fetchedAt: fetched.fetchedAt,
        nameOf: (e) => `${feed.url}#${keyOf.get(e) ?? e.key}`,
      },
    );
    const summary = await pipeline.ingestInputs(inputs, { onRejection: (r) => opts.onRejection?.(r) }, { sources: { allowPrivateNetwork: opts.allowPrivateNetwork } });
    report.stored = summary.stored + summary.duplicates;
    report.rejected = summary.rejected.length;
  }
  await store.feeds.recordEntries(feed, seen.map((s, i) => ({ seen: s, verdict: verdicts[i]! })), now());
  return finish(true, { status: fetched.status, error: null, parsed, etag: fetched.etag, lastModified: fetched.lastModified, maxAge: fetched.maxAgeSeconds });
}

export { checkFeed, type FeedCheck, type CheckOptions } from './check.ts';

/** Longest sleep between looks at the schedule, so feeds added meanwhile (by the CLI, another
 * process) are picked up even without a wake(). */
const MAX_IDLE_MS = 60_000;

/**
 * Polls feeds as they fall due until stopped: what `storyline run` does, and what `serve` runs
 * beside the pages so that a subscription made in the UI brings articles. `wake()` makes it look
 * at the schedule now (a new subscription, "refresh now").
 */
export class Poller {
  private readonly pipeline: Pipeline;
  private readonly opts: PollOptions;
  private readonly stopper = new AbortController();
  private nudge: (() => void) | undefined;
  private woken = false;
  private running: Promise<void> | undefined;

  constructor(pipeline: Pipeline, opts: Omit<PollOptions, 'signal'> = {}) {
    this.pipeline = pipeline;
    this.opts = { ...opts, signal: this.stopper.signal };
  }

  start(): this {
    this.running ??= this.loop();
    return this;
  }

  wake(): void {
    this.woken = true;
    this.nudge?.();
  }

  /** Stops after the polls in flight (their jobs are released, not lost). */
  async stop(): Promise<void> {
    this.stopper.abort();
    this.nudge?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    const signal = this.stopper.signal;
    while (!signal.aborted) {
      this.woken = false;
      try {
        await pollDue(this.pipeline, this.opts);
      } catch (e) {
        // The store was busy or closed under us: wait and look again; a poller never dies.
        if (!signal.aborted) this.opts.onError?.(e as Error);
      }
      if (signal.aborted || this.woken) continue;
      const due = await this.pipeline.store.feeds.nextDueAt().catch(() => undefined);
      const wait = Math.min(MAX_IDLE_MS, Math.max(1000, due ? due.getTime() - Date.now() : MAX_IDLE_MS));
      if (this.woken || signal.aborted) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.nudge = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.nudge = undefined;
    }
  }
}
