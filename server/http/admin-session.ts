/** Signing the site owner in: a password kept only as a scrypt hash, and sessions by cookie. */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Database } from 'better-sqlite3';
import { createToken, hashToken } from '../storage/secrets.ts';
import type { Store } from '../storage/store.ts';

/** The setting that keeps the dashboard password's scrypt hash. */
export const PASSWORD_SETTING = 'admin_password_hash';

export const SESSION_COOKIE = 'lar_admin';
export const SESSION_DAYS = 7;
// About 0.1 s and 32 MiB a check, run on libuv's thread pool: on the event loop each check
// would stop every reader's request for as long (eight wrong passwords a second raised readers'
// p99 from about 12 ms to 70–380 ms when scryptSync did it).
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const deriveKey = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: ScryptOptions,
) => Promise<Buffer>;

/** A salted scrypt hash of a password, with its parameters, as one string. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await deriveKey(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** True when `password` is the one `stored` was made from; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await deriveKey(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/**
 * Checks passwords at most `max` at a time. Each check holds 32 MiB and one of libuv's four
 * threads, which file and compression work share; a queue without bound would let a stream of
 * guesses take them all, so a check beyond `max` is not started at all.
 */
export function createPasswordChecker(max: number) {
  let running = 0;
  return {
    /** Whether `password` is the stored one, or null when `max` checks are already running. */
    async check(password: string, stored: string): Promise<boolean | null> {
      if (running >= max) return null;
      running++;
      try {
        return await verifyPassword(password, stored);
      } finally {
        running--;
      }
    },
  };
}

/**
 * Makes `hash` the dashboard's password and ends every session, in one write: whoever signed in
 * with the password before must sign in with the new one. ADMIN_PASSWORD changed at start and
 * "admin set-password" both come through here.
 */
export function replacePassword(store: Store, sessions: SessionStore, hash: string): void {
  store.inTransaction(() => {
    store.setSetting(PASSWORD_SETTING, hash);
    sessions.closeAll();
  });
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
