// dedupe, then stories, for a chunk of extracted articles, with the in-memory state both stages
// consult for every article (the near-duplicate memory, the stories' working set). The pipeline
// owns that state and hands it in; it follows the store through the grouping generation, which
// every writer of grouping state (a chunk, a person's decision, a recluster, another process)
// moves in the same transaction: state that finds a generation it did not write is reloaded.
import { findDuplicates, NearDuplicates, toBytes } from '../dedupe/index.ts';
import { EXTRACTOR_VERSION } from '../extract/index.ts';
import { assignStories, WorkingSet, type Counts, type StoryState } from '../stories/index.ts';
import type { Batch, Store } from '../store/index.ts';
import type { ArticleRow, Generation, RawInput, StoredInput } from '../types.ts';
import type { Extracted } from './jobs.ts';

export type ExtractedInput = { raw: RawInput; id: string } & Extracted;

export interface Decided {
  write: Omit<Batch, 'termCounts'>;
  written: StoryState[];
  counts: Counts;
}

export class Grouping {
  readonly duplicates = new NearDuplicates();
  readonly stories = new WorkingSet();
  /** The grouping generation the state reflects; null until loaded. */
  private generation: number | null = null;
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
    // Counts not yet written go to the store before it closes.
    store.onClose(() => this.flush());
  }

  /** Makes sure the state reflects the store; loads it if not. */
  async sync(): Promise<void> {
    const now = await this.store.stories.generation();
    if (this.generation === now) return;
    await this.duplicates.load(this.store.ingest);
    await this.stories.load(this.store.stories);
    this.generation = now;
  }

  /** Forgets what is held (a write failed after clustering changed it): reloaded next time. */
  reset(): void {
    this.generation = null;
  }

  /** After a write of grouping state: the chunk's stories and counts join what is held, unless
   * another writer changed the store since it was loaded (then it is reloaded next time). */
  committed(g: Generation, written: StoryState[], counts: Counts, flushed: boolean): void {
    const stale = g.before !== this.generation;
    this.stories.committed(written, counts, flushed, stale);
    this.generation = stale ? null : g.after;
  }

  /** Writes the frequencies counted but not yet written. */
  async flush(): Promise<void> {
    const pending = this.stories.takeCounts();
    await this.store.stories.writeTermCounts(pending.rows, pending.docs);
  }

  /** dedupe, then stories, for extracted articles, and the batch written in one transaction. */
  async group(extracted: ExtractedInput[], now: string): Promise<Array<{ input: string; duplicateOf: string | null }>> {
    try {
      await this.sync();
      const decided = await this.decide(extracted, now);
      const due = this.stories.dueCounts(decided.counts);
      const generation = await this.store.ingest.saveBatch({ ...decided.write, termCounts: due });
      this.committed(generation, decided.written, decided.counts, due !== null);
      return decided.write.articles;
    } catch (e) {
      // Dedupe and clustering changed the in-memory state for a chunk that was not stored.
      this.reset();
      throw e;
    }
  }

  /** What dedupe and clustering decide for a chunk (the state must be in sync): the batch to
   * write, the story states it changed, and its document frequencies. */
  async decide(extracted: ExtractedInput[], now: string): Promise<Decided> {
    // dedupe: exact copies, new versions at one URL, near-duplicates.
    const { duplicates, versions } = await findDuplicates(
      extracted.map((x) => ({ id: x.id, bodyHash: x.article.bodyHash, url: x.article.url, title: x.article.title, blocks: x.article.blocks, signature: x.signature })),
      this.duplicates,
      this.store.ingest,
    );

    // stories: each original joins the story it is most like or opens one; copies follow their original.
    const grouped = await assignStories(
      extracted.map((x) => ({
        id: x.id,
        title: x.article.title,
        lede: x.article.lede,
        language: x.article.language,
        publishedAt: x.article.publishedAt,
        ingestedAt: now,
        terms: x.terms,
        original: duplicates.get(x.id) ?? versions.get(x.id) ?? null,
      })),
      this.stories,
      this.store.stories,
      now,
    );

    // store: inputs verbatim, their articles, the stories.
    const inputs: StoredInput[] = extracted.map(({ raw, id }) => ({ ...raw, id, receivedAt: now }));
    const articles: ArticleRow[] = extracted.map(({ raw, id, article, signature }) => {
      const { lede: _l, ...rest } = article;
      const dup = duplicates.get(id);
      const version = versions.get(id);
      return {
        ...rest,
        id,
        inputId: id,
        input: raw.input,
        duplicateOf: dup?.id ?? null,
        duplicateEvidence: dup?.evidence ?? null,
        versionOf: version?.id ?? null,
        changes: version?.changes ?? null,
        storyId: grouped.assignments.get(id) ?? null,
        ingestedAt: now,
        extractorVersion: EXTRACTOR_VERSION,
        // Originals (and new versions) are near-duplicate candidates for what comes later.
        signature: dup ? null : toBytes(signature),
      };
    });
    return { write: { inputs, articles, stories: grouped.records, merges: grouped.merges }, written: grouped.stories, counts: grouped.df };
  }
}
