/**
 * Webhooks: each event about a comment becomes one job per WEBHOOK_URLS entry, written in the
 * transaction of the change where there is one, and delivered by the job worker, signed as the
 * Standard Webhooks specification says (https://www.standardwebhooks.com). The body is made
 * when the event happens and kept in the job, so that every try sends the same bytes under the
 * same `webhook-id`, and a receiver can drop a repeat.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { createAvatars } from '../comments/avatars.ts';
import { toPublicComment } from '../comments/present.ts';
import type { Config } from '../config.ts';
import type { Notifier, StatusChange } from '../moderation/notifier.ts';
import type { Storage } from '../storage/storage.ts';
import type { CommentRow } from '../storage/store.ts';
import { type WebhookEvent, type WebhookEventType, webhookBody } from './webhook-messages.ts';
import type { JobHandler } from './worker.ts';

export const WEBHOOK_KIND = 'webhook';
/** A receiver that has not answered by then has failed this try. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** What a webhook job holds: everything its deliveries send but the signature. */
export interface WebhookJob {
  url: string;
  /** The `webhook-id` of every try. */
  id: string;
  body: string;
}

export interface WebhooksOptions {
  config: Config;
  /** The key of the avatars' seeds, as readers get them (kept secrets). */
  avatarKey: string;
  now: () => Date;
  /** Called after a job was queued, so that the worker delivers it without waiting for its poll. */
  onQueued: () => void;
  log: (message: string) => void;
}

/** The event a status change is, if any: unapproving or restoring to pending is none. */
function changeEvent({ after }: StatusChange): WebhookEventType | null {
  if (!after || after.status === 'deleted') return 'comment.deleted';
  if (after.status === 'approved') return 'comment.approved';
  if (after.status === 'spam') return 'comment.spam';
  if (after.status === 'trash') return 'comment.trashed';
  return null;
}

/** A stable, short name for a receiver's URL, which itself may hold a secret (Slack's do). */
function urlKey(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

/** The Notifier that queues a job per event and receiver, in the storage each call is given. */
export function createWebhookNotifier({
  config,
  avatarKey,
  now,
  onQueued,
  log,
}: WebhooksOptions): Notifier {
  const settings = config.webhooks;
  const avatars = createAvatars(config.avatars, avatarKey);

  /** The dashboard's view that lists a comment in this status; a deleted one is in none. */
  function dashboardOf(status: string): string {
    const views = ['pending', 'approved', 'spam', 'trash'];
    return `${config.publicUrl}/admin${views.includes(status) ? `#${status}` : ''}`;
  }

  async function eventOf(
    storage: Storage,
    type: WebhookEventType,
    row: CommentRow,
    status: string,
    at: Date,
  ): Promise<WebhookEvent> {
    const page = await storage.store.pageById(row.page_id);
    const shown = toPublicComment(row, avatars);
    const comment = {
      ...shown,
      status,
      ...(settings.includeEmail && row.email ? { email: row.email } : {}),
    };
    return {
      type,
      timestamp: at.toISOString(),
      comment,
      text: row.body,
      page: { url: page?.url ?? '', title: page?.title ?? null },
      dashboard: dashboardOf(status),
    };
  }

  /** Queues one job per receiver; `occurrence` names this one event, so that it is queued once. */
  async function queue(
    storage: Storage,
    type: WebhookEventType,
    row: CommentRow,
    status: string,
    occurrence: string,
  ): Promise<void> {
    try {
      const at = now();
      // A transaction of its own, or a savepoint in the caller's: a failure here undoes this
      // event's jobs alone (PostgreSQL would otherwise refuse the rest of the caller's work).
      const queued = await storage.transaction(async (tx) => {
        const event = await eventOf(tx, type, row, status, at);
        const body = webhookBody(settings.format, event);
        let added = false;
        for (const url of settings.urls) {
          const dedupeKey = `webhook:${type}:${row.id}:${occurrence}:${urlKey(url)}`;
          const id = `msg_${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}`;
          const payload: WebhookJob = { url, id, body };
          const job = { kind: WEBHOOK_KIND, dedupeKey, payload, commentId: row.id };
          added = (await tx.jobs.queueJob(job, at.toISOString())) || added;
        }
        return added;
      });
      if (queued) storage.afterTransaction(onQueued);
    } catch (error) {
      // The comment is stored (or its change made) either way; a receiver misses this event.
      log(`A webhook could not be queued: ${error instanceof Error ? error.message : error}`);
    }
  }

  return {
    async commentPosted(comment, storage) {
      await queue(storage, 'comment.created', comment, comment.status, 'posted');
    },
    // Told by commentStatusChanged when a held comment is approved later; a comment posted
    // approved is told once, as comment.created with its status.
    commentApproved: async () => {},
    async commentStatusChanged(change, storage) {
      const type = changeEvent(change);
      // A placeholder deleted for good was told of when its comment was deleted.
      if (!type || change.before.status === 'deleted') return;
      // A deleted comment is told as it was, so that the receiver learns what went: the
      // placeholder left behind holds no text.
      const row = type === 'comment.deleted' || !change.after ? change.before : change.after;
      const status = type === 'comment.deleted' ? 'deleted' : row.status;
      // Each change is told once, by the transaction that made it: a comment may be marked as
      // spam, approved and marked as spam again, each an event of its own.
      await queue(storage, type, row, status, randomUUID());
    },
  };
}

/** The handler of webhook jobs: one POST, signed when WEBHOOK_SECRET is set; a 2xx is done. */
export function createWebhookHandler(
  secret: string | null,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): JobHandler {
  const signer = secret ? new Webhook(secret) : null;
  return async (payload) => {
    const { url, id, body } = payload as WebhookJob;
    // The receiver checks the timestamp against its own clock (standardwebhooks allows five
    // minutes either way): it is the time of this try, by the machine's clock, not the event's.
    const sentAt = new Date();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Leave a Reply webhooks',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
    };
    if (signer) headers['webhook-signature'] = signer.sign(id, sentAt, body);
    // Only the host is ever logged: the path of a Slack or Discord URL is its secret.
    const host = new URL(url).host;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${timeoutMs / 1000} s`
          : reasonOf(error);
      throw new Error(`the webhook receiver at ${host} could not be reached: ${reason}`);
    }
    // Read to the end, so that the connection is free for the next delivery. A body cut short
    // changes nothing: the status says whether the receiver took the event.
    await response.arrayBuffer().catch((error: unknown) => error);
    if (response.status < 200 || response.status > 299)
      throw new Error(`the webhook receiver at ${host} answered ${response.status}`);
  };
}

/** Why a request got no answer: the system's error code (ECONNREFUSED…), or its message. */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : String(error);
}
