/** Signing the site owner in: a password kept only as a scrypt hash, and sessions by cookie. */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { createToken, hashToken } from './secrets.ts';

/** The setting that keeps the dashboard password's scrypt hash. */
export const PASSWORD_SETTING = 'admin_password_hash';

export const SESSION_COOKIE = 'lar_admin';
export const SESSION_DAYS = 7;
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** A salted scrypt hash of a password, with its parameters, as one string. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** True when `password` is the one `stored` was made from; compared in constant time. */
export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

export interface AdminSession {
  csrfToken: string;
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/** Sessions live in the database, so that signing in survives a restart; only token hashes are kept. */
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
  };
}
