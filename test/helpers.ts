// What many tests do in one line: ingest paths through a pipeline of their own (closed after, so
// pending counts are written), and optionally analyse what it queued, as `storyline ingest` does.
import { Pipeline, type IngestEvents, type IngestOptions, type IngestSummary } from '../src/pipeline/index.ts';
import type { Store } from '../src/store/index.ts';

export async function ingest(paths: string[], store: Store, events: IngestEvents = {}, opts: IngestOptions & { analyse?: boolean } = {}): Promise<IngestSummary> {
  const pipeline = new Pipeline(store);
  try {
    const summary = await pipeline.ingest(paths, events, opts);
    if (opts.analyse) await pipeline.analyse();
    return summary;
  } finally {
    await pipeline.close();
  }
}
