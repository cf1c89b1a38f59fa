// sources/: where inputs come from. Files and folders today; URLs, feeds and OPML arrive with
// the fetch stage. One verb: `readSources` yields raw inputs (or rejections) in a stable order.
import type { RawInput, Rejection } from '../types.ts';
import { readInputs, walkFiles, type WalkOptions } from './files.ts';

export { walkFiles, readInputs, checkRecord, sha256, siteKeyOf } from './files.ts';

const isUrl = (s: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

export async function* readSources(paths: string[], opts: WalkOptions): AsyncGenerator<RawInput | Rejection> {
  const files: string[] = [];
  for (const p of paths) {
    if (isUrl(p)) yield { input: p, stage: 'sources', reason: 'URL ingestion needs the fetch stage, which is not built yet; save the page and ingest the file' };
    else files.push(p);
  }
  for await (const item of walkFiles(files)) {
    if (typeof item !== 'string') {
      yield item;
      continue;
    }
    for (const raw of await readInputs(item, opts)) yield raw;
  }
}
