/**
 * The SQLite engine behind `Storage`. Its statements are synchronous (better-sqlite3), and each
 * store's module keeps them as such; here they become the asynchronous calls every engine
 * offers. One connection serves the whole process, so a transaction holds it through a gate:
 * calls made meanwhile from outside wait for its end, and the calls of its own work (through
 * the `tx` it is given) go straight through.
 */
import type { Database } from 'better-sqlite3';
import { createAdminStore } from './admin-store.ts';
import { createAkismetStore } from './akismet-store.ts';
import { createDefenceCounts } from './defence-counts.ts';
import { createFeedStore } from './feeds.ts';
import { createGroupCommit } from './group-commit.ts';
import { createHeldViews } from './held-views.ts';
import { createImportStore } from './import-store.ts';
import { createJobStore } from './job-store.ts';
import { createKeptSecrets } from './kept-secrets.ts';
import { createLikes } from './likes.ts';
import { createMailStore } from './mail-store.ts';
import { openDatabase } from './open.ts';
import { createPageVersions } from './page-versions.ts';
import { createToken } from './secrets.ts';
import { createSessionStore } from './session-store.ts';
import { createSiteRows } from './site-export.ts';
import { createSpentChallenges } from './spent-challenges.ts';
import type { Asynchronous, Storage } from './storage.ts';
import { createStorageHealth } from './storage-health.ts';
import { createStore } from './store.ts';
import { createThrottles } from './throttles.ts';
import { savepointOf, writeTransactionOf } from './transaction.ts';
import { createTransactionGate } from './transaction-gate.ts';
import { createVerifiedAddresses } from './verified-addresses.ts';

// biome-ignore lint/suspicious/noExplicitAny: a wrapper passes any method's arguments through.
type Method = (...args: any[]) => unknown;
type Wrap = (method: Method) => Method;

/** `part` with each of its methods wrapped by `wrap`. */
function wrapAll<T extends object>(part: T, wrap: Wrap): Asynchronous<T> {
  return Object.fromEntries(
    Object.entries(part).map(([name, value]) => [
      name,
      typeof value === 'function' ? wrap(value as Method) : value,
    ]),
  ) as Asynchronous<T>;
}

/** Storage on an open SQLite database, opened from `path` (which the health check watches). */
export function createSqliteStorage(db: Database, path: string): Storage {
  const store = createStore(db);
  const parts = {
    store,
    admin: createAdminStore(db),
    mail: createMailStore(db),
    jobs: createJobStore(db),
    akismet: createAkismetStore(db),
    sessions: createSessionStore(db),
    feeds: createFeedStore(db),
    likes: createLikes(db),
    heldViews: createHeldViews(db),
    spentChallenges: createSpentChallenges(db),
    verifications: createVerifiedAddresses(db),
    defenceCounts: createDefenceCounts(db),
    throttles: createThrottles(db),
    imports: createImportStore(db),
  };
  const pageVersion = createPageVersions(db, store.pageVersion);
  const health = createStorageHealth(db, path);
  // Prepared only when asked for: an export is rare, and the server never makes one.
  const readSite = () => createSiteRows(db).readAll();
  const gate = createTransactionGate();
  const lifeId = createToken(16);

  /** A call from outside any transaction: it waits while one holds the connection. */
  const outside: Wrap =
    (method) =>
    async (...args) => {
      while (gate.held) await gate.free();
      return method(...args);
    };
  /** A call of a transaction's own work: the transaction holds the connection already. */
  const inside: Wrap =
    (method) =>
    async (...args) =>
      method(...args);

  /** A transaction inside the open one: a savepoint, so that a failure undoes `work` alone. */
  const nested = <T>(work: (tx: Storage) => Promise<T>): Promise<T> =>
    savepointOf(db, () => work(within));

  function bound(
    wrap: Wrap,
    transaction: Storage['transaction'],
    afterTransaction: Storage['afterTransaction'],
  ): Storage {
    const storage: Storage = {
      ...Object.fromEntries(
        Object.entries(parts).map(([name, part]) => [name, wrapAll(part, wrap)]),
      ),
      secrets: createKeptSecrets(() => storage),
      pageVersion: wrap(pageVersion),
      transaction,
      writeTogether: transaction,
      afterTransaction,
      health: wrap(health),
      readSite: wrap(readSite),
      lifeId,
      readonly: db.readonly,
      close: outside(() => db.close()),
    } as Storage;
    return storage;
  }

  const within = bound(inside, nested, gate.whenEnded);
  const storage = bound(
    outside,
    (work) => gate.hold(() => writeTransactionOf(db, () => work(within))),
    (told) => told(),
  );
  storage.writeTogether = createGroupCommit(db, gate, within);
  return storage;
}

/** Opens (creating and migrating where needed) the SQLite database at `path`. */
export function openSqliteStorage(path: string): Storage {
  return createSqliteStorage(openDatabase(path), path);
}
