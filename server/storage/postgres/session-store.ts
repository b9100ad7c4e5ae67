/** The dashboard's sessions on PostgreSQL, as ../session-store.ts keeps them on SQLite. */
import { createToken, hashToken } from '../secrets.ts';
import { SESSION_DAYS } from '../session-store.ts';
import type { Storage } from '../storage.ts';
import { type Connection, one, run, statement } from './connection.ts';

const statements = {
  insert: statement(
    'sessions.insert',
    'INSERT INTO admin_sessions (token_hash, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4)',
  ),
  find: statement(
    'sessions.find',
    'SELECT csrf_token FROM admin_sessions WHERE token_hash = $1 AND expires_at > $2',
  ),
  remove: statement('sessions.remove', 'DELETE FROM admin_sessions WHERE token_hash = $1'),
  purge: statement('sessions.purge', 'DELETE FROM admin_sessions WHERE expires_at <= $1'),
  removeAll: statement('sessions.removeAll', 'DELETE FROM admin_sessions'),
};

/** Only the hashes of session tokens are kept: a copy of the database signs nobody in. */
export function createPgSessionStore(connection: Connection): Storage['sessions'] {
  const sessions: Storage['sessions'] = {
    async open(now) {
      const token = createToken(32);
      const csrfToken = createToken(24);
      const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
      // Two statements, not one transaction, as on SQLite: the purge is housekeeping, and a
      // session opened while another instance purges is not among the expired ones.
      await run(connection, statements.purge, [now.toISOString()]);
      await run(connection, statements.insert, [
        hashToken(token),
        csrfToken,
        now.toISOString(),
        expires.toISOString(),
      ]);
      return { token, csrfToken };
    },
    async find(token, now) {
      const row = await one<{ csrf_token: string }>(connection, statements.find, [
        hashToken(token),
        now.toISOString(),
      ]);
      return row ? { csrfToken: row.csrf_token } : null;
    },
    async close(token) {
      await run(connection, statements.remove, [hashToken(token)]);
    },
    async closeAll() {
      await run(connection, statements.removeAll);
    },
  };
  return sessions;
}
