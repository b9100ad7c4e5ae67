/**
 * Solves a proof-of-work challenge in ALTCHA's format (v1) in the reader's browser: finds the
 * number n, from 0 up, with SHA-256(salt + n) equal to the challenge, and writes the payload the
 * server takes (base64 of its JSON, as ALTCHA's own widget sends it). Loaded only once a post
 * is answered 428, so readers who never meet a challenge download none of it.
 *
 * Web Crypto hashes off the main thread; the hashes of a batch are asked for together, and the
 * page gets the event loop back between batches, so that it stays responsive while this runs.
 * A Worker would need a script of the page's own origin (or `worker-src blob:` in a site's
 * Content-Security-Policy), which an embedded widget cannot count on. Our own twenty lines
 * rather than altcha-lib's v1 solver: that one waits for each hash before asking for the next,
 * and weighs 366 bytes gzipped before the payload is written around it; this whole file, 377.
 */
import type { ChallengeOffer } from '../../shared/types.ts';

/** Hashes asked for at once: enough to keep Web Crypto busy, few enough to yield often. */
const BATCH = 1000;

/** The payload that solves `offer`, or null when no number up to its maxnumber does. */
export async function solveChallenge(offer: ChallengeOffer): Promise<string | null> {
  const { algorithm, challenge, maxnumber, salt, signature } = offer;
  const encoder = new TextEncoder();
  const wanted = challenge.match(/../g)?.map((pair) => Number.parseInt(pair, 16)) ?? [];
  for (let start = 0; start <= maxnumber; start += BATCH) {
    const hashes: Promise<ArrayBuffer>[] = [];
    for (let n = start; n <= Math.min(start + BATCH - 1, maxnumber); n++)
      hashes.push(crypto.subtle.digest('SHA-256', encoder.encode(salt + n)));
    const found = (await Promise.all(hashes)).findIndex((hash) =>
      new Uint8Array(hash).every((byte, index) => byte === wanted[index]),
    );
    if (found >= 0) {
      const number = start + found;
      return btoa(JSON.stringify({ algorithm, challenge, number, salt, signature }));
    }
    // A task, not a microtask: timers, input and rendering get their turn.
    await new Promise((resolve) => setTimeout(resolve));
  }
  return null;
}
