/**
 * The site owner's API under /api/admin: sign in, moderate comments one by one or in bulk, reply
 * as the owner, see the overview, and export or erase everything stored about one email address.
 * Requests carry either `Authorization: Bearer ADMIN_TOKEN` or the dashboard's session cookie,
 * and with the cookie every change also carries the session's CSRF token.
 */
import cookie from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { LIMITS } from '../../../shared/limits.ts';
import { isValid, validateComment } from '../../../shared/validate.ts';
import { createLockout } from '../../comments/defences.ts';
import { erasePersonalData, exportPersonalData } from '../../comments/personal-data.ts';
import { toModeratedComment } from '../../comments/present.ts';
import { renderCommentHtml } from '../../comments/render.ts';
import { ApiProblem, problems } from '../../errors.ts';
import type { Notifier } from '../../moderation/notifier.ts';
import { createModeration, type ModerationAct } from '../../moderation/service.ts';
import type { AdminStore, DashboardCommentRow } from '../../storage/admin-store.ts';
import type { MailStore } from '../../storage/mail-store.ts';
import { createToken, hashToken, secretsEqual } from '../../storage/secrets.ts';
import type { Store } from '../../storage/store.ts';
import {
  createPasswordChecker,
  SESSION_COOKIE,
  SESSION_DAYS,
  type SessionStore,
} from '../admin-session.ts';
import {
  CommentIdParamsSchema,
  ErrorSchema,
  ModeratedCommentSchema,
  PersonalDataSchema,
} from '../schemas.ts';
import { trimCommentText } from './comments.ts';

export interface AdminRoutesOptions {
  store: Store;
  adminStore: AdminStore;
  sessions: SessionStore;
  /** The SHA-256 of the admin token: a bearer token is checked by its hash. */
  adminTokenHash: string;
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
/** Wrong passwords, tokens or session cookies allowed from one client per window. */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;
/**
 * Sign-in attempts per client per minute, right or wrong: each costs a scrypt check. Above the
 * lockout's ten, so that an owner who mistyped ten times still gets in with the right password.
 */
const SIGN_INS_PER_MINUTE = 20;
/** Passwords checked at once, from all clients; the next attempt is answered 429 at once. */
const SIGN_IN_CHECKS_AT_ONCE = 2;
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
  Type.Literal('unapprove'),
  Type.Literal('spam'),
  Type.Literal('trash'),
  Type.Literal('restore'),
  Type.Literal('delete'),
  Type.Literal('pin'),
  Type.Literal('unpin'),
]);

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

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** A cursor in the list of pages names its last page: its address and id. */
function encodePageCursor(page: { url: string; id: number }): string {
  return Buffer.from(JSON.stringify([page.url, page.id])).toString('base64url');
}

