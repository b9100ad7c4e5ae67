/** Signing the site owner in: a password kept only as a scrypt hash, and sessions by cookie. */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { KeptSecrets } from '../storage/kept-secrets.ts';

export const SESSION_COOKIE = 'lar_admin';
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
 * Keeps ADMIN_PASSWORD as a hash only, hashing again only when the password changed; a changed
 * password ends every dashboard session.
 */
export async function keepPassword(
  secrets: Pick<KeptSecrets, 'passwordHash' | 'replacePassword'>,
  password: string,
): Promise<void> {
  const stored = await secrets.passwordHash();
  if (stored && (await verifyPassword(password, stored))) return;
  await secrets.replacePassword(await hashPassword(password));
}
