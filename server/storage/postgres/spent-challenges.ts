/** Proof-of-work solutions already taken, in PostgreSQL (../spent-challenges.ts). */
import type { Storage } from '../storage.ts';
import { type Connection, one, run, statement } from './connection.ts';

/** Expired rows are swept at most this often, as SQLite's are. */
const SWEEP_MS = 60_000;

/**
 * When this process last swept. Kept here rather than in the store: the PostgreSQL storage
 * makes its stores afresh for every transaction, and `spend` always runs inside one.
 */
let sweptAt = 0;

const STATEMENTS = {
  // A solution posted twice at once: the second insert waits for the first's transaction, then
  // does nothing if it committed, so one solution is taken once across instances too.
  spend: statement(
    'spentChallenges.spend',
    `INSERT INTO spent_challenges (signature, expires_at) VALUES ($1, $2)
     ON CONFLICT (signature) DO NOTHING`,
  ),
  isSpent: statement(
    'spentChallenges.isSpent',
    'SELECT 1 AS spent FROM spent_challenges WHERE signature = $1',
  ),
  // The sweep runs inside a post's transaction: rows another instance's post is sweeping are
  // left to it (SKIP LOCKED), so that no post waits on another's sweep.
  dropExpired: statement(
    'spentChallenges.dropExpired',
    `DELETE FROM spent_challenges WHERE signature IN (
       SELECT signature FROM spent_challenges WHERE expires_at <= $1 FOR UPDATE SKIP LOCKED)`,
  ),
};

export function createPgSpentChallenges(connection: Connection): Storage['spentChallenges'] {
  return {
    isSpent: async (signature) => (await one(connection, STATEMENTS.isSpent, [signature])) !== null,
    async spend(signature, expires, now) {
      if (now.getTime() - sweptAt >= SWEEP_MS) {
        sweptAt = now.getTime();
        await run(connection, STATEMENTS.dropExpired, [now.toISOString()]);
      }
      return (await run(connection, STATEMENTS.spend, [signature, expires.toISOString()])) === 1;
    },
  };
}
