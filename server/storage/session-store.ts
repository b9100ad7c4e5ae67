/** The dashboard's sessions, in the database so that signing in survives a restart. */
import type { Database } from 'better-sqlite3';
import { createToken, hashToken } from './secrets.ts';

/** How long a dashboard session lasts without signing in again. */
export const SESSION_DAYS = 7;

export interface AdminSession {
  csrfToken: string;
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/** Only the hashes of session tokens are kept: a copy of the database signs nobody in. */
export function createSessionStore(db: Database) {
  const statements = {
    insert: db.prepare<[string, string, string, string]>(
      'INSERT INTO admin_sessions (token_hash, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    find: db.prepare<[string, string], { csrf_token: string }>(
      'SELECT csrf_token FROM admin_sessions WHERE token_hash = ? AND expires_at > ?',
    ),
    remove: db.prepare<[string]>('DELETE FROM admin_sessions WHERE token_hash = ?'),
    purge: db.prepare<[string]>('DELETE FROM admin_sessions WHERE expires_at <= ?'),
    removeAll: db.prepare('DELETE FROM admin_sessions'),
  };
  return {
    /** Opens a session; returns the cookie's token and the CSRF token the pages must send. */
    open(now: Date): { token: string; csrfToken: string } {
      const token = createToken(32);
      const csrfToken = createToken(24);
      const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
      statements.purge.run(now.toISOString());
      statements.insert.run(hashToken(token), csrfToken, now.toISOString(), expires.toISOString());
      return { token, csrfToken };
    },
    find(token: string, now: Date): AdminSession | null {
      const row = statements.find.get(hashToken(token), now.toISOString());
      return row ? { csrfToken: row.csrf_token } : null;
    },
    close(token: string): void {
      statements.remove.run(hashToken(token));
    },
    /** Ends every session: each browser signed in must sign in again. */
    closeAll(): void {
      statements.removeAll.run();
    },
  };
}
