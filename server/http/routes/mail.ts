/**
 * The pages the links in mail lead to: moderate a comment, confirm an address, unsubscribe.
 * A GET only shows what the link will do, with one button; the POST does it. Mail scanners
 * open every link in a mail to check it, and must not approve a comment or unsubscribe
 * anyone by doing so. A mail client's one-click unsubscribe (RFC 8058) POSTs directly.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { commentLink, escapeHtml } from '../../mail/messages.ts';
import type { Notifier } from '../../moderation/notifier.ts';
import { createModeration } from '../../moderation/service.ts';
import type { AdminStore } from '../../storage/admin-store.ts';
import type { ActionTokenRow, MailStore, ModerationAction } from '../../storage/mail-store.ts';
import { hashToken } from '../../storage/secrets.ts';
import type { Store } from '../../storage/store.ts';

export interface MailRoutesOptions {
  store: Store;
  mailStore: MailStore;
  /** A link's act goes through the same moderation as the dashboard's (server/moderation/service.ts). */
  adminStore: AdminStore;
  notifier: Notifier;
  now: () => Date;
}

const TokenQuerySchema = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 200 })),
});

const ACTION_WORDS: Record<ModerationAction, { question: string; button: string; done: string }> = {
  approve: {
    question: 'Approve this comment?',
    button: 'Approve',
    done: 'is approved and shown on the page',
  },
  spam: { question: 'Mark this comment as spam?', button: 'Spam', done: 'is marked as spam' },
  trash: {
    question: 'Move this comment to the trash?',
    button: 'Trash',
    done: 'is in the trash',
  },
};

const PAGE_CSS = `body{font:16px/1.5 system-ui,sans-serif;color:#1b1f24;background:#fff;margin:0}
main{max-width:36em;margin:3em auto;padding:0 1em}
blockquote{margin:1em 0;padding:.5em 1em;border-left:3px solid #c9ced6;color:#3b4149}
button{font:inherit;padding:.5em 1.5em;border:0;border-radius:6px;background:#2557a7;color:#fff;cursor:pointer}
@media (prefers-color-scheme:dark){body{color:#e6e8eb;background:#16181b}blockquote{color:#c3c8cf}}`;

/** A whole page; every piece of `body` is escaped by its caller. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="page.css">
</head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>`;
}

/** One button that POSTs back to the address of the page itself, token included. */
function button(label: string): string {
  return `<form method="post"><button type="submit">${escapeHtml(label)}</button></form>`;
}

function send(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page(title, body));
}

function paragraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

