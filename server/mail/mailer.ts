/**
 * Mail about comments: the site owner hears of every new comment, and a reader who asked (and
 * confirmed their address) hears of replies to their comment. Nothing is sent from here: mail
 * is queued in the database, and the worker (queue.ts) sends it.
 */
import type { Mail as Nodemailer } from 'nodemailer';
import type { Locale } from '../../shared/i18n/locales.ts';
import type { Config } from '../config.ts';
import { type Notifier, SILENT_NOTIFIER } from '../moderation/notifier.ts';
import { type ModerationAction, OWNER_MAIL_PREFIX } from '../storage/mail-store.ts';
import { createToken, hashToken } from '../storage/secrets.ts';
import type { Storage } from '../storage/storage.ts';
import type { CommentRow, ModeratedCommentRow } from '../storage/store.ts';
import { ACTION_LINK_TTL_MS, mailLink, unsubscribeToken } from './links.ts';
import {
  confirmationMail,
  localeOfComment,
  type OwnerNoticeLinks,
  ownerNotice,
  replyNotice,
} from './messages.ts';
import { createMailWorker, type MailTransport, type MailWorker } from './queue.ts';

export interface MailerOptions {
  config: Config;
  /** The key that signs unsubscribe links (kept secrets, server/storage/kept-secrets.ts). */
  linkKey: string;
  now?: () => Date;
  /** Called after a mail was queued, so that the worker sends it without waiting for its poll. */
  onQueued?: () => void;
  log?: (message: string) => void;
}

/** The Notifier that queues mail, in the storage (or transaction) each call is given. */
export function createMailer({
  config,
  linkKey,
  now = () => new Date(),
  onQueued = () => {},
  log = (message) => console.error(message),
}: MailerOptions): Notifier {
  const link = (path: 'action' | 'confirm' | 'unsubscribe', token: string, locale?: Locale) =>
    mailLink(config.publicUrl, path, token, locale);

  /** The comment is already stored: a failure to queue its mail is logged, never thrown. */
  /**
   * Queues through `work` in a transaction of its own, or a savepoint of the caller's: a mail
   * that cannot be queued undoes its own rows alone, and never the comment it is about.
   */
  const guarded = async (storage: Storage, work: (tx: Storage) => Promise<boolean>) => {
    try {
      // Woken once the caller's transaction has committed, when there is one: before it, the
      // worker would not see the mail yet on another connection (PostgreSQL).
      if (await storage.transaction(work)) storage.afterTransaction(onQueued);
    } catch (error) {
      log(`Mail could not be queued: ${error instanceof Error ? error.message : error}`);
    }
  };

  function queueOwnerNotice(
    storage: Storage,
    comment: ModeratedCommentRow,
    recipient: string,
  ): Promise<boolean> {
    const dedupeKey = `${OWNER_MAIL_PREFIX}${comment.id}`;
    const at = now();
    const expiresAt = new Date(at.getTime() + ACTION_LINK_TTL_MS).toISOString();
    const actions: ModerationAction[] =
      comment.status === 'approved' ? ['spam', 'trash'] : ['approve', 'spam', 'trash'];
    return storage.transaction(async (tx) => {
      if (await tx.mail.isQueued(dedupeKey)) return false;
      const links: Partial<Record<ModerationAction, string>> = {};
      for (const action of actions) {
        const token = createToken();
        await tx.mail.addActionToken(hashToken(token), comment.id, action, expiresAt);
        links[action] = link('action', token);
      }
      const content = ownerNotice(
        comment,
        links as OwnerNoticeLinks,
        ACTION_LINK_TTL_MS / 86_400_000,
      );
      return tx.mail.queueMail({ dedupeKey, recipient, ...content }, at.toISOString());
    });
  }

  /** Double opt-in: the first time an address asks for mail, it is asked to confirm, once. */
  function queueConfirmation(storage: Storage, comment: ModeratedCommentRow): Promise<boolean> {
    const email = comment.email.toLowerCase();
    const at = now().toISOString();
    const confirmToken = createToken();
    const unsubscribe = unsubscribeToken(linkKey, email);
    // In the language of the comment that asked, which the address keeps for its pages.
    const locale = localeOfComment(comment);
    return storage.transaction(async (tx) => {
      // A known address is confirmed already, still to confirm, or unsubscribed: no new mail.
      const added = await tx.mail.addSubscriber(
        email,
        hashToken(confirmToken),
        hashToken(unsubscribe),
        at,
        locale,
      );
      if (!added) return false;
      const content = confirmationMail(
        comment,
        link('confirm', confirmToken, locale),
        link('unsubscribe', unsubscribe, locale),
      );
      return tx.mail.queueMail(
        { dedupeKey: `confirm:${email}`, recipient: comment.email, ...content },
        at,
      );
    });
  }

  async function queueReplyNotice(storage: Storage, reply: ModeratedCommentRow): Promise<boolean> {
    const parent =
      reply.parent_id === null ? null : await storage.store.findModerated(reply.parent_id);
    if (!parent?.notify || parent.status !== 'approved' || !parent.email) return false;
    // Nobody needs mail about what they wrote themselves.
    if (parent.email.toLowerCase() === reply.email.toLowerCase()) return false;
    const subscriber = await storage.mail.findSubscriber(parent.email);
    if (!subscriber?.confirmed_at || subscriber.unsubscribed_at) return false;
    const email = subscriber.email.toLowerCase();
    // In the language of the comment replied to: the recipient's, whoever replied.
    const content = replyNotice(
      reply,
      parent,
      link('unsubscribe', unsubscribeToken(linkKey, email), localeOfComment(parent)),
    );
    // One mail per recipient: a reader's address never appears in another reader's mail.
    return storage.mail.queueMail(
      { dedupeKey: `reply:${reply.id}:${email}`, recipient: parent.email, ...content },
      now().toISOString(),
    );
  }

  return {
    async commentPosted(comment: CommentRow, storage: Storage) {
      const recipient = config.notifyEmail;
      // The owner's own replies, written in the admin, need no notice; nor does spam (Akismet's),
      // which waits in the Spam queue and would otherwise fill the owner's inbox.
      if (!recipient || comment.by_owner || comment.status === 'spam') return;
      await guarded(storage, async (tx) => {
        const row = await tx.store.findModerated(comment.id);
        return row !== null && (await queueOwnerNotice(tx, row, recipient));
      });
    },
    async commentApproved(comment: CommentRow, storage: Storage) {
      await guarded(storage, async (tx) => {
        const row = await tx.store.findModerated(comment.id);
        if (row?.status !== 'approved') return false;
        // Asked only once the comment is shown: a held comment may be spam, and its address
        // someone else's.
        const confirming =
          row.notify === 1 && row.email !== '' && (await queueConfirmation(tx, row));
        const replying = await queueReplyNotice(tx, row);
        return confirming || replying;
      });
    },
    // Nobody is mailed when a comment moves later: the owner moved it, and knows.
    commentStatusChanged: async () => {},
  };
}

