/**
 * The site owner's API under /api/admin: moderate comments, and export or erase everything
 * stored about one email address.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Store } from '../db/store.ts';
import { problems } from '../errors.ts';
import type { Notifier } from '../notifier.ts';
import { toModeratedComment, toStoredRecord } from '../present.ts';
import {
  CommentIdParamsSchema,
  ErrorSchema,
  ModeratedResultSchema,
  ModerationListQuerySchema,
  ModerationListSchema,
  PersonalDataSchema,
} from '../schemas.ts';
import { secretsEqual } from '../secrets.ts';

export interface AdminRoutesOptions {
  store: Store;
  adminToken: string;
  notifier: Notifier;
}

const BEARER = /^Bearer\s+(.+)$/i;
/** Wrong tokens allowed from one client per window before it must wait. */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;

const EmailQuerySchema = Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }) });

/** Counts wrong admin tokens per client, so the token cannot be guessed at speed. */
function createFailureCounter() {
  const failures = new Map<string, { count: number; until: number }>();
  return {
    /** Seconds the client must wait before trying again, or 0. */
    lockedFor(client: string, now: number): number {
      const entry = failures.get(client);
      if (!entry || entry.until <= now) return 0;
      return entry.count >= MAX_FAILURES ? Math.ceil((entry.until - now) / 1000) : 0;
    },
    fail(client: string, now: number): void {
      const entry = failures.get(client);
      if (!entry || entry.until <= now)
        failures.set(client, { count: 1, until: now + FAILURE_WINDOW_MS });
      else entry.count++;
    },
  };
}

export const adminRoutes: FastifyPluginAsyncTypebox<AdminRoutesOptions> = async (
  app,
  { store, adminToken, notifier },
) => {
  const failures = createFailureCounter();

  app.addHook('onRequest', async (request) => {
    const now = Date.now();
    const wait = failures.lockedFor(request.ip, now);
    if (wait > 0) throw problems.rateLimited(wait);
    const given = BEARER.exec(request.headers.authorization ?? '')?.[1]?.trim();
    if (!given || !secretsEqual(given, adminToken)) {
      failures.fail(request.ip, now);
      throw problems.unauthorized();
    }
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
      if (status === 'approved') notifier.commentApproved(row);
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

  app.get(
    '/data',
    {
      schema: {
        querystring: EmailQuerySchema,
        response: {
          200: PersonalDataSchema,
          '4xx': ErrorSchema,
        },
      },
    },
    async (request) => ({
      email: request.query.email,
      comments: store.commentsByEmail(request.query.email).map(toStoredRecord),
    }),
  );

  app.delete(
    '/data',
    {
      schema: {
        querystring: EmailQuerySchema,
        response: { 200: Type.Object({ erased: Type.Integer() }), '4xx': ErrorSchema },
      },
    },
    async (request) => ({
      erased: store.eraseByEmail(request.query.email, new Date().toISOString()),
    }),
  );
};
