// Safety for every response and every mutating request:
// - a strict Content-Security-Policy: scripts and styles only from our own files, so even a
//   markup-injection bug cannot run anything (no 'unsafe-inline', no 'unsafe-eval');
// - CSRF, three checks: a browser's own word on where the request comes from (Sec-Fetch-Site,
//   else Origin) must be this site; and a double-submit token, random in a SameSite=Strict,
//   HttpOnly cookie, echoed in a form field (`_csrf`) or header (`X-CSRF-Token`), which must be
//   one this server issued (a nonce and its HMAC under the store's secret), so a made-up matching
//   cookie and header pair fails. A request carrying the admin token as a Bearer header is
//   exempt: a browser never attaches that header cross-site by itself. Scripts use that, or
//   GET /api/csrf (documented in the OpenAPI description).
//   The token is issued only where it is used (pages with a form, GET /api/csrf): pages without
//   a form carry no per-reader secret and set no cookie, so they are the same bytes for every
//   reader and can be built once (cache.ts);
// - admin sessions: signing in with the admin token (compared in constant time, a few tries a
//   minute per client) makes a random session id kept server-side with an expiry (store
//   sessions.ts); signing out revokes it. Cookies are `__Host-` prefixed and Secure when the
//   site is reached over HTTPS (behind a proxy, with `trustProxy`, its X-Forwarded-Proto says so);
// - a public read-only mode (config `publicReadOnly`): no writes, no sign-in.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { config } from '../config.ts';
import type { Store } from '../store/index.ts';

/** Per request, computed when first asked for (see csrfToken, isAdmin); `secret` is set by the
 * app for every request. `incoming` is the Node request when served by @hono/node-server. */
export type Env = { Variables: { csrf?: string; admin?: boolean; secret: Buffer; store: Store }; Bindings: { incoming?: IncomingMessage } };

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** On every response (cache.ts puts them into finished responses and adds them to the rest). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
});

export const equal = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  // Same length first (timingSafeEqual needs it); the length of a token is not its secret.
  return x.length === y.length && timingSafeEqual(x, y);
};

const adminToken = (): string => config('adminToken');

/** The scheme and host the reader used: the request's own, or the proxy's word when trusted. */
export function siteOrigin(c: Context): { origin: string; secure: boolean } {
  const url = new URL(c.req.url);
  let proto = url.protocol.replace(':', '');
  let host = c.req.header('host') ?? url.host;
  if (config('trustProxy')) {
    proto = c.req.header('x-forwarded-proto')?.split(',')[0]!.trim().toLowerCase() || proto;
    host = c.req.header('x-forwarded-host')?.split(',')[0]!.trim() || host;
  }
  return { origin: `${proto}://${host}`.toLowerCase(), secure: proto === 'https' };
}

/** Who is asking, for rate limits: the socket's address, or the proxy's last X-Forwarded-For
 * entry when trusted (the one it added itself; earlier entries are the client's own claims). */
export function clientKey(c: Context<Env>): string {
  if (config('trustProxy')) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
    if (forwarded?.length) return forwarded[forwarded.length - 1]!;
  }
  return c.env?.incoming?.socket?.remoteAddress ?? 'local';
}

/** Cookie names: `__Host-` ones over HTTPS (the browser then insists on Secure, Path=/ and no
 * Domain, so a sibling subdomain cannot plant them). */
export const cookieName = (base: 'csrf' | 'admin', secure: boolean): string => `${secure ? '__Host-' : ''}sl_${base}`;

