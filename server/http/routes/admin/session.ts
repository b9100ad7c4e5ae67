/**
 * Signing in to the dashboard and out of it: a password checked on libuv's threads, a few at a
 * time, and a session kept in a cookie the browser sends only to this server.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NO_PASSWORD_NOTE, problems } from '../../../errors.ts';
import { SESSION_DAYS } from '../../../storage/session-store.ts';
import type { Storage } from '../../../storage/storage.ts';
import { createPasswordChecker, SESSION_COOKIE } from '../../admin-session.ts';
import { ErrorSchema } from '../../schemas.ts';
import type { AdminAccess } from './access.ts';

export interface SessionRoutesOptions {
  access: AdminAccess;
  sessions: Storage['sessions'];
  /** Reads the stored password hash, which the CLI may change while the server runs. */
  passwordHash: () => Promise<string | null>;
  /** PUBLIC_URL is https: the session cookie is Secure even when the proxy's scheme is unknown. */
  httpsOnly: boolean;
  now: () => Date;
}

/**
 * Sign-in attempts per client per minute, right or wrong: each costs a scrypt check. Above the
 * lockout's ten, so that an owner who mistyped ten times still gets in with the right password.
 */
const SIGN_INS_PER_MINUTE = 20;
/** Passwords checked at once, from all clients; the next attempt is answered 429 at once. */
const SIGN_IN_CHECKS_AT_ONCE = 2;

const CsrfSchema = Type.Object({ csrfToken: Type.String() });

export const sessionRoutes: FastifyPluginAsyncTypebox<SessionRoutesOptions> = async (
  app,
  { access, sessions, passwordHash, httpsOnly, now },
) => {
  const passwords = createPasswordChecker(SIGN_IN_CHECKS_AT_ONCE);

  app.post(
    '/session',
    {
      schema: {
        body: Type.Object({ password: Type.String({ maxLength: 1000 }) }),
        response: { 200: CsrfSchema, '4xx': ErrorSchema },
      },
      config: { rateLimit: { max: SIGN_INS_PER_MINUTE, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const stored = await passwordHash();
      if (!stored) throw problems.noPassword();
      // Checked even while the client is locked out: the right password always gets in, and
      // the rate limit above bounds how many guesses one client has checked.
      const right = await passwords.check(request.body.password, stored);
      if (right === null) throw problems.signInsBusy();
      if (!right) throw await access.refuseWrong(request, problems.wrongPassword());
      const { token, csrfToken } = await sessions.open(now());
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
      const passwordSet = (await passwordHash()) !== null;
      // The CLI may set the password while the server runs: the answer is never kept.
      reply.header('cache-control', 'no-store');
      return { passwordSet, note: passwordSet ? null : NO_PASSWORD_NOTE };
    },
  );

  app.get(
    '/session',
    { schema: { response: { 200: CsrfSchema, '4xx': ErrorSchema } } },
    async (request, reply) => ({
      csrfToken: (await access.findSession(request, reply)).csrfToken,
    }),
  );

  app.delete(
    '/session',
    { schema: { response: { 204: Type.Null(), '4xx': ErrorSchema } } },
    async (request, reply) => {
      const token = access.sessionToken(request);
      if (token) await sessions.close(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};
