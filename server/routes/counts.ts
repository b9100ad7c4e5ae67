/** GET /api/counts: approved-comment counts for many pages in one request, for index pages. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LIMITS } from '../../shared/limits.ts';
import { normalisePageUrl } from '../../shared/page-key.ts';
import type { Config } from '../config.ts';
import type { Store } from '../db/store.ts';
import { problems } from '../errors.ts';
import { ErrorSchema } from '../schemas.ts';

const CountsQuerySchema = Type.Object({
  url: Type.Optional(
    Type.Array(Type.String({ maxLength: LIMITS.urlMax }), { maxItems: LIMITS.countsMax }),
  ),
  page: Type.Optional(
    Type.Array(Type.String({ maxLength: LIMITS.pageIdMax }), { maxItems: LIMITS.countsMax }),
  ),
});

const CountsSchema = Type.Object({
  /** Each page as the request named it, with its count; pages without comments count 0. */
  counts: Type.Record(Type.String(), Type.Integer()),
});

export const countRoutes: FastifyPluginAsyncTypebox<{ store: Store; config: Config }> = async (
  app,
  { store, config },
) => {
  const cacheControl = `public, max-age=0, s-maxage=${config.cacheSeconds}`;

  app.get(
    '/api/counts',
    {
      schema: {
        querystring: CountsQuerySchema,
        response: { 200: CountsSchema, '4xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      const { url: urls = [], page: pageIds = [] } = request.query;
      if (urls.length + pageIds.length > LIMITS.countsMax)
        throw problems.invalidInput({ url: `Ask for at most ${LIMITS.countsMax} pages at once.` });

      // Each page is answered under the name the request gave it, so a script can match them up.
      const keyOf = new Map<string, string>();
      for (const url of urls) {
        const key = normalisePageUrl(url);
        if (!key)
          throw problems.invalidInput({ url: `"${url.slice(0, 100)}" is not an http(s) URL.` });
        keyOf.set(url, key);
      }
      for (const id of pageIds) keyOf.set(id, id.trim());

      const found = store.countsByKey([...new Set(keyOf.values())]);
      const counts: Record<string, number> = {};
      for (const [asked, key] of keyOf) counts[asked] = found.get(key) ?? 0;
      reply.header('cache-control', cacheControl);
      return { counts };
    },
  );
};
