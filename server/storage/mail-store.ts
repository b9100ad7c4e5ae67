/** The queries of mail: the durable queue, one-click moderation tokens and readers' subscriptions. */
import type { Database } from 'better-sqlite3';
import { failureText } from './failure-text.ts';
import { sourcesOf } from './rows.ts';
import { asWriteTransaction } from './transaction.ts';

export interface QueuedMailRow {
  id: number;
  /** Names the event the mail is about, so that one event never queues two mails. */
  dedupe_key: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers as a JSON object. */
  headers: string;
  created_at: string;
  /** Tries begun, counted when a worker claims the mail. */
  attempts: number;
  next_attempt_at: string;
  /** A worker holds the mail until then; after a crash, another may take it. */
  sending_until: string | null;
  sent_at: string | null;
  last_error: string | null;
}

export interface NewMail {
  dedupeKey: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export type ModerationAction = 'approve' | 'spam' | 'trash';

export interface ActionTokenRow {
  token_hash: string;
  comment_id: number;
  action: ModerationAction;
  expires_at: string;
  used_at: string | null;
}

export interface SubscriberRow {
  email: string;
  confirm_token_hash: string | null;
  unsubscribe_token_hash: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  created_at: string;
  /** The locale of the comment that asked to confirm; null for addresses from before, or unknown. */
  lang: string | null;
}

/** Mail to the site owner; every other mail goes to a reader and stops when they unsubscribe. */
export const OWNER_MAIL_PREFIX = 'owner-new:';

export type MailStore = ReturnType<typeof createMailStore>;

/** Prepares the statements of mail once, beside the comment store's. */
export function createMailStore(db: Database) {
  const statements = {
    queueMail: db.prepare<
      Omit<NewMail, 'headers'> & { headers: string; now: string },
      { id: number }
    >(
      `INSERT INTO mail_queue (dedupe_key, recipient, subject, text, html, headers, created_at,
         next_attempt_at)
       VALUES (@dedupeKey, @recipient, @subject, @text, @html, @headers, @now, @now)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    ),
    isQueued: db.prepare<[string], { found: number }>(
      'SELECT 1 AS found FROM mail_queue WHERE dedupe_key = ?',
    ),
    // One statement finds and takes the mail, so two workers (even in two processes) can never
    // take the same one: SQLite runs one write at a time.
    claimDue: db.prepare<{ now: string; leaseUntil: string; maxAttempts: number }, QueuedMailRow>(
      `UPDATE mail_queue SET sending_until = @leaseUntil, attempts = attempts + 1
       WHERE id = (
         SELECT id FROM mail_queue
         WHERE sent_at IS NULL AND next_attempt_at <= @now
           AND (sending_until IS NULL OR sending_until <= @now) AND attempts < @maxAttempts
         ORDER BY next_attempt_at, id LIMIT 1)
       RETURNING *`,
    ),
    // Through mail_queue_due: mail already sent, which only grows, is never read.
    countUnsent: db.prepare<[number, number], { waiting: number; givenUp: number }>(
      `SELECT coalesce(sum(attempts < ?), 0) AS waiting, coalesce(sum(attempts >= ?), 0) AS givenUp
       FROM mail_queue WHERE sent_at IS NULL`,
    ),
    markSent: db.prepare<[string, number]>(
      'UPDATE mail_queue SET sent_at = ?, sending_until = NULL, last_error = NULL WHERE id = ?',
    ),
    markFailed: db.prepare<[string, string, number]>(
      `UPDATE mail_queue SET next_attempt_at = ?, last_error = ?, sending_until = NULL
       WHERE id = ?`,
    ),
    withdrawReaderMail: db.prepare<[string, string, string]>(
      // Mail being handed over right now cannot be called back; everything else waiting can.
      `DELETE FROM mail_queue
       WHERE recipient = ? COLLATE NOCASE AND sent_at IS NULL AND dedupe_key NOT LIKE ?
         AND (sending_until IS NULL OR sending_until <= ?)`,
    ),
    addActionToken: db.prepare<[string, number, ModerationAction, string]>(
      'INSERT INTO action_tokens (token_hash, comment_id, action, expires_at) VALUES (?, ?, ?, ?)',
    ),
    findActionToken: db.prepare<[string], ActionTokenRow>(
      'SELECT * FROM action_tokens WHERE token_hash = ?',
    ),
    useActionToken: db.prepare<{ hash: string; now: string }, ActionTokenRow>(
      // Checked and spent in one statement: two clicks at once cannot both act.
      `UPDATE action_tokens SET used_at = @now
       WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now
       RETURNING *`,
    ),
    findSubscriber: db.prepare<[string], SubscriberRow>(
      'SELECT * FROM subscribers WHERE email = ?',
    ),
    addSubscriber: db.prepare<[string, string, string, string, string | null], SubscriberRow>(
      `INSERT INTO subscribers (email, confirm_token_hash, unsubscribe_token_hash, created_at, lang)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING RETURNING *`,
    ),
    findByConfirmToken: db.prepare<[string], SubscriberRow>(
      'SELECT * FROM subscribers WHERE confirm_token_hash = ?',
    ),
    confirm: db.prepare<[string, string], SubscriberRow>(
      `UPDATE subscribers SET confirmed_at = coalesce(confirmed_at, ?)
       WHERE confirm_token_hash = ? AND unsubscribed_at IS NULL RETURNING *`,
    ),
    findByUnsubscribeToken: db.prepare<[string], SubscriberRow>(
      'SELECT * FROM subscribers WHERE unsubscribe_token_hash = ?',
    ),
    forgetSubscriber: db.prepare<[string]>('DELETE FROM subscribers WHERE email = ?'),
    forgetMail: db.prepare<{ email: string; ids: string }>(
      // Mail to the address, and mail that quotes its comments: owner notices, reply mail.
      `DELETE FROM mail_queue WHERE recipient = @email COLLATE NOCASE
         OR EXISTS (SELECT 1 FROM json_each(@ids)
           WHERE mail_queue.dedupe_key = 'owner-new:' || value
              OR mail_queue.dedupe_key LIKE 'reply:' || value || ':%')`,
    ),
    unsubscribe: db.prepare<[string, string], SubscriberRow>(
      `UPDATE subscribers SET unsubscribed_at = coalesce(unsubscribed_at, ?)
       WHERE unsubscribe_token_hash = ? RETURNING *`,
    ),
  };

  return {
    /** The SQL of every statement, by name, so that tests can check each one's query plan. */
    statementSources(): Record<string, string> {
      return sourcesOf(statements);
    },
    /** Queues a mail, due at once; false when its event already queued one. */
    queueMail(mail: NewMail, now: string): boolean {
      const row = statements.queueMail.get({
        ...mail,
        headers: JSON.stringify(mail.headers),
        now,
      });
      return row !== undefined;
    },
    isQueued(dedupeKey: string): boolean {
      return statements.isQueued.get(dedupeKey) !== undefined;
    },
    /** Takes the next due mail for this worker until `leaseUntil`; null when none is due. */
    claimDue(now: string, leaseUntil: string, maxAttempts: number): QueuedMailRow | null {
      return statements.claimDue.get({ now, leaseUntil, maxAttempts }) ?? null;
    },
    /** Unsent mail: still to be tried (`waiting`), and given up after `maxAttempts` tries. */
    countUnsent(maxAttempts: number): { waiting: number; givenUp: number } {
      return statements.countUnsent.get(maxAttempts, maxAttempts) as {
        waiting: number;
        givenUp: number;
      };
    },
    markSent(id: number, now: string): void {
      statements.markSent.run(now, id);
    },
    /** Records a failed try; the mail is due again at `nextAttemptAt`. */
    markFailed(id: number, error: string, nextAttemptAt: string): void {
      statements.markFailed.run(nextAttemptAt, failureText(error), id);
    },
    addActionToken(
      tokenHash: string,
      commentId: number,
      action: ModerationAction,
      expiresAt: string,
    ): void {
      statements.addActionToken.run(tokenHash, commentId, action, expiresAt);
    },
    findActionToken(tokenHash: string): ActionTokenRow | null {
      return statements.findActionToken.get(tokenHash) ?? null;
    },
    /** Spends a token that is neither used nor expired; null when it cannot be spent. */
    useActionToken(tokenHash: string, now: string): ActionTokenRow | null {
      return statements.useActionToken.get({ hash: tokenHash, now }) ?? null;
    },
    findSubscriber(email: string): SubscriberRow | null {
      return statements.findSubscriber.get(email) ?? null;
    },
    /**
     * Adds an address that asked for mail, in the language `lang` of the comment it asked with;
     * null when it was already known.
     */
    addSubscriber(
      email: string,
      confirmTokenHash: string,
      unsubscribeTokenHash: string,
      now: string,
      lang: string | null = null,
    ): SubscriberRow | null {
      return (
        statements.addSubscriber.get(email, confirmTokenHash, unsubscribeTokenHash, now, lang) ??
        null
      );
    },
    findByConfirmToken(tokenHash: string): SubscriberRow | null {
      return statements.findByConfirmToken.get(tokenHash) ?? null;
    },
    /** Confirms an address; null for an unknown token or an address that unsubscribed. */
    confirm(tokenHash: string, now: string): SubscriberRow | null {
      return statements.confirm.get(now, tokenHash) ?? null;
    },
    findByUnsubscribeToken(tokenHash: string): SubscriberRow | null {
      return statements.findByUnsubscribeToken.get(tokenHash) ?? null;
    },
    /**
     * Forgets an address for good (a request under the GDPR): its subscription, mail to it, and
     * mail about its comments `commentIds`, sent or not.
     */
    eraseAddress: asWriteTransaction(db, (email: string, commentIds: number[]): void => {
      statements.forgetSubscriber.run(email);
      statements.forgetMail.run({ email, ids: JSON.stringify(commentIds) });
    }),
    /** Unsubscribes an address and withdraws the mail still waiting for it, in one transaction. */
    unsubscribe: asWriteTransaction(db, (tokenHash: string, now: string): SubscriberRow | null => {
      const row = statements.unsubscribe.get(now, tokenHash);
      if (!row) return null;
      statements.withdrawReaderMail.run(row.email, `${OWNER_MAIL_PREFIX}%`, now);
      return row;
    }),
  };
}
