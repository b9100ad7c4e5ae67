/**
 * GET /api/health: 200 while the server can read and write its database, 503 with what is wrong
 * while it cannot (a read-only or full disk, a damaged or vanished file), so that a load balancer
 * or Docker's HEALTHCHECK sees a server that takes no comments for what it is.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Storage } from '../../storage/storage.ts';

/** As long as a client told the storage is unavailable waits elsewhere (see errors.ts). */
const RETRY_AFTER_SECONDS = 30;

const Unavailable = Type.Object({
  status: Type.Literal('unavailable'),
  reads: Type.Boolean(),
  writes: Type.Boolean(),
  error: Type.Object({ code: Type.Literal('storage_unavailable'), message: Type.String() }),
});

export const healthRoutes: FastifyPluginAsyncTypebox<{ checkStorage: Storage['health'] }> = async (
  app,
  { checkStorage },
) => {
  // Said once when the storage fails and once when it is back, not at every check.
  let lastProblem: string | null = null;

  app.get(
    '/api/health',
    {
      schema: {
        response: { 200: Type.Object({ status: Type.Literal('ok') }), 503: Unavailable },
      },
    },
    async (request, reply) => {
      const { reads, writes, problem } = await checkStorage();
      if (problem !== lastProblem) {
        if (problem) request.log.warn({ reads, writes }, `Health check failing: ${problem}`);
        else request.log.info('Health check passing again: the database can be read and written.');
        lastProblem = problem;
      }
      reply.header('cache-control', 'no-store');
      if (!problem) return { status: 'ok' as const };
      reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS));
      return {
        status: 'unavailable' as const,
        reads,
        writes,
        error: { code: 'storage_unavailable' as const, message: problem },
      };
    },
  );
};
