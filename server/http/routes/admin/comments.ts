/**
 * The site owner's acts on comments, one at a time or many at once: approve, unapprove, spam,
 * trash, restore, pin, unpin and delete, each through the one moderation service.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problems } from '../../../errors.ts';
import type { Moderation } from '../../../moderation/service.ts';
import type { Storage } from '../../../storage/storage.ts';
import { CommentIdParamsSchema, DashboardResultSchema, ErrorSchema } from '../../schemas.ts';
import { dashboardResult } from './dashboard-comments.ts';

export interface ModerationRoutesOptions {
  adminStore: Storage['admin'];
  /** Every act on a comment, shared with the links in mail. */
  moderation: Moderation;
}

const Action = Type.Union([
  Type.Literal('approve'),
  Type.Literal('unapprove'),
  Type.Literal('spam'),
  Type.Literal('trash'),
  Type.Literal('restore'),
  Type.Literal('delete'),
  Type.Literal('pin'),
  Type.Literal('unpin'),
]);

/** The acts with a route of their own; delete is DELETE /comments/:id. */
const ACTS = ['approve', 'unapprove', 'spam', 'trash', 'restore', 'pin', 'unpin'] as const;

export const moderationRoutes: FastifyPluginAsyncTypebox<ModerationRoutesOptions> = async (
  app,
  { adminStore, moderation },
) => {
  const singleRoute = {
    schema: {
      params: CommentIdParamsSchema,
      response: { 200: DashboardResultSchema, '4xx': ErrorSchema },
    },
  };
  for (const action of ACTS) {
    app.post(`/comments/:id/${action}`, singleRoute, async (request) => {
      const { id } = request.params as { id: number };
      const outcome = await moderation.act(id, action);
      if (outcome.result === 'missing') throw problems.commentNotFound(id);
      if (outcome.result === 'not_applicable')
        throw problems.notApplicable(id, action, outcome.status);
      return dashboardResult(adminStore, id);
    });
  }

  app.delete(
    '/comments/:id',
    {
      schema: {
        params: CommentIdParamsSchema,
        response: { 204: Type.Null(), '4xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      if ((await moderation.act(request.params.id, 'delete')).result === 'missing')
        throw problems.commentNotFound(request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/comments/bulk',
    {
      schema: {
        body: Type.Object({
          ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 500 }),
          action: Action,
        }),
        response: { 200: Type.Object({ updated: Type.Integer() }), '4xx': ErrorSchema },
      },
    },
    async (request) => {
      const { ids, action } = request.body;
      return { updated: await moderation.actOnMany(ids, action) };
    },
  );
};
