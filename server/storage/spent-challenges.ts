/**
 * Proof-of-work solutions already taken (schema/14-spent-challenges.ts), by their challenge's
 * signature: in the database, so that a solution is refused a second time after a restart and
 * by a second process on the same file. A row lives until its challenge expires.
 */
import type { Database } from 'better-sqlite3';

/** Expired rows are swept at most this often: one indexed delete, not one per post. */
const SWEEP_MS = 60_000;

export type SpentChallenges = ReturnType<typeof createSpentChallenges>;

export function createSpentChallenges(db: Database) {
  const statements = {
    spend: db.prepare<[string, string]>(
      'INSERT OR IGNORE INTO spent_challenges (signature, expires_at) VALUES (?, ?)',
    ),
    isSpent: db
      .prepare<[string], number>('SELECT 1 FROM spent_challenges WHERE signature = ?')
      .pluck(),
    dropExpired: db.prepare<[string]>('DELETE FROM spent_challenges WHERE expires_at <= ?'),
  };
  let sweptAt = 0;
  return {
    /** Whether the solution of the challenge signed `signature` was already taken. */
    isSpent: (signature: string): boolean => statements.isSpent.get(signature) !== undefined,

    /**
     * Takes the solution of the challenge signed `signature`, good until `expires`; false when
     * it had been taken before. Run inside the write that stores the comment, so that a comment
     * that is not stored leaves its solution unspent.
     */
    spend(signature: string, expires: Date, now: Date): boolean {
      if (now.getTime() - sweptAt >= SWEEP_MS) {
        sweptAt = now.getTime();
        statements.dropExpired.run(now.toISOString());
      }
      return statements.spend.run(signature, expires.toISOString()).changes === 1;
    },
  };
}
