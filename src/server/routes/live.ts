// Live updates by server-sent events. Ingest may run in another process, so the server polls
// the database cheaply (max(rowid) of articles, once per livePollMs) from one shared timer, and
// each open page learns how many articles arrived since it was rendered. The page shows
// "N new updates" and the reader chooses to load them; nothing on the page moves by itself.
// Resume: the event id is the newest article's rowid, so a reconnect (Last-Event-ID) sends
// only what is new since the last event the client saw, and nothing twice.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { config } from '../../config.ts';
import { countSince, liveCursor } from '../../store/read.ts';
import type { Store } from '../../store/index.ts';
import type { Deps } from '../render.ts';
import type { Env } from '../security.ts';

type Listener = (cursor: number) => void;

/** One poll for every open connection; it stops when the last one closes. */
export class LiveCursor {
  private listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  private last = -1;
  private readonly store: Store;
  constructor(store: Store) {
    this.store = store;
  }
  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    if (!this.timer) {
      this.timer = setInterval(() => void this.tick(), Math.max(100, config('livePollMs')));
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(fn);
      if (!this.listeners.size && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
        this.last = -1;
      }
    };
  }
  private async tick(): Promise<void> {
    try {
      const cur = await liveCursor(this.store.db);
      if (cur === this.last) return;
      this.last = cur;
      for (const fn of this.listeners) fn(cur);
    } catch {
      // The database may be busy with an ingest in another process: try again next tick.
    }
  }
}

export function liveRoutes(deps: Deps): Hono<Env> {
  const { store } = deps;
  const app = new Hono<Env>();
  const cursor = new LiveCursor(store);

  app.get('/live', async (c) => {
    const num = (s: string | undefined): number | undefined => (s && /^\d{1,15}$/.test(s) ? Number(s) : undefined);
    const story = /^[\w-]{1,64}$/.test(c.req.query('story') ?? '') ? c.req.query('story') : undefined;
    // What the page showed when it was rendered: counts are always relative to it.
    const since = num(c.req.query('since')) ?? (await liveCursor(store.db));
    let seen = num(c.req.header('last-event-id')) ?? num(c.req.query('lastEventId')) ?? since;
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      await stream.write('retry: 3000\n\n');
      let wake: (() => void) | undefined;
      let pending = true;
      const unsubscribe = cursor.subscribe(() => {
        pending = true;
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      try {
        let lastBeat = Date.now();
        while (!stream.aborted && !stream.closed) {
          if (pending) {
            pending = false;
            const cur = await liveCursor(store.db);
            if (cur > seen) {
              const count = await countSince(store.db, since, story);
              const fresh = await countSince(store.db, seen, story);
              seen = cur;
              if (fresh > 0) await stream.writeSSE({ id: String(cur), event: 'update', data: JSON.stringify({ count, since, cursor: cur, story: story ?? null }) });
            }
          }
          if (Date.now() - lastBeat > 25_000) {
            await stream.write(': keep-alive\n\n');
            lastBeat = Date.now();
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 5000).unref();
          });
        }
      } finally {
        unsubscribe();
      }
    });
  });
  return app;
}
