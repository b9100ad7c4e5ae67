/**
 * The pages the links in mail lead to: moderate a comment, confirm an address, unsubscribe.
 * A GET only shows what the link will do, with one button; the POST does it. Mail scanners
 * open every link in a mail to check it, and must not approve a comment or unsubscribe
 * anyone by doing so. A mail client's one-click unsubscribe (RFC 8058) POSTs directly.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import {
  actionDonePage,
  actionQuestionPage,
  CONFIRM_QUESTION_PAGE,
  CONFIRMED_PAGE,
  EXPIRED_LINK_PAGE,
  GONE_COMMENT_PAGE,
  MAIL_PAGE_CSS,
  NOT_VALID_PAGE,
  UNSUBSCRIBE_QUESTION_PAGE,
  UNSUBSCRIBED_PAGE,
  usedLinkPage,
} from '../../html/mail-pages.ts';
import { commentLink } from '../../mail/messages.ts';
import type { Moderation } from '../../moderation/service.ts';
import type { ActionTokenRow, MailStore } from '../../storage/mail-store.ts';
import { hashToken } from '../../storage/secrets.ts';
import type { Store } from '../../storage/store.ts';

export interface MailRoutesOptions {
  store: Store;
  mailStore: MailStore;
  /** A link's act goes through the same moderation as the dashboard's. */
  moderation: Moderation;
  now: () => Date;
}

const TokenQuerySchema = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 200 })),
});

/** A page of server/html/mail-pages.ts; what the link did is in the page, never cached. */
function send(reply: FastifyReply, status: number, page: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page);
}

export const mailRoutes: FastifyPluginAsyncTypebox<MailRoutesOptions> = async (
  app,
  { store, mailStore, moderation, now },
) => {
  // The buttons post a form, and mail clients post `List-Unsubscribe=One-Click` as either kind
  // of form; the token is in the address, so the body is read and not needed.
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, body),
  );

  app.get('/mail/page.css', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('text/css').send(MAIL_PAGE_CSS),
  );

  const notValid = (reply: FastifyReply) => send(reply, 404, NOT_VALID_PAGE);

  /** Why a moderation link cannot act: unknown, used or expired; null while it can. */
  function refuseAction(reply: FastifyReply, row: ActionTokenRow | null) {
    if (!row) return notValid(reply);
    if (row.used_at) return send(reply, 410, usedLinkPage(row.used_at));
    if (row.expires_at <= now().toISOString()) return send(reply, 410, EXPIRED_LINK_PAGE);
    return null;
  }

  const goneComment = (reply: FastifyReply) => send(reply, 404, GONE_COMMENT_PAGE);

  app.get('/mail/action', { schema: { querystring: TokenQuerySchema } }, async (request, reply) => {
    const row = request.query.token
      ? mailStore.findActionToken(hashToken(request.query.token))
      : null;
    const refused = refuseAction(reply, row);
    if (refused || !row) return refused;
    const comment = store.findModerated(row.comment_id);
    if (!comment || comment.status === 'deleted') return goneComment(reply);
    return send(reply, 200, actionQuestionPage(row.action, comment));
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
      const shownAt = after?.status === 'approved' ? commentLink(after) : null;
      return send(reply, 200, actionDonePage(spent.action, comment.name, shownAt));
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
      return send(reply, 200, CONFIRM_QUESTION_PAGE);
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
      return send(reply, 200, UNSUBSCRIBE_QUESTION_PAGE);
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
    return send(reply, 200, CONFIRMED_PAGE);
  }

  function unsubscribedAlready(reply: FastifyReply) {
    return send(reply, 200, UNSUBSCRIBED_PAGE);
  }
};
