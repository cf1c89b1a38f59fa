// When to poll a feed next. The feed's own word (RSS ttl, Cache-Control max-age) and the
// server's Retry-After are honored within bounds: never sooner than the minimum (politeness,
// even when a server says max-age=0), never later than the maximum (a feed is not forgotten),
// and failures back off exponentially.

export interface ScheduleBounds {
  defaultSeconds: number;
  minSeconds: number;
  maxSeconds: number;
}

export interface PollOutcome {
  ok: boolean;
  /** RSS <ttl>, minutes. */
  ttlMinutes?: number | null;
  maxAgeSeconds?: number | null;
  retryAfterMs?: number | null;
  /** Consecutive failures including this one (0 when ok). */
  errorCount: number;
}

export function nextPollAt(now: Date, o: PollOutcome, b: ScheduleBounds): { at: Date; why: string } {
  const clamp = (s: number): number => Math.min(b.maxSeconds, Math.max(b.minSeconds, s));
  const at = (s: number, why: string): { at: Date; why: string } => ({ at: new Date(now.getTime() + clamp(s) * 1000), why });
  const retryAfter = o.retryAfterMs != null ? Math.ceil(o.retryAfterMs / 1000) : null;
  if (!o.ok) {
    const backoff = b.defaultSeconds * 2 ** Math.min(Math.max(0, o.errorCount - 1), 10);
    if (retryAfter !== null) return at(Math.max(retryAfter, b.minSeconds), `Retry-After ${retryAfter} s`);
    return at(backoff, `backoff after ${o.errorCount} failure(s)`);
  }
  const said = Math.max(o.ttlMinutes ? o.ttlMinutes * 60 : 0, o.maxAgeSeconds ?? 0);
  if (said > 0) return at(said, o.ttlMinutes && o.ttlMinutes * 60 >= (o.maxAgeSeconds ?? 0) ? `ttl ${o.ttlMinutes} min` : `max-age ${o.maxAgeSeconds} s`);
  return at(b.defaultSeconds, 'default interval');
}
