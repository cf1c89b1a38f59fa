// Per-client rate limits (sign-in attempts, correction reports): a sliding window of the times a
// client acted, in memory. A client is its address (server/security.ts clientKey). The map is
// bounded: past `maxClients` the client seen least recently is forgotten, so a flood of made-up
// addresses costs memory once, not forever.
export class RateLimit {
  private readonly hits = new Map<string, number[]>();
  private readonly max: number;
  private readonly windowMs: number;
  private readonly maxClients: number;

  constructor(max: number, windowMs: number, maxClients = 10_000) {
    this.max = max;
    this.windowMs = windowMs;
    this.maxClients = maxClients;
  }

  /** Counts one action of `client`; `ok` false (with the seconds to wait) when over the limit. */
  take(client: string, now = Date.now()): { ok: boolean; retryAfterS: number } {
    const recent = (this.hits.get(client) ?? []).filter((t) => t > now - this.windowMs);
    this.hits.delete(client);
    if (recent.length >= this.max) {
      this.hits.set(client, recent);
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.hits.set(client, recent);
    if (this.hits.size > this.maxClients) this.hits.delete(this.hits.keys().next().value!);
    return { ok: true, retryAfterS: 0 };
  }

  /** Forgets a client (a successful sign-in clears its failed attempts). */
  clear(client: string): void {
    this.hits.delete(client);
  }
}
