/**
 * The site owner's API under /api/admin: sign in, moderate comments one by one or in bulk, reply
 * as the owner, see the overview, and export or erase everything stored about one email address.
 * Requests carry either `Authorization: Bearer ADMIN_TOKEN` or the dashboard's session cookie,
 * and with the cookie every change also carries the session's CSRF token.
 */
import cookie from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { LIMITS } from '../../shared/limits.ts';
import { isValid, validateComment } from '../../shared/validate.ts';
import {
  SESSION_COOKIE,
  SESSION_DAYS,
  type SessionStore,
  verifyPassword,
} from '../admin-session.ts';
import type { AdminStore, DashboardCommentRow } from '../db/admin-store.ts';
import type { MailStore } from '../db/mail-store.ts';
import type { Store } from '../db/store.ts';
import { ApiProblem, problems } from '../errors.ts';
import type { Notifier } from '../notifier.ts';
import { erasePersonalData, exportPersonalData } from '../personal-data.ts';
import { toModeratedComment } from '../present.ts';
import { renderCommentHtml } from '../render.ts';
import {
  CommentIdParamsSchema,
  ErrorSchema,
  ModeratedCommentSchema,
  PersonalDataSchema,
} from '../schemas.ts';
import { createToken, hashToken, secretsEqual } from '../secrets.ts';

export interface AdminRoutesOptions {
  store: Store;
  adminStore: AdminStore;
  sessions: SessionStore;
  adminToken: string;
  /** Reads the stored password hash, which the CLI may change while the server runs. */
  passwordHash: () => string | null;
  ownerName: string;
  /** PUBLIC_URL is https: the session cookie is Secure even when the proxy's scheme is unknown. */
  httpsOnly: boolean;
  /** Erasing an address also forgets its subscription and the mail queued for it. */
  mailStore: MailStore;
  notifier: Notifier;
}

/**
 * How to set the dashboard's password, in the words the start-up lines, the sign-in page and a
 * sign-in attempt all use while none is set.
 */
export const NO_PASSWORD_NOTE =
  'No dashboard password is set: set ADMIN_PASSWORD and restart the server, or run "npx leave-a-reply admin set-password".';

const BEARER = /^Bearer\s+(.+)$/i;
/** Wrong tokens or passwords allowed from one client per window before it must wait. */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;
const OVERVIEW_DAYS = 90;

const Status = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('spam'),
  Type.Literal('trash'),
  Type.Literal('deleted'),
]);
const Action = Type.Union([
  Type.Literal('approve'),
  Type.Literal('spam'),
  Type.Literal('trash'),
  Type.Literal('restore'),
  Type.Literal('delete'),
  Type.Literal('pin'),
  Type.Literal('unpin'),
]);
type ActionName = 'approve' | 'spam' | 'trash' | 'restore' | 'delete' | 'pin' | 'unpin';

const DashboardCommentSchema = Type.Object({
  ...ModeratedCommentSchema.properties,
  pinned: Type.Boolean(),
  owner: Type.Boolean(),
  replyTo: Type.Union([
    Type.Object({ id: Type.Integer(), name: Type.String(), excerpt: Type.String() }),
    Type.Null(),
  ]),
});
const DashboardResult = Type.Object({ comment: DashboardCommentSchema });
const Counts = Type.Object({
  pending: Type.Integer(),
  approved: Type.Integer(),
  spam: Type.Integer(),
  trash: Type.Integer(),
});
const PageSummary = Type.Object({
  key: Type.String(),
  url: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  count: Type.Integer(),
});
const EmailQuerySchema = Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }) });
const BodySchema = Type.Object({ body: Type.String({ maxLength: LIMITS.bodyMax }) });

/** Counts wrong admin tokens and passwords per client, so neither can be guessed at speed. */
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

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** A comment as the dashboard shows it: with its page, flags and the comment it answers. */
function toDashboardComment(row: DashboardCommentRow) {
  return {
    ...toModeratedComment(row),
    pinned: row.pinned === 1,
    owner: row.by_owner === 1,
    replyTo:
      row.parent_id !== null
        ? {
            id: row.parent_id,
            name: row.reply_to_name ?? '',
            excerpt: (row.reply_to_body ?? '').replace(/\s+/g, ' ').slice(0, 140),
          }
        : null,
  };
}

const unauthorizedForSession = () =>
  new ApiProblem(401, 'unauthorized', 'Please sign in to the dashboard, or send the admin token.');

