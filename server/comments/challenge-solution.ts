/**
 * Reading a proof-of-work solution as ALTCHA's widget sends it: base64 of the JSON
 * {algorithm, challenge, number, salt, signature}, its expiry written into the salt
 * (`…?expires=UNIX_SECONDS&`) by altcha-lib's createChallenge.
 */

/** A solution whose fields have the right shapes; whether it solves anything is not yet known. */
export interface Solution {
  challenge: string;
  number: number;
  salt: string;
  signature: string;
  /** When its challenge stops being good, as its salt says. */
  expires: Date;
}

const HEX_64 = /^[0-9a-f]{64}$/;

/** The solution `payload` holds, or null for one that is garbled or not ALTCHA's SHA-256 kind. */
export function readSolution(payload: string): Solution | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    // Not base64 of JSON at all: refused as invalid, like a forged one.
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { algorithm, challenge, number, salt, signature } = parsed as Record<string, unknown>;
  if (algorithm !== 'SHA-256' || typeof salt !== 'string' || salt.length > 500) return null;
  if (typeof challenge !== 'string' || !HEX_64.test(challenge)) return null;
  if (typeof signature !== 'string' || !HEX_64.test(signature)) return null;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) return null;
  // Every challenge this server sets has an expiry; one without is none of its own.
  const expires = Number(new URLSearchParams(salt.split('?')[1] ?? '').get('expires'));
  if (!Number.isSafeInteger(expires) || expires <= 0) return null;
  return { challenge, number, salt, signature, expires: new Date(expires * 1000) };
}
