// Files and folders → raw inputs. Folders are walked lazily, one directory listing at a time, so
// a folder of a million files costs memory for names of one directory, not for the whole tree.
import { createHash } from 'node:crypto';
import { opendir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, sep } from 'node:path';
import { config } from '../config.ts';
import type { ArticleRecord, InputKind, RawInput, Rejection } from '../types.ts';

export interface WalkOptions {
  maxBytes: number;
  /** Follow symbolic links that lead out of the folder being walked (off: they are reported). */
  followSymlinks?: boolean;
  /** Limits on a record's lists and fields (defaults: the configuration). */
  recordLimits?: RecordLimits;
}

export interface RecordLimits {
  maxTags: number;
  maxAuthors: number;
  maxFieldChars: number;
}

const KINDS: Record<string, InputKind | 'records'> = {
  '.txt': 'text', '.text': 'text', '.md': 'text',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html',
  '.json': 'records', '.jsonl': 'records', '.ndjson': 'records',
  '.xml': 'feed', '.rss': 'feed', '.atom': 'feed',
  '.opml': 'opml',
};

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

const reject = (input: string, reason: string): Rejection => ({ input, stage: 'sources', reason });

function describeSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Every file under the given paths, depth first, sorted by name within each folder. */
export async function* walkFiles(paths: string[], opts: { followSymlinks?: boolean } = {}): AsyncGenerator<string | Rejection> {
  for (const path of paths) {
    let st;
    try {
      st = await stat(path);
    } catch (e) {
      yield reject(path, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${(e as Error).message}`);
      continue;
    }
    if (st.isDirectory()) yield* walkDir(path, opts.followSymlinks ? undefined : await realpath(path));
    else yield path;
  }
}

/** Whether `path` is `root` or inside it. */
const within = (path: string, root: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

// `root`: the real path of the folder the user named; a symbolic link whose target is outside it
// is reported, not followed (a link to /etc in a shared drop folder must not be ingested).
// Undefined: links are followed wherever they go (--follow-symlinks).
async function* walkDir(dir: string, root: string | undefined): AsyncGenerator<string | Rejection> {
  const names: Array<{ name: string; dir: boolean }> = [];
  try {
    for await (const entry of await opendir(dir)) {
      if (entry.name.startsWith('.')) continue; // hidden files and folders: editor and VCS debris
      if (entry.isDirectory()) names.push({ name: entry.name, dir: true });
      else if (entry.isFile()) names.push({ name: entry.name, dir: false });
      else if (entry.isSymbolicLink()) {
        const path = join(dir, entry.name);
        let target: string;
        try {
          target = await realpath(path);
        } catch {
          names.push({ name: entry.name, dir: false }); // a dangling link: readInputs says why
          continue;
        }
        if (root && !within(target, root)) {
          names.push({ name: `\0${entry.name}`, dir: false });
          continue;
        }
        names.push({ name: entry.name, dir: (await stat(path)).isDirectory() });
      }
    }
  } catch (e) {
    yield reject(dir, `cannot list folder: ${(e as Error).message}`);
    return;
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const n of names) {
    if (n.name.startsWith('\0')) {
      const link = join(dir, n.name.slice(1));
      yield reject(link, `a symbolic link out of the folder being ingested (to ${await realpath(link).catch(() => '?')}): not followed (--follow-symlinks follows it)`);
      continue;
    }
    const path = join(dir, n.name);
    if (n.dir) yield* walkDir(path, root);
    else yield path;
  }
}

/** One file → its raw inputs (a records file holds many), or the reason it cannot be used. */
export async function readInputs(path: string, opts: WalkOptions): Promise<Array<RawInput | Rejection>> {
  let bytes: Uint8Array;
  try {
    const st = await stat(path);
    if (!st.isFile()) return [reject(path, 'not a regular file')];
    if (st.size === 0) return [reject(path, 'empty file')];
    if (st.size > opts.maxBytes) return [reject(path, `too large: ${describeSize(st.size)}, the limit is ${describeSize(opts.maxBytes)} (STORYLINE_MAX_INPUT_BYTES)`)];
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return [reject(path, code === 'ENOENT' ? 'vanished before it could be read' : `cannot read: ${(e as Error).message}`)];
  }
  if (bytes.length > opts.maxBytes) return [reject(path, `grew past the limit while being read (${describeSize(bytes.length)})`)];
  const ext = extname(path).toLowerCase();
  const kind = KINDS[ext] ?? sniffKind(bytes);
  const siteKey = `dir:${dirname(path)}`;
  if (kind === 'records') return recordsOf(path, bytes, siteKey);
  return [{ input: path, kind, bytes, contentHash: sha256(bytes), siteKey }];
}

function sniffKind(bytes: Uint8Array): InputKind {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith('<?xml') && /<(rss|feed|rdf:rdf)\b/.test(head)) return 'feed';
  if (head.startsWith('<opml')) return 'opml';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body|article|div|p)\b/.test(head)) return 'html';
  return 'text';
}

/** Nesting a record may have (objects and arrays within one another). A record is a flat object
 * of strings; a field nested a million deep would take seconds to parse and overflow the stack
 * where it is serialised, so it is rejected unread. */
const MAX_DEPTH = 32;

/** JSON (one record or an array) and JSONL (one record a line) → one raw input per record. Each
 * record is checked, parsed and read on its own: one bad record is rejected with its reason, the
 * others go on. */
function recordsOf(path: string, bytes: Uint8Array, dirKey: string): Array<RawInput | Rejection> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return [reject(path, 'records must be UTF-8 JSON')];
  }
  const out: Array<RawInput | Rejection> = [];
  // One record from text[start, end), labelled.
  const read = (start: number, end: number, label: string): void => {
    try {
      const depth = jsonDepth(text, start, end);
      if (depth > MAX_DEPTH) return void out.push(reject(label, `a record nested ${depth} levels deep (at most ${MAX_DEPTH}): not read`));
      let value: unknown;
      try {
        value = JSON.parse(text.slice(start, end));
      } catch (e) {
        return void out.push(reject(label, `invalid JSON: ${(e as Error).message}`));
      }
      const problem = checkRecord(value);
      if (problem) return void out.push(reject(label, problem));
      const record = value as ArticleRecord;
      const canonical = new TextEncoder().encode(JSON.stringify(record));
      out.push({ input: label, kind: 'record', bytes: canonical, contentHash: sha256(canonical), siteKey: siteKeyOf(record.url) ?? dirKey });
    } catch (e) {
      out.push(reject(label, `unreadable record: ${(e as Error).message}`));
    }
  };
  // One JSON document (an object, or an array of them read one by one) if the whole text is one;
  // else JSON Lines.
  const first = text.search(/\S/);
  const elements = text[first] === '[' ? arrayElements(text, first) : undefined;
  if (elements) {
    elements.forEach(([start, end], n) => read(start, end, `${path}#${n + 1}`));
    if (!out.length) out.push(reject(path, 'no records in file'));
    return out;
  }
  if (text[first] === '{' && jsonDepth(text, first, text.length) <= MAX_DEPTH) {
    try {
      JSON.parse(text);
      read(first, text.length, path);
      return out;
    } catch {
      // JSON Lines, or invalid
    }
  }
  if (!text.includes('\n')) {
    if (text[first] === '{') read(first, text.length, path);
    else out.push(reject(path, 'invalid JSON: neither a JSON document nor JSON Lines'));
    return out;
  }
  let at = 0;
  text.split('\n').forEach((line, n) => {
    const start = at;
    at += line.length + 1;
    if (line.trim()) read(start, start + line.length, `${path}#${n + 1}`);
  });
  if (!out.length) out.push(reject(path, 'no records in file'));
  return out;
}

/** How deeply objects and arrays nest in text[start, end) (strings skipped), without parsing. */
function jsonDepth(text: string, start: number, end: number): number {
  let depth = 0;
  let max = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < end && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
    } else if (c === 91 || c === 123 /* [ { */) {
      if (++depth > max) max = depth;
    } else if (c === 93 || c === 125 /* ] } */) depth--;
  }
  return max;
}