export const adminRoutes: FastifyPluginAsyncTypebox<AdminRoutesOptions> = async (app, options) => {
  const {
    store,
    adminStore,
    sessions,
    adminToken,
    passwordHash,
    ownerName,
    httpsOnly,
    mailStore,
    notifier,
  } = options;
  // Only the dashboard's API reads or sets cookies; the reader-facing routes never pay for them.
  await app.register(cookie);
  const failures = createFailureCounter();
  const now = () => new Date();

  function sessionToken(request: FastifyRequest): string | undefined {
    return request.cookies[SESSION_COOKIE];
  }

  app.addHook('onRequest', async (request) => {
    const wait = failures.lockedFor(request.ip, Date.now());
    if (wait > 0) throw problems.rateLimited(wait);
    // Signing in, and what the sign-in page says before it, need no credentials.
    const route = request.routeOptions.url;
    if (route === '/api/admin/session' || route === '/api/admin/sign-in') return;

    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1]?.trim();
    if (bearer) {
      if (secretsEqual(bearer, adminToken)) return;
      failures.fail(request.ip, Date.now());
      throw problems.unauthorized();
    }
    const token = sessionToken(request);
    const session = token ? sessions.find(token, now()) : null;
    if (!session) {
      if (!token) failures.fail(request.ip, Date.now());
      throw token ? unauthorizedForSession() : problems.unauthorized();
    }
    // SameSite=Strict already keeps other sites' pages from using the cookie; the CSRF token is
    // the second lock, for browsers and proxies that do not honour it.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !secretsEqual(sent, session.csrfToken))
        throw new ApiProblem(403, 'csrf', 'This request lacks the dashboard’s CSRF token.');
    }
  });

  app.post(
    '/session',
    {
      schema: {
        body: Type.Object({ password: Type.String({ maxLength: 1000 }) }),
        response: { 200: Type.Object({ csrfToken: Type.String() }), '4xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      const stored = passwordHash();
      if (!stored) throw new ApiProblem(401, 'no_password', NO_PASSWORD_NOTE);
      if (!verifyPassword(request.body.password, stored)) {
        failures.fail(request.ip, Date.now());
        throw new ApiProblem(401, 'wrong_password', 'That password is not right.', {
          password: 'That password is not right.',
        });
      }
      const { token, csrfToken } = sessions.open(now());
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        // Behind a TLS proxy that TRUST_PROXY does not name, the request looks like http: an
        // https PUBLIC_URL still says the dashboard is reached over https only.
        secure: httpsOnly || request.protocol === 'https',
        path: '/',
        maxAge: SESSION_DAYS * 86_400,
      });
      return { csrfToken };
    },
  );

  // Read by the sign-in page as it opens, so that an owner with no password yet is told how to
  // set one before a first attempt fails. Whether a password is set is no secret: a sign-in
  // attempt says so too.
  app.get(
    '/sign-in',
    {
      schema: {
        response: {
          200: Type.Object({
            passwordSet: Type.Boolean(),
            note: Type.Union([Type.String(), Type.Null()]),
          }),
          '4xx': ErrorSchema,
        },
      },
    },
    async (_request, reply) => {
      const passwordSet = passwordHash() !== null;
      // The CLI may set the password while the server runs: the answer is never kept.
      reply.header('cache-control', 'no-store');
      return { passwordSet, note: passwordSet ? null : NO_PASSWORD_NOTE };
    },
  );

  app.get(
    '/session',
    {
      schema: { response: { 200: Type.Object({ csrfToken: Type.String() }), '4xx': ErrorSchema } },
    },
    async (request) => {
      const token = sessionToken(request);
      const session = token ? sessions.find(token, now()) : null;
      if (!session) throw unauthorizedForSession();
      return { csrfToken: session.csrfToken };
    },
  );

  app.delete(
    '/session',
    { schema: { response: { 204: Type.Null(), '4xx': ErrorSchema } } },
    async (request, reply) => {
      const token = sessionToken(request);
      if (token) sessions.close(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/comments',
    {
      schema: {
        querystring: Type.Object({
          status: Type.Optional(Status),
          site: Type.Optional(Type.String({ maxLength: LIMITS.urlMax })),
          page: Type.Optional(Type.String({ maxLength: LIMITS.urlMax })),
          q: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          before: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: {
          200: Type.Object({ comments: Type.Array(DashboardCommentSchema) }),
          '4xx': ErrorSchema,
        },
      },
    },
    async (request) => {
      const { status = 'pending', site, page, q, limit = 100, before } = request.query;
      const rows = adminStore.list({
        status,
        site: site ? originOf(site) : undefined,
        page: page || undefined,
        search: q?.trim() || undefined,
        before,
        limit,
      });
      return { comments: rows.map(toDashboardComment) };
    },
  );

  app.get('/counts', { schema: { response: { 200: Counts, '4xx': ErrorSchema } } }, async () =>
    adminStore.counts(),
  );

  app.get(
    '/pages',
    {
      schema: {
        response: {
          200: Type.Object({
            pages: Type.Array(Type.Object({ ...PageSummary.properties, site: Type.String() })),
          }),
          '4xx': ErrorSchema,
        },
      },
    },
    async () => ({
      pages: adminStore.pages().map((page) => ({ ...page, site: originOf(page.url) })),
    }),
  );

  /** Carries out one action on one comment; false when it does not apply to that comment. */
  function act(id: number, action: ActionName): boolean {
    const at = now().toISOString();
    switch (action) {
      case 'approve': {
        const row = store.setStatus(id, 'approved', at);
        if (row) notifier.commentApproved(row);
        return row !== null;
      }
      case 'spam':
        return store.setStatus(id, 'spam', at) !== null;
      case 'trash':
        return adminStore.trash(id, at);
      case 'restore':
        return adminStore.restore(id, at);
      case 'pin':
      case 'unpin':
        return adminStore.setPinned(id, action === 'pin', at);
      case 'delete':
        if (!store.findComment(id)) return false;
        store.deleteComment(id, at);
        return true;
    }
  }

  function dashboardComment(id: number) {
    const row = adminStore.find(id);
    if (!row) throw problems.commentNotFound(id);
    return { comment: toDashboardComment(row) };
  }

  const singleRoute = {
    schema: {
      params: CommentIdParamsSchema,
      response: { 200: DashboardResult, '4xx': ErrorSchema },
    },
  };
  for (const action of ['approve', 'spam', 'trash', 'restore', 'pin', 'unpin'] as const) {
    app.post(`/comments/:id/${action}`, singleRoute, async (request) => {
      const { id } = request.params as { id: number };
      if (!act(id, action)) {
        const row = store.findComment(id);
        // A deleted comment's placeholder is no comment to moderate.
        if (!row || row.status === 'deleted') throw problems.commentNotFound(id);
        throw new ApiProblem(409, 'not_applicable', `Comment ${id} cannot be sent to ${action}.`);
      }
      return dashboardComment(id);
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
      if (!act(request.params.id, 'delete')) throw problems.commentNotFound(request.params.id);
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
      const updated = store.inTransaction(
        () => [...new Set(ids)].filter((id) => act(id, action)).length,
      );
      return { updated };
    },
  );

  app.patch(
    '/comments/:id',
    {
      schema: {
        params: CommentIdParamsSchema,
        body: BodySchema,
        response: { 200: DashboardResult, '4xx': ErrorSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const body = request.body.body;
      if (!body) throw problems.invalidInput({ body: 'Please type the comment’s text.' });
      if (!adminStore.edit(id, body, renderCommentHtml(body), now().toISOString()))
        throw problems.commentNotFound(id);
      return dashboardComment(id);
    },
  );

  app.post(
    '/comments/:id/reply',
    {
      schema: {
        params: CommentIdParamsSchema,
        body: BodySchema,
        response: { 201: DashboardResult, '4xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      const parent = store.findModerated(request.params.id);
      if (!parent || parent.status === 'deleted') throw problems.commentNotFound(request.params.id);
      // The reply is public at once; under a comment readers cannot see, it would hang alone.
      if (parent.status !== 'approved')
        throw new ApiProblem(409, 'not_applicable', 'Approve the comment before replying to it.');
      const { value, errors } = validateComment({
        name: ownerName,
        email: 'owner@localhost.invalid',
        body: request.body.body,
      });
      if (!isValid(errors)) throw problems.invalidInput({ body: errors.body ?? 'Invalid.' });
      const row = store.insertOwnerReply(
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
      notifier.commentApproved(row);
      reply.code(201);
      return dashboardComment(row.id);
    },
  );

  app.get(
    '/overview',
    {
      schema: {
        response: {
          200: Type.Object({
            perDay: Type.Array(Type.Object({ day: Type.String(), count: Type.Integer() })),
            statuses: Counts,
            topPages: Type.Array(PageSummary),
          }),
          '4xx': ErrorSchema,
        },
      },
    },
    async () => {
      const today = new Date(`${now().toISOString().slice(0, 10)}T00:00:00.000Z`);
      const days = Array.from({ length: OVERVIEW_DAYS }, (_, index) =>
        new Date(today.getTime() - (OVERVIEW_DAYS - 1 - index) * 86_400_000)
          .toISOString()
          .slice(0, 10),
      );
      const counted = adminStore.perDay(days[0] as string);
      return {
        perDay: days.map((day) => ({ day, count: counted.get(day) ?? 0 })),
        statuses: adminStore.counts(),
        topPages: adminStore.topPages(10),
      };
    },
  );

  app.get(
    '/data',
    {
      schema: {
        querystring: EmailQuerySchema,
        response: { 200: PersonalDataSchema, '4xx': ErrorSchema },
      },
    },
    async (request) => exportPersonalData(store, request.query.email),
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
      erased: erasePersonalData(store, mailStore, request.query.email, now()),
    }),
  );
};
