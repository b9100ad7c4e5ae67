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
import type { Storage } from '../../storage/storage.ts';
import { createAdminAccess } from './admin/access.ts';
import { moderationRoutes } from './admin/comments.ts';
import { listRoutes } from './admin/lists.ts';
import { overviewRoutes } from './admin/overview.ts';
import { personalDataRoutes } from './admin/personal-data.ts';
import { replyRoutes } from './admin/reply.ts';
import { sessionRoutes } from './admin/session.ts';

export interface AdminRoutesOptions {
  /**
   * Every store: the dashboard reads and moderates comments, keeps sessions, and erases an
   * address's comments with its subscription, mail, verifications and jobs in one transaction.
   */
  storage: Storage;
  /** Every act on a comment, shared with the links in mail. */
  moderation: Moderation;
  /** Whether a page takes comments; the page list shows it, and the owner may change it. */
  closing: Closing;
  /** The server's clock: sessions, lockouts, the overview's days and the owner's replies. */
  now: () => Date;
  /** The SHA-256 of the admin token: a bearer token is checked by its hash. */
  adminTokenHash: string;
  /** Hashes clients' addresses before the lockout counts their wrong credentials. */
  ipHashKey: string;
  /** Reads the stored password hash, which the CLI may change while the server runs. */
  passwordHash: () => Promise<string | null>;
  ownerName: string;
  /** PUBLIC_URL is https: the session cookie is Secure even when the proxy's scheme is unknown. */
  httpsOnly: boolean;
  notifier: Notifier;
  /** What each defence stopped or held, for the overview. */
  defences: Pick<DefenceTally, 'totals'>;
}

export const adminRoutes: FastifyPluginAsyncTypebox<AdminRoutesOptions> = async (app, options) => {
  const { storage, moderation, now } = options;
  const { sessions, admin: adminStore } = storage;
  // Only the dashboard's API reads or sets cookies; the reader-facing routes never pay for them.
  await app.register(cookie);
  const access = createAdminAccess({
    sessions,
    throttles: storage.throttles,
    ipHashKey: options.ipHashKey,
    adminTokenHash: options.adminTokenHash,
    now,
  });
  app.addHook('onRequest', access.check);

  const { passwordHash, httpsOnly, ownerName, notifier } = options;
  await app.register(sessionRoutes, { access, sessions, passwordHash, httpsOnly, now });
  await app.register(listRoutes, { adminStore, store: storage.store, closing: options.closing });
  await app.register(moderationRoutes, { adminStore, moderation });
  await app.register(replyRoutes, { storage, moderation, notifier, ownerName, now });
  await app.register(overviewRoutes, { adminStore, now, defences: options.defences });
  await app.register(personalDataRoutes, { storage, now });
};
