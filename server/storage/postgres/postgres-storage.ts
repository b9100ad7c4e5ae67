/**
 * The PostgreSQL engine behind `Storage`, for several instances sharing one database. Outside a
 * transaction each statement runs on whichever connection of the pool is free; a transaction
 * takes one connection for its whole work, whose calls (through the `tx` it is given) all run
 * on it. The stores are made afresh for each transaction: they only close over their connection.
 */
import type { Pool } from 'pg';
import { createKeptSecrets } from '../kept-secrets.ts';
import { createToken } from '../secrets.ts';
import type { Storage } from '../storage.ts';
import { createPgAdminStore } from './admin-store.ts';
import { createPgAkismetStore } from './akismet-store.ts';
import { type Connection, inTransaction, poolConnection } from './connection.ts';
import { createPgDefenceCounts } from './defence-counts.ts';
import { createPgFeedStore } from './feeds.ts';
import { createPgHeldViews } from './held-views.ts';
import { createPgImportStore } from './import-store.ts';
import { createPgJobStore } from './job-store.ts';
import { createPgLikes } from './likes.ts';
import { createPgMailStore } from './mail-store.ts';
import { createPageVersions } from './page-versions.ts';
import { openPostgres, type PostgresOptions } from './pool.ts';
import { createPostgresHealth } from './postgres-health.ts';
import { createPgSessionStore } from './session-store.ts';
import { LIFE_ID_SETTING } from './settings.ts';
import { readPgSite } from './site-rows.ts';
import { createPgSpentChallenges } from './spent-challenges.ts';
import { createPgStore } from './store.ts';
import { createPgThrottles } from './throttles.ts';
import { createPgVerifiedAddresses } from './verified-addresses.ts';

/** Storage on the PostgreSQL database of `pool`, whose life is `lifeId`. */
export function createPostgresStorage(pool: Pool, lifeId: string): Storage {
  const pageVersion = createPageVersions(createPgStore(poolConnection(pool)).pageVersion);
  const health = createPostgresHealth(pool);
  const readSite = () => readPgSite(pool);
  const close = () => pool.end();

  /**
   * The storage of `connection`: the pool's (outside any transaction), or a transaction's, with
   * what to tell once that transaction has ended (`ended`).
   */
  function bound(connection: Connection, ended?: (() => void)[]): Storage {
    const inside = ended !== undefined;
    const store = createPgStore(connection);
    const storage: Storage = {
      store,
      admin: createPgAdminStore(connection),
      mail: createPgMailStore(connection),
      jobs: createPgJobStore(connection),
      akismet: createPgAkismetStore(connection),
      sessions: createPgSessionStore(connection),
      secrets: createKeptSecrets(() => storage),
      feeds: createPgFeedStore(connection),
      likes: createPgLikes(connection),
      heldViews: createPgHeldViews(connection),
      spentChallenges: createPgSpentChallenges(connection),
      verifications: createPgVerifiedAddresses(connection),
      defenceCounts: createPgDefenceCounts(connection),
      throttles: createPgThrottles(connection),
      imports: createPgImportStore(connection),
      // A transaction reads its page's version as it stands in the transaction itself, its
      // own writes included, which no query shared with other requests may answer.
      pageVersion: inside ? store.pageVersion : pageVersion,
      transaction: inside
        ? (work) => connection.atomically(() => work(storage))
        : async (work) => {
            const toTell: (() => void)[] = [];
            try {
              return await inTransaction(pool, (held) => work(bound(held, toTell)));
            } finally {
              for (const tell of toTell) tell();
            }
          },
      writeTogether: (work) => storage.transaction(work),
      afterTransaction: (told) => (ended ? ended.push(told) : told()),
      health,
      readSite,
      lifeId,
      readonly: false,
      close,
    };
    return storage;
  }

  return bound(poolConnection(pool));
}

/** Opens (migrating where needed) the PostgreSQL database at `url`. */
export async function openPostgresStorage(
  url: string,
  options: PostgresOptions = {},
): Promise<Storage> {
  const pool = await openPostgres(url, options);
  try {
    return createPostgresStorage(pool, await keptLifeId(pool));
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/** The database's life id, made by the first instance to start on it and kept. */
async function keptLifeId(pool: Pool): Promise<string> {
  const settings = createPgStore(poolConnection(pool));
  return (
    (await settings.getSetting(LIFE_ID_SETTING)) ??
    settings.keepSetting(LIFE_ID_SETTING, createToken(16))
  );
}
