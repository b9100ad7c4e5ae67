/**
 * Akismet's work in the job queue: the re-check of a comment it could not judge when it was
 * posted (`akismet-check`), and the site owner's feedback (`akismet-feedback`: `submit-spam`
 * when they mark a comment spam that Akismet let through, `submit-ham` when they take one out of
 * spam that Akismet called spam or that they had reported). The notifier queues the feedback in
 * the transaction of the owner's act, through whichever door it came (server/moderation/).
 */

import type { Notifier } from '../moderation/notifier.ts';
import { createModeration } from '../moderation/service.ts';
import type { AkismetBelief } from '../storage/akismet-store.ts';
import type { Storage } from '../storage/storage.ts';
import type { ModeratedCommentRow, StoredStatus } from '../storage/store.ts';
import { type AkismetClient, createAkismetClient } from './client.ts';
import { akismetFields, type CommentForAkismet } from './fields.ts';
import { CHECK_JOB, type CheckPayload } from './screen.ts';
import type { AkismetSettings } from './settings.ts';

export { CHECK_JOB } from './screen.ts';
export const FEEDBACK_JOB = 'akismet-feedback';

/** What a feedback job sends: which report, about which comment (read when it is sent). */
export interface FeedbackPayload {
  commentId: number;
  kind: AkismetBelief;
}

/** Akismet is asked to recheck it because the check when it was posted failed. */
const RECHECK_REASON = 'check-failed-when-posted';

export interface AkismetJobsOptions {
  settings: AkismetSettings;
  /** STORE_IP: the facts Akismet's feedback needs are kept only with it. */
  storeIp: boolean;
  /** Where the handlers read and write; the notifier writes through the storage it is given. */
  storage: Storage;
  now: () => Date;
  /** Wakes the job worker: a job was just queued. */
  onQueued: () => void;
  /**
   * Everyone told of a comment that a re-check publishes or marks spam, this notifier included
   * (mail: the reply notice; webhooks); read when a re-check acts, once all are known.
   */
  notifier: () => Notifier;
  /** Where the calls go; made from `settings` unless given. */
  client?: AkismetClient;
}

/** The handlers of both kinds, and the notifier that queues feedback. */
export function setUpAkismetJobs({
  settings,
  storeIp,
  storage,
  now,
  onQueued,
  notifier,
  client = createAkismetClient(settings),
}: AkismetJobsOptions) {
  const { store, akismet } = storage;

  /** What Akismet must be told now that the comment is `status`; null when it knows. */
  function reportFor(status: StoredStatus, told: AkismetBelief | null): AkismetBelief | null {
    if (status === 'spam') return told === 'spam' ? null : 'spam';
    return (status === 'approved' || status === 'pending') && told === 'spam' ? 'ham' : null;
  }

  /** Queues the report that brings Akismet in line with the comment's status, if one is due. */
  async function queueFeedback(
    tx: Storage,
    commentId: number,
    status: StoredStatus,
  ): Promise<boolean> {
    const record = await tx.akismet.find(commentId);
    // A report must repeat the check's request; without its facts there is nothing to match.
    if (!record || record.verdict === 'unchecked' || !record.facts) return false;
    const kind = reportFor(status, record.told);
    if (!kind) return false;
    const at = now().toISOString();
    await tx.akismet.tell(commentId, kind);
    const payload: FeedbackPayload = { commentId, kind };
    return tx.jobs.queueJob(
      {
        kind: FEEDBACK_JOB,
        dedupeKey: `${FEEDBACK_JOB}:${commentId}:${kind}:${at}`,
        payload,
        commentId,
      },
      at,
    );
  }

  /** The comment as Akismet is told of it; null once it is gone or its request's facts are. */
  async function requestOf(commentId: number) {
    await akismet.purgeFacts(now().toISOString());
    const comment = await store.findModerated(commentId);
    const record = await akismet.find(commentId);
    if (!comment || comment.status === 'deleted' || !record?.facts) return null;
    const fields = akismetFields(await forAkismet(comment), record.facts);
    return { comment, record, fields };
  }

  async function forAkismet(comment: ModeratedCommentRow): Promise<CommentForAkismet> {
    const page = await store.findPage(comment.page_key);
    return {
      name: comment.name,
      email: comment.email,
      website: comment.website,
      body: comment.body,
      createdAt: comment.created_at,
      pageUrl: comment.page_url,
      pagePublishedAt: page?.published_at ?? null,
      lang: comment.lang,
    };
  }

  /** Akismet's late verdict, applied unless the site owner has decided meanwhile. */
  function settle(
    commentId: number,
    verdict: AkismetBelief,
    intended: CheckPayload['intended'],
  ): Promise<void> {
    return storage.transaction(async (tx) => {
      if (!(await tx.akismet.settle(commentId, verdict, now().toISOString()))) return;
      const current = await tx.store.findComment(commentId);
      const record = await tx.akismet.find(commentId);
      if (!current || !record) return;
      const moderation = createModeration({ storage: tx, notifier: notifier(), now });
      if (record.moderated || current.status !== 'pending') {
        // The owner's decision stands; Akismet hears of it where the two disagree.
        if (storeIp && (await queueFeedback(tx, commentId, current.status as StoredStatus)))
          tx.afterTransaction(onQueued);
      } else if (verdict === 'spam') {
        await moderation.act(commentId, 'spam');
      } else if (intended === 'approved' && current.edited_at === null) {
        // Published as it would have been at once; an edit since was never judged for that.
        await moderation.act(commentId, 'approve');
      }
      if (!storeIp) await tx.akismet.forgetFacts(commentId);
    });
  }

  const handlers = {
    async [CHECK_JOB](payload: unknown): Promise<void> {
      const { commentId, intended } = payload as CheckPayload;
      const request = await requestOf(commentId);
      // Deleted or erased since, or answered already: there is nothing left to check.
      if (request?.record.verdict !== 'unchecked') return;
      const verdict = await client.commentCheck({
        ...request.fields,
        recheck_reason: RECHECK_REASON,
      });
      await settle(commentId, verdict, intended);
    },
    async [FEEDBACK_JOB](payload: unknown): Promise<void> {
      const { commentId, kind } = payload as FeedbackPayload;
      // Deleted since, or erased: the site owner's report goes with the comment.
      const request = await requestOf(commentId);
      if (request) await client.submit(kind, request.fields);
    },
  };

  const feedback: Notifier = {
    async commentPosted(comment, tx) {
      // Its re-check was queued with it: the worker need not wait for its next look.
      if ((await tx.akismet.find(comment.id))?.verdict === 'unchecked')
        tx.afterTransaction(onQueued);
    },
    commentApproved: async () => {},
    async commentStatusChanged({ after }, tx) {
      if (!after) return;
      const record = await tx.akismet.find(after.id);
      if (!record) return;
      if (record.verdict === 'unchecked') await tx.akismet.markModerated(after.id);
      else if (await queueFeedback(tx, after.id, after.status as StoredStatus))
        tx.afterTransaction(onQueued);
    },
  };

  return { handlers, notifier: feedback };
}
