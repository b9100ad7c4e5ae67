/**
 * The public comment API: read a page's thread (comments/thread.ts), post a comment
 * (comments/post.ts), see one's own held comments and let an author edit or delete their
 * comment for a while (comments/own.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CommentPolicy } from '../../comments/policy.ts';
import type { Config } from '../../config.ts';
import type { Notifier } from '../../moderation/notifier.ts';
import type { Storage } from '../../storage/storage.ts';
import type { Metrics } from '../metrics.ts';
import type { SitePolicy } from '../site-policy.ts';
import { ownCommentRoutes } from './comments/own.ts';
import { type CommentPages, createCommentPages } from './comments/pages.ts';
import { postRoutes } from './comments/post.ts';
import { threadRoutes } from './comments/thread.ts';

export interface CommentRoutesOptions {
  config: Config;
  /** Pages and comments, page versions and group commit; never the database itself. */
  storage: Pick<Storage, 'store' | 'pageVersion' | 'writeTogether'>;
  sitePolicy: SitePolicy;
  policy: CommentPolicy;
  ipHashKey: string;
  notifier: Notifier;
  /** Counts posts by outcome; null when metrics are off. */
  metrics: Pick<Metrics, 'commentPosted' | 'postFailed' | 'watchThreadCache'> | null;
  /** True the first time in a while an unlisted origin asks for a thread: it is then logged. */
  warnAboutOrigin: (origin: string) => boolean;
  /** The server's clock: form tokens, the flood guard and edit windows follow it. */
  now: () => Date;
}

/** What each part of the comment API is given: the options, and the rules of pages. */
export interface CommentRouteContext extends CommentRoutesOptions {
  pages: CommentPages;
}

export const commentRoutes: FastifyPluginAsyncTypebox<CommentRoutesOptions> = async (
  app,
  options,
) => {
  const context = {
    ...options,
    pages: createCommentPages(options.storage.store, options.sitePolicy),
  };
  await app.register(threadRoutes, context);
  await app.register(postRoutes, context);
  await app.register(ownCommentRoutes, context);
};
