// sources/: where inputs come from: files and folders, URLs (pages and feeds, through the fetch
// stage), feed files and OPML lists. One verb: `readSources` yields raw inputs (or rejections)
// in a stable order.
import { open, readFile, stat } from 'node:fs/promises';
import { config } from '../config.ts';
import type { RawInput, Rejection } from '../types.ts';
import { readInputs, walkFiles, type WalkOptions } from './files.ts';
import { feedInputs, fromUrl, opmlInputs, type SourceOptions } from './urls.ts';

export { walkFiles, readInputs, checkRecord, recordLimits, sha256, siteKeyOf, type RecordLimits } from './files.ts';
export { type SourceOptions } from './urls.ts';
export { decodeXml, entryInputs, entryRecord, FeedError, htmlToText, isSummaryOnly, parseFeedBytes, parseFeedDate, type FeedEntry, type ParsedFeed } from './feeds/index.ts';
export { OpmlError, parseOpmlBytes, writeOpml } from './opml.ts';
export { discoverFeeds, type DiscoveredFeed } from './discover.ts';
export { sniffFetched } from './urls.ts';

const isUrl = (s: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

export async function* readSources(paths: string[], opts: WalkOptions & SourceOptions): AsyncGenerator<RawInput | Rejection> {
  const files: string[] = [];
  // URLs first, in the order given; then files and folders, walked.
  for (const p of paths) {
    if (isUrl(p)) yield* fromUrl(p, 'page', opts);
    else files.push(p);
  }
  for await (const item of walkFiles(files, { followSymlinks: opts.followSymlinks ?? config('followSymlinks') })) {
    if (typeof item !== 'string') {
      yield item;
      continue;
    }
    // A JSON Feed is a .json file too: recognised by its version URL before it is read as records.
    if (/\.json$/i.test(item) && (await isJsonFeedFile(item))) {
      yield* jsonFeedFile(item, opts);
      continue;
    }
    for (const raw of await readInputs(item, opts)) {
      if ('reason' in raw) yield raw;
      else if (raw.kind === 'feed') yield* feedInputs(raw.input, raw.bytes, {}, opts);
      else if (raw.kind === 'opml') yield* opmlInputs(raw.input, raw.bytes, opts);
      else yield raw;
    }
  }
}

async function isJsonFeedFile(path: string): Promise<boolean> {
  try {
    const f = await open(path);
    try {
      const buf = new Uint8Array(4096);
      const { bytesRead } = await f.read(buf, 0, buf.length, 0);
      return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version/.test(new TextDecoder().decode(buf.subarray(0, bytesRead)));
    } finally {
      await f.close();
    }
  } catch {
    return false; // readInputs reports why it cannot be read
  }
}

async function* jsonFeedFile(path: string, opts: WalkOptions & SourceOptions): AsyncGenerator<RawInput | Rejection> {
  const st = await stat(path);
  if (st.size > opts.maxBytes) {
    yield { input: path, stage: 'sources', reason: `too large: ${st.size} bytes, the limit is ${opts.maxBytes} (STORYLINE_MAX_INPUT_BYTES)` };
    return;
  }
  yield* feedInputs(path, await readFile(path), {}, opts);
}
