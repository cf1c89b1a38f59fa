// Readers' "report an error" requests, kept for an editor; nothing changes an article by itself.
import { randomUUID } from 'node:crypto';
import type { Db } from './dialect.ts';
import type { CorrectionsTable } from './schema.ts';

export interface Correction {
  id: string;
  articleId: string;
  message: string;
  quote: string | null;
  status: string;
  createdAt: string;
}

const toCorrection = (r: CorrectionsTable): Correction => ({ id: r.id, articleId: r.article_id, message: r.message, quote: r.quote, status: r.status, createdAt: r.created_at });

export class CorrectionsStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async add(c: { articleId: string; message: string; quote?: string | null }): Promise<Correction> {
    const row: CorrectionsTable = { id: randomUUID(), article_id: c.articleId, message: c.message, quote: c.quote ?? null, status: 'open', created_at: new Date().toISOString() };
    await this.db.insertInto('corrections').values(row).execute();
    return toCorrection(row);
  }

  /** The newest requests (500 at most), for one article or all. */
  async list(articleId?: string): Promise<Correction[]> {
    let q = this.db.selectFrom('corrections').selectAll().orderBy('created_at', 'desc').limit(500);
    if (articleId) q = q.where('article_id', '=', articleId);
    return (await q.execute()).map(toCorrection);
  }
}
