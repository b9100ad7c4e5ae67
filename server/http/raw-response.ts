/**
 * Answers written straight to a socket, for the moments before Fastify has a request to answer:
 * a connection refused as it is accepted, a request that broke off or never arrived whole. They
 * carry the same JSON error body as every other answer.
 */
import type { ApiProblem } from '../errors.ts';

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
