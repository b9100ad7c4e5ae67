/**
 * The keys the server makes on first use, made by two instances at once on a new PostgreSQL
 * database: both go on with the one stored first, so that an address hashes alike, a form token
 * made by one is good on the other, and the generated admin token is the one that was shown.
 * Writes to the settings are held back until both instances have found no key and wait to
 * store their own.
 */
import pg from 'pg';
import { afterEach, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { openStorage, type Storage } from '../../server/storage/storage.ts';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/postgres.ts';

describePostgres('keys made by two instances at once', () => {
  let database: TestDatabase | undefined;
  const opened: Storage[] = [];
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    await database?.drop();
  });

  /** Runs `make` on two storages of one new database while writes to its settings wait. */
  async function madeAtOnce<T>(make: (storage: Storage) => Promise<T>): Promise<T[]> {
    database = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: database.url });
    opened.push(await openStorage(config), await openStorage(config));
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE settings IN EXCLUSIVE MODE');
      const making = opened.map(make);
      await vi.waitFor(
        async () => {
          const { rows } = await holder.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          expect(rows[0]?.n).toBe(2);
        },
        { timeout: 15_000, interval: 25 },
      );
      await holder.query('COMMIT');
      return await Promise.all(making);
    } finally {
      await holder.end();
    }
  }

  it('gives both the key stored first, the one the database keeps', async () => {
    const made = await madeAtOnce(async (storage) => ({
      key: await storage.secrets.ipHashKey(),
      kept: await storage.store.getSetting('ip_hash_key'),
    }));
    expect(made[0]?.key).toMatch(/^\S{20,}$/);
    expect(made).toEqual([made[0], made[0]]);
    expect(made[0]?.kept).toBe(made[0]?.key);
  });

  it('shows one generated admin token, whose hash both check against', async () => {
    const tokens = await madeAtOnce((storage) => storage.secrets.adminToken(null));
    expect(tokens.filter(({ generated }) => generated)).toHaveLength(1);
    expect(tokens[1]?.hash).toBe(tokens[0]?.hash);
    const shown = tokens.find(({ generated }) => generated);
    expect(shown?.token).toEqual(expect.any(String));
  });
});
