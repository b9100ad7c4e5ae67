/**
 * The pages the links in mail lead to: moderate a comment, confirm an address, unsubscribe.
 * A GET only shows what the link will do, with one button; the POST does it. Mail scanners
 * open every link in a mail to check it, and must not approve a comment or unsubscribe
 * anyone by doing so. A mail client's one-click unsubscribe (RFC 8058) POSTs directly.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type Locale, nearestLocale } from '../../../shared/i18n/locales.ts';
import {
  actionDonePage,
  actionQuestionPage,
  confirmedPage,
  confirmQuestionPage,
  EXPIRED_LINK_PAGE,
  GONE_COMMENT_PAGE,
  linkNotValidPage,
  MAIL_PAGE_CSS,
  NOT_VALID_PAGE,
  unsubscribedPage,
  unsubscribeQuestionPage,
  usedLinkPage,
} from '../../html/mail-pages.ts';
import { localeOf } from '../../i18n/request-locale.ts';
import { commentLink } from '../../mail/messages.ts';
import type { Moderation } from '../../moderation/service.ts';
import type { ActionTokenRow, SubscriberRow } from '../../storage/mail-store.ts';
import { hashToken } from '../../storage/secrets.ts';
import type { Storage } from '../../storage/storage.ts';
import { sendPage } from '../page-reply.ts';

export interface MailRoutesOptions {
  store: Storage['store'];
  mailStore: Storage['mail'];
  /** A link's act goes through the same moderation as the dashboard's. */
  moderation: Moderation;
  now: () => Date;
}

const TokenQuerySchema = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 200 })),
  /** The language of the mail the link was in (server/mail/links.ts); none in English mail. */
  lang: Type.Optional(Type.String({ maxLength: 35 })),
});

/**
 * The language of a reader's page: the one its link names, which is the language of the mail it
 * came in, and so of the comment that asked for that mail. The link carries it, rather than the
 * page looking it up, because one address may write in one language on one site and in another
 * elsewhere, while its unsubscribe link is the same in every mail. A link without one (from
 * English mail, or cut short) takes the language stored with the address, then the browser's.
 */
function readerLocale(request: FastifyRequest, subscriber: SubscriberRow | null): Locale {
  // TokenQuerySchema has made `lang` a string, if it is there at all.
  const linked = (request.query as { lang?: string }).lang;
  return nearestLocale(linked) ?? nearestLocale(subscriber?.lang) ?? localeOf(request);
}

/** A page of server/html/mail-pages.ts; what the link did is in the page, never cached. */
const send = (reply: FastifyReply, status: number, page: string) => sendPage(reply, status, page);

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

  /** A reader's link that leads nowhere, said in the language it names or the browser's. */
  const notValid = (request: FastifyRequest, reply: FastifyReply) =>
    send(reply, 404, linkNotValidPage(readerLocale(request, null)));

  /** Why a moderation link cannot act: unknown, used or expired; null while it can. */
  function refuseAction(reply: FastifyReply, row: ActionTokenRow | null) {
    if (!row) return send(reply, 404, NOT_VALID_PAGE);
    if (row.used_at) return send(reply, 410, usedLinkPage(row.used_at));
    if (row.expires_at <= now().toISOString()) return send(reply, 410, EXPIRED_LINK_PAGE);
    return null;
  }

  const goneComment = (reply: FastifyReply) => send(reply, 404, GONE_COMMENT_PAGE);

  app.get('/mail/action', { schema: { querystring: TokenQuerySchema } }, async (request, reply) => {
    const row = request.query.token
      ? await mailStore.findActionToken(hashToken(request.query.token))
      : null;
    const refused = refuseAction(reply, row);
    if (refused || !row) return refused;
    const comment = await store.findModerated(row.comment_id);
    if (!comment || comment.status === 'deleted') return goneComment(reply);
    return send(reply, 200, actionQuestionPage(row.action, comment));
  });

  app.post(
    '/mail/action',
    { schema: { querystring: TokenQuerySchema } },
    async (request, reply) => {
      const hash = request.query.token ? hashToken(request.query.token) : '';
      const at = now().toISOString();
      const spent = hash ? await mailStore.useActionToken(hash, at) : null;
      if (!spent) return refuseAction(reply, hash ? await mailStore.findActionToken(hash) : null);

      const comment = await store.findComment(spent.comment_id);
      // A link that finds its comment already where it leads (trashed in the dashboard since)
      // says so as done: the owner wanted it there, and it is.
      if (!comment || (await moderation.act(comment.id, spent.action)).result === 'missing')
        return goneComment(reply);
      const after = await store.findModerated(comment.id);
      const shownAt = after?.status === 'approved' ? commentLink(after) : null;
      return send(reply, 200, actionDonePage(spent.action, comment.name, shownAt));
    },
  );

  app.get(
    '/mail/confirm',
    { schema: { querystring: TokenQuerySchema } },
    async (request, reply) => {
      const row = request.query.token
        ? await mailStore.findByConfirmToken(hashToken(request.query.token))
        : null;
      if (!row) return notValid(request, reply);
      const locale = readerLocale(request, row);
      if (row.unsubscribed_at) return send(reply, 200, unsubscribedPage(locale));
      if (row.confirmed_at) return send(reply, 200, confirmedPage(locale));
      return send(reply, 200, confirmQuestionPage(locale));
    },
  );

  app.post(
    '/mail/confirm',
    { schema: { querystring: TokenQuerySchema } },
    async (request, reply) => {
      const hash = request.query.token ? hashToken(request.query.token) : '';
      const row = hash ? await mailStore.confirm(hash, now().toISOString()) : null;
      if (row) return send(reply, 200, confirmedPage(readerLocale(request, row)));
      const unsubscribed = hash ? await mailStore.findByConfirmToken(hash) : null;
      return unsubscribed
        ? send(reply, 200, unsubscribedPage(readerLocale(request, unsubscribed)))
        : notValid(request, reply);
    },
  );

  app.get(
    '/mail/unsubscribe',
    { schema: { querystring: TokenQuerySchema } },
    async (request, reply) => {
      const row = request.query.token
        ? await mailStore.findByUnsubscribeToken(hashToken(request.query.token))
        : null;
      if (!row) return notValid(request, reply);
      const locale = readerLocale(request, row);
      if (row.unsubscribed_at) return send(reply, 200, unsubscribedPage(locale));
      return send(reply, 200, unsubscribeQuestionPage(locale));
    },
  );

  app.post(
    '/mail/unsubscribe',
    { schema: { querystring: TokenQuerySchema } },
    async (request, reply) => {
      const hash = request.query.token ? hashToken(request.query.token) : '';
      const row = hash ? await mailStore.unsubscribe(hash, now().toISOString()) : null;
      return row
        ? send(reply, 200, unsubscribedPage(readerLocale(request, row)))
        : notValid(request, reply);
    },
  );
};
