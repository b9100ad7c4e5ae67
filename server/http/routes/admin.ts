/**
 * The site owner's API under /api/admin: sign in (admin/session.ts), list and moderate comments
 * one by one or in bulk (admin/lists.ts, admin/comments.ts), reply and edit as the owner
 * (admin/reply.ts), see the overview (admin/overview.ts), and export or erase everything stored
 * about one email address (admin/personal-data.ts). Every route but signing in is behind the
 * one check of admin/access.ts: the admin token, or the session cookie with its CSRF token.
 */

import cookie from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Closing } from '../../comments/closing.ts';
import type { DefenceTally } from '../../comments/defence-tally.ts';
import type { Notifier } from '../../moderation/notifier.ts';
import type { Moderation } from '../../moderation/service.ts';
import type { AdminStore } from '../../storage/admin-store.ts';
import type { AkismetStore } from '../../storage/akismet-store.ts';
import type { JobStore } from '../../storage/job-store.ts';
import type { MailStore } from '../../storage/mail-store.ts';
import type { SessionStore } from '../../storage/session-store.ts';
import type { Store } from '../../storage/store.ts';
import type { VerifiedAddresses } from '../../storage/verified-addresses.ts';
import { createAdminAccess } from './admin/access.ts';
import { moderationRoutes } from './admin/comments.ts';
import { listRoutes } from './admin/lists.ts';
import { overviewRoutes } from './admin/overview.ts';
import { personalDataRoutes } from './admin/personal-data.ts';
import { replyRoutes } from './admin/reply.ts';
import { sessionRoutes } from './admin/session.ts';

export interface AdminRoutesOptions {
  store: Store;
  adminStore: AdminStore;
  sessions: SessionStore;
  /** Every act on a comment, shared with the links in mail. */
  moderation: Moderation;
  /** Whether a page takes comments; the page list shows it, and the owner may change it. */
  closing: Closing;
  /** The server's clock: sessions, lockouts, the overview's days and the owner's replies. */
  now: () => Date;
  /** The SHA-256 of the admin token: a bearer token is checked by its hash. */
  adminTokenHash: string;
  /** Reads the stored password hash, which the CLI may change while the server runs. */
  passwordHash: () => string | null;
  ownerName: string;
  /** PUBLIC_URL is https: the session cookie is Secure even when the proxy's scheme is unknown. */
  httpsOnly: boolean;
  /** Erasing an address also forgets its subscription and the mail queued for it. */
  mailStore: MailStore;
  /** And its verifications. */
  verifications: VerifiedAddresses;
  /** And the jobs about its comments. */
  jobStore: JobStore;
  /** What Akismet keeps of comments, for the data export. */
  akismet: AkismetStore;
  notifier: Notifier;
  /** What each defence stopped or held, for the overview. */
  defences: Pick<DefenceTally, 'totals'>;
}

export const adminRoutes: FastifyPluginAsyncTypebox<AdminRoutesOptions> = async (app, options) => {
  const { store, adminStore, sessions, moderation, now } = options;
  // Only the dashboard's API reads or sets cookies; the reader-facing routes never pay for them.
  await app.register(cookie);
  const access = createAdminAccess({ sessions, adminTokenHash: options.adminTokenHash, now });
  app.addHook('onRequest', access.check);

  const { passwordHash, httpsOnly, ownerName, notifier, mailStore } = options;
  await app.register(sessionRoutes, { access, sessions, passwordHash, httpsOnly, now });
  await app.register(listRoutes, { adminStore, store, closing: options.closing });
  await app.register(moderationRoutes, { adminStore, moderation });
  await app.register(replyRoutes, { store, adminStore, moderation, notifier, ownerName, now });
  await app.register(overviewRoutes, { adminStore, now, defences: options.defences });
  await app.register(personalDataRoutes, {
    store,
    mailStore,
    verifications: options.verifications,
    jobStore: options.jobStore,
    akismet: options.akismet,
    now,
  });
};