type QueuedMessage = Parameters<MailTransport['sendMail']>[0];

/**
 * A queued mail as nodemailer takes it. List-Unsubscribe goes through nodemailer's `list`
 * option, which writes the header itself (angle brackets, folding, nothing that could end the
 * line); it has no List-Unsubscribe-Post (RFC 8058 one-click), which stays a plain header.
 * Mail queued by an earlier version holds the header written out as `<url>`, as this does.
 */
export function nodemailerMessage(message: QueuedMessage): Nodemailer.Options {
  const { 'List-Unsubscribe': unsubscribe, ...headers } = message.headers;
  const url = unsubscribe?.replace(/^<(.*)>$/, '$1');
  return { ...message, headers, ...(url ? { list: { unsubscribe: url } } : {}) };
}

/**
 * Nodemailer over SMTP, with timeouts that end any send well within the worker's lease.
 * Nodemailer is loaded at the first send, not at start: a server without mail to send (most
 * of the time, and always without SMTP_URL) does not hold it in memory.
 */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  let transport: Promise<Nodemailer> | null = null;
  return {
    sendMail: async (message) => {
      transport ??= import('nodemailer').then(({ default: nodemailer }) =>
        nodemailer.createTransport({
          url: smtpUrl,
          connectionTimeout: 30_000,
          greetingTimeout: 30_000,
          socketTimeout: 60_000,
        }),
      );
      return (await transport).sendMail(nodemailerMessage(message));
    },
    close: () => {
      transport
        ?.then((opened) => opened.close())
        .catch(() => {
          // Nodemailer failed to load at the first send: that send reported it; nothing to close.
        });
    },
  };
}

export interface Mail {
  /** Queues mail about comments; silent when SMTP_URL is unset. */
  notifier: Notifier;
  /** The queue, tokens and subscriptions, for the pages the links in mail lead to. */
  store: Storage['mail'];
  now: () => Date;
  /** Sends the queued mail once started; null when SMTP_URL is unset. */
  worker: MailWorker | null;
}

export interface MailOptions {
  /** The clock for due times and link expiry; tests pass a fake one. */
  now?: () => Date;
  /** How often the worker looks for due mail. */
  pollMs?: number;
  /** Where mail goes, instead of SMTP_URL's server. */
  transport?: MailTransport;
  log?: (message: string) => void;
}

/**
 * Everything mail needs, from the settings: with SMTP_URL, a notifier that queues and a worker
 * that sends (not yet started); without, a silent notifier. The links in mail sent before keep
 * working either way.
 */
export async function setUpMail(
  config: Config,
  { mail: mailStore, secrets }: Pick<Storage, 'mail' | 'secrets'>,
  { now = () => new Date(), pollMs, transport, log }: MailOptions = {},
): Promise<Mail> {
  if (!config.smtpUrl) return { notifier: SILENT_NOTIFIER, store: mailStore, now, worker: null };
  const worker = createMailWorker({
    mailStore,
    transport: transport ?? createSmtpTransport(config.smtpUrl),
    from: config.mailFrom,
    now,
    pollMs,
    log,
  });
  const notifier = createMailer({
    config,
    linkKey: await secrets.mailLinkKey(),
    now,
    log,
    onQueued: () => worker.wake(),
  });
  return { notifier, store: mailStore, now, worker };
}