function decodePageCursor(cursor: string): { url: string; id: number } {
  try {
    const [url, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof url === 'string' && Number.isSafeInteger(id)) return { url, id };
  } catch {
    // Falls through to the error below: a cursor is only ever one this server made.
  }
  throw problems.invalidInput({ after: 'This is not a cursor from a previous part of the list.' });
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

/**
 * 409: the comment is there, but not where the act starts from (an unapprove of a comment that
 * is not approved, a trash of one in the trash). The message says where it is.
 */
function notApplicable(id: number, act: ModerationAct, status: string): ApiProblem {
  const message =
    act === 'unapprove'
      ? `Comment ${id} is not approved (it is ${status}), so it cannot be unapproved.`
      : `Comment ${id} cannot be sent to ${act}.`;
  return new ApiProblem(409, 'not_applicable', message);
}

const unauthorizedForSession = () =>
  new ApiProblem(401, 'unauthorized', 'Please sign in to the dashboard, or send the admin token.');
const wrongPassword = () =>
  new ApiProblem(401, 'wrong_password', 'That password is not right.', {
    password: 'That password is not right.',
  });
// 429, not 503: the server is well, and a refusal under attack is no error to log.
const signInsBusy = () =>
  new ApiProblem(
    429,
    'busy',
    'Too many sign-ins are being checked right now. Please try again in a moment.',
    undefined,
    1,
  );

export const adminRoutes: FastifyPluginAsyncTypebox<AdminRoutesOptions> = async (app, options) => {
  const {
    store,
    adminStore,
    sessions,
    adminTokenHash,
    passwordHash,
    ownerName,
    httpsOnly,
    mailStore,
    notifier,
  } = options;
  // Only the dashboard's API reads or sets cookies; the reader-facing routes never pay for them.
  await app.register(cookie);
  const lockout = createLockout(MAX_FAILURES, FAILURE_WINDOW_MS);
  const passwords = createPasswordChecker(SIGN_IN_CHECKS_AT_ONCE);
  const now = () => new Date();
  const moderation = createModeration({ store, adminStore, notifier, now });

  function sessionToken(request: FastifyRequest): string | undefined {
    return request.cookies[SESSION_COOKIE];
  }

  /**
   * The answer to a credential found wrong: counted against the client, and past its allowance
   * 429 with the wait. Only wrong credentials count, and a right one is never refused: a page
   * that makes the owner's browser ask without any (an <img> pointing here) locks nobody out.
   */
  function refuseWrong(request: FastifyRequest, problem: ApiProblem): ApiProblem {
    const wait = lockout.fail(request.ip, Date.now());
    return wait > 0 ? problems.rateLimited(wait) : problem;
  }

  /** The session a request's cookie names; an unknown or expired one counts as a wrong guess. */
  function findSession(request: FastifyRequest, reply: FastifyReply) {
    const token = sessionToken(request);
    if (!token) throw unauthorizedForSession();
    const session = sessions.find(token, now());
    if (session) return session;
    // The browser stops sending a cookie that names no session, and counting it again.
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    throw refuseWrong(request, unauthorizedForSession());
  }

  app.addHook('onRequest', async (request, reply) => {
    // Signing in, and what the sign-in page says before it, need no credentials.
    const route = request.routeOptions.url;
    if (route === '/api/admin/session' || route === '/api/admin/sign-in') return;

    const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1]?.trim();
    if (bearer) {
      if (secretsEqual(hashToken(bearer), adminTokenHash)) return;
      throw refuseWrong(request, problems.unauthorized());
    }
    if (!sessionToken(request)) throw problems.unauthorized();
    const session = findSession(request, reply);
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
      config: { rateLimit: { max: SIGN_INS_PER_MINUTE, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const stored = passwordHash();
      if (!stored) throw new ApiProblem(401, 'no_password', NO_PASSWORD_NOTE);
      // Checked even while the client is locked out: the right password always gets in, and
      // the rate limit above bounds how many guesses one client has checked.
      const right = await passwords.check(request.body.password, stored);
      if (right === null) throw signInsBusy();
      if (!right) throw refuseWrong(request, wrongPassword());
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
    async (request, reply) => ({ csrfToken: findSession(request, reply).csrfToken }),
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

  // A part of the list of pages at a time, found by address or title: a site with 10,000 pages
  // had answered 1.7 MB to every dashboard that opened.
  app.get(
    '/pages',
    {
      schema: {
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          site: Type.Optional(Type.String({ maxLength: LIMITS.urlMax })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.adminPagesMax })),
          after: Type.Optional(Type.String({ maxLength: LIMITS.urlMax * 2 })),
        }),
        response: {
          200: Type.Object({
            pages: Type.Array(Type.Object({ ...PageSummary.properties, site: Type.String() })),
            next: Type.Union([Type.String(), Type.Null()]),
          }),
          '4xx': ErrorSchema,
        },
      },
    },
    async (request) => {
      const { q, site, limit = LIMITS.adminPagesDefault, after } = request.query;
      // One more than asked for tells whether the list goes on.
      const rows = adminStore.pages({
        site: site ? originOf(site) : undefined,
        search: q?.trim() || undefined,
        after: after ? decodePageCursor(after) : undefined,
        limit: limit + 1,
      });
      const shown = rows.slice(0, limit);
      const last = shown[shown.length - 1];
      return {
        pages: shown.map(({ id: _id, ...page }) => ({ ...page, site: originOf(page.url) })),
        next: rows.length > limit && last ? encodePageCursor(last) : null,
      };
    },
  );

  app.get(
    '/sites',
    {
      schema: {
        response: { 200: Type.Object({ sites: Type.Array(Type.String()) }), '4xx': ErrorSchema },
      },
    },
    async () => ({ sites: adminStore.sites(LIMITS.adminSitesMax, originOf) }),
  );

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
  const acts = ['approve', 'unapprove', 'spam', 'trash', 'restore', 'pin', 'unpin'] as const;
  for (const action of acts) {
    app.post(`/comments/:id/${action}`, singleRoute, async (request) => {
      const { id } = request.params as { id: number };
      const outcome = moderation.act(id, action);
      if (outcome.result === 'missing') throw problems.commentNotFound(id);
      if (outcome.result === 'not_applicable') throw notApplicable(id, action, outcome.status);
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
      if (moderation.act(request.params.id, 'delete').result === 'missing')
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
      return { updated: moderation.actOnMany(ids, action) };
    },
  );

  app.patch(
    '/comments/:id',
    {
      preValidation: trimCommentText,
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
      if (!moderation.edit(id, body)) throw problems.commentNotFound(id);
      return dashboardComment(id);
    },
  );

  app.post(
    '/comments/:id/reply',
    {
      preValidation: trimCommentText,
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
