// robots.txt for page fetches, cached per origin. RFC 9309: a 4xx means no rules; a 5xx or an
// unreachable file means "assume everything is disallowed", for a short while only.
import robotsParserModule from 'robots-parser';

export const ROBOTS_AGENT = 'Storyline';

type Rules = { isAllowed(url: string, ua?: string): boolean | undefined };
// The package is CommonJS with an ESM-style declaration: at run time the default import is the function.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Rules;
type Entry = { rules: Rules | 'allow-all' | 'deny-all'; expires: number; why?: string };

const cache = new Map<string, Promise<Entry>>();
/** Failures are retried sooner than good files expire. */
const FAILURE_TTL_MS = 5 * 60 * 1000;
const MAX_CACHED_ORIGINS = 10_000;

export type RobotsFetcher = (robotsUrl: string) => Promise<{ status: number; text: string }>;

/** Undefined when the URL may be fetched, else the reason it may not. */
export async function robotsVerdict(url: URL, ttlMs: number, fetchRobots: RobotsFetcher): Promise<string | undefined> {
  const origin = url.origin;
  const now = Date.now();
  let pending = cache.get(origin);
  if (pending) {
    const e = await pending;
    if (e.expires <= now) pending = undefined;
  }
  if (!pending) {
    if (cache.size >= MAX_CACHED_ORIGINS) cache.delete(cache.keys().next().value!);
    pending = load(origin, ttlMs, fetchRobots);
    cache.set(origin, pending);
    // A refusal by the SSRF guard is the page's own refusal, not a robots verdict: not cached.
    pending.catch(() => cache.delete(origin));
  }
  const entry = await pending;
  if (entry.rules === 'allow-all') return undefined;
  if (entry.rules === 'deny-all') return `robots.txt of ${origin} could not be read (${entry.why}), so pages there are not fetched for now`;
  return entry.rules.isAllowed(url.href, ROBOTS_AGENT) === false ? `robots.txt of ${origin} disallows ${url.pathname}` : undefined;
}

async function load(origin: string, ttlMs: number, fetchRobots: RobotsFetcher): Promise<Entry> {
  const robotsUrl = `${origin}/robots.txt`;
  try {
    const { status, text } = await fetchRobots(robotsUrl);
    if (status >= 200 && status < 300) return { rules: robotsParser(robotsUrl, text), expires: Date.now() + ttlMs };
    if (status >= 400 && status < 500) return { rules: 'allow-all', expires: Date.now() + ttlMs };
    return { rules: 'deny-all', expires: Date.now() + FAILURE_TTL_MS, why: `HTTP ${status}` };
  } catch (e) {
    // Refused by the SSRF guard, cancelled, or the host unreachable (DNS, connection, deadline):
    // not a robots verdict, but the page's own failure, reported as such and not cached.
    if (['blocked', 'aborted', 'network', 'timeout'].includes((e as { code?: string }).code ?? '')) throw e;
    return { rules: 'deny-all', expires: Date.now() + FAILURE_TTL_MS, why: (e as Error).message };
  }
}

/** Forget every cached robots.txt (tests; a long-running process relies on the TTL). */
export function clearRobotsCache(): void {
  cache.clear();
}
