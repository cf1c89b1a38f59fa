// What kept responses (cache.ts) are checked against, read from the store as seldom as freshness
// allows. Under load (50 connections), one call into SQLite per request, however trivial the
// statement, added about 35 µs of server CPU to the 60-70 µs everything else costs, so:
// - the store's write generation (any commit, by this process or another: read.ts
//   storeGeneration) is read at most once per event-loop turn, and shared by the requests that
//   turn handles;
// - a story's or an article's stamp is read again only when the generation has moved.
// A write is therefore seen by every request that arrives after it: a request arrives in a turn
// of its own, later than the write's. Writes made through this server (its mutating routes) drop
// the turn's reading at once (`forget`), so even a request of the same turn sees them. Code that
// writes to the store directly, in-process, is seen from the next turn.
import type { Store } from '../store/index.ts';

type StoryStamp = Awaited<ReturnType<Store['pages']['storyStamp']>>;

/** Stamps by id, each valid for one generation; bounded, the oldest out first. */
class StampMemo<T> {
  private readonly entries = new Map<string, { generation: string; value: Promise<T> }>();
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }

  get(id: string, generation: string, read: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(id);
    if (hit && hit.generation === generation) return hit.value;
    const value = read();
    // A failed read is not kept: the next request asks the store again.
    value.catch(() => this.entries.get(id)?.value === value && this.entries.delete(id));
    this.entries.delete(id);
    this.entries.set(id, { generation, value });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

export class Versions {
  private readonly store: Store;
  private turn: Promise<string> | undefined;
  private readonly stories = new StampMemo<StoryStamp>(50_000);
  private readonly articles = new StampMemo<string | undefined>(50_000);

  constructor(store: Store) {
    this.store = store;
  }

  /** The store's write generation as of this event-loop turn. */
  generation(): Promise<string> {
    if (!this.turn) {
      const reading = this.store.live.generation();
      this.turn = reading;
      // Dropped when the turn ends (setImmediate runs after the turn's I/O callbacks), or at once
      // if the read fails.
      setImmediate(() => {
        if (this.turn === reading) this.turn = undefined;
      });
      reading.catch(() => {
        if (this.turn === reading) this.turn = undefined;
      });
    }
    return this.turn;
  }

  /** After a write through the server: the next request reads the generation again. */
  forget(): void {
    this.turn = undefined;
  }

  /** A story's stamp (see read.ts storyStamp), or undefined when there is no such story. */
  async story(id: string): Promise<StoryStamp> {
    const generation = await this.generation();
    return this.stories.get(id, generation, () => this.store.pages.storyStamp(id));
  }

  /** An article's stamp (see read.ts articleStamp), or undefined when there is no such article. */
  async article(id: string): Promise<string | undefined> {
    const generation = await this.generation();
    return this.articles.get(id, generation, () => this.store.pages.articleStamp(id));
  }
}
