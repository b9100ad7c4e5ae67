/**
 * What every request goes through before its route: JSON in UTF-8 only, the security headers
 * of its kind of answer, broken text repaired, and no number that is infinite; and the hook
 * that trims a comment's text, for the routes that take one.
 */
import type { FastifyInstance, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { problems } from '../errors.ts';
import { readerText } from '../i18n/message.ts';
import { securityHeaders } from './security-headers.ts';

export interface RequestHooksOptions {
  /** PUBLIC_URL is https: readers reach the server over https only. */
  httpsOnly: boolean;
}

// Half of a surrogate pair is no character: stored, it would come back as three U+FFFD. NUL
// is no text either (PostgreSQL cannot store it at all), and a browser never sends one: what
// it reads from a page as NUL it reads as U+FFFD.
const BROKEN_TEXT = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The hooks before validation and routing; registered before any route. */
export const requestHooks = fastifyPlugin(
  async (app: FastifyInstance, { httpsOnly }: RequestHooksOptions) => {
    // The API speaks JSON only: text/plain, which Fastify parses by default, gets 415 like the rest.
    app.removeContentTypeParser('text/plain');
    // Hooks are callback-style, not async: they run on every request, and a promise each costs.
    app.addHook('onRequest', (request, _reply, done) => {
      const charset = /charset=([^;\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
      if (charset && charset.toLowerCase().replace(/"/g, '') !== 'utf-8')
        return done(problems.notUtf8(charset));
      done();
    });
    const security = securityHeaders();
    // A page is https when the request came over TLS (or from a proxy TRUST_PROXY names that
    // says so), or when PUBLIC_URL says readers reach the server over https only.
    app.addHook('onRequest', (request, reply, done) => {
      if (request.url.startsWith('/api/')) reply.headers(security.api);
      else
        reply.headers(
          httpsOnly || request.protocol === 'https' ? security.httpsPages : security.httpPages,
        );
      done();
    });
    // Every body's and query's broken UTF-16 and NUL are replaced with U+FFFD, as a browser
    // would; only the routes that take a comment trim it too (trimCommentText): a password or a
    // token is used as sent.
    app.addHook('preValidation', (request, _reply, done) => {
      const repair = (text: string) => text.replace(BROKEN_TEXT, '\uFFFD');
      rewriteBodyText(request.body, repair);
      rewriteBodyText(request.query, repair);
      done();
    });
    // Query strings are coerced to numbers, and "Infinity" passes as one: no limit or id is that.
    app.addHook('preHandler', (request, _reply, done) => {
      for (const values of [request.query, request.params, request.body]) {
        if (!values || typeof values !== 'object') continue;
        for (const [name, value] of Object.entries(values)) {
          if (typeof value === 'number' && !Number.isFinite(value))
            return done(problems.invalidInput({ [name]: readerText('fieldWholeNumber') }));
        }
      }
      done();
    });
  },
  { name: 'request-hooks' },
);

/**
 * Whitespace around what a reader typed is never part of a comment, so limits apply to the
 * rest. Only the routes that take a comment's text add this hook: elsewhere (a password, a
 * token) a body is used exactly as sent.
 */
export function trimCommentText(
  request: FastifyRequest,
  _reply: unknown,
  done: HookHandlerDoneFunction,
): void {
  rewriteBodyText(request.body, (text) => text.trim());
  done();
}

/** Rewrites each text field of a JSON object body with `change`. */
function rewriteBodyText(body: unknown, change: (text: string) => string): void {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return;
  const record = body as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') record[key] = change(value);
  }
}
