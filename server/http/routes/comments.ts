/**
 * The public comment API: read a page's thread (comments/thread.ts), post a comment
 * (comments/post.ts), see one's own held comments and let an author edit or delete their
 * comment for a while (comments/own.ts), like a comment (comments/likes.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type ChallengeGate, createChallengeGate } from '../../comments/challenge.ts';
import type { Closing } from '../../comments/closing.ts';
import type { DefenceTally } from '../../comments/defence-tally.ts';
import type { CommentPolicy } from '../../comments/policy.ts';
import type { Presenter } from '../../comments/present.ts';
import type { Config } from '../../config.ts';
import type { Notifier } from '../../moderation/notifier.ts';
import type { Storage } from '../../storage/storage.ts';
import type { Verifications } from '../../verification/verifications.ts';
import type { Metrics } from '../metrics.ts';
import type { SitePolicy } from '../site-policy.ts';
import { likeRoutes } from './comments/likes.ts';
import { ownCommentRoutes } from './comments/own.ts';
import { type CommentPages, createCommentPages } from './comments/pages.ts';
import { postRoutes } from './comments/post.ts';
import { threadRoutes } from './comments/thread.ts';
import { threadPageRoutes } from './comments/thread-page.ts';

export interface CommentRoutesOptions {
  config: Config;
  /**
   * Pages and comments, likes, page versions and group commit; never the database itself. The
   * whole of it, as the notifier is told of a new comment with the storage to queue its work in.
   */
  storage: Storage;
  /** What answers' ETags name beside a page's version (answers-id.ts). */
  answersId: string;
  sitePolicy: SitePolicy;
  /** Whether a page takes comments: its site, the owner's word, CLOSE_AFTER_DAYS. */
  closing: Closing;
  policy: CommentPolicy;
  /** Turns rows into what readers see, with their authors' avatar fields (AVATARS). */
  present: Presenter;
  ipHashKey: string;
  notifier: Notifier;
  /** What a comment's `verification` proves of its address (verified commenters). */
  verifications: Pick<Verifications, 'prove'>;
  /** Counts posts by outcome; null when metrics are off. */
  metrics: Pick<
    Metrics,
    'commentPosted' | 'postFailed' | 'watchThreadCache' | 'threadSerialised'
  > | null;
  /** True the first time in a while an unlisted origin asks for a thread: it is then logged. */
  warnAboutOrigin: (origin: string) => boolean;
  /** Counts what each defence stopped or held, for the dashboard's overview. */
  defences: DefenceTally;
  /** The server's clock: form tokens, the flood guard and edit windows follow it. */
  now: () => Date;
  /** The server's own origin (PUBLIC_URL's), where the links of its HTML lead. */
  ownOrigin: () => string;
}

/** What each part of the comment API is given: the options, and the rules of pages. */
export interface CommentRouteContext extends CommentRoutesOptions {
  pages: CommentPages;
  /** Which posts must first solve a proof-of-work challenge; one for both doors of posting. */
  challenges: ChallengeGate;
}

export const commentRoutes: FastifyPluginAsyncTypebox<CommentRoutesOptions> = async (
  app,
  options,
) => {
  const { store, spentChallenges, secrets } = options.storage;
  const context = {
    ...options,
    pages: createCommentPages(options),
    challenges: createChallengeGate({
      config: options.config,
      hasApprovedCommentFrom: (email, name) => store.hasApprovedCommentFrom(email, name),
      holdReason: options.policy.holdReason,
      spent: spentChallenges,
      key: await secrets.challengeKey(),
    }),
  };
  await app.register(threadRoutes, context);
  await app.register(postRoutes, context);
  await app.register(ownCommentRoutes, context);
  await app.register(likeRoutes, context);
  await app.register(threadPageRoutes, context);
};
