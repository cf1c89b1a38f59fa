// The work queue that `storyline worker` processes share, on one or several hosts: inputs to
// ingest (kept whole, bytes and all, until their article is written) and URLs to fetch. A worker
// claims rows for a lease (PostgreSQL: FOR UPDATE SKIP LOCKED, so workers claiming at once take
// different rows and never wait on each other); an ingest row is deleted in the transaction that
// writes its article (store/ingest.ts writeArticles), so an input is done exactly once even when
// a worker dies mid-chunk (its rows are claimed again when the lease lapses).
import type { RawInput } from '../types.ts';
import type { Db, SqlDialect } from './dialect.ts';
import { parts } from './parts.ts';

export type WorkKind = 'ingest' | 'fetch';

/** A claimed row: an input to ingest, or a URL to fetch (with how to read it). */
export type WorkItem = { id: string; kind: 'ingest'; raw: RawInput } | { id: string; kind: 'fetch'; url: string; options: { allowPrivateNetwork?: boolean } };

export interface WorkBacklog {
  kind: WorkKind;
  waiting: number;
  failed: number;
}

export class WorkStore {
  private readonly db: Db;
  private readonly dialect: SqlDialect;

  constructor(db: Db, dialect: SqlDialect) {
    this.db = db;
    this.dialect = dialect;
  }

  /** Queues inputs (by input id: one queued twice is one row) and URLs to fetch. */
  async enqueue(items: WorkItem[], now = new Date().toISOString()): Promise<void> {
    for (const part of parts(items, 100))
      await this.db
        .insertInto('work')
        .values(
          part.map((w) => {
            if (w.kind === 'fetch') return { id: w.id, kind: w.kind, input: w.url, payload: JSON.stringify(w.options), bytes: null, queued_at: now, claimed_until: null, attempts: 0, last_error: null };
            const { bytes, ...meta } = w.raw;
            return { id: w.id, kind: w.kind, input: w.raw.input, payload: JSON.stringify(meta), bytes, queued_at: now, claimed_until: null, attempts: 0, last_error: null };
          }),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
  }

  /** Takes up to `limit` rows of a kind, oldest first, for `leaseMs`. */
  async claim(kind: WorkKind, limit: number, leaseMs: number, maxAttempts: number, now = new Date()): Promise<WorkItem[]> {
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const rows = await this.dialect
        .forClaim(
          trx
            .selectFrom('work')
            .select(['id', 'kind', 'input', 'payload', 'bytes'])
            .where('kind', '=', kind)
            .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
            .where('attempts', '<', Math.min(maxAttempts, 2 ** 31 - 1))
            .orderBy('queued_at')
            .orderBy('id')
            .limit(limit),
        )
        .execute();
      if (!rows.length) return [];
      for (const part of parts(rows.map((r) => r.id)))
        await trx
          .updateTable('work')
          .set((eb) => ({ claimed_until: new Date(now.getTime() + leaseMs).toISOString(), attempts: eb('attempts', '+', 1) }))
          .where('id', 'in', part)
          .execute();
      return rows.map((r): WorkItem => {
        if (r.kind === 'fetch') return { id: r.id, kind: 'fetch', url: r.input, options: JSON.parse(r.payload) };
        const meta = JSON.parse(r.payload) as Omit<RawInput, 'bytes'>;
        return { id: r.id, kind: 'ingest', raw: { ...meta, bytes: new Uint8Array(r.bytes!) } };
      });
    });
  }

  /** Rows done without an article to write (an input stored already, a URL fetched). */
  async done(ids: string[]): Promise<void> {
    for (const part of parts(ids)) await this.db.deleteFrom('work').where('id', 'in', part).execute();
  }

  /** A row that cannot be done: kept with its reason, never claimed again. */
  async fail(id: string, reason: string, maxAttempts: number): Promise<void> {
    await this.db.updateTable('work').set({ claimed_until: null, attempts: Math.min(maxAttempts, 2 ** 31 - 1), last_error: reason.slice(0, 2000) }).where('id', '=', id).execute();
  }

  /** Rows let go without being done (the worker is stopping): claimable again at once. */
  async release(ids: string[]): Promise<void> {
    for (const part of parts(ids)) await this.db.updateTable('work').set({ claimed_until: null }).where('id', 'in', part).execute();
  }

  /** Queued and failed rows, by kind. */
  async backlog(maxAttempts: number): Promise<WorkBacklog[]> {
    const bound = Math.min(maxAttempts, 2 ** 31 - 1);
    const out: WorkBacklog[] = [];
    for (const kind of ['fetch', 'ingest'] as const) {
      const w = await this.db.selectFrom('work').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', kind).where('attempts', '<', bound).executeTakeFirst();
      const f = await this.db.selectFrom('work').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', kind).where('attempts', '>=', bound).executeTakeFirst();
      out.push({ kind, waiting: Number(w?.n ?? 0), failed: Number(f?.n ?? 0) });
    }
    return out;
  }
}
