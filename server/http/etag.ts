/** Conditional reads: whether a request already holds the answer an ETag names. */
import type { FastifyRequest } from 'fastify';

/** True when `If-None-Match` lists `etag`: the answer is then 304, with no body. */
export function holdsEtag(request: FastifyRequest, etag: string): boolean {
  return request.headers['if-none-match']?.split(/\s*,\s*/).includes(etag) ?? false;
}
