// Feeds on feedparser's corpus (../shared/eval/feeds): every file must parse without a crash (a
// clean "not a feed" rejection is not a crash), and the `Expect:` assertions that concern the
// fields Storyline keeps — title, link, dates, author, content/summary — are evaluated on our
// normalized entries, mapped to feedparser's result shape. Assertions about anything else
// (bozo alone, encodings, namespaces, itunes, sanitizer internals…) are counted as not mapped.
// Text comparisons are made on readable text (tags stripped, entities decoded, whitespace
// collapsed on both sides): we store articles, not feedparser's exact markup.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Suite, SuiteResult } from '../harness.ts';
import { defaultSharedDir, pct, requireDir, skipped } from '../harness.ts';
import { entryRecord, FeedError, htmlToText, parseFeedBytes, parseFeedDate, type ParsedFeed } from '../../src/sources/index.ts';

// ─── a small evaluator for the Python expressions of `Expect:` ───────────────────────────────

type Tok = { t: 'name' | 'str' | 'num' | 'op'; v: string };
const IGNORED = Symbol('bozo'); // we do not model feedparser's bozo bit
class Unmapped extends Error {}
class PyError extends Error {}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const str = /^([uUbBrR]{0,2})('''|"""|'|")/.exec(src.slice(i));
    if (str && (str[1] === '' || /^[a-zA-Z]/.test(c))) {
      const raw = /[rR]/.test(str[1]!);
      const q = str[2]!;
      i += str[0].length;
      let v = '';
      while (i < src.length && src.slice(i, i + q.length) !== q) {
        if (src[i] === '\\' && !raw) {
          const n = src[i + 1]!;
          const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };
          if (n === 'x') (v += String.fromCharCode(parseInt(src.slice(i + 2, i + 4), 16))), (i += 4);
          else if (n === 'u') (v += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16))), (i += 6);
          else if (n === 'U') (v += String.fromCodePoint(parseInt(src.slice(i + 2, i + 10), 16))), (i += 10);
          else if (n in simple) (v += simple[n]), (i += 2);
          else (v += `\\${n}`), (i += 2);
        } else v += src[i++];
      }
      i += q.length;
      out.push({ t: 'str', v });
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num && !(out.length && (out.at(-1)!.t === 'name' || out.at(-1)!.t === 'num' || out.at(-1)!.v === ')' || out.at(-1)!.v === ']'))) {
      out.push({ t: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_]\w*/.exec(src.slice(i));
    if (name) {
      out.push({ t: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    const op = /^(==|!=|<=|>=|[<>[\](){},.:+\-%*])/.exec(src.slice(i));
    if (!op) throw new Unmapped(`cannot read ${src.slice(i, i + 10)}`);
    out.push({ t: 'op', v: op[0] });
    i += op[0].length;
  }
  return out;
}

type Py = unknown;

function pyEq(a: Py, b: Py): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b || readable(a) === readable(b) || readable(a) === collapse(b) || collapse(a) === readable(b)) return true;
    // Dates are compared as instants: we keep ISO 8601, feedparser the string as written.
    const [da, db] = [parseFeedDate(a), parseFeedDate(b)];
    return da !== null && da === db && /\d{4}/.test(a) && /\d{4}/.test(b);
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) === Number(b);
  return a === b;
}

const readable = (s: string): string => htmlToText(s).replace(/\s+/g, ' ').trim();
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

function truthy(v: Py): boolean {
  if (v === IGNORED) return true;
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') return Object.keys(v).length > 0;
  return !!v;
}

/** Evaluates `src` with `vars`; records which top-level fields it reads through `touch`. */
function evaluate(src: string, vars: Record<string, Py>, touch: (path: string[]) => void): Py {
  const toks = tokenize(src);
  let p = 0;
  const peek = (v?: string): boolean => p < toks.length && (v === undefined || toks[p]!.v === v) && (toks[p]!.t === 'op' || toks[p]!.t === 'name');
  const eat = (v: string): void => {
    if (toks[p]?.v !== v) throw new Unmapped(`expected ${v}`);
    p++;
  };
  const orExpr = (): Py => {
    let v = andExpr();
    while (peek('or')) {
      p++;
      const r = andExpr();
      if (v === IGNORED || r === IGNORED) throw new Unmapped('bozo in a disjunction');
      v = truthy(v) ? v : r;
    }
    return v;
  };
  const andExpr = (): Py => {
    let v = notExpr();
    while (peek('and')) {
      p++;
      const r = notExpr();
      if (v === IGNORED) v = r;
      else if (r !== IGNORED) v = truthy(v) ? r : v;
    }
    return v;
  };
  const notExpr = (): Py => {
    if (peek('not')) {
      p++;
      const v = notExpr();
      return v === IGNORED ? IGNORED : !truthy(v);
    }
    return comparison();
  };
  // Python chains comparisons: a == b == c means a == b and b == c.
  const comparison = (): Py => {
    let left = additive();
    let chained: boolean | undefined;
    for (;;) {
      let op: string | undefined;
      if (peek('==') || peek('!=') || peek('<') || peek('>') || peek('<=') || peek('>=')) op = toks[p++]!.v;
      else if (peek('in')) (op = 'in'), p++;
      else if (peek('not') && toks[p + 1]?.v === 'in') (op = 'not in'), (p += 2);
      else if (peek('is')) {
        p++;
        op = peek('not') ? (p++, 'is not') : 'is';
      } else return chained === undefined ? left : chained;
      const right = additive();
      if (left === IGNORED || right === IGNORED) throw new Unmapped('bozo compared');
      let r: boolean;
      if (op === '==') r = pyEq(left, right);
      else if (op === '!=') r = !pyEq(left, right);
      else if (op === 'is') r = left === right || (left === null && right === null);
      else if (op === 'is not') r = !(left === right);
      else if (op === 'in' || op === 'not in') {
        let found: boolean;
        if (typeof right === 'string') found = typeof left === 'string' && (right.includes(left) || readable(right).includes(readable(left)));
        else if (Array.isArray(right)) found = right.some((x) => pyEq(x, left));
        else if (right && typeof right === 'object') found = String(left) in right;
        else throw new PyError('in on a non-container');
        r = op === 'in' ? found : !found;
      } else {
        const [a, b] = [left as number, right as number];
        r = op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
      }
      chained = (chained ?? true) && r;
      left = right;
    }
  };
  const additive = (): Py => {
    let v = postfix();
    while (peek('+')) {
      p++;
      const r = postfix();
      v = typeof v === 'number' && typeof r === 'number' ? v + r : String(v) + String(r);
    }
    return v;
  };
  const postfix = (): Py => {
    const path: string[] = [];
    let root: string | undefined;
    if (toks[p]?.t === 'name' && (toks[p]!.v === 'feed' || toks[p]!.v === 'entries')) root = toks[p]!.v;
    let v = atom();
    for (;;) {
      if (peek('[')) {
        p++;
        const k = orExpr();
        eat(']');
        if (root && !(root === 'entries' && path.length === 0 && typeof k === 'number')) path.push(String(k));
        v = index(v, k);
      } else if (peek('.')) {
        p++;
        const name = toks[p++]!.v;
        if (peek('(')) {
          p++;
          const args: Py[] = [];
          while (!peek(')')) {
            args.push(orExpr());
            if (peek(',')) p++;
          }
          eat(')');
          if (name !== 'get') throw new Unmapped(`method ${name}`);
          if (root) path.push(String(args[0]));
          v = v && typeof v === 'object' && String(args[0]) in v ? (v as Record<string, Py>)[String(args[0])] : (args[1] ?? null);
        } else {
          if (root) path.push(name);
          v = index(v, name);
        }
      } else if (peek('(')) {
        throw new Unmapped('call');
      } else break;
    }
    if (root) touch([root, ...path]);
    return v;
  };
  const index = (v: Py, k: Py): Py => {
    if (Array.isArray(v) && typeof k === 'number') {
      const i = k < 0 ? v.length + k : k;
      if (i < 0 || i >= v.length) throw new PyError('IndexError');
      return v[i];
    }
    if (typeof v === 'string' && typeof k === 'number') return v[k < 0 ? v.length + k : k] ?? (() => { throw new PyError('IndexError'); })();
    if (v && typeof v === 'object' && String(k) in v) return (v as Record<string, Py>)[String(k)];
    throw new PyError(`KeyError ${String(k)}`);
  };
  const atom = (): Py => {
    const tok = toks[p++];
    if (!tok) throw new Unmapped('end of expression');
    if (tok.t === 'str') {
      let s = tok.v;
      while (toks[p]?.t === 'str') s += toks[p++]!.v; // implicit concatenation
      return s;
    }
    if (tok.t === 'num') return Number(tok.v);
    if (tok.t === 'op' && tok.v === '-') return -(atom() as number);
    if (tok.t === 'op' && (tok.v === '(' || tok.v === '[')) {
      const close = tok.v === '(' ? ')' : ']';
      const items: Py[] = [];
      let tuple = tok.v === '[';
      while (!peek(close)) {
        items.push(orExpr());
        if (peek(',')) (p++, (tuple = true));
      }
      eat(close);
      return tuple ? items : items[0];
    }
    if (tok.t === 'op' && tok.v === '{') {
      const o: Record<string, Py> = {};
      while (!peek('}')) {
        const k = orExpr();
        eat(':');
        o[String(k)] = orExpr();
        if (peek(',')) p++;
      }
      eat('}');
      return o;
    }
    if (tok.t === 'name') {
      if (tok.v === 'True') return true;
      if (tok.v === 'False') return false;
      if (tok.v === 'None') return null;
      if (tok.v === 'bozo') return IGNORED;
      if (tok.v in vars) return vars[tok.v];
      if (tok.v === 'len' && peek('(')) {
        p++;
        const v = orExpr();
        eat(')');
        if (typeof v === 'string' || Array.isArray(v)) return v.length;
        if (v && typeof v === 'object') return Object.keys(v).length;
        throw new PyError('len of a non-container');
      }
      throw new Unmapped(`name ${tok.v}`);
    }
    throw new Unmapped(`token ${tok.v}`);
  };
  const v = orExpr();
  if (p < toks.length) throw new Unmapped(`trailing ${toks[p]!.v}`);
  return v;
}

// ─── our entries in feedparser's shape ───────────────────────────────────────────────────────

function struct(iso: string | null): number[] | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  const yday = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), (d.getUTCDay() + 6) % 7, yday, 0];
}

function put(o: Record<string, Py>, k: string, v: Py): void {
  if (v !== null && v !== undefined) o[k] = v;
}

function dated(o: Record<string, Py>, name: string, iso: string | null): void {
  put(o, name, iso);
  put(o, `${name}_parsed`, struct(iso));
}

function people(o: Record<string, Py>, names: string[]): void {
  if (!names.length) return;
  o.author = names[0];
  o.author_detail = { name: names[0] };
  o.authors = names.map((name) => ({ name }));
}

export function asFeedparser(f: ParsedFeed): { feed: Record<string, Py>; entries: Array<Record<string, Py>> } {
  const feed: Record<string, Py> = {};
  put(feed, 'title', f.title);
  if (f.title) feed.title_detail = { value: f.title };
  put(feed, 'link', f.link);
  if (f.link) feed.links = [{ href: f.link }];
  dated(feed, 'updated', f.updatedAt);
  people(feed, f.authors);
  const entries = f.entries.map((e) => {
    const o: Record<string, Py> = {};
    // What the article record holds is what is scored: the normalized entry, not the raw XML.
    const record = entryRecord(e, f);
    put(o, 'title', e.title);
    if (e.title) o.title_detail = { value: e.title };
    put(o, 'link', e.link);
    if (e.link) o.links = [{ href: e.link }];
    put(o, 'id', e.guid);
    dated(o, 'published', e.publishedAt);
    dated(o, 'updated', e.updatedAt ?? e.publishedAt);
    people(o, record?.authors ? (Array.isArray(record.authors) ? record.authors : [record.authors]) : []);
    const body = e.html ?? e.text;
    if (body) o.content = [{ value: body }];
    const summary = e.summary ?? body;
    if (summary) {
      o.summary = summary;
      o.description = summary;
      o.summary_detail = { value: summary };
    }
    return o;
  });
  return { feed, entries };
}

// Fields whose assertions are mapped. Anything else read by an expression leaves it unmapped.
const FIELD = /^(title|title_detail\.value|link|links\.\d+\.href|(published|updated|created|issued|modified|date)(_parsed)?|author|author_detail\.(name|email)|authors\.\d+\.(name|email)|content\.\d+\.value|content|summary|summary_detail\.value|description)$/;

function mappedPath(path: string[]): boolean {
  const [root, ...rest] = path;
  if (root !== 'feed' && root !== 'entries') return false;
  if (!rest.length) return root === 'entries'; // len(entries)
  return FIELD.test(rest.join('.')) || (rest.length === 1 && /^(content|links|authors|title_detail|summary_detail|author_detail)$/.test(rest[0]!));
}

// ─── the suite ───────────────────────────────────────────────────────────────────────────────

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(xml|json|rdf|atom|rss)$/i.test(name)) yield p;
  }
}

/** The test comment, decoded the way feedparser's harness does. */
function header(bytes: Uint8Array): string {
  const b = bytes;
  let enc = 'utf-8';
  let skip = 0;
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) (enc = 'utf-32le'), (skip = 4);
  else if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) (enc = 'utf-32be'), (skip = 4);
  else if (b[0] === 0xff && b[1] === 0xfe) (enc = 'utf-16le'), (skip = 2);
  else if (b[0] === 0xfe && b[1] === 0xff) (enc = 'utf-16be'), (skip = 2);
  else if (b[0] === 0x3c && b[1] === 0 && b[2] === 0 && b[3] === 0) enc = 'utf-32le';
  else if (b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0x3c) enc = 'utf-32be';
  else if (b[0] === 0x3c && b[1] === 0) enc = 'utf-16le';
  else if (b[0] === 0 && b[1] === 0x3c) enc = 'utf-16be';
  if (enc.startsWith('utf-32')) {
    const le = enc.endsWith('le');
    let s = '';
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    for (let i = skip; i + 3 < Math.min(b.length, 16384); i += 4) {
      const cp = view.getUint32(i, le);
      if (cp <= 0x10ffff) s += String.fromCodePoint(cp);
    }
    return s;
  }
  return new TextDecoder(enc, { fatal: false }).decode(b.subarray(skip, 16384)).replace(/\uFFFD/g, '');
}

interface Group {
  files: number;
  rejected: number;
  crashes: number;
  mapped: number;
  passed: number;
}

export const feeds: Suite = async (ctx): Promise<SuiteResult> => {
  const root = join(ctx.evalDir, 'feeds');
  const absent = requireDir(root);
  if (absent) return skipped(absent);
  const groups = new Map<string, Group>();
  const failures: string[] = [];
  const crashes: string[] = [];
  const started = performance.now();
  for (const path of files(root)) {
    const rel = relative(root, path);
    const parts = rel.split('/');
    const group = parts[0] === 'wellformed' && parts[1] === 'sanitize' ? 'wellformed/sanitize' : parts[0]!;
    const g = groups.get(group) ?? { files: 0, rejected: 0, crashes: 0, mapped: 0, passed: 0 };
    groups.set(group, g);
    g.files++;
    const bytes = readFileSync(path);
    const comment = header(bytes);
    const expect = /Description:\s*(.*?)\s*Expect:\s*(.*?)\s*-->/s.exec(comment)?.[2]?.trim();
    const headers = new Map<string, string>();
    for (const m of comment.matchAll(/^Header:\s*([\w-]+):\s*(.*?)\s*$/gm)) headers.set(m[1]!.toLowerCase(), m[2]!);
    const docUrl = `http://127.0.0.1:8097/${rel}`;
    let baseUrl = docUrl;
    try {
      if (headers.has('content-location')) baseUrl = new URL(headers.get('content-location')!, docUrl).href;
      if (!/^https?:/.test(baseUrl)) baseUrl = docUrl;
    } catch {
      baseUrl = docUrl;
    }
    const charset = /charset\s*=\s*["']?([\w.:-]+)/i.exec(headers.get('content-type') ?? '')?.[1] ?? null;
    let parsed: ParsedFeed | undefined;
    try {
      parsed = parseFeedBytes(bytes, { url: parts.some((x) => x.startsWith('http')) || rel.includes('http') ? baseUrl : null, charset });
      for (const e of parsed.entries) entryRecord(e, parsed);
    } catch (e) {
      if (e instanceof FeedError) g.rejected++;
      else {
        g.crashes++;
        crashes.push(`${rel}: ${(e as Error).stack?.split('\n').slice(0, 2).join(' ')}`);
      }
    }
    if (!expect) continue;
    const shape = parsed ? asFeedparser(parsed) : { feed: {}, entries: [] };
    const vars = { ...shape, feed: shape.feed, entries: shape.entries };
    // First pass: which fields does the expression read? Unmapped ones leave it out.
    let result: Py;
    const touched: string[][] = [];
    try {
      result = evaluate(expect, vars, (p) => touched.push(p));
    } catch (e) {
      if (e instanceof Unmapped) continue;
      result = false; // a KeyError or IndexError is a failed assertion, as in Python
    }
    if (!touched.length || !touched.every(mappedPath) || result === IGNORED) continue;
    g.mapped++;
    if (truthy(result)) g.passed++;
    else if (ctx.verbose || failures.length < 400) failures.push(`${rel}: ${expect}`);
  }
  const total = [...groups.values()].reduce((a, g) => ({ files: a.files + g.files, rejected: a.rejected + g.rejected, crashes: a.crashes + g.crashes, mapped: a.mapped + g.mapped, passed: a.passed + g.passed }), {
    files: 0,
    rejected: 0,
    crashes: 0,
    mapped: 0,
    passed: 0,
  });
  const rate = (g: Pick<Group, 'mapped' | 'passed'>): number => (g.mapped ? g.passed / g.mapped : 0);
  const core = [...groups.entries()].filter(([k]) => k !== 'wellformed/sanitize' && k !== 'entities').reduce((a, [, g]) => ({ mapped: a.mapped + g.mapped, passed: a.passed + g.passed }), { mapped: 0, passed: 0 });
  const ms = performance.now() - started;
  return {
    metrics: {
      crashFree: total.crashes === 0 ? 1 : 0,
      expectPassRate: rate(total),
      expectPassRateCore: rate(core),
      expectPassRateSanitize: rate(groups.get('wellformed/sanitize') ?? { mapped: 0, passed: 0 }),
      expectPassRateEntities: rate(groups.get('entities') ?? { mapped: 0, passed: 0 }),
      files: total.files,
      rejected: total.rejected,
      crashes: total.crashes,
      mapped: total.mapped,
      passed: total.passed,
    },
    report: [
      `${total.files} files in ${ms.toFixed(0)} ms: ${total.crashes} crashes, ${total.rejected} cleanly rejected as not a feed`,
      `Expect assertions on title/link/date/author/content: ${total.passed}/${total.mapped} pass (${pct(rate(total))}%); without sanitize and entities ${core.passed}/${core.mapped} (${pct(rate(core))}%)`,
      ...[...groups.entries()].map(([k, g]) => `  ${k.padEnd(20)} files ${String(g.files).padStart(4)}  rejected ${String(g.rejected).padStart(3)}  crashes ${g.crashes}  mapped ${String(g.mapped).padStart(4)}  pass ${pct(rate(g))}%`),
      ...crashes.map((c) => `  CRASH ${c}`),
      ...(ctx.verbose ? failures.map((f) => `  fail ${f}`) : []),
    ],
  };
};

if (import.meta.main) {
  const sharedDir = defaultSharedDir();
  const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
  const r = await feeds({ evalDir: join(sharedDir, 'eval'), sharedDir, verbose });
  if (r.skipped) console.log(`feeds: skipped (${r.skipped})`);
  else console.log(['feeds', ...r.report.map((l) => `  ${l}`), ...Object.entries(r.metrics).map(([k, v]) => `  ${k} = ${Number.isInteger(v) ? v : v.toFixed(4)}`)].join('\n'));
}
