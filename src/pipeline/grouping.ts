// dedupe, then stories, for a chunk of extracted articles, with the in-memory state both stages
// consult for every article (the near-duplicate memory, the stories' working set). The pipeline
// owns that state and hands it in.
//
// Several writers may group into one store (two ingests, a server taking pushes, `storyline
// worker` processes on several hosts). A chunk is decided and written inside one transaction
// holding the store's grouping lock (store.ingest.grouping), so writers take turns; at the start
// of its turn a writer brings its state up to what the others wrote since its own last turn. Every
// grouping write moves the grouping generation and logs what it changed (its stories, the
// document frequencies it counted; originals' signatures are in the article rows, in write order),
// so catching up reads only that. A generation moved without a log entry (a person's decision, a
// recluster) or a log already pruned past where the state stands makes it reload everything.
import { findDuplicates, fromBytes, NearDuplicates, toBytes } from '../dedupe/index.ts';
import { EXTRACTOR_VERSION } from '../extract/index.ts';
import { assignStories, WorkingSet, type Counts, type StoryState } from '../stories/index.ts';
import type { Batch, GroupingTx, Store } from '../store/index.ts';
import type { ArticleRow, Generation, RawInput, StoredInput } from '../types.ts';
import type { Extracted } from './jobs.ts';

export type ExtractedInput = { raw: RawInput; id: string } & Extracted;

export interface Decided {
  write: Omit<Batch, 'counts' | 'fold'>;
  written: StoryState[];
  counts: Counts;
}

export interface Grouped {
  /** Articles written, in input order. */
  written: Array<{ input: string; duplicateOf: string | null }>;
  /** Inputs another writer stored while this chunk was being extracted: nothing to do. */
  unchanged: string[];
}

export class Grouping {
  readonly duplicates = new NearDuplicates();
  readonly stories = new WorkingSet();
  /** How the state was brought up to date: loads in full, and catch-ups from the log. */
  readonly syncs = { full: 0, incremental: 0 };
  /** The grouping generation the state reflects; null until loaded. */
  private generation: number | null = null;
  /** The newest article (write order) whose signature the near-duplicate memory holds. */
  private articleSeq = 0;
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  /** Brings the state up to what the store holds (inside a grouping transaction). */
  async sync(tx: GroupingTx): Promise<void> {
    const now = await tx.stories.generation();
    if (this.generation === now) return;
    if (this.generation !== null && now > this.generation && (await this.catchUp(tx, this.generation, now))) {
      this.syncs.incremental++;
    } else {
      this.syncs.full++;
      await this.duplicates.load(tx.ingest);
      await this.stories.load(tx.stories);
      this.articleSeq = await tx.ingest.newestSeq();
    }
    this.generation = now;
  }

  /** Applies what other writers logged between two generations; false when the log does not
   * cover them all (then the caller loads everything). */
  private async catchUp(tx: GroupingTx, from: number, to: number): Promise<boolean> {
    const { entries, foldedThrough } = await tx.stories.logSince(from);
    if (entries.length !== to - from || entries.some((e, i) => e.generation !== from + 1 + i)) return false;
    // Frequencies: every entry's counts are new here. Where another writer folded the log into
    // term_df meanwhile (after `from`: what this state saw of it is older), what remains
    // unfolded is what lies past its fold.
    const fold = foldedThrough !== this.stories.foldedThrough;
    for (const e of entries) this.stories.add(e.counts, !fold);
    if (fold) this.stories.foldedBy(foldedThrough, entries.filter((e) => e.generation > foldedThrough).map((e) => e.counts));
    // Stories: those written are read again, those merged away or removed let go.
    const ids = [...new Set(entries.flatMap((e) => e.stories))];
    const live = await tx.stories.load(ids);
    const alive = new Set(live.map((r) => r.id));
    this.stories.refresh(live, ids.filter((id) => !alive.has(id)));
    // Near-duplicates: the originals written since, in order.
    for (const r of await tx.ingest.signaturesSince(this.articleSeq)) {
      this.duplicates.addOriginal(r.id, fromBytes(r.signature));
      this.articleSeq = r.seq;
    }
    return true;
  }

