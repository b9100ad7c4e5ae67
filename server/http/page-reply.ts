/** How the server's own HTML pages are answered: the links in mail, the page without JavaScript. */
import type { FastifyReply } from 'fastify';

/**
 * Sends `page` with `status`, never kept by a cache: what such a page says depends on what its
 * link or form just did. `noindex` keeps search engines from listing it.
 */
export function sendPage(
  reply: FastifyReply,
  status: number,
  page: string,
  { noindex = false }: { noindex?: boolean } = {},
) {
  reply.code(status).header('cache-control', 'no-store');
  if (noindex) reply.header('x-robots-tag', 'noindex');
  return reply.type('text/html; charset=utf-8').send(page);
}
