/**
 * An author's own comments: finding them again by their tokens, and editing or deleting one
 * within EDIT_WINDOW_MINUTES of posting it, from the browser it was posted from.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { validateComment } from '../../../../shared/validate.ts';
import { renderCommentHtml } from '../../../comments/render.ts';
import { problems } from '../../../errors.ts';
import { localeOf } from '../../../i18n/request-locale.ts';
import { readerSay } from '../../../i18n/words.ts';
import { hashToken, secretsEqual } from '../../../storage/secrets.ts';
import type { CommentRow } from '../../../storage/store.ts';
import { trimCommentText } from '../../hooks.ts';
import { logHeld } from '../../logging.ts';
import {
  CommentIdParamsSchema,
  DeleteCommentSchema,
  EditCommentSchema,
  EditedCommentSchema,
  ErrorSchema,
  OwnCommentsRequestSchema,
  OwnCommentsSchema,
} from '../../schemas.ts';
import { writeLimitOf } from '../../transport.ts';
import type { CommentRouteContext } from '../comments.ts';

/**
 * Requests for an author's own comments per client per minute, while rate limits are on
 * (RATE_LIMIT_PER_MINUTE above 0). The widget asks once per page view that has comments of the
 * reader's, so a reader never comes near it; each request may name LIMITS.ownCommentsMax
 * tokens, each hashed and looked up, and an unlimited client could keep the server busy.
 */
export const OWN_COMMENTS_PER_MINUTE = 60;

export const ownCommentRoutes: FastifyPluginAsyncTypebox<CommentRouteContext> = async (
  app,
  { config, storage, policy, present, notifier, now: clock },
) => {
  const writeLimit = writeLimitOf(config);
  const { store } = storage;

  /**
   * Finds the author's own comment, or says why they may not change it. One the site owner
   * marked as spam or moved to the trash is out of its author's hands, and answers as a deleted
   * one does, before the token is looked at: a spammer, to whom spam looks held, learns only
   * that it is gone, and a 403 would confirm to anyone that a comment with that id exists.
   */
  async function ownComment(
    id: number,
    token: string,
    now: Date,
  ): Promise<CommentRow & { status: 'approved' | 'pending' }> {
    const row = await store.findComment(id);
    if (!row || !isAuthorsToChange(row)) throw problems.commentNotFound(id);
    if (!row.token_hash || !secretsEqual(hashToken(token), row.token_hash))
      throw problems.notYourComment();
    const age = now.getTime() - Date.parse(row.created_at);
    if (age > config.editWindowMinutes * 60_000)
      throw problems.editWindowClosed(config.editWindowMinutes);
    return row;
  }

  app.post(
    '/api/comments/own',
    {
      ...(config.rateLimitPerMinute > 0
        ? { config: { rateLimit: { max: OWN_COMMENTS_PER_MINUTE, timeWindow: 60_000 } } }
        : {}),
      schema: {
        body: OwnCommentsRequestSchema,
        response: { 200: OwnCommentsSchema, '4xx': ErrorSchema },
      },
    },
    async (request) => {
      const comments = [];
      for (const token of new Set(request.body.tokens)) {
        const row = await store.findByTokenHash(hashToken(token));
        if (row && row.status !== 'deleted') comments.push(present.ownComment(row));
      }
      return { comments };
    },
  );

  app.patch(
    '/api/comments/:id',
    {
      ...writeLimit,
      preValidation: trimCommentText,
      schema: {
        params: CommentIdParamsSchema,
        body: EditCommentSchema,
        response: { 200: EditedCommentSchema, '4xx': ErrorSchema },
      },
    },
    async (request) => {
      const now = clock();
      const row = await ownComment(request.params.id, request.body.token, now);
      const { value, errors } = validateComment(
        { ...row, website: row.website ?? '', body: request.body.body },
        readerSay(localeOf(request)),
      );
      if (errors.body) throw problems.invalidInput({ body: errors.body });
      const html = renderCommentHtml(value.body);
      const { status, held } = policy.judgeEdit(value, html, request.ip, row.status);
      const edited = await store.editComment(
        row.id,
        { body: value.body, html, status },
        now.toISOString(),
      );
      if (held)
        logHeld(
          request.log,
          row.id,
          (await store.findModerated(row.id))?.page_url ?? '',
          `edited, ${held}`,
        );
      return { comment: present.ownComment(edited as CommentRow) };
    },
  );

  app.delete(
    '/api/comments/:id',
    {
      ...writeLimit,
      schema: {
        params: CommentIdParamsSchema,
        body: DeleteCommentSchema,
        response: { 204: Type.Null(), '4xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      const now = clock();
      const row = await ownComment(request.params.id, request.body.token, now);
      // Told as the site owner's delete is (a webhook's comment.deleted), with the deletion.
      await storage.transaction(async (tx) => {
        await tx.store.deleteComment(row.id, now.toISOString());
        const after = await tx.store.findComment(row.id);
        await notifier.commentStatusChanged({ before: row, after }, tx);
      });
      return reply.code(204).send(null);
    },
  );
};

/** An author may change a comment that is shown or waits for moderation, nothing else. */
function isAuthorsToChange(
  row: CommentRow,
): row is CommentRow & { status: 'approved' | 'pending' } {
  return row.status === 'approved' || row.status === 'pending';
}
