/**
 * Who may use the dashboard's API: a request carries either `Authorization: Bearer ADMIN_TOKEN`
 * or the dashboard's session cookie, and with the cookie every change also carries the
 * session's CSRF token. Wrong credentials are counted per client, and past an allowance refused:
 * in the database, so that a client locked out on one instance is on every other.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientSubject } from '../../../comments/defences.ts';
import { type ApiProblem, problems } from '../../../errors.ts';
import { hashToken, secretsEqual } from '../../../storage/secrets.ts';
import type { Storage } from '../../../storage/storage.ts';
import { SESSION_COOKIE } from '../../admin-session.ts';

export interface AdminAccessOptions {
  sessions: Storage['sessions'];
  /** Where wrong credentials are counted, per client. */
  throttles: Storage['throttles'];
  /** Hashes clients' addresses before they are counted. */
  ipHashKey: string;
  /** The SHA-256 of the admin token: a bearer token is checked by its hash. */
  adminTokenHash: string;
  /** The server's clock: sessions expire and lockouts end by it. */
  now: () => Date;
}

export type AdminAccess = ReturnType<typeof createAdminAccess>;

const BEARER = /^Bearer\s+(.+)$/i;
/** Wrong passwords, tokens or session cookies allowed from one client per window. */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;
/** The throttles' scope of wrong credentials. */
const WRONG_CREDENTIALS = 'wrong-credentials';
/** The routes that need no credentials: signing in, and what the sign-in page says before it. */
const OPEN_ROUTES = new Set(['/api/admin/session', '/api/admin/sign-in']);

export function createAdminAccess({
  sessions,
  throttles,
  ipHashKey,
  adminTokenHash,
  now,
}: AdminAccessOptions) {
  function sessionToken(request: FastifyRequest): string | undefined {
    return request.cookies[SESSION_COOKIE];
  }

  /**
   * The answer to a credential found wrong: counted against the client, and past its allowance
   * (MAX_FAILURES within FAILURE_WINDOW_MS of the first) 429 with the wait until that window
   * ends. Only wrong credentials count, and a right one is never refused: a page that makes the
   * owner's browser ask without any (an <img> pointing here) locks nobody out.
   */
  async function refuseWrong(request: FastifyRequest, problem: ApiProblem): Promise<ApiProblem> {
    const at = now();
    const subject = clientSubject(request.ip, ipHashKey);
    const window = await throttles.hit(WRONG_CREDENTIALS, subject, at, FAILURE_WINDOW_MS);
    if (window.hits <= MAX_FAILURES) return problem;
    const left = Date.parse(window.started_at) + FAILURE_WINDOW_MS - at.getTime();
    return problems.rateLimited(Math.max(1, Math.ceil(left / 1000)));
  }

  /** The session a request's cookie names; an unknown or expired one counts as a wrong guess. */
  async function findSession(request: FastifyRequest, reply: FastifyReply) {
    const token = sessionToken(request);
    if (!token) throw problems.unauthorizedForSession();
    const session = await sessions.find(token, now());
    if (session) return session;
    // The browser stops sending a cookie that names no session, and counting it again.
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    throw await refuseWrong(request, problems.unauthorizedForSession());
  }

  return {
    sessionToken,
    refuseWrong,
    findSession,

    /** The onRequest hook of the dashboard's API: throws unless the request may go on. */
    async check(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      if (OPEN_ROUTES.has(request.routeOptions.url ?? '')) return;
      const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1]?.trim();
      if (bearer) {
        if (secretsEqual(hashToken(bearer), adminTokenHash)) return;
        throw await refuseWrong(request, problems.unauthorized());
      }
      if (!sessionToken(request)) throw problems.unauthorized();
      const session = await findSession(request, reply);
      // SameSite=Strict already keeps other sites' pages from using the cookie; the CSRF token
      // is the second lock, for browsers and proxies that do not honour it.
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !secretsEqual(sent, session.csrfToken))
          throw problems.csrf();
      }
    },
  };
}
