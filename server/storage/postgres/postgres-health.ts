/**
 * Whether the PostgreSQL database can be read and written right now, for GET /api/health: one
 * statement that reads no table, answered within a second or counted as a failure, so that a
 * load balancer's check never hangs on a server that went away.
 */
import type { Pool } from 'pg';
import type { StorageHealth } from '../storage-health.ts';

const CHECK_MS = 1_000;

export function createPostgresHealth(pool: Pool): () => Promise<StorageHealth> {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = pool.query<{ read_only: boolean }>(
        "SELECT pg_is_in_recovery() OR current_setting('default_transaction_read_only') = 'on' AS read_only",
      );
      // An answer that comes after the second is dropped, and so is its failure.
      answer.catch(() => undefined);
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer within a second')), CHECK_MS);
      });
      const { rows } = await Promise.race([answer, late]);
      if (rows[0]?.read_only)
        return {
          reads: true,
          writes: false,
          problem:
            'The PostgreSQL database is read-only (a standby, or read-only by default): nothing can be saved.',
        };
      return { reads: true, writes: true, problem: null };
    } catch (error) {
      return {
        reads: false,
        writes: false,
        problem: `The PostgreSQL database cannot be reached: ${(error as Error).message}.`,
      };
    } finally {
      clearTimeout(timer);
    }
  };
}
