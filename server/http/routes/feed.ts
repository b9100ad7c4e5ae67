/**
 * Comment feeds: GET /feed/comments.atom?url=PAGE_URL for one page's newest approved comments,
 * ?site=ORIGIN for a whole site's. Answered with an ETag from the versions the thread's answers
 * use, so that a feed reader polling a quiet page is told "not modified" without a query.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LIMITS } from '../../../shared/limits.ts';
import { originOf } from '../../../shared/page-key.ts';
import { atomFeed, type FeedHead } from '../../comments/atom-feed.ts';
import type { Config } from '../../config.ts';
import { problems } from '../../errors.ts';
import { readerText } from '../../i18n/message.ts';
import type { FeedCommentRow } from '../../storage/feeds.ts';
import type { Storage } from '../../storage/storage.ts';
import { holdsEtag } from '../etag.ts';
import { ErrorSchema, FeedQuerySchema } from '../schemas.ts';
import { pageKeyOf, pageUrlOrFail } from './comments/pages.ts';

export interface FeedRoutesOptions {
  config: Pick<Config, 'siteOrigins' | 'cacheSeconds' | 'publicUrl'>;
  storage: Pick<Storage, 'store' | 'feeds' | 'pageVersion'>;
  /** What answers' ETags name beside a version (answers-id.ts). */
  answersId: string;
  /** The server's own origin as it stands (PUBLIC_URL's, with the port it listens on). */
  ownOrigin: () => string;
}

/** What a request asks for, once read: the ETag that names its answer, and how to make it. */
interface FeedAnswer {
  etag: string;
  build: () => Promise<string>;
}

const ONE_OF = readerText('feedOneOf');

export const feedRoutes: FastifyPluginAsyncTypebox<FeedRoutesOptions> = async (app, options) => {
  const { config, ownOrigin, answersId } = options;
  const { store, feeds, pageVersion } = options.storage;
  const startedAt = new Date().toISOString();
  const cacheControl = `public, max-age=0, s-maxage=${config.cacheSeconds}`;
  const listed = new Set(config.siteOrigins);

  /** With SITE_ORIGINS set, a feed of any other site is unknown here, as that site is. */
  function refuseUnlisted(origin: string): void {
    if (listed.size > 0 && !listed.has(origin)) throw problems.feedNotFound(origin);
  }

  /** The feed's own address: PUBLIC_URL's, with what the request asked for. */
  function selfLink(query: Record<string, string>): string {
    const base = new URL(config.publicUrl);
    const path = `${base.pathname.replace(/\/+$/, '')}/feed/comments.atom`;
    return `${ownOrigin()}${path}?${new URLSearchParams(query)}`;
  }

  async function pageFeed(rawUrl: string, rawPageId: string | undefined): Promise<FeedAnswer> {
    const url = pageUrlOrFail(rawUrl);
    refuseUnlisted(originOf(url) as string);
    const pageId = rawPageId?.trim() || undefined;
    let key = await pageKeyOf(store, url, pageId);
    let version = await pageVersion(key);
    // A page stored under an id the feed's address did not name is still that address's page.
    if (!version && !pageId) {
      const byUrl = await feeds.pageByUrl(url);
      if (byUrl) {
        key = byUrl.key;
        version = await pageVersion(key);
      }
    }
    // Like the thread: a page only held comments have touched is, to readers, no page at all.
    const shown = version && version.version > 0 ? version : null;
    return {
      etag: `W/"${answersId}.page.${shown ? `${shown.id}.${shown.version}` : 'none'}"`,
      async build() {
        const row = shown ? await store.findPage(key) : null;
        const rows = row ? await feeds.pageComments(row.id, LIMITS.feedEntriesMax) : [];
        const head: FeedHead = {
          name: `page ${key}`,
          title: `Comments on ${row?.title ?? row?.url ?? url}`,
          self: selfLink(pageId ? { url, page: pageId } : { url }),
          alternate: row?.url ?? url,
          emptySince: row?.created_at ?? startedAt,
        };
        return atomFeed(head, rows);
      },
    };
  }

  async function siteFeed(raw: string): Promise<FeedAnswer> {
    const origin = siteOrFail(raw);
    refuseUnlisted(origin);
    const version = await feeds.siteVersion(origin);
    const shown = version && version.pages > 0 ? version : null;
    return {
      etag: `W/"${answersId}.site.${shown ? `${shown.pages}.${shown.version}` : 'none'}"`,
      async build() {
        const rows: FeedCommentRow[] = shown
          ? await feeds.siteComments(origin, LIMITS.feedEntriesMax)
          : [];
        const head: FeedHead = {
          name: `site ${origin}`,
          title: `Comments on ${new URL(origin).host}`,
          self: selfLink({ site: origin }),
          alternate: `${origin}/`,
          emptySince: startedAt,
        };
        return atomFeed(head, rows);
      },
    };
  }

  app.get(
    '/feed/comments.atom',
    {
      schema: {
        querystring: FeedQuerySchema,
        response: { 200: Type.String(), 304: Type.Null(), '4xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      const { url, page, site } = request.query;
      if (url === undefined && site === undefined)
        throw problems.invalidInput({
          url: readerText('feedUrlMissing'),
          site: readerText('feedSiteMissing'),
        });
      if (url !== undefined && site !== undefined)
        throw problems.invalidInput({ url: ONE_OF, site: ONE_OF });
      const answer = url !== undefined ? await pageFeed(url, page) : await siteFeed(site as string);
      reply.header('etag', answer.etag).header('cache-control', cacheControl);
      if (holdsEtag(request, answer.etag)) return reply.code(304).send(null);
      return reply.type('application/atom+xml; charset=utf-8').send(await answer.build());
    },
  );
};

/** The origin a `site` parameter names; a 400 for anything but an origin (a trailing / is one). */
function siteOrFail(raw: string): string {
  const text = raw.trim();
  const origin = originOf(text);
  const url = origin ? new URL(text) : null;
  if (!origin || !url || url.pathname !== '/' || url.search || url.hash || url.username)
    throw problems.invalidInput({
      site: readerText('feedSiteNotOrigin'),
    });
  return origin;
}
