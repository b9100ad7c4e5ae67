/** The site owner's API under /api/admin: list comments by status, approve, mark as spam, delete. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Store } from '../db/store.ts';
import { problems } from '../errors.ts';
import { toModeratedComment } from '../present.ts';
import {
  CommentIdParamsSchema,
  ErrorSchema,
  ModeratedResultSchema,
  ModerationListQuerySchema,
  ModerationListSchema,
} from '../schemas.ts';
import { secretsEqual } from '../secrets.ts';

export interface AdminRoutesOptions {
  store: Store;
  adminToken: string;
}

const BEARER = /^Bearer\s+(.+)$/i;

export const adminRoutes: FastifyPluginAsyncTypebox<AdminRoutesOptions> = async (
  app,
  { store, adminToken },
) => {
  app.addHook('onRequest', async (request) => {
    const given = BEARER.exec(request.headers.authorization ?? '')?.[1]?.trim();
    if (!given || !secretsEqual(given, adminToken)) throw problems.unauthorized();
  });

  app.get(
    '/comments',
    {
      schema: {
        querystring: ModerationListQuerySchema,
        response: { 200: ModerationListSchema, '4xx': ErrorSchema },
      },
    },
    async (request) => {
      const { status = 'pending', limit = 100, before } = request.query;
      return { comments: store.listByStatus(status, limit, before).map(toModeratedComment) };
    },
  );

  const setStatus =
    (status: 'approved' | 'spam') => async (request: { params: { id: number } }) => {
      const { id } = request.params;
      const row = store.setStatus(id, status, new Date().toISOString());
      if (!row) throw problems.commentNotFound(id);
      return { comment: toModeratedComment(row) };
    };

  const statusRoute = {
    schema: {
      params: CommentIdParamsSchema,
      response: { 200: ModeratedResultSchema, '4xx': ErrorSchema },
    },
  };
  app.post('/comments/:id/approve', statusRoute, setStatus('approved'));
  app.post('/comments/:id/spam', statusRoute, setStatus('spam'));

  app.delete(
    '/comments/:id',
    {
      schema: {
        params: CommentIdParamsSchema,
        response: { 204: Type.Null(), '4xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!store.findComment(id)) throw problems.commentNotFound(id);
      store.deleteComment(id, new Date().toISOString());
      return reply.code(204).send(null);
    },
  );
};
