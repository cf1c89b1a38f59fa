// The fetch stage against servers this test starts on loopback. Nothing leaves the machine: the
// guard refuses the private and loopback forms before any connection, which counting listeners
// check, and is lifted (allowPrivateNetwork, or an allow-list of one address) for the rest.
import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { after, describe, test } from 'node:test';
import { deflateSync, gzipSync, brotliCompressSync } from 'node:zlib';
import { blockedReason, clearRobotsCache, fetchUrl, FetchError, USER_AGENT } from '../src/fetch/index.ts';
import { parseRetryAfter } from '../src/fetch/index.ts';

interface Served {
  base: string;
  port: number;
  connections: () => number;
  requests: IncomingMessage[];
  close: () => Promise<void>;
}

const servers: Served[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, host = '127.0.0.1'): Promise<Served> {
  let connections = 0;
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  server.on('connection', () => connections++);
  server.listen(0, host);
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const s: Served = {
    base: `http://${host}:${port}`,
    port,
    connections: () => connections,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  servers.push(s);
  return s;
}

const open = { allowPrivateNetwork: true } as const;

/** Resolves when the response can take more, or is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function rejects(p: Promise<unknown>, code: string): Promise<FetchError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof FetchError, `expected a FetchError, got ${e}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected a ${code} FetchError`);
}

describe('SSRF guard', () => {
  test('every private, loopback and odd spelling is refused with no connection made', async () => {
    const listener = await serve((_q, r) => r.end('reached'));
    const P = listener.port;
    const forms = [
      `http://127.0.0.1:${P}/`,
      `http://localhost:${P}/`,
      `http://LOCALHOST:${P}/`,
      `http://sub.localhost:${P}/`,
      `http://2130706433:${P}/`, // decimal
      `http://0177.0.0.1:${P}/`, // octal
      `http://017700000001:${P}/`,
      `http://0x7f.0.0.1:${P}/`, // hex
      `http://0x7f000001:${P}/`,
      `http://127.1:${P}/`,
      `http://[::1]:${P}/`,
      `http://[::ffff:127.0.0.1]:${P}/`, // IPv4-mapped IPv6
      `http://[::ffff:7f00:1]:${P}/`,
      `http://[0:0:0:0:0:ffff:127.0.0.1]:${P}/`,
      `http://[::ffff:0:127.0.0.1]:${P}/`, // IPv4-translated
      `http://[::127.0.0.1]:${P}/`, // IPv4-compatible
      `http://[64:ff9b::127.0.0.1]:${P}/`, // NAT64
      `http://[64:ff9b::a00:1]:${P}/`,
      `http://[64:ff9b:1::1]:${P}/`, // local-use NAT64
      `http://[2002:7f00:1::1]:${P}/`, // 6to4 of 127.0.0.1
      `http://0.0.0.0:${P}/`,
      `http://0:${P}/`,
      `http://10.0.0.1:${P}/`,
      `http://10.255.255.255:${P}/`,
      `http://172.16.0.1:${P}/`,
      `http://172.31.255.254:${P}/`,
      `http://192.168.1.1:${P}/`,
      `http://169.254.169.254/latest/meta-data/`, // cloud metadata
      `http://100.64.0.1:${P}/`, // CGNAT
      `http://100.127.255.254:${P}/`,
      `http://[fe80::1]:${P}/`,
      `http://[fc00::1]:${P}/`,
      `http://[fd12:3456::1]:${P}/`,
      `http://224.0.0.1:${P}/`, // multicast
      `http://239.255.255.250:${P}/`,
      `http://255.255.255.255:${P}/`, // broadcast
      `http://[ff02::1]:${P}/`,
      `http://[::]:${P}/`,
      `file:///etc/passwd`,
      `ftp://127.0.0.1:${P}/`,
      `gopher://127.0.0.1:${P}/_x`,
      `ws://127.0.0.1:${P}/`,
      `data:text/plain,hello`,
      `javascript:alert(1)`,
    ];
    for (const url of forms) {
      const e = await rejects(fetchUrl(url, { timeoutMs: 2000 }), 'blocked');
      assert.match(e.message, /refused|scheme/, url);
    }
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(listener.connections(), 0, 'the counting listener saw a connection');
  });

  test('a name that resolves to a private address is refused at connect time (DNS checked, not the name)', async (t) => {
    const name = hostname();
    const addrs = await lookup(name, { all: true }).catch(() => []);
    if (!addrs.length || !addrs.every((a) => blockedReason(a.address))) return t.skip(`${name} does not resolve to a private address here`);
    const listener = await serve((_q, r) => r.end('reached'));
    await rejects(fetchUrl(`http://${name}:${listener.port}/`, { timeoutMs: 2000 }), 'blocked');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(listener.connections(), 0);
    // The same name is reached once the guard is lifted: the refusal was the guard's.
    const ok = await fetchUrl(`http://${name}:${listener.port}/`, { ...open, purpose: 'feed' });
    assert.equal(new TextDecoder().decode(ok.bytes), 'reached');
  });

  test('allowPrivateNetwork lifts the guard: the same listener is reached', async () => {
    const listener = await serve((_q, r) => r.end('reached'));
    for (const url of [`http://127.0.0.1:${listener.port}/`, `http://2130706433:${listener.port}/`, `http://0x7f.1:${listener.port}/`]) {
      const r = await fetchUrl(url, { ...open, purpose: 'feed' });
      assert.equal(new TextDecoder().decode(r.bytes), 'reached');
    }
    assert.ok(listener.connections() >= 1);
  });

  test('every redirect hop is checked: a public-looking server cannot bounce us to an internal one', async () => {
    const inner = await serve((_q, r) => r.end('secret'), '127.0.0.2');
    const outer = await serve((req, res) => {
      const to: Record<string, string> = {
        '/to-inner': `${inner.base}/`,
        '/to-v6': `http://[::1]:${inner.port}/`,
        '/to-file': 'file:///etc/passwd',
        '/to-decimal': `http://2130706434:${inner.port}/`, // 127.0.0.2
      };
      res.writeHead(302, { location: to[req.url!] ?? '/' });
      res.end();
    });
    // The outer server alone is let through (an allow-list of one address).
    const policy = { allowAddresses: ['127.0.0.1/32'], purpose: 'feed' as const, timeoutMs: 2000 };
    for (const path of ['/to-inner', '/to-v6', '/to-file', '/to-decimal']) await rejects(fetchUrl(`${outer.base}${path}`, policy), 'blocked');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(inner.connections(), 0);
    assert.ok(outer.connections() >= 1);
  });

  test('blockedReason classifies public addresses as public', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '64:ff9b::808:808', '::ffff:8.8.8.8']) assert.equal(blockedReason(ip), undefined, ip);
    for (const ip of ['172.15.0.1', '172.32.0.1', '100.63.255.255', '100.128.0.1', '192.169.0.1']) assert.equal(blockedReason(ip), undefined, ip);
  });
});

describe('bounded fetches: bomb, huge body, trickle', () => {
  test('a gzip bomb, a 1 GB body and a 1 byte/s trickle each stop at the cap or deadline, memory stays flat, other fetches go on', async (t) => {
    // 16 MB of zeros compress to ~16 KB; 64 gzip members in a row decompress to 1 GB.
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
    const bomb = await serve(async (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      for (let i = 0; i < 64 && !res.destroyed; i++) {
        if (!res.write(member)) await drained(res);
      }
      res.end();
    });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const bigSent = { n: 0 };
    const big = await serve(async (req, res) => {
      const declared = req.url === '/declared';
      res.writeHead(200, declared ? { 'content-type': 'text/plain', 'content-length': String(1024 ** 3) } : { 'content-type': 'text/plain' });
      for (let sent = 0; sent < 1024 ** 3 && !res.destroyed; sent += chunk.length) {
        bigSent.n += chunk.length;
        if (!res.write(chunk)) await drained(res);
      }
      res.end();
    });
    const trickle = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write('x')), 1000);
      res.on('close', () => clearInterval(t));
    });
    const good = await serve((_q, res) => res.end('fine'));

    const before = process.memoryUsage();
    const started = performance.now();
    const cap = 2 * 1024 * 1024;
    const opts = { ...open, purpose: 'feed' as const, maxBytes: cap, timeoutMs: 20_000 };
    const bombP = rejects(fetchUrl(`${bomb.base}/`, opts), 'too-large');
    const bigP = rejects(fetchUrl(`${big.base}/stream`, opts), 'too-large');
    const declaredP = rejects(fetchUrl(`${big.base}/declared`, opts), 'too-large');
    const trickleP = rejects(fetchUrl(`${trickle.base}/`, { ...opts, timeoutMs: 1500 }), 'timeout');
    // While those run, ordinary fetches complete promptly.
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = await fetchUrl(`${good.base}/${i}`, { ...open, purpose: 'feed' });
      assert.equal(new TextDecoder().decode(r.bytes), 'fine');
      assert.ok(performance.now() - t0 < 1500, 'a good fetch was held up');
    }
    await Promise.all([bombP, bigP, declaredP]);
    const trickleErr = await trickleP;
    const elapsed = performance.now() - started;
    assert.match(trickleErr.message, /1500 ms/);
    assert.ok(elapsed < 6000, `took ${elapsed} ms`);
    // The bomb is refused for what it decompresses to; the stream is cut off long before its 1 GB.
    assert.match((await bombP).message, /once decompressed/);
    assert.ok(bigSent.n < 256 * 1024 * 1024, `big body sent ${bigSent.n} bytes`);
    const afterMem = process.memoryUsage();
    const growth = afterMem.heapUsed + afterMem.arrayBuffers - (before.heapUsed + before.arrayBuffers);
    t.diagnostic(`all three ended in ${elapsed.toFixed(0)} ms; streamed body cut after ${(bigSent.n / 1024 / 1024).toFixed(1)} MB written; heap+buffers grew ${(growth / 1024 / 1024).toFixed(1)} MB`);
    assert.ok(growth < 64 * 1024 * 1024, `memory grew by ${(growth / 1024 / 1024).toFixed(1)} MB`);
  });

  test('the deadline is total, not an idle timer: a byte every 100 ms does not keep a fetch alive', async () => {
    const slow = await serve((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write('y')), 100);
      res.on('close', () => clearInterval(t));
    });
    const t0 = performance.now();
    await rejects(fetchUrl(`${slow.base}/`, { ...open, purpose: 'feed', timeoutMs: 700 }), 'timeout');
    const took = performance.now() - t0;
    assert.ok(took >= 650 && took < 2500, `took ${took} ms`);
  });

  test('gzip, deflate (zlib and raw) and br bodies are decoded; the cap counts decoded bytes', async () => {
    const text = 'é'.repeat(5000);
    const enc: Record<string, Buffer> = {
      '/gzip': gzipSync(text),
      '/deflate': deflateSync(text),
      '/raw': (await import('node:zlib')).deflateRawSync(text),
      '/br': brotliCompressSync(text),
    };
    const s = await serve((req, res) => {
      const name = req.url === '/raw' ? 'deflate' : req.url!.slice(1);
      res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8', 'content-encoding': name });
      res.end(enc[req.url!]);
    });
    for (const path of Object.keys(enc)) {
      const r = await fetchUrl(`${s.base}${path}`, { ...open, purpose: 'feed' });
      assert.equal(new TextDecoder().decode(r.bytes), text, path);
      assert.equal(r.charset, 'utf-8');
    }
    await rejects(fetchUrl(`${s.base}/gzip`, { ...open, purpose: 'feed', maxBytes: 9000 }), 'too-large');
  });
});

describe('HTTP semantics', () => {
  test('conditional GET: validators are sent, 304 comes back as notModified with the validators', async () => {
    const s = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === 'Wed, 01 Nov 2023 10:00:00 GMT') {
        res.writeHead(304, { etag: '"v1"' });
        return res.end();
      }
      res.writeHead(200, { etag: '"v1"', 'last-modified': 'Wed, 01 Nov 2023 10:00:00 GMT', 'cache-control': 'public, max-age=900', 'content-type': 'application/rss+xml' });
      res.end('<rss/>');
    });
    const first = await fetchUrl(`${s.base}/feed`, { ...open, purpose: 'feed' });
    assert.equal(first.status, 200);
    assert.equal(first.etag, '"v1"');
    assert.equal(first.lastModified, 'Wed, 01 Nov 2023 10:00:00 GMT');
    assert.equal(first.maxAgeSeconds, 900);
    const second = await fetchUrl(`${s.base}/feed`, { ...open, purpose: 'feed', etag: first.etag });
    assert.equal(second.status, 304);
    assert.equal(second.notModified, true);
    assert.equal(second.bytes.length, 0);
    assert.equal(second.etag, '"v1"');
    const third = await fetchUrl(`${s.base}/feed`, { ...open, purpose: 'feed', lastModified: first.lastModified });
    assert.equal(third.notModified, true);
    assert.equal(third.lastModified, first.lastModified);
  });

  test('429 with Retry-After is waited out and retried; a Retry-After too long is handed back', async () => {
    let hits = 0;
    const s = await serve((req, res) => {
      if (req.url === '/busy') {
        hits++;
        if (hits === 1) {
          res.writeHead(429, { 'retry-after': '1' });
          return res.end();
        }
        return res.end('ok now');
      }
      res.writeHead(503, { 'retry-after': '120' });
      res.end();
    });
    const t0 = performance.now();
    const r = await fetchUrl(`${s.base}/busy`, { ...open, purpose: 'feed' });
    assert.equal(new TextDecoder().decode(r.bytes), 'ok now');
    assert.ok(performance.now() - t0 >= 950, 'Retry-After was not honored');
    assert.equal(hits, 2);
    const e = await rejects(fetchUrl(`${s.base}/down`, { ...open, purpose: 'feed' }), 'http');
    assert.equal(e.status, 503);
    assert.equal(e.retryAfterMs, 120_000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')), 60_000);
  });

  test('redirects are followed up to the limit, then refused', async () => {
    const s = await serve((req, res) => {
      const n = Number(req.url!.slice(3));
      res.writeHead(n >= 10 ? 200 : 301, n >= 10 ? {} : { location: `/r/${n + 1}` });
      res.end(n >= 10 ? 'end' : '');
    });
    const ok = await fetchUrl(`${s.base}/r/7`, { ...open, purpose: 'feed', maxRedirects: 3 });
    assert.equal(ok.url, `${s.base}/r/10`);
    assert.deepEqual(ok.redirects, [`${s.base}/r/8`, `${s.base}/r/9`, `${s.base}/r/10`]);
    const before = s.requests.length;
    await rejects(fetchUrl(`${s.base}/r/0`, { ...open, purpose: 'feed', maxRedirects: 3 }), 'too-many-redirects');
    assert.equal(s.requests.length - before, 4);
  });

  test('credentials stay with their origin: dropped on a cross-origin hop, kept on a same-origin one', async () => {
    const other = await serve((_q, res) => res.end('other'));
    const first = await serve((req, res) => {
      if (req.url === '/same') {
        res.writeHead(302, { location: '/final' });
        return res.end();
      }
      if (req.url === '/cross') {
        res.writeHead(302, { location: `${other.base}/landing` });
        return res.end();
      }
      res.end('first');
    });
    const creds = { ...open, purpose: 'feed' as const, headers: { Authorization: 'Bearer secret', Cookie: 'session=abc', 'X-Trace': 't1' } };
    await fetchUrl(`${first.base}/same`, creds);
    const finalReq = first.requests.find((r) => r.url === '/final')!;
    assert.equal(finalReq.headers.authorization, 'Bearer secret');
    assert.equal(finalReq.headers.cookie, 'session=abc');
    const r = await fetchUrl(`${first.base}/cross`, creds);
    assert.equal(new TextDecoder().decode(r.bytes), 'other');
    assert.equal(first.requests.find((q) => q.url === '/cross')!.headers.authorization, 'Bearer secret');
    const landing = other.requests.find((q) => q.url === '/landing')!;
    assert.equal(landing.headers.authorization, undefined);
    assert.equal(landing.headers.cookie, undefined);
    assert.equal(landing.headers['x-trace'], 't1');
    // userinfo in the URL becomes Basic auth for that origin only.
    const u = new URL(`${first.base}/cross`);
    u.username = 'ann';
    u.password = 'pw';
    await fetchUrl(u.href, { ...open, purpose: 'feed' });
    const withUser = first.requests.filter((q) => q.url === '/cross').at(-1)!;
    assert.equal(withUser.headers.authorization, `Basic ${Buffer.from('ann:pw').toString('base64')}`);
    assert.equal(other.requests.at(-1)!.headers.authorization, undefined);
  });

  test('robots.txt: obeyed for pages (and cached per host), not consulted for subscribed feeds', async () => {
    clearRobotsCache();
    const s = await serve((req, res) => {
      // The group naming Storyline applies to us, not the catch-all one.
      if (req.url === '/robots.txt') return res.end('User-agent: Storyline\nDisallow: /private/\nDisallow: /no-storyline\n\nUser-agent: *\nDisallow: /\n');
      res.end(`page ${req.url}`);
    });
    await rejects(fetchUrl(`${s.base}/private/a`, open), 'robots');
    await rejects(fetchUrl(`${s.base}/no-storyline`, open), 'robots');
    const page = await fetchUrl(`${s.base}/public`, open);
    assert.equal(new TextDecoder().decode(page.bytes), 'page /public');
    const feed = await fetchUrl(`${s.base}/private/feed.xml`, { ...open, purpose: 'feed' });
    assert.equal(new TextDecoder().decode(feed.bytes), 'page /private/feed.xml');
    assert.equal(s.requests.filter((r) => r.url === '/robots.txt').length, 1);
  });

  test('an honest User-Agent, per-host concurrency limit, and Content-Type charset', async () => {
    let inFlight = 0;
    let peak = 0;
    const s = await serve((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' });
        res.end('<p>caf\xe9</p>');
      }, 80);
    });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => fetchUrl(`${s.base}/p${i}`, { ...open, purpose: 'feed' })));
    assert.ok(peak <= 2, `peak concurrency ${peak}`);
    assert.equal(results[0]!.charset, 'iso-8859-1');
    assert.equal(s.requests[0]!.headers['user-agent'], USER_AGENT);
    assert.match(USER_AGENT, /^Storyline\/\d/);
  });

  test('HTTP errors and unreachable hosts are FetchErrors naming the URL and the reason', async () => {
    const s = await serve((_q, res) => {
      res.writeHead(404);
      res.end();
    });
    const e = await rejects(fetchUrl(`${s.base}/missing`, { ...open, purpose: 'feed' }), 'http');
    assert.equal(e.status, 404);
    assert.match(e.message, /404.*\/missing/);
    const closed = s.port; // a port on 127.0.0.3 nobody listens on
    await rejects(fetchUrl(`http://127.0.0.3:${closed}/`, { ...open, purpose: 'feed', timeoutMs: 3000 }), 'network');
    await rejects(fetchUrl('not a url', open), 'bad-url');
  });
});
