// Safety for every response and every mutating request:
// - a strict Content-Security-Policy: scripts and styles only from our own files, so even a
//   markup-injection bug cannot run anything (no 'unsafe-inline', no 'unsafe-eval');
// - CSRF by double submit: a random token in a SameSite=Strict, HttpOnly cookie, echoed in a
//   form field (`_csrf`) or header (`X-CSRF-Token`); a request carrying the admin token as a
//   Bearer header is exempt, since a browser never attaches that header cross-site by itself.
//   The token is issued only where it is used (pages with a form, GET /api/csrf): pages without
//   a form carry no per-reader secret and set no cookie, so they are the same bytes for every
//   reader and can be built once (cache.ts). A page with a form is rendered for its reader,
//   with that reader's token;
// - the optional admin token (config `adminToken`): mutating routes need it when set.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { config } from '../config.ts';

/** Per request, computed when first asked for (see csrfToken, isAdmin). */
export type Env = { Variables: { csrf?: string; admin?: boolean } };

export const CSRF_COOKIE = 'sl_csrf';
export const ADMIN_COOKIE = 'sl_admin';

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

const equal = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const adminToken = (): string => config('adminToken');
export const adminCookieValue = (token: string): string => createHash('sha256').update(`storyline-admin\n${token}`).digest('hex');

function bearer(c: Context): string | undefined {
  const h = c.req.header('authorization');
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

export const MUTATING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes a reader may use without the admin token (still CSRF-protected). */
const OPEN_MUTATIONS = [/^\/articles\/[^/]+\/report$/, /^\/admin\/login$/, /^\/admin\/logout$/];

/** The reader's CSRF token, for a page with a form: the cookie's, or a new one set now. */
export function csrfToken(c: Context<Env>): string {
  let token = c.get('csrf');
  if (token) return token;
  token = getCookie(c, CSRF_COOKIE);
  if (!token || !/^[\w-]{32,64}$/.test(token)) {
    token = randomBytes(24).toString('base64url');
    setCookie(c, CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Strict', secure: c.req.url.startsWith('https:') });
  }
  c.set('csrf', token);
  return token;
}

/** Whether the request may administer: no admin token configured (a single-user, local
 * instance), or the token as a Bearer header, or the sign-in cookie. */
export function isAdmin(c: Context<Env>): boolean {
  let admin = c.get('admin');
  if (admin !== undefined) return admin;
  const token = adminToken();
  admin = token === '' || viaBearer(c, token) || equal(getCookie(c, ADMIN_COOKIE) ?? '', adminCookieValue(token));
  c.set('admin', admin);
  return admin;
}

const viaBearer = (c: Context, token: string): boolean => {
  const sent = bearer(c);
  return token !== '' && sent !== undefined && equal(sent, token);
};

/** Guards mutating requests; reads pass untouched (nothing to protect, and nothing to pay). */
export const csrfAndAdmin: MiddlewareHandler<Env> = async (c, next) => {
  if (!MUTATING.has(c.req.method)) return next();
  if (!viaBearer(c, adminToken())) {
    const sent = c.req.header('x-csrf-token') ?? (await formField(c, '_csrf'));
    const cookie = getCookie(c, CSRF_COOKIE);
    if (!cookie || !sent || !equal(sent, cookie)) return deny(c, 403, 'The form expired or did not come from this site (CSRF check failed). Reload the page and try again.');
  }
  if (!isAdmin(c) && !OPEN_MUTATIONS.some((r) => r.test(c.req.path)))
    return deny(c, 401, 'This action needs the admin token: send "Authorization: Bearer <token>" or sign in at /admin/login.');
  return next();
};

async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return undefined;
  const body = await c.req.parseBody();
  const v = body[name];
  return typeof v === 'string' ? v : undefined;
}

// Thrown, so the app's error handler answers in the site's style (JSON under /api/).
function deny(_c: Context, status: 401 | 403, message: string): never {
  throw new HTTPException(status, { message });
}
