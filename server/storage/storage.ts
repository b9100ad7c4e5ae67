/**
 * The one place the stores are made, and the shape every storage engine gives them. The
 * server, the command line and the importers each get their storage from here, and nothing
 * outside server/storage/ sees a database handle: this object is the seam the engines plug into.
 *
 * Every call is asynchronous, as a networked database's must be. A transaction's work gets the
 * storage bound to that transaction (`tx`) and makes its reads and writes through it alone,
 * awaiting nothing else: no mail, no HTTP, nothing that could keep the transaction open for
 * longer than its own statements take.
 */
import type { AdminStore } from './admin-store.ts';
import type { AkismetStore } from './akismet-store.ts';
import type { StorageSettings } from './database-name.ts';
import type { DefenceCounts } from './defence-counts.ts';
import type { FeedStore } from './feeds.ts';
import type { HeldViews } from './held-views.ts';
import type { ImportRows } from './import-store.ts';
import type { JobStore } from './job-store.ts';
import type { KeptSecrets } from './kept-secrets.ts';
import type { Likes } from './likes.ts';
import type { MailStore } from './mail-store.ts';
import type { SessionStore } from './session-store.ts';
import type { SiteRows } from './site-export.ts';
import type { SpentChallenges } from './spent-challenges.ts';
import { openSqliteStorage } from './sqlite-storage.ts';
import type { StorageHealth } from './storage-health.ts';
import type { PageVersion, Store } from './store.ts';
import type { Throttles } from './throttles.ts';
import type { VerifiedAddresses } from './verified-addresses.ts';

/** `T`'s methods, each answering with a promise of what it answered. */
export type Asynchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : T[K];
};

export interface Storage {
  /** Pages, comments, authors and settings. */
  store: Asynchronous<Store>;
  /** The queries behind the dashboard. */
  admin: Asynchronous<AdminStore>;
  /** The mail queue, subscriptions and one-click links. */
  mail: Asynchronous<MailStore>;
  /** The job queue: outgoing HTTP calls (webhooks, Akismet) waiting to be made. */
  jobs: Asynchronous<JobStore>;
  /** Akismet's verdicts, and the facts of requests its checks and feedback send. */
  akismet: Asynchronous<AkismetStore>;
  /** The dashboard's sessions. */
  sessions: Asynchronous<SessionStore>;
  secrets: KeptSecrets;
  /** What the comment feeds read, and sites' versions. */
  feeds: Asynchronous<Omit<FeedStore, 'statements'>>;
  /** Readers' likes, and how often each page's have changed. */
  likes: Asynchronous<Omit<Likes, 'statements'>>;
  /** One-time views of a held comment, for its author without JavaScript. */
  heldViews: Asynchronous<HeldViews>;
  /** Proof-of-work solutions already taken, each good for one post. */
  spentChallenges: Asynchronous<SpentChallenges>;
  /** Readers' requests to verify their address, and the confirmed ones. */
  verifications: Asynchronous<VerifiedAddresses>;
  /** How many comments each defence stopped or held, per day. */
  defenceCounts: Asynchronous<DefenceCounts>;
  /**
   * What the per-client defences count (flood control, the rate limits, the sign-in lockout),
   * shared by every process and instance on the database.
   */
  throttles: Asynchronous<Throttles>;
  /** What imports write, in their one transaction (server/import/importer.ts). */
  imports: Asynchronous<ImportRows>;
  /** A page's version, answered from memory while nothing has written. */
  pageVersion: (key: string) => Promise<PageVersion | null>;
  /** Runs `work` in one write transaction: all of its writes happen, or none. */
  transaction: <T>(work: (tx: Storage) => Promise<T>) => Promise<T>;
  /**
   * Runs `told` once the transaction this storage is bound to has ended (at once outside any):
   * a worker woken for rows a transaction queued must look for them after its commit.
   */
  afterTransaction: (told: () => void) => void;
  /**
   * Runs writes that arrive together in one transaction, each answered on its own: a failing
   * one is undone alone.
   */
  writeTogether: <T>(work: (tx: Storage) => Promise<T>) => Promise<T>;
  /** Whether the database can be read and written right now. */
  health: () => Promise<StorageHealth>;
  /** Every row that makes up the site, as of one moment, for the site's own export. */
  readSite: () => Promise<ReturnType<SiteRows['readAll']>>;
  /**
   * Names this database's life in what caches keep (answers' ETags, with answers-id.ts): on
   * SQLite new each time the file is opened, so that a restored backup is never taken for the
   * database it replaced; on PostgreSQL kept in the database, the same on every instance.
   */
  lifeId: string;
  /** The database was opened read-only (a read-only medium): every write would fail. */
  readonly: boolean;
  close: () => Promise<void>;
}

/** Opens (creating and migrating where needed) the database the settings name. */
export async function openStorage(settings: StorageSettings): Promise<Storage> {
  if (!settings.databaseUrl) return openSqliteStorage(settings.databasePath);
  // Loaded only for PostgreSQL: a quick command on SQLite does not wait for the driver.
  const { openPostgresStorage } = await import('./postgres/postgres-storage.ts');
  return openPostgresStorage(settings.databaseUrl, { poolSize: settings.databasePoolSize });
}
