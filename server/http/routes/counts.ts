/**
 * GET /api/counts: approved-comment counts for many pages in one request, for index pages, with
 * count.js's words in the language the request chooses (when that is not English).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { countWords } from '../../../shared/i18n/parts.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { normalisePageUrl, originOf } from '../../../shared/page-key.ts';
import type { Config } from '../../config.ts';
import { problems } from '../../errors.ts';
import { readerText } from '../../i18n/message.ts';
import { localeOf } from '../../i18n/request-locale.ts';
import type { Storage } from '../../storage/storage.ts';
import { EntrySchema, ErrorSchema, LocaleSchema } from '../schemas.ts';

const CountsQuerySchema = Type.Object({
  url: Type.Optional(
    Type.Array(Type.String({ maxLength: LIMITS.urlMax }), { maxItems: LIMITS.countsMax }),
  ),
  page: Type.Optional(
    Type.Array(Type.String({ maxLength: LIMITS.pageIdMax }), { maxItems: LIMITS.countsMax }),
  ),
  /** The language the page is in (count.js's data-lang, or its `<html lang>`). */
  lang: Type.Optional(Type.String({ maxLength: 35 })),
});

const CountsSchema = Type.Object({
  /** Each page as the request named it, with its count; pages without comments count 0. */
  counts: Type.Record(Type.String(), Type.Integer()),
  /** The language the counts are told in; absent for English. */
  locale: Type.Optional(LocaleSchema),
  /** count.js's texts in that language, unless it is English (count.js has English's). */
  words: Type.Optional(Type.Record(Type.String(), EntrySchema)),
});

export interface CountRoutesOptions {
  store: Pick<Storage['store'], 'explicitPageKey' | 'countsByKey'>;
  config: Config;
  /** The server's own origin, from its settings. */
  ownOrigin: () => string;
}

export const countRoutes: FastifyPluginAsyncTypebox<CountRoutesOptions> = async (
  app,
  { store, config, ownOrigin },
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
        throw problems.invalidInput({ url: readerText('countsTooMany', { n: LIMITS.countsMax }) });

      // Each page is answered under the name the request gave it, so a script can match them up;
      // a name may stand for more than one key, the first one stored counting.
      const keysOf = new Map<string, string[]>();
      for (const url of urls) {
        const key = normalisePageUrl(url);
        if (!key)
          throw problems.invalidInput({
            url: readerText('countsNotUrl', { url: url.slice(0, 100) }),
          });
        keysOf.set(url, [key]);
      }
      const origins = askingOrigins(request, ownOrigin);
      for (const id of pageIds) {
        const keys: string[] = [];
        for (const origin of origins) keys.push(await store.explicitPageKey(origin, id.trim()));
        keysOf.set(id, keys);
      }

      const found = await store.countsByKey([...new Set([...keysOf.values()].flat())]);
      const counts: Record<string, number> = {};
      for (const [asked, keys] of keysOf) {
        const key = keys.find((candidate) => found.has(candidate));
        counts[asked] = key === undefined ? 0 : (found.get(key) as number);
      }
      const locale = localeOf(request);
      reply.header('cache-control', cacheControl);
      if (!request.query.lang) reply.header('vary', 'Accept-Language');
      return locale === 'en' ? { counts } : { counts, locale, words: countWords(locale) };
    },
  );
};

/**
 * Where the page that asks for counts is, for its page ids: a page id belongs to the site that
 * gave it, as it does for threads. count.js on a site's pages asks across origins, so the
 * browser names theirs. A page of this server (the demo) asks without Origin: it is on our own
 * origin, or wherever it was reached at. This only chooses which site's public counts are read;
 * nothing is allowed by it.
 */
function askingOrigins(
  request: { headers: { origin?: string }; protocol: string; host: string },
  ownOrigin: () => string,
): string[] {
  const asker = request.headers.origin;
  if (asker && asker !== 'null') return [originOf(asker) ?? asker];
  const reached = originOf(`${request.protocol}://${request.host}`);
  return reached && reached !== ownOrigin() ? [ownOrigin(), reached] : [ownOrigin()];
}