/** The elements of the top-level JSON array that starts at `open`, as [start, end) ranges, or
 * undefined when the text is not one array (unbalanced, or more after it). */
function arrayElements(text: string, open: number): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 91 || c === 123) depth++;
    else if (c === 93 || c === 125) {
      if (--depth === 0) {
        if (text.slice(from, i).trim()) out.push([from, i]);
        return text.slice(i + 1).trim() ? undefined : out;
      }
    } else if (c === 44 /* , */ && depth === 1) {
      out.push([from, i]);
      from = i + 1;
    }
  }
  return undefined;
}


/** The fields a record may carry; anything else is refused, so a writer cannot fill the store
 * with data no page shows. */
const RECORD_FIELDS = new Set(['title', 'text', 'html', 'url', 'authors', 'publishedAt', 'site', 'tags', 'language', 'subtitle']);

export const recordLimits = (): RecordLimits => ({ maxTags: config('maxRecordTags'), maxAuthors: config('maxRecordAuthors'), maxFieldChars: config('maxRecordFieldChars') });

/** Why a record cannot be used, or undefined. `strict` (records pushed over HTTP) also refuses
 * fields a record does not have; a file's extra fields are ignored. */
export function checkRecord(value: unknown, opts: { strict?: boolean; limits?: RecordLimits } = {}): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'a record must be a JSON object';
  const limits = opts.limits ?? recordLimits();
  const r = value as Record<string, unknown>;
  const unknown = opts.strict ? Object.keys(r).filter((k) => !RECORD_FIELDS.has(k)) : [];
  if (unknown.length) return `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 40))).join(', ')} (a record has ${[...RECORD_FIELDS].join(', ')})`;
  if (typeof r.text !== 'string' && typeof r.html !== 'string') return 'a record needs "text" or "html" (a string)';
  for (const key of ['title', 'url', 'publishedAt', 'site', 'language', 'subtitle'] as const) {
    if (r[key] !== undefined && r[key] !== null && typeof r[key] !== 'string') return `"${key}" must be a string`;
    if (typeof r[key] === 'string' && r[key].length > limits.maxFieldChars) return `"${key}" is ${r[key].length} characters long; the limit is ${limits.maxFieldChars} (STORYLINE_MAX_RECORD_FIELD_CHARS)`;
  }
  if (r.authors !== undefined && typeof r.authors !== 'string' && !(Array.isArray(r.authors) && r.authors.every((a) => typeof a === 'string')))
    return '"authors" must be a string or an array of strings';
  if (r.tags !== undefined && !(Array.isArray(r.tags) && r.tags.every((a) => typeof a === 'string'))) return '"tags" must be an array of strings';
  const authors = typeof r.authors === 'string' ? [r.authors] : ((r.authors as string[] | undefined) ?? []);
  const tags = (r.tags as string[] | undefined) ?? [];
  if (authors.length > limits.maxAuthors) return `${authors.length} authors; the limit is ${limits.maxAuthors} (STORYLINE_MAX_RECORD_AUTHORS)`;
  if (tags.length > limits.maxTags) return `${tags.length} tags; the limit is ${limits.maxTags} (STORYLINE_MAX_RECORD_TAGS)`;
  const long = [...authors, ...tags].find((s) => s.length > Math.min(limits.maxFieldChars, 300));
  if (long !== undefined) return `an author or tag is ${long.length} characters long; the limit is ${Math.min(limits.maxFieldChars, 300)}`;
  return undefined;
}

export function siteKeyOf(url: string | undefined | null): string | undefined {
  if (!url) return undefined;
  try {
    return `host:${new URL(url).hostname.replace(/^www\./, '')}`;
  } catch {
    return undefined;
  }
}
