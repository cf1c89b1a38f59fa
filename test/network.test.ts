// Issue #17, "safe on a network", as attacks: stolen and forged admin cookies, password guessing,
// forged CSRF pairs and cross-site posts, readers looking for secrets on public pages, writers
// sending too much, symbolic links out of a folder, a pushed page that would stall the server,
// and a public `serve` without a token. Each attack must fail, and say why.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '@hono/node-server';
import { ingest } from './helpers.ts';
import { fetchUrl } from '../src/fetch/index.ts';
import { Pipeline } from '../src/pipeline/index.ts';
import { createApp } from '../src/server/index.ts';
import { Store } from '../src/store/index.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'storyline');
const dir = mkdtempSync(join(tmpdir(), 'storyline-net-'));
const corpus = join(dir, 'private-folder', 'drop');
let store: Store;
let app: ReturnType<typeof createApp>;

const TEXT = (n: number): string =>
  `Le conseil de Veltrane se réunit ${n}\n\nLe conseil d’administration de Veltrane, société grenobloise, a annoncé vendredi ${n} mars le départ de sa présidente. Les salariés ont signé une lettre ouverte pour demander son retour. Les actionnaires préparent une réponse commune.\n`;

before(async () => {
  mkdirSync(corpus, { recursive: true });
  writeFileSync(join(corpus, '001_conseil.txt'), TEXT(6));
  writeFileSync(join(corpus, '002_conseil.txt'), TEXT(9));
  store = await Store.open({ db: join(dir, 'n.db') });
  await ingest([corpus], store, {}, { workers: 'never' });
  app = createApp(store);
});
after(async () => {
  for (const k of Object.keys(process.env)) if (k.startsWith('STORYLINE_') && k !== 'STORYLINE_SHARED' && k !== 'STORYLINE_CHROMIUM') delete process.env[k];
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `fn` with settings in the environment, restoring them after. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const old = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(old)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

async function csrf(a = app, headers: Record<string, string> = {}): Promise<{ cookie: string; token: string }> {
  const r = await a.request('/api/csrf', { headers });
  return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, token: ((await r.json()) as { token: string }).token };
}

const form = (body: Record<string, string>): string => new URLSearchParams(body).toString();
const FORM = 'application/x-www-form-urlencoded';

async function login(a: ReturnType<typeof createApp>, token: string, headers: Record<string, string> = {}): Promise<Response> {
  const c = await csrf(a, headers);
  return a.request('/admin/login', { method: 'POST', headers: { 'content-type': FORM, cookie: c.cookie, ...headers }, body: form({ token, _csrf: c.token }) });
}

test('admin sessions: a random id per sign-in, worthless once signed out, expired or forged', async () => {
  await withEnv({ STORYLINE_ADMIN_TOKEN: 'correct horse battery staple' }, async () => {
    const a = await login(app, 'correct horse battery staple');
    const b = await login(app, 'correct horse battery staple');
    assert.equal(a.status, 303);
    const ca = a.headers.get('set-cookie')!.split(';')[0]!;
    const cb = b.headers.get('set-cookie')!.split(';')[0]!;
    assert.match(ca, /^sl_admin=[\w-]{43}$/);
    assert.notEqual(ca, cb, 'every sign-in makes its own session');
    assert.equal((await app.request('/api/corrections', { headers: { cookie: ca } })).status, 200);
    // The old scheme's cookie (sha256 of the token) opens nothing.
    const forged = createHash('sha256').update('storyline-admin\ncorrect horse battery staple').digest('hex');
    assert.equal((await app.request('/api/corrections', { headers: { cookie: `sl_admin=${forged}` } })).status, 401);
    // Signing out revokes the session on the server: a copy of the cookie is worth nothing.
    const c = await csrf();
    const out = await app.request('/admin/logout', { method: 'POST', headers: { 'content-type': FORM, cookie: `${c.cookie}; ${ca}` }, body: form({ _csrf: c.token }) });
    assert.equal(out.status, 303);
    assert.equal((await app.request('/api/corrections', { headers: { cookie: ca } })).status, 401);
    assert.equal((await app.request('/api/corrections', { headers: { cookie: cb } })).status, 200, 'the other session lives on');
    // A session ends at its expiry.
    await withEnv({ STORYLINE_ADMIN_SESSION_HOURS: String(0.3 / 3600) }, async () => {
      const short = (await login(createApp(store), 'correct horse battery staple')).headers.get('set-cookie')!.split(';')[0]!;
      assert.equal((await app.request('/api/corrections', { headers: { cookie: short } })).status, 200);
      await new Promise((r) => setTimeout(r, 400));
      assert.equal((await app.request('/api/corrections', { headers: { cookie: short } })).status, 401);
    });
  });
});

test('admin sign-in: guessing is rate-limited per client (429 with Retry-After), the right token included', async () => {
  await withEnv({ STORYLINE_ADMIN_TOKEN: 'a-long-admin-token', STORYLINE_LOGIN_ATTEMPTS_PER_MINUTE: '5' }, async () => {
    const fresh = createApp(store);
    for (let i = 0; i < 5; i++) assert.equal((await login(fresh, `guess-${i}`)).status, 401);
    const sixth = await login(fresh, 'a-long-admin-token');
    assert.equal(sixth.status, 429);
    assert.ok(Number(sixth.headers.get('retry-after')) > 0);
    assert.match(await sixth.text(), /Too many sign-in attempts/);
  });
});

test('cookies are __Host- and Secure over HTTPS behind a trusted proxy, and the proxy is not trusted unless told', async () => {
  await withEnv({ STORYLINE_ADMIN_TOKEN: 'tok-https-test' }, async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const untrusted = await login(app, 'tok-https-test', https);
    assert.match(untrusted.headers.get('set-cookie')!, /^sl_admin=/);
    assert.doesNotMatch(untrusted.headers.get('set-cookie')!, /Secure/);
    await withEnv({ STORYLINE_TRUST_PROXY: 'true' }, async () => {
      const r = await login(app, 'tok-https-test', https);
      const set = r.headers.get('set-cookie')!;
      assert.match(set, /^__Host-sl_admin=[\w-]{43};/);
      assert.match(set, /Secure/);
      assert.match(set, /Path=\//);
      assert.match(set, /HttpOnly/);
      assert.match(set, /SameSite=Strict/);
      assert.doesNotMatch(set, /Domain=/i);
      const c = await csrf(app, https);
      assert.match(c.cookie, /^__Host-sl_csrf=/);
    });
  });
});

test('CSRF: a made-up matching pair, a forged signature and cross-site requests are refused; scripts are told the way in', async () => {
  const record = JSON.stringify({ title: 'x', text: 'Un texte poussé par une page malveillante, qui ne doit jamais être enregistré.' });
  const post = async (headers: Record<string, string>): Promise<Response> => app.request('/api/articles', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: record });
  const made = 'A'.repeat(40);
  const pair = await post({ cookie: `sl_csrf=${made}`, 'x-csrf-token': made });
  assert.equal(pair.status, 403);
  const wellFormed = `${'B'.repeat(24)}.${'C'.repeat(22)}`;
  assert.equal((await post({ cookie: `sl_csrf=${wellFormed}`, 'x-csrf-token': wellFormed })).status, 403, 'the right shape without our signature');
  const { cookie, token } = await csrf();
  const cross = await post({ cookie, 'x-csrf-token': token, origin: 'https://evil.example' });
  assert.equal(cross.status, 403);
  assert.equal((await post({ cookie, 'x-csrf-token': token, 'sec-fetch-site': 'cross-site' })).status, 403);
  assert.equal((await post({ cookie, 'x-csrf-token': token, 'sec-fetch-site': 'same-site' })).status, 403, 'a sibling subdomain is another site');
  // A script is answered in JSON with what to do, not a form's "reload the page".
  const told = (await pair.json()) as { error: string };
  assert.match(told.error, /Authorization: Bearer/);
  assert.match(told.error, /GET[s]? \/api\/csrf/);
  assert.doesNotMatch(told.error, /Reload the page/);
  const page = await app.request(`/articles/${(await store.pages.articles())[0]!.id}/report`, { method: 'POST', headers: { 'content-type': FORM, cookie: `sl_csrf=${made}` }, body: form({ message: 'x', _csrf: made }) });
  assert.equal(page.status, 403);
  assert.match(await page.text(), /Reload the page/);
  // The same request from this site passes.
  const ok = await post({ cookie, 'x-csrf-token': token, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' });
  assert.equal(ok.status, 201);
});

test('nothing private on public pages: feed credentials, internal hosts in errors, server paths', async () => {
  const secret = 'https://reader:hunter2@feeds.example/private.rss?key=s3kr1t';
  const { feed } = await store.feeds.add({ url: secret, title: null });
  await store.feeds.recordPoll(feed, { status: null, error: 'cannot fetch https://rss.corp.internal/feed: rss.corp.internal resolves to 10.20.30.40, private (10.0.0.0/8)', polledAt: new Date(), nextPollAt: new Date(Date.now() + 3600_000) });
  await withEnv({ STORYLINE_ADMIN_TOKEN: 'tok-privacy' }, async () => {
    for (const path of ['/sources', '/api/sources']) {
      const body = await (await app.request(path)).text();
      for (const leak of ['hunter2', 's3kr1t', 'corp.internal', '10.20.30.40']) assert.ok(!body.includes(leak), `${path} shows ${leak}`);
      assert.ok(body.includes('feeds.example/private.rss'), `${path} still lists the feed`);
    }
    const admin = await (await app.request('/api/sources', { headers: { authorization: 'Bearer tok-privacy' } })).text();
    assert.ok(admin.includes('hunter2') && admin.includes('corp.internal'), 'the admin sees it whole');
  });
  const [article] = await store.pages.articles();
  assert.ok(article!.input.startsWith('/'), 'stored with its full path');
  const page = await (await app.request(`/articles/${article!.id}`)).text();
  assert.ok(!page.includes(corpus), 'the article page shows no server folder');
  const api = (await (await app.request(`/api/articles/${article!.id}`)).json()) as { input: string };
  assert.match(api.input, /^\d{3}_conseil\.txt$/);
  const list = await (await app.request('/api/articles')).text();
  assert.ok(!list.includes(corpus));
  await store.feeds.remove(secret);
});

test('limits on what a writer sends: fields, tags, authors, lengths; OPML size; correction reports per client; /sources paged', async () => {
  const { cookie, token } = await csrf();
  const push = async (record: object): Promise<{ status: number; error: string }> => {
    const r = await app.request('/api/articles', { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token }, body: JSON.stringify(record) });
    return { status: r.status, error: r.status >= 400 ? ((await r.json()) as { error: string }).error : '' };
  };
  const text = 'Un article de test assez long pour être un article, avec une phrase complète et une autre phrase.';
  assert.match((await push({ text, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).error, /51 tags; the limit is 50/);
  assert.match((await push({ text, authors: Array.from({ length: 21 }, (_, i) => `A${i}`) })).error, /21 authors; the limit is 20/);
  assert.match((await push({ text, title: 'x'.repeat(2001) })).error, /"title" is 2001 characters long/);
  assert.match((await push({ text, payload: 'x'.repeat(100) })).error, /unknown field "payload"/);
  // OPML: at most maxOpmlFeeds per import, written at once.
  await withEnv({ STORYLINE_MAX_OPML_FEEDS: '60' }, async () => {
    const outlines = Array.from({ length: 75 }, (_, i) => `<outline text="F${i}" type="rss" xmlUrl="https://f${i}.example/rss"/>`).join('');
    const body = new FormData();
    body.set('_csrf', token);
    body.set('opml', `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>${outlines}</body></opml>`);
    const r = await app.request('/sources/opml', { method: 'POST', headers: { cookie }, body });
    assert.equal(r.status, 303);
    assert.match(decodeURIComponent(r.headers.get('location')!), /60 new feeds, 0 already there, 15 left out \(at most 60 per import\)/);
  });
  const first = await (await app.request('/sources')).text();
  assert.equal((first.match(/<tr id="feed-/g) ?? []).length, 50, 'fifty feeds a page');
  assert.match(first, /rel="next" href="\/sources\?page=2"/);
  assert.equal(((await (await app.request('/sources?page=2')).text()).match(/<tr id="feed-/g) ?? []).length, 10);
  const api = (await (await app.request('/api/sources?limit=20')).json()) as { feeds: unknown[]; total: number; next: string };
  assert.equal(api.feeds.length, 20);
  assert.equal(api.total, 60);
  assert.match(api.next, /page=2/);
  // Correction reports: a few per client and hour.
  await withEnv({ STORYLINE_CORRECTIONS_PER_HOUR: '3' }, async () => {
    const fresh = createApp(store);
    const c = await csrf(fresh);
    const id = (await store.pages.articles())[0]!.id;
    const report = async (): Promise<Response> => fresh.request(`/articles/${id}/report`, { method: 'POST', headers: { 'content-type': FORM, cookie: c.cookie }, body: form({ message: 'typo', _csrf: c.token }) });
    for (let i = 0; i < 3; i++) assert.equal((await report()).status, 303);
    const fourth = await report();
    assert.equal(fourth.status, 429);
    assert.ok(fourth.headers.get('retry-after'));
  });
});

test('symbolic links out of an ingested folder are reported, not followed, unless asked', async () => {
  const outside = join(dir, 'outside-secret.txt');
  writeFileSync(outside, TEXT(12));
  const drop = join(dir, 'drop2');
  mkdirSync(drop);
  writeFileSync(join(drop, 'a.txt'), TEXT(11));
  symlinkSync(outside, join(drop, 'b-link.txt'));
  symlinkSync(join(drop, 'a.txt'), join(drop, 'c-inside-link.txt'));
  const s = await Store.open({ db: join(dir, 'links.db') });
  try {
    const rejected: string[] = [];
    const summary = await ingest([drop], s, { onRejection: (r) => rejected.push(`${r.input}: ${r.reason}`) }, { workers: 'never' });
    assert.equal(rejected.length, 1);
    assert.match(rejected[0]!, /b-link\.txt: a symbolic link out of the folder being ingested .*not followed \(--follow-symlinks follows it\)/);
    assert.equal(summary.stored + summary.duplicates + summary.unchanged, 2, 'the file and the link that stays inside');
    const followed = await ingest([drop], s, {}, { workers: 'never', sources: { followSymlinks: true } });
    assert.equal(followed.rejected.length, 0);
  } finally {
    await s.close();
  }
});

test('a pushed page is extracted off the server thread with a deadline; /healthz answers meanwhile', async () => {
  // Past its deadline, the input is rejected with the reason and the worker replaced.
  await withEnv({ STORYLINE_PUSH_EXTRACT_TIMEOUT_MS: '1' }, async () => {
    const a = createApp(store);
    const { cookie, token } = await csrf(a);
    const html = `<html><body><article><h1>Grand titre</h1>${'<p>Une phrase de test qui se répète pour peser un peu.</p>'.repeat(20_000)}</article></body></html>`;
    const r = await a.request('/api/articles', { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token }, body: JSON.stringify({ html, url: 'https://push.example/heavy' }) });
    assert.equal(r.status, 422);
    assert.match(((await r.json()) as { error: string }).error, /extraction did not finish within 1 ms/);
  });
  // A real server: a deeply nested page is pushed; the event loop stays free for /healthz.
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const r0 = await fetch(`${base}/api/csrf`);
    const cookie = r0.headers.get('set-cookie')!.split(';')[0]!;
    const { token } = (await r0.json()) as { token: string };
    const nested = `<html><body>${'<div>'.repeat(100_000)}Texte au fond.${'</div>'.repeat(100_000)}</body></html>`;
    const started = performance.now();
    let pushedAt = 0;
    const pushed = fetch(`${base}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token }, body: JSON.stringify({ html: nested, url: 'https://push.example/nested' }) }).then(async (r) => {
      pushedAt = performance.now();
      return r.status;
    });
    await new Promise((r) => setTimeout(r, 20));
    const health = await fetch(`${base}/healthz`);
    const healthAt = performance.now();
    assert.equal(health.status, 200);
    const status = await pushed;
    assert.ok([201, 422].includes(status), `the push is answered (${status})`);
    if (pushedAt - started > 300) assert.ok(healthAt < pushedAt, '/healthz answered while the pushed page was being extracted');
  } finally {
    server.close();
  }
});

test('a DNS failure is reported as such, not as a robots.txt problem', async () => {
  await assert.rejects(fetchUrl('https://no-such-host.invalid/article', { purpose: 'page', timeoutMs: 5000 }), (e: Error) => {
    assert.match(e.message, /cannot fetch https:\/\/no-such-host\.invalid\/article: host not found/);
    assert.doesNotMatch(e.message, /robots/);
    return true;
  });
});

test('serve on a public address refuses to start without an admin token unless --public-read-only, which refuses every write', async () => {
  const db = join(dir, 'serve.db');
  const env = { ...process.env, STORYLINE_ADMIN_TOKEN: '', STORYLINE_LOG_LEVEL: 'silent' };
  const refused = spawn(BIN, ['serve', '--db', db, '--host', '0.0.0.0', '--port', '0', '--no-analysis', '--no-poll'], { env });
  let err = '';
  refused.stderr.on('data', (d) => (err += d));
  const [code] = await once(refused, 'exit');
  assert.equal(code, 2);
  assert.match(err, /refusing to serve on 0\.0\.0\.0 without an admin token.*--public-read-only/s);
  const ro = spawn(BIN, ['serve', '--db', db, '--host', '0.0.0.0', '--port', '0', '--no-analysis', '--no-poll', '--public-read-only'], { env });
  try {
    let out = '';
    const port = await new Promise<string>((resolve, reject) => {
      ro.stderr.on('data', (d) => {
        out += d;
        const m = /serving .* at http:\/\/0\.0\.0\.0:(\d+)\/ \(read-only\)/.exec(out);
        if (m) resolve(m[1]!);
      });
      ro.once('exit', () => reject(new Error(`serve exited: ${out}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    const r0 = await fetch(`${base}/api/csrf`);
    const cookie = r0.headers.get('set-cookie')!.split(';')[0]!;
    const { token } = (await r0.json()) as { token: string };
    const w = await fetch(`${base}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': token }, body: JSON.stringify({ text: 'Un texte qui ne doit pas être écrit sur un serveur en lecture seule.' }) });
    assert.equal(w.status, 403);
    assert.match(((await w.json()) as { error: string }).error, /read-only/);
    assert.doesNotMatch(await (await fetch(`${base}/sources`)).text(), /Add a feed|Sign in to manage/);
  } finally {
    ro.kill('SIGTERM');
    await once(ro, 'exit');
  }
});

test('serve writes structured logs: a JSON line per request (the access log) and its start', async () => {
  const db = join(dir, 'log.db');
  const child = spawn(BIN, ['serve', '--db', db, '--port', '0', '--no-analysis', '--no-poll'], { env: { ...process.env, STORYLINE_LOG_LEVEL: 'info', STORYLINE_ADMIN_TOKEN: '' } });
  try {
    let err = '';
    const port = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        err += d;
        const m = /at http:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
        if (m) resolve(m[1]!);
      });
      child.once('exit', () => reject(new Error(err)));
    });
    await (await fetch(`http://127.0.0.1:${port}/healthz`)).text();
    await new Promise((r) => setTimeout(r, 200));
    const lines = err.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(lines.some((l) => l.msg === 'serving' && l.name === 'serve' && typeof l.time === 'number'));
    const access = lines.find((l) => l.msg === 'request' && l.path === '/healthz');
    assert.ok(access, 'an access log line');
    assert.equal(access!.method, 'GET');
    assert.equal(access!.status, 200);
    assert.equal(typeof access!.ms, 'number');
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});
