/**
 * Answers written straight to a socket, for the moments before Fastify has a request to answer:
 * a connection refused as it is accepted, a request that broke off or never arrived whole. They
 * carry the same JSON error body as every other answer.
 */
import { ApiProblem } from '../errors.ts';

/** Connection-level problems, each with the status, code and message a client is shown. */
export const connectionProblems = {
  tooManyConnections: (retryAfterSeconds: number) =>
    new ApiProblem(
      503,
      'too_many_connections',
      'Too many connections are open from your address. Please try again in a few seconds.',
      undefined,
      retryAfterSeconds,
    ),
  requestTimeout: () =>
    new ApiProblem(
      408,
      'request_timeout',
      'The request took too long to arrive, so the server stopped waiting for it. Please try again.',
    ),
  headersTooLarge: () =>
    new ApiProblem(431, 'headers_too_large', "The request's headers are too large."),
  malformedRequest: () => new ApiProblem(400, 'bad_request', 'The request is not valid HTTP.'),
};

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
  503: 'Service Unavailable',
};

/** The whole HTTP/1.1 answer for `problem`, ending the connection, as bytes ready to write. */
export function rawProblemResponse(problem: ApiProblem): Buffer {
  const body = Buffer.from(
    JSON.stringify({ error: { code: problem.code, message: problem.message } }),
  );
  const head = [
    `HTTP/1.1 ${problem.statusCode} ${REASONS[problem.statusCode] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${body.length}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    ...(problem.retryAfter ? [`Retry-After: ${problem.retryAfter}`] : []),
    'Connection: close',
  ];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]);
}
