/**
 * Readers' likes: POST /api/comments/:id/like gives one, DELETE takes it back. A voter is the id
 * the reader's browser keeps for liking; the server stores only a keyed hash of it, so the same
 * voter counts once however often they ask, and a copy of the database names nobody.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problems } from '../../../errors.ts';
import { hashIp, hashVoter } from '../../../storage/secrets.ts';
import { CommentIdParamsSchema, ErrorSchema, LikedSchema, LikeSchema } from '../../schemas.ts';
import { likeLimitOf } from '../../transport.ts';
import type { CommentRouteContext } from '../comments.ts';

export const likeRoutes: FastifyPluginAsyncTypebox<CommentRouteContext> = async (app, context) => {
  const { config, sitePolicy, closing, ipHashKey } = context;
  const { likes, writeTogether, secrets } = context.storage;
  const voterKey = await secrets.likeKey();

  // One route for both methods, so that giving and taking back share one count of
  // LIKE_RATE_LIMIT_PER_MINUTE per client: each route of the rate limiter counts on its own.
  app.route({
    method: ['POST', 'DELETE'],
    url: '/api/comments/:id/like',
    ...likeLimitOf(config),
    schema: {
      params: CommentIdParamsSchema,
      body: LikeSchema,
      response: { 200: LikedSchema, '4xx': ErrorSchema },
    },
    handler: async (request) => {
      if (!config.likes) throw problems.likesOff();
      const { id } = request.params;
      // As for posts: a page elsewhere must not like on behalf of one of our sites' readers.
      const requestOrigin = request.headers.origin;
      if (requestOrigin !== undefined && !sitePolicy(requestOrigin))
        throw problems.siteNotAllowed(requestOrigin);
      const page = await likes.pageOfShown(id);
      if (!page) throw problems.notShown(id);
      closing.refuseClosed(page);

      const voterHash = hashVoter(request.body.voter, voterKey);
      const count = await writeTogether((tx) =>
        request.method === 'POST'
          ? tx.likes.like({
              commentId: id,
              voterHash,
              ipHash: config.storeIp ? hashIp(request.ip, ipHashKey) : null,
              createdAt: context.now().toISOString(),
            })
          : tx.likes.unlike(id, voterHash),
      );
      // Held or deleted between the look above and the write.
      if (count === null) throw problems.notShown(id);
      return { likes: count };
    },
  });
};
