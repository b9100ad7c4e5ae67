/**
 * The one place the stores are made. The server, the command line and the importers each get
 * their storage from here, and nothing outside server/storage/ sees the database handle: this
 * object is the seam another engine would plug into.
 */
import type { Database } from 'better-sqlite3';
import { type AdminStore, createAdminStore } from './admin-store.ts';
import { type AkismetStore, createAkismetStore } from './akismet-store.ts';
import { createDefenceCounts, type DefenceCounts } from './defence-counts.ts';
import { createFeedStore, type FeedStore } from './feeds.ts';
import { createGroupCommit } from './group-commit.ts';
import { createHeldViews, type HeldViews } from './held-views.ts';
import { createJobStore, type JobStore } from './job-store.ts';
import { createKeptSecrets, type KeptSecrets } from './kept-secrets.ts';
import { createLikes, type Likes } from './likes.ts';
import { createMailStore, type MailStore } from './mail-store.ts';
import { openDatabase } from './open.ts';
import { createPageVersions } from './page-versions.ts';
import { createSessionStore, type SessionStore } from './session-store.ts';
import { createSiteRows, type SiteRows } from './site-export.ts';
import { createSpentChallenges, type SpentChallenges } from './spent-challenges.ts';
import { createStorageHealth, type StorageHealthCheck } from './storage-health.ts';
import { createStore, type PageVersion, type Store } from './store.ts';
import { createVerifiedAddresses, type VerifiedAddresses } from './verified-addresses.ts';

export interface Storage {
  /** Pages, comments, authors and settings. */
  store: Store;
  /** The queries behind the dashboard. */
  admin: AdminStore;
  /** The mail queue, subscriptions and one-click links. */
  mail: MailStore;
  /** The job queue: outgoing HTTP calls (webhooks, Akismet) waiting to be made. */
  jobs: JobStore;
  /** Akismet's verdicts, and the facts of requests its checks and feedback send. */
  akismet: AkismetStore;
  /** The dashboard's sessions. */
  sessions: SessionStore;
  secrets: KeptSecrets;
  /** What the comment feeds read, and sites' versions. */
  feeds: FeedStore;
  /** Readers' likes, and how often each page's have changed. */
  likes: Likes;
  /** One-time views of a held comment, for its author without JavaScript. */
  heldViews: HeldViews;
  /** Proof-of-work solutions already taken, each good for one post. */
  spentChallenges: SpentChallenges;
  /** Readers' requests to verify their address, and the confirmed ones. */
  verifications: VerifiedAddresses;
  /** How many comments each defence stopped or held, per day. */
  defenceCounts: DefenceCounts;
  /** A page's version, answered from memory while nothing has written. */
  pageVersion: (key: string) => PageVersion | null;
  /** Runs writes that arrive together in one transaction, each answered on its own. */
  writeTogether: <T>(work: () => T) => Promise<T>;
  /** Whether the database can be read and written right now. */
  health: StorageHealthCheck;
  /** Every row that makes up the site, as of one moment, for the site's own export. */
  readSite: () => ReturnType<SiteRows['readAll']>;
  /** The database was opened read-only (a read-only medium): every write would fail. */
  readonly: boolean;
  close: () => void;
}

/** Storage on an open database, opened from `path` (which the health check watches). */
export function createStorage(db: Database, path: string): Storage {
  const store = createStore(db);
  const sessions = createSessionStore(db);
  return {
    store,
    admin: createAdminStore(db),
    mail: createMailStore(db),
    jobs: createJobStore(db),
    akismet: createAkismetStore(db),
    sessions,
    secrets: createKeptSecrets(store, sessions),
    feeds: createFeedStore(db),
    likes: createLikes(db),
    heldViews: createHeldViews(db),
    spentChallenges: createSpentChallenges(db),
    verifications: createVerifiedAddresses(db),
    defenceCounts: createDefenceCounts(db),
    pageVersion: createPageVersions(db, store.pageVersion),
    writeTogether: createGroupCommit(db),
    health: createStorageHealth(db, path),
    // Prepared only when asked for: an export is rare, and the server never makes one.
    readSite: () => createSiteRows(db).readAll(),
    readonly: db.readonly,
    close: () => db.close(),
  };
}

/** Opens (creating and migrating where needed) the database at `path`. */
export function openStorage(path: string): Storage {
  return createStorage(openDatabase(path), path);
}
