/**
 * Akismet's check of a new comment, before it is answered. The question is asked before the
 * comment's write transaction (which never waits on the network) and its answer applied inside
 * it: spam is stored as spam; a good comment is judged as it would have been without Akismet;
 * a comment Akismet could not judge (an error, an answer that is neither, no answer within
 * CALL_TIMEOUT_MS) is held, and its check queued in the same transaction, so that none is lost
 * and none is published unchecked. The site owner's replies never come this way.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Judgement } from '../comments/policy.ts';
import type { Config } from '../config.ts';
import type { RequestFacts } from '../storage/akismet-store.ts';
import type { Storage } from '../storage/storage.ts';
import type { CommentRow } from '../storage/store.ts';
import { type AkismetClient, AkismetUnavailable, createAkismetClient } from './client.ts';
import { akismetFields, type CommentForAkismet } from './fields.ts';

/** How long the facts of a request are kept for feedback, with STORE_IP (30 days). */
export const FACTS_KEPT_MS = 30 * 86_400_000;

/** The job that asks Akismet again about a comment it could not judge when it was posted. */
export const CHECK_JOB = 'akismet-check';

/** What the re-check needs besides the comment: the status the comment was judged to have. */
export interface CheckPayload {
  commentId: number;
  /** What the policy gave it before Akismet's hold: given back when Akismet finds it good. */
  intended: 'approved' | 'pending';
}

/** Akismet's answer on one new comment, applied in the transaction that stores it. */
export interface AkismetScreening {
  /** The judgement the comment is stored with, after Akismet's word. */
  judge(judgement: Judgement<'approved' | 'pending'>): Judgement<'approved' | 'pending' | 'spam'>;
  /**
   * Keeps the verdict (and the request's facts) and queues a re-check, through `tx`: the
   * insert's transaction.
   */
  keep(row: CommentRow, tx: Storage): Promise<void>;
}

/** For a comment Akismet is not asked about: Akismet is off. */
export const NOT_SCREENED: AkismetScreening = {
  judge: (judgement) => judgement,
  keep: async () => {},
};

export interface AkismetScreenOptions {
  /** Null while Akismet is off. */
  client: AkismetClient | null;
  /** STORE_IP: whether the facts are kept, for feedback, once the comment is judged. */
  storeIp: boolean;
  /** Read before the write: the page's publication date, which Akismet weighs. */
  store: Pick<Storage['store'], 'findPage'>;
}

/** A new comment as it is about to be judged. */
export interface NewCommentForAkismet extends Omit<CommentForAkismet, 'pagePublishedAt'> {
  pageKey: string;
}

export type AkismetScreen = ReturnType<typeof createAkismetScreen>;

/** How often expired facts are looked for: the posts of a minute share one sweep. */
const PURGE_EVERY_MS = 60_000;

export function createAkismetScreen({ client, storeIp, store }: AkismetScreenOptions) {
  let purgedAt = Number.NEGATIVE_INFINITY;
  return {
    /** Asks Akismet about `comment`, posted with `facts`; never throws for Akismet's failures. */
    async screen(
      comment: NewCommentForAkismet,
      facts: RequestFacts,
      log: FastifyBaseLogger,
    ): Promise<AkismetScreening> {
      if (!client) return NOT_SCREENED;
      const pagePublishedAt = (await store.findPage(comment.pageKey))?.published_at ?? null;
      const fields = akismetFields({ ...comment, pagePublishedAt }, facts);
      const verdict = await client.commentCheck(fields).catch((error: unknown) => {
        if (error instanceof AkismetUnavailable) return error;
        throw error;
      });
      let intended: CheckPayload['intended'] = 'pending';
      return {
        judge(judgement) {
          if (verdict === 'ham') return judgement;
          if (verdict === 'spam')
            return { status: 'spam', held: 'Akismet says it is spam', defence: 'akismet' };
          intended = judgement.status;
          return {
            ...judgement,
            status: 'pending',
            held: judgement.held ?? 'Akismet could not check it yet',
          };
        },
        async keep(row, tx) {
          const now = comment.createdAt;
          const checked = verdict === 'spam' || verdict === 'ham';
          const keptUntil = new Date(Date.parse(now) + FACTS_KEPT_MS).toISOString();
          if (Date.parse(now) - purgedAt >= PURGE_EVERY_MS) {
            purgedAt = Date.parse(now);
            await tx.akismet.purgeFacts(now);
          }
          // Without STORE_IP the address is kept only while the check still needs it.
          await tx.akismet.record(
            row.id,
            checked ? verdict : 'unchecked',
            storeIp || !checked ? facts : null,
            keptUntil,
            now,
          );
          if (checked) return;
          const payload: CheckPayload = { commentId: row.id, intended };
          await tx.jobs.queueJob(
            { kind: CHECK_JOB, dedupeKey: `${CHECK_JOB}:${row.id}`, payload, commentId: row.id },
            now,
          );
          log.warn(
            { commentId: row.id },
            `${verdict.message} The comment is held until it answers.`,
          );
        },
      };
    },
  };
}

/** The screen of a server with `config`'s settings: it asks nobody while Akismet is off. */
export function akismetScreenOf(
  config: Pick<Config, 'akismet' | 'storeIp'>,
  storage: Pick<Storage, 'store'>,
): AkismetScreen {
  return createAkismetScreen({
    client: config.akismet ? createAkismetClient(config.akismet) : null,
    storeIp: config.storeIp,
    store: storage.store,
  });
}
