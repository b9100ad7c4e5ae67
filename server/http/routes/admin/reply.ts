/**
 * The site owner's own words: a reply under a reader's comment, public at once and marked as
 * the owner's, and an edit of any comment's text.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LIMITS } from '../../../../shared/limits.ts';
import { isValid, validateComment } from '../../../../shared/validate.ts';
import { renderCommentHtml } from '../../../comments/render.ts';
import { problems } from '../../../errors.ts';
import { ownerText } from '../../../i18n/message.ts';
import { readerSay } from '../../../i18n/words.ts';
import type { Notifier } from '../../../moderation/notifier.ts';
import type { Moderation } from '../../../moderation/service.ts';
import { createToken, hashToken } from '../../../storage/secrets.ts';
import type { Storage } from '../../../storage/storage.ts';
import { trimCommentText } from '../../hooks.ts';
import { CommentIdParamsSchema, DashboardResultSchema, ErrorSchema } from '../../schemas.ts';
import { dashboardResult } from './dashboard-comments.ts';

export interface ReplyRoutesOptions {
  /** Where the reply is written, and what the notifier queues about it. */
  storage: Storage;
  moderation: Moderation;
  /** Told of the owner's reply, which is approved at once, as of any approved comment. */
  notifier: Notifier;
  ownerName: string;
  now: () => Date;
}

const BodySchema = Type.Object({ body: Type.String({ maxLength: LIMITS.bodyMax }) });

export const replyRoutes: FastifyPluginAsyncTypebox<ReplyRoutesOptions> = async (
  app,
  { storage, moderation, notifier, ownerName, now },
) => {
  const { store, admin: adminStore } = storage;
  app.patch(
    '/comments/:id',
    {
      preValidation: trimCommentText,
      schema: {
        params: CommentIdParamsSchema,
        body: BodySchema,
        response: { 200: DashboardResultSchema, '4xx': ErrorSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const body = request.body.body;
      if (!body) throw problems.invalidInput({ body: ownerText('editBodyMissing') });
      if (!(await moderation.edit(id, body))) throw problems.commentNotFound(id);
      return dashboardResult(adminStore, id);
    },
  );

  app.post(
    '/comments/:id/reply',
    {
      preValidation: trimCommentText,
      schema: {
        params: CommentIdParamsSchema,
        body: BodySchema,
        response: { 201: DashboardResultSchema, '4xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      const parent = await store.findModerated(request.params.id);
      if (!parent || parent.status === 'deleted') throw problems.commentNotFound(request.params.id);
      if (parent.status !== 'approved') throw problems.replyToUnapproved();
      // Checked as a reader's comment is, in the site owner's words.
      const { value, errors } = validateComment(
        { name: ownerName, email: 'owner@localhost.invalid', body: request.body.body },
        readerSay('en'),
      );
      if (!isValid(errors))
        throw problems.invalidInput({ body: errors.body ?? ownerText('replyBodyInvalid') });
      const row = await store.insertOwnerReply(
        { key: parent.page_key, url: parent.page_url, title: parent.page_title },
        {
          parentId: parent.id,
          depth: Math.min(parent.depth + 1, LIMITS.depthMax),
          status: 'approved',
          name: ownerName,
          email: '',
          website: null,
          body: value.body,
          html: renderCommentHtml(value.body),
          tokenHash: hashToken(createToken()),
          ipHash: null,
          userAgent: null,
          createdAt: now().toISOString(),
        },
      );
      await notifier.commentApproved(row, storage);
      reply.code(201);
      return dashboardResult(adminStore, row.id);
    },
  );
};