function bearer(c: Context): string | undefined {
  const h = c.req.header('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

export const MUTATING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes a reader may use without the admin token (still CSRF-protected). */
const OPEN_MUTATIONS = [/^\/articles\/[^/]+\/report$/, /^\/admin\/login$/, /^\/admin\/logout$/];

// A CSRF token: 18 random bytes and the first 16 bytes of their HMAC under the store's secret.
const mac = (secret: Buffer, nonce: string): string => createHmac('sha256', secret).update(`csrf\n${nonce}`).digest().subarray(0, 16).toString('base64url');
const TOKEN = /^([\w-]{24})\.([\w-]{22})$/;

/** Whether a token is one this server issued (its form, and its HMAC). */
export function issued(secret: Buffer, token: string): boolean {
  const m = TOKEN.exec(token);
  return !!m && equal(m[2]!, mac(secret, m[1]!));
}

/** The reader's CSRF token, for a page with a form: the cookie's, or a new one set now. */
export function csrfToken(c: Context<Env>): string {
  let token = c.get('csrf');
  if (token) return token;
  const { secure } = siteOrigin(c);
  const name = cookieName('csrf', secure);
  token = getCookie(c, name);
  if (!token || !issued(c.get('secret'), token)) {
    const nonce = randomBytes(18).toString('base64url');
    token = `${nonce}.${mac(c.get('secret'), nonce)}`;
    setCookie(c, name, token, { path: '/', httpOnly: true, sameSite: 'Strict', secure });
  }
  c.set('csrf', token);
  return token;
}

/** Whether the request may administer: no admin token configured and not read-only (a
 * single-user, local instance), or the token as a Bearer header, or a live session cookie. */
export async function isAdmin(c: Context<Env>): Promise<boolean> {
  let admin = c.get('admin');
  if (admin !== undefined) return admin;
  const token = adminToken();
  if (token === '') admin = !config('publicReadOnly');
  else if (viaBearer(c, token)) admin = true;
  else {
    const id = getCookie(c, cookieName('admin', siteOrigin(c).secure));
    admin = !!id && (await c.get('store').sessions.valid(id));
  }
  c.set('admin', admin);
  return admin;
}

const viaBearer = (c: Context, token: string): boolean => {
  const sent = bearer(c);
  return token !== '' && sent !== undefined && equal(sent, token);
};

const HOW_FOR_SCRIPTS =
  'A script sends "Authorization: Bearer <admin token>" (no CSRF token needed), or, on a server without an admin token, first GETs /api/csrf and sends back its cookie with the token in the X-CSRF-Token header.';

/** Guards mutating requests; reads pass untouched (nothing to protect, and nothing to pay). */
export const csrfAndAdmin: MiddlewareHandler<Env> = async (c, next) => {
  if (!MUTATING.has(c.req.method)) return next();
  const api = c.req.path.startsWith('/api/');
  if (config('publicReadOnly') && adminToken() === '') return deny(403, 'This server is read-only: it accepts no changes.');
  if (!viaBearer(c, adminToken())) {
    // Where the browser says the request comes from. Absent in non-browser clients, which the
    // token check below still covers.
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    if ((site && site !== 'same-origin' && site !== 'none') || (origin !== undefined && origin.toLowerCase() !== siteOrigin(c).origin))
      return deny(403, api ? `Cross-site request refused (Origin ${origin ?? 'unknown'}, Sec-Fetch-Site ${site ?? 'absent'}). ${HOW_FOR_SCRIPTS}` : 'This form was sent from another site, so it was refused (CSRF check).');
    const sent = c.req.header('x-csrf-token') ?? (await formField(c, '_csrf'));
    const cookie = getCookie(c, cookieName('csrf', siteOrigin(c).secure));
    if (!cookie || !sent || !equal(sent, cookie) || !issued(c.get('secret'), sent))
      return deny(403, api ? `CSRF check failed: no valid CSRF token was sent. ${HOW_FOR_SCRIPTS}` : 'The form expired or did not come from this site (CSRF check failed). Reload the page and try again.');
  }
  if (!(await isAdmin(c)) && !OPEN_MUTATIONS.some((r) => r.test(c.req.path)))
    return deny(401, 'This action needs the admin token: send "Authorization: Bearer <token>" or sign in at /admin/login.');
  return next();
};

/** Signs in: a new server-side session in a cookie. */
export async function startSession(c: Context<Env>): Promise<void> {
  const { secure } = siteOrigin(c);
  const hours = config('adminSessionHours');
  const id = await c.get('store').sessions.create(hours * 3600_000);
  setCookie(c, cookieName('admin', secure), id, { path: '/', httpOnly: true, sameSite: 'Strict', secure, maxAge: Math.round(hours * 3600) });
}

/** Signs out: the session is revoked server-side, so a copy of the cookie is worth nothing. */
export async function endSession(c: Context<Env>): Promise<void> {
  const { secure } = siteOrigin(c);
  const name = cookieName('admin', secure);
  const id = getCookie(c, name);
  if (id) await c.get('store').sessions.revoke(id);
  deleteCookie(c, name, { path: '/', secure });
}

async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return undefined;
  const body = await c.req.parseBody();
  const v = body[name];
  return typeof v === 'string' ? v : undefined;
}

// Thrown, so the app's error handler answers in the site's style (JSON under /api/).
function deny(status: 401 | 403, message: string): never {
  throw new HTTPException(status, { message });
}
