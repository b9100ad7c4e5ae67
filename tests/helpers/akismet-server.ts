/**
 * A local HTTP server that speaks Akismet's REST API 1.1 as Akismet documents it
 * (https://akismet.com/developers/): form-encoded POSTs to /1.1/verify-key, /1.1/comment-check,
 * /1.1/submit-spam and /1.1/submit-ham. comment-check answers "true" (spam, with
 * `X-akismet-pro-tip: discard` for the documented test author) or "false", and "invalid" with
 * `X-akismet-debug-help` for a key it does not know; a missing required field is answered the
 * way Akismet does, with the field named. Tests can make it hang or fail, and read every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Akismet's documented author that is always spam. */
export const SPAM_AUTHOR = 'akismet-guaranteed-spam';

const THANKS = 'Thanks for making the web a better place.';

export interface AkismetRequest {
  endpoint: 'verify-key' | 'comment-check' | 'submit-spam' | 'submit-ham' | string;
  fields: Record<string, string>;
  headers: IncomingMessage['headers'];
}

/** How the server answers comment-check: as Akismet would, never, or with an HTTP 500. */
export type CheckBehaviour = 'answer' | 'hang' | 'fail';

export interface AkismetServer {
  /** The base address, for AKISMET_URL. */
  url: string;
  /** Every request so far, in order. */
  requests: AkismetRequest[];
  /** The requests to one endpoint. */
  requestsTo(endpoint: string): AkismetRequest[];
  /** Resolves once `count` requests have come to `endpoint`. */
  waitFor(endpoint: string, count?: number): Promise<AkismetRequest[]>;
  /** How the next comment-checks are answered: all alike, or by what each asks about. */
  checks: CheckBehaviour | ((fields: Record<string, string>) => CheckBehaviour);
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 at a free port; `key` is the one API key it knows. */
export async function startAkismetServer(key: string): Promise<AkismetServer> {
  const requests: AkismetRequest[] = [];
  let waiters: (() => void)[] = [];
  const hanging = new Set<ServerResponse>();

  function answer(response: ServerResponse, body: string, headers: Record<string, string> = {}) {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    response.end(body);
  }

  function commentCheck(fields: Record<string, string>, response: ServerResponse) {
    const behaviour = typeof server.checks === 'function' ? server.checks(fields) : server.checks;
    if (behaviour === 'hang') {
      hanging.add(response);
      return;
    }
    if (behaviour === 'fail') {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('Internal Server Error');
      return;
    }
    if (fields.api_key !== key)
      return answer(response, 'invalid', {
        'x-akismet-debug-help': 'We were unable to parse your blog URI or your API key.',
      });
    for (const required of ['blog', 'user_ip'])
      if (!fields[required])
        return answer(response, `Missing required field: ${required}.`, {
          'x-akismet-debug-help': `Empty "${required}" value`,
        });
    if (fields.user_role === 'administrator') return answer(response, 'false');
    if (fields.comment_author === SPAM_AUTHOR)
      return answer(response, 'true', { 'x-akismet-pro-tip': 'discard' });
    return answer(response, 'false');
  }

  const http = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const endpoint = (request.url ?? '').replace(/^\/1\.1\//, '');
      const fields = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
      requests.push({ endpoint, fields, headers: request.headers });
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
      if (request.method !== 'POST') {
        response.writeHead(405).end();
        return;
      }
      switch (endpoint) {
        case 'verify-key':
          return answer(
            response,
            fields.key === key || fields.api_key === key ? 'valid' : 'invalid',
          );
        case 'comment-check':
          return commentCheck(fields, response);
        case 'submit-spam':
        case 'submit-ham':
          if (fields.api_key !== key) return answer(response, 'Invalid API key.');
          return answer(response, THANKS);
        default:
          response.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  const server: AkismetServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    checks: 'answer',
    requestsTo: (endpoint) => requests.filter((request) => request.endpoint === endpoint),
    async waitFor(endpoint, count = 1) {
      while (server.requestsTo(endpoint).length < count)
        await new Promise<void>((resolve) => waiters.push(resolve));
      return server.requestsTo(endpoint);
    },
    async close() {
      for (const response of hanging) response.destroy();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return server;
}
