// Admin sessions and the server's signing secret. A session id is 32 random bytes held only by
// the browser; the table keeps its sha256, so a copy of the database opens no session. Expired
// rows are swept when a new session is made. The secret (for CSRF tokens, see server/security.ts)
// is made once per database and kept in `meta`, so tokens survive a restart of the server.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './dialect.ts';

const SECRET_KEY = 'server_secret';
const hash = (id: string): string => createHash('sha256').update(id).digest('hex');

export class SessionsStore {
  private readonly db: Db;
  private secretValue: Promise<Buffer> | undefined;

  constructor(db: Db) {
    this.db = db;
  }

  /** A new session valid for `ttlMs`; returns the id for the cookie (stored only as its hash). */
  async create(ttlMs: number, now = new Date()): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const at = now.toISOString();
    await this.db.deleteFrom('admin_sessions').where('expires_at', '<=', at).execute();
    await this.db.insertInto('admin_sessions').values({ id_hash: hash(id), created_at: at, expires_at: new Date(now.getTime() + ttlMs).toISOString(), last_seen_at: at }).execute();
    return id;
  }

  /** Whether the id is a live session (known, not expired, not revoked). */
  async valid(id: string, now = new Date()): Promise<boolean> {
    if (!/^[\w-]{43}$/.test(id)) return false;
    const r = await this.db.selectFrom('admin_sessions').select('expires_at').where('id_hash', '=', hash(id)).executeTakeFirst();
    return !!r && r.expires_at > now.toISOString();
  }

  /** Ends one session (sign-out). */
  async revoke(id: string): Promise<void> {
    await this.db.deleteFrom('admin_sessions').where('id_hash', '=', hash(id)).execute();
  }

  /** Ends every session (after the admin token changed, or from the CLI). */
  async revokeAll(): Promise<number> {
    const r = await this.db.deleteFrom('admin_sessions').executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** 32 random bytes made on first use and kept in the database. */
  secret(): Promise<Buffer> {
    this.secretValue ??= (async () => {
      const fresh = randomBytes(32).toString('base64url');
      try {
        await this.db.insertInto('meta').values({ key: SECRET_KEY, value: fresh }).onConflict((oc) => oc.column('key').doNothing()).execute();
      } catch (e) {
        // A read replica (PostgreSQL hot standby: SQLSTATE 25006) takes no writes; a server there
        // takes none either, so the stored secret, or else one of this process's own, will do.
        if ((e as { code?: string }).code !== '25006') throw e;
      }
      const stored = await this.db.selectFrom('meta').select('value').where('key', '=', SECRET_KEY).executeTakeFirst();
      return Buffer.from(stored?.value ?? fresh, 'base64url');
    })();
    return this.secretValue;
  }
}
