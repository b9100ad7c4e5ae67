/** Solving a proof-of-work challenge on the server's side, as a reader's browser would. */
import { createHash } from 'node:crypto';
import type { ChallengeOffer } from '../../shared/types.ts';

/** Finds the number of `offer` and writes the payload ALTCHA's widget sends: base64 of JSON. */
export function solveChallenge(offer: ChallengeOffer): string {
  for (let number = 0; number <= offer.maxnumber; number++) {
    if (createHash('sha256').update(`${offer.salt}${number}`).digest('hex') === offer.challenge) {
      const { algorithm, challenge, salt, signature } = offer;
      const payload = { algorithm, challenge, number, salt, signature };
      return Buffer.from(JSON.stringify(payload)).toString('base64');
    }
  }
  throw new Error('no number solves this challenge');
}
