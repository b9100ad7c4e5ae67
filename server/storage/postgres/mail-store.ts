/**
 * The queries of mail on PostgreSQL: the durable queue, one-click moderation tokens and readers'
 * subscriptions, answering as ../mail-store.ts does on SQLite.
 */

import { failureText } from '../failure-text.ts';
import {
  type ActionTokenRow,
  type NewMail,
  OWNER_MAIL_PREFIX,
  type QueuedMailRow,
  type SubscriberRow,
} from '../mail-store.ts';
import type { Storage } from '../storage.ts';
import { type Connection, one, run, sourcesOf, statement } from './connection.ts';

const statements = {
  // The NOT EXISTS spares the identity a number for each mail its event already queued, so that
  // ids run on without gaps as SQLite's do; ON CONFLICT still settles two writers at once.
  queueMail: statement(
    'mail.queueMail',
    `INSERT INTO mail_queue (dedupe_key, recipient, subject, text, html, headers, created_at,
       next_attempt_at)
     SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $7::text
     WHERE NOT EXISTS (SELECT 1 FROM mail_queue WHERE dedupe_key = $1::text)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
  ),
  isQueued: statement('mail.isQueued', 'SELECT 1 AS found FROM mail_queue WHERE dedupe_key = $1'),
  // SQLite runs one write at a time; here two instances claim at once, and SKIP LOCKED lets
  // each pass over the mail the other is taking instead of both taking it (or one waiting).
  claimDue: statement(
    'mail.claimDue',
    `UPDATE mail_queue SET sending_until = $2, attempts = attempts + 1
     WHERE id = (
       SELECT id FROM mail_queue
       WHERE sent_at IS NULL AND next_attempt_at <= $1
         AND (sending_until IS NULL OR sending_until <= $1) AND attempts < $3
       ORDER BY next_attempt_at, id LIMIT 1
       FOR UPDATE SKIP LOCKED)
     RETURNING *`,
  ),
  // The alias is quoted: PostgreSQL would fold an unquoted givenUp to givenup.
  countUnsent: statement(
    'mail.countUnsent',
    `SELECT count(*) FILTER (WHERE attempts < $1) AS waiting,
       count(*) FILTER (WHERE attempts >= $1) AS "givenUp"
     FROM mail_queue WHERE sent_at IS NULL`,
  ),
  markSent: statement(
    'mail.markSent',
    'UPDATE mail_queue SET sent_at = $1, sending_until = NULL, last_error = NULL WHERE id = $2',
  ),
  markFailed: statement(
    'mail.markFailed',
    `UPDATE mail_queue SET next_attempt_at = $1, last_error = $2, sending_until = NULL
     WHERE id = $3`,
  ),
  // SQLite's LIKE folds ASCII case and has no escape character: nocase() and ESCAPE '' do the
  // same here. Mail being handed over right now cannot be called back.
  withdrawReaderMail: statement(
    'mail.withdrawReaderMail',
    `DELETE FROM mail_queue
     WHERE nocase(recipient) = nocase($1) AND sent_at IS NULL
       AND nocase(dedupe_key) NOT LIKE nocase($2) ESCAPE ''
       AND (sending_until IS NULL OR sending_until <= $3)`,
  ),
  addActionToken: statement(
    'mail.addActionToken',
    'INSERT INTO action_tokens (token_hash, comment_id, action, expires_at) VALUES ($1, $2, $3, $4)',
  ),
  findActionToken: statement(
    'mail.findActionToken',
    'SELECT * FROM action_tokens WHERE token_hash = $1',
  ),
  // Checked and spent in one statement: two clicks at once cannot both act.
  useActionToken: statement(
    'mail.useActionToken',
    `UPDATE action_tokens SET used_at = $2
     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
     RETURNING *`,
  ),
  // SQLite's key on subscribers is the address under NOCASE; here the index on nocase(email).
  findSubscriber: statement(
    'mail.findSubscriber',
    'SELECT * FROM subscribers WHERE nocase(email) = nocase($1)',
  ),
  addSubscriber: statement(
    'mail.addSubscriber',
    `INSERT INTO subscribers (email, confirm_token_hash, unsubscribe_token_hash, created_at, lang)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (nocase(email)) DO NOTHING RETURNING *`,
  ),
  findByConfirmToken: statement(
    'mail.findByConfirmToken',
    'SELECT * FROM subscribers WHERE confirm_token_hash = $1',
  ),
  confirm: statement(
    'mail.confirm',
    `UPDATE subscribers SET confirmed_at = coalesce(confirmed_at, $1)
     WHERE confirm_token_hash = $2 AND unsubscribed_at IS NULL RETURNING *`,
  ),
  findByUnsubscribeToken: statement(
    'mail.findByUnsubscribeToken',
    'SELECT * FROM subscribers WHERE unsubscribe_token_hash = $1',
  ),
  forgetSubscriber: statement(
    'mail.forgetSubscriber',
    'DELETE FROM subscribers WHERE nocase(email) = nocase($1)',
  ),
  // Mail to the address, and mail that quotes its comments: owner notices, reply mail.
  forgetMail: statement(
    'mail.forgetMail',
    `DELETE FROM mail_queue WHERE nocase(recipient) = nocase($1)
       OR EXISTS (SELECT 1 FROM unnest($2::bigint[]) AS erased (id)
         WHERE mail_queue.dedupe_key = 'owner-new:' || erased.id
            OR nocase(mail_queue.dedupe_key) LIKE 'reply:' || erased.id || ':%' ESCAPE '')`,
  ),
  unsubscribe: statement(
    'mail.unsubscribe',
    `UPDATE subscribers SET unsubscribed_at = coalesce(unsubscribed_at, $1)
     WHERE unsubscribe_token_hash = $2 RETURNING *`,
  ),
};

/** The statements of mail on `connection`. */
export function createPgMailStore(connection: Connection): Storage['mail'] {
  const mail: Storage['mail'] = {
    async statementSources() {
      return sourcesOf(statements);
    },
    async queueMail(next: NewMail, now) {
      const { dedupeKey, recipient, subject, text, html, headers } = next;
      const values = [dedupeKey, recipient, subject, text, html, JSON.stringify(headers), now];
      return (await one(connection, statements.queueMail, values)) !== null;
    },
    isQueued: async (dedupeKey) =>
      (await one(connection, statements.isQueued, [dedupeKey])) !== null,
    claimDue: (now, leaseUntil, maxAttempts) =>
      one<QueuedMailRow>(connection, statements.claimDue, [now, leaseUntil, maxAttempts]),
    async countUnsent(maxAttempts) {
      return (await one(connection, statements.countUnsent, [maxAttempts])) as {
        waiting: number;
        givenUp: number;
      };
    },
    async markSent(id, now) {
      await run(connection, statements.markSent, [now, id]);
    },
    async markFailed(id, error, nextAttemptAt) {
      await run(connection, statements.markFailed, [nextAttemptAt, failureText(error), id]);
    },
    async addActionToken(tokenHash, commentId, action, expiresAt) {
      await run(connection, statements.addActionToken, [tokenHash, commentId, action, expiresAt]);
    },
    findActionToken: (tokenHash) =>
      one<ActionTokenRow>(connection, statements.findActionToken, [tokenHash]),
    useActionToken: (tokenHash, now) =>
      one<ActionTokenRow>(connection, statements.useActionToken, [tokenHash, now]),
    findSubscriber: (email) => one<SubscriberRow>(connection, statements.findSubscriber, [email]),
    addSubscriber: (email, confirmTokenHash, unsubscribeTokenHash, now, lang = null) =>
      one<SubscriberRow>(connection, statements.addSubscriber, [
        email,
        confirmTokenHash,
        unsubscribeTokenHash,
        now,
        lang,
      ]),
    findByConfirmToken: (tokenHash) =>
      one<SubscriberRow>(connection, statements.findByConfirmToken, [tokenHash]),
    confirm: (tokenHash, now) =>
      one<SubscriberRow>(connection, statements.confirm, [now, tokenHash]),
    findByUnsubscribeToken: (tokenHash) =>
      one<SubscriberRow>(connection, statements.findByUnsubscribeToken, [tokenHash]),
    eraseAddress: (email, commentIds) =>
      connection.atomically(async (c) => {
        await run(c, statements.forgetSubscriber, [email]);
        await run(c, statements.forgetMail, [email, commentIds]);
      }),
    unsubscribe: (tokenHash, now) =>
      connection.atomically(async (c) => {
        const row = await one<SubscriberRow>(c, statements.unsubscribe, [now, tokenHash]);
        if (!row) return null;
        await run(c, statements.withdrawReaderMail, [row.email, `${OWNER_MAIL_PREFIX}%`, now]);
        return row;
      }),
  };
  return mail;
}