export const mailRoutes: FastifyPluginAsyncTypebox<MailRoutesOptions> = async (
  app,
  { store, mailStore, adminStore, notifier, now },
) => {
  const moderation = createModeration({ store, adminStore, notifier, now });
  // The buttons post a form, and mail clients post `List-Unsubscribe=One-Click` as either kind
  // of form; the token is in the address, so the body is read and not needed.
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, body),
  );

  app.get('/mail/page.css', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('text/css').send(PAGE_CSS),
  );

  const notValid = (reply: FastifyReply) =>
    send(
      reply,
      404,
      'This link is not valid',
      paragraph('Please check that the whole address from the mail is in the address bar.'),
    );

  /** Why a moderation link cannot act: unknown, used or expired; null while it can. */
  function refuseAction(reply: FastifyReply, row: ActionTokenRow | null) {
    if (!row) return notValid(reply);
    if (row.used_at)
      return send(
        reply,
        410,
        'This link has been used already',
        paragraph(
          `Each link in a notification mail works once. It was used on ${row.used_at.slice(0, 16).replace('T', ' ')} UTC.`,
        ),
      );
    if (row.expires_at <= now().toISOString())
      return send(
        reply,
        410,
        'This link has expired',
        paragraph(
          'The links in a notification mail work for 7 days. Moderate this comment from the admin instead.',
        ),
      );
    return null;
  }

  const goneComment = (reply: FastifyReply) =>
    send(reply, 404, 'This comment no longer exists', paragraph('It was deleted.'));

  app.get('/mail/action', { schema: { querystring: TokenQuerySchema } }, async (request, reply) => {
    const row = request.query.token
      ? mailStore.findActionToken(hashToken(request.query.token))
      : null;
    const refused = refuseAction(reply, row);
    if (refused || !row) return refused;
    const comment = store.findModerated(row.comment_id);
    if (!comment || comment.status === 'deleted') return goneComment(reply);
    const words = ACTION_WORDS[row.action];
    return send(
      reply,
      200,
      words.question,
      [
        paragraph(
          `By ${comment.name} on ${comment.page_title || comment.page_url} (now ${comment.status}):`,
        ),
        `<blockquote>${escapeHtml(comment.body.slice(0, 1000))}</blockquote>`,
        button(words.button),
      ].join('\n'),
    );
  });

  app.post(
    '/mail/action',
    { schema: { querystring: TokenQuerySchema } },
    async (request, reply) => {
      const hash = request.query.token ? hashToken(request.query.token) : '';
      const at = now().toISOString();
      const spent = hash ? mailStore.useActionToken(hash, at) : null;
      if (!spent) return refuseAction(reply, hash ? mailStore.findActionToken(hash) : null);

      const comment = store.findComment(spent.comment_id);
      // A link that finds its comment already where it leads (trashed in the dashboard since)
      // says so as done: the owner wanted it there, and it is.
      if (!comment || moderation.act(comment.id, spent.action).result === 'missing')
        return goneComment(reply);
      const after = store.findModerated(comment.id);
      const shown =
        after?.status === 'approved'
          ? `<p><a href="${escapeHtml(commentLink(after))}">See it on the page</a></p>`
          : '';
      return send(
        reply,
        200,
        'Done',
        `${paragraph(`The comment by ${comment.name} ${ACTION_WORDS[spent.action].done}.`)}\n${shown}`,
      );
    },
  );

  app.get(
    '/mail/confirm',
    { schema: { querystring: TokenQuerySchema } },
    async (request, reply) => {
      const row = request.query.token
        ? mailStore.findByConfirmToken(hashToken(request.query.token))
        : null;
      if (!row) return notValid(reply);
      if (row.unsubscribed_at) return unsubscribedAlready(reply);
      if (row.confirmed_at) return confirmed(reply);
      return send(
        reply,
        200,
        'Confirm your address',
        `${paragraph('Then we send you an email when someone replies to a comment you asked to be notified about.')}\n${button('Confirm')}`,
      );
    },
  );

  app.post(
    '/mail/confirm',
    { schema: { querystring: TokenQuerySchema } },
    async (request, reply) => {
      const hash = request.query.token ? hashToken(request.query.token) : '';
      const row = hash ? mailStore.confirm(hash, now().toISOString()) : null;
      if (row) return confirmed(reply);
      return hash && mailStore.findByConfirmToken(hash)
        ? unsubscribedAlready(reply)
        : notValid(reply);
    },
  );

  app.get(
    '/mail/unsubscribe',
    { schema: { querystring: TokenQuerySchema } },
    async (request, reply) => {
      const row = request.query.token
        ? mailStore.findByUnsubscribeToken(hashToken(request.query.token))
        : null;
      if (!row) return notValid(reply);
      if (row.unsubscribed_at) return unsubscribedAlready(reply);
      return send(
        reply,
        200,
        'Unsubscribe?',
        `${paragraph('After this, we send no more mail to your address: no replies, no confirmations.')}\n${button('Unsubscribe')}`,
      );
    },
  );

  app.post(
    '/mail/unsubscribe',
    { schema: { querystring: TokenQuerySchema } },
    async (request, reply) => {
      const hash = request.query.token ? hashToken(request.query.token) : '';
      const row = hash ? mailStore.unsubscribe(hash, now().toISOString()) : null;
      return row ? unsubscribedAlready(reply) : notValid(reply);
    },
  );

  function confirmed(reply: FastifyReply) {
    return send(
      reply,
      200,
      'Your address is confirmed',
      paragraph(
        'You will get an email when someone replies to your comment. Every such mail has a link to unsubscribe.',
      ),
    );
  }

  function unsubscribedAlready(reply: FastifyReply) {
    return send(
      reply,
      200,
      'You are unsubscribed',
      paragraph('We send no more mail to your address.'),
    );
  }
};