  /** Forgets what is held (a write failed after clustering changed it): reloaded next time. */
  reset(): void {
    this.generation = null;
  }

  /** After a write of grouping state: the chunk's stories and counts join what is held. */
  committed(g: Generation, written: StoryState[], counts: Counts, folded: boolean, articleSeq: number): void {
    const stale = g.before !== this.generation;
    this.stories.committed(written, counts, folded, stale, g.after);
    this.generation = stale ? null : g.after;
    this.articleSeq = articleSeq;
  }

  /** dedupe, then stories, for extracted articles, written in one transaction with the state they
   * were decided from. Inputs another writer stored meanwhile are left out (`unchanged`). */
  async group(extracted: ExtractedInput[], now: string, reprocess = false): Promise<Grouped> {
    try {
      const done = await this.store.ingest.grouping(async (tx) => {
        const ids = extracted.map((x) => x.id);
        const known = reprocess ? await tx.ingest.knownArticles(ids) : await tx.ingest.knownInputs(ids);
        const fresh = extracted.filter((x) => !known.has(x.id));
        await this.sync(tx);
        const decided = await this.decide(tx, fresh, now);
        const fold = this.stories.foldWith(decided.counts);
        const generation = await tx.save({ ...decided.write, counts: this.stories.chunkRows(decided.counts), fold });
        return { decided, generation, folded: fold !== null, seq: await tx.ingest.newestSeq(), unchanged: extracted.filter((x) => known.has(x.id)).map((x) => x.raw.input) };
      });
      this.committed(done.generation, done.decided.written, done.decided.counts, done.folded, done.seq);
      return { written: done.decided.write.articles, unchanged: done.unchanged };
    } catch (e) {
      // Dedupe and clustering changed the in-memory state for a chunk that was not stored.
      this.reset();
      throw e;
    }
  }

  /** What dedupe and clustering decide for a chunk (the state must be in sync with `tx`): the
   * batch to write, the story states it changed, and its document frequencies. */
  async decide(tx: Pick<GroupingTx, 'ingest' | 'stories'>, extracted: ExtractedInput[], now: string): Promise<Decided> {
    // dedupe: exact copies, new versions at one URL, near-duplicates.
    const { duplicates, versions } = await findDuplicates(
      extracted.map((x) => ({ id: x.id, bodyHash: x.article.bodyHash, url: x.article.url, title: x.article.title, blocks: x.article.blocks, signature: x.signature })),
      this.duplicates,
      tx.ingest,
    );

    // stories: each original joins the story it is most like or opens one; copies follow their original.
    const grouped = await assignStories(
      extracted.map((x) => ({
        id: x.id,
        title: x.article.title,
        lede: x.article.lede,
        language: x.article.language,
        publishedAt: x.article.publishedAt,
        ingestedAt: x.raw.receivedAt ?? now,
        terms: x.terms,
        names: x.names,
        original: duplicates.get(x.id) ?? versions.get(x.id) ?? null,
      })),
      this.stories,
      tx.stories,
      now,
    );

    // store: inputs verbatim, their articles, the stories.
    const inputs: StoredInput[] = extracted.map(({ raw, id }) => ({ ...raw, id, receivedAt: raw.receivedAt ?? now }));
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
        ingestedAt: raw.receivedAt ?? now,
        extractorVersion: EXTRACTOR_VERSION,
        // Originals (and new versions) are near-duplicate candidates for what comes later.
        signature: dup ? null : toBytes(signature),
      };
    });
    return { write: { inputs, articles, stories: grouped.records, merges: grouped.merges }, written: grouped.stories, counts: grouped.df };
  }
}
