// What live pages poll: the position of the newest article and of the newest analysis (ingest
// and analysis may run in other processes), and the store's write generation that kept responses
// are checked against.
import type { Db, SqlDialect } from './dialect.ts';

export interface Cursor {
  /** The newest article's position in write order. */
  articles: number;
  /** The newest analysis written. */
  analyses: number;
}

export class LiveStore {
  private readonly db: Db;
  private readonly dialect: SqlDialect;

  constructor(db: Db, dialect: SqlDialect) {
    this.db = db;
    this.dialect = dialect;
  }

  async cursor(): Promise<Cursor> {
    const [articles, seq] = await Promise.all([this.dialect.newestArticleSeq(this.db), this.db.selectFrom('meta').select('value').where('key', '=', 'analysis_seq').executeTakeFirst()]);
    return { articles, analyses: seq ? Number(seq.value) : 0 };
  }

  /** Articles stored after a position, optionally in one story (what an open page has not shown). */
  articlesSince(since: number, storyId?: string): Promise<number> {
    return this.dialect.countArticlesSince(this.db, since, storyId);
  }

  /** Changes whenever anything is committed, by this process or another. One cheap statement. */
  generation(): Promise<string> {
    return this.dialect.writeGeneration(this.db);
  }
}
