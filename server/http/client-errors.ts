/**
 * What a client is told when its request never arrives whole: too slow (the request and
 * headers timeouts), headers too large, or not HTTP at all. Node reports these on the socket,
 * before there is a request for Fastify to answer.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { problems } from '../errors.ts';
import { rawProblemResponse } from './raw-response.ts';

const REQUEST_TIMEOUT = rawProblemResponse(problems.requestTimeout());
const HEADERS_TOO_LARGE = rawProblemResponse(problems.headersTooLarge());
const MALFORMED_REQUEST = rawProblemResponse(problems.malformedRequest());

/** Answers a broken-off or malformed request with our JSON error, then closes its connection. */
export function answerClientError(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Socket,
): void {
  // A reset connection is already gone: there is nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // Clients that give up or send garbage are routine on the open internet, not server errors.
  this.log.debug({ err: error }, 'client connection error');
  if (socket.writable) {
    socket.write(
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? REQUEST_TIMEOUT
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? HEADERS_TOO_LARGE
          : MALFORMED_REQUEST,
    );
  }
  socket.destroy();
}
