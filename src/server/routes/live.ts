// Live updates by server-sent events. Ingest and analysis may run in other processes, so the
// server polls the store cheaply (the newest article's and the newest analysis's positions, once
// per livePollMs) from one shared timer, and each open page learns how many articles arrived
// since it was rendered ("update"), and when its story's analysis was rewritten ("analysed").
// The page shows "N new updates" and the reader chooses to load them; nothing on the page moves
// by itself. Resume: the event id is both positions, so a reconnect (Last-Event-ID) sends only
// what is new since the last event the client saw, and nothing twice.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { config } from '../../config.ts';
import type { Cursor, Store } from '../../store/index.ts';
import type { Deps } from '../render.ts';
import type { Env } from '../security.ts';

type Listener = (cursor: Cursor) => void;

/** One poll for every open connection; it stops when the last one closes. */
export class LiveCursor {
  private listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  private last = '';
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
        this.last = '';
      }
    };
  }
  private async tick(): Promise<void> {
    try {
      const cur = await this.store.live.cursor();
      const key = `${cur.articles}.${cur.analyses}`;
      if (key === this.last) return;
      this.last = key;
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
    /** An event id: "articles.analyses". */
    const pair = (s: string | undefined): Cursor | undefined => {
      const m = s?.match(/^(\d{1,15})\.(\d{1,15})$/);
      return m ? { articles: Number(m[1]), analyses: Number(m[2]) } : undefined;
    };
    const story = /^[\w-]{1,64}$/.test(c.req.query('story') ?? '') ? c.req.query('story') : undefined;
    // What the page showed when it was rendered: counts are always relative to it.
    const now = await store.live.cursor();
    const since = num(c.req.query('since')) ?? now.articles;
    let seen: Cursor = pair(c.req.header('last-event-id')) ?? pair(c.req.query('lastEventId')) ?? { articles: since, analyses: num(c.req.query('analysed')) ?? now.analyses };
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
            const cur = await store.live.cursor();
            const id = `${cur.articles}.${cur.analyses}`;
            if (cur.articles > seen.articles) {
              const count = await store.live.articlesSince(since, story);
              const fresh = await store.live.articlesSince(seen.articles, story);
              if (fresh > 0) await stream.writeSSE({ id, event: 'update', data: JSON.stringify({ count, since, cursor: cur.articles, story: story ?? null }) });
            }
            if (cur.analyses > seen.analyses) {
              const analysed = await store.analysis.analysedSince(seen.analyses, story);
              if (analysed.length) await stream.writeSSE({ id, event: 'analysed', data: JSON.stringify({ stories: analysed, story: story ?? null }) });
            }
            seen = cur;
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
