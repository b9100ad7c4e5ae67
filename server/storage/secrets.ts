/** Tokens and keyed hashes: the server's small kit of secrets. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random token safe to put in URLs and headers. */
export function createToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** The stored form of a token: its SHA-256, so a copy of the database does not hand out tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two secrets in time that does not depend on where they differ. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** A keyed hash of an IP address: lets the owner tell repeat posters apart without storing IPs. */
export function hashIp(ip: string, key: string): string {
  return createHmac('sha256', key).update(ip).digest('hex').slice(0, 32);
}

/**
 * A keyed hash of the id a reader's browser likes comments under: one like per voter can be
 * told apart, and a copy of the database holds no id that could be sent again as theirs.
 */
export function hashVoter(voter: string, key: string): string {
  return createHmac('sha256', key).update(voter).digest('hex').slice(0, 32);
}
