/**
 * What the dashboard lists: comments by status, site, page or text; their counts; pages, which
 * the site owner may open or close to new comments by hand; sites.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LIMITS } from '../../../../shared/limits.ts';
import type { Closing } from '../../../comments/closing.ts';
import { problems } from '../../../errors.ts';
import { ownerText } from '../../../i18n/message.ts';
import type { PageSummaryRow } from '../../../storage/admin-store.ts';
import type { Storage } from '../../../storage/storage.ts';
import {
  AdminPageSchema,
  PageListSchema,
  PageOpenChangeSchema,
  QueueCountsSchema,
} from '../../dashboard-schemas.ts';
import { DashboardListSchema, ErrorSchema, StoredStatusSchema } from '../../schemas.ts';
import { toDashboardComment } from './dashboard-comments.ts';

export interface ListRoutesOptions {
  adminStore: Storage['admin'];
  /** Opens and closes pages (setPageOpen, the one door for it). */
  store: Pick<Storage['store'], 'setPageOpen'>;
  /** Whether each page listed takes comments now. */
  closing: Closing;
}

export const listRoutes: FastifyPluginAsyncTypebox<ListRoutesOptions> = async (
  app,
  { adminStore, store, closing },
) => {
  /** A page as the dashboard lists it: its site, its publication and whether it is open now. */
  const toAdminPage = ({ id: _id, published_at, open_override, ...page }: PageSummaryRow) => ({
    ...page,
    site: originOf(page.url),
    published: published_at,
    open: closing.isOpen(page.url, { published_at, open_override }),
  });

  app.get(
    '/comments',
    {
      schema: {
        querystring: Type.Object({
          status: Type.Optional(StoredStatusSchema),
          site: Type.Optional(Type.String({ maxLength: LIMITS.urlMax })),
          page: Type.Optional(Type.String({ maxLength: LIMITS.urlMax })),
          q: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          before: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: { 200: DashboardListSchema, '4xx': ErrorSchema },
      },
    },
    async (request) => {
      const { status = 'pending', site, page, q, limit = 100, before } = request.query;
      const rows = await adminStore.list({
        status,
        site: site ? originOf(site) : undefined,
        page: page || undefined,
        search: q?.trim() || undefined,
        before,
        limit,
      });
      return { comments: rows.map(toDashboardComment) };
    },
  );

  app.get(
    '/counts',
    { schema: { response: { 200: QueueCountsSchema, '4xx': ErrorSchema } } },
    async () => adminStore.counts(),
  );

  // A part of the list of pages at a time, found by address or title: a site with 10,000 pages
  // had answered 1.7 MB to every dashboard that opened.
  app.get(
    '/pages',
    {
      schema: {
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          site: Type.Optional(Type.String({ maxLength: LIMITS.urlMax })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.adminPagesMax })),
          after: Type.Optional(Type.String({ maxLength: LIMITS.urlMax * 2 })),
        }),
        response: { 200: PageListSchema, '4xx': ErrorSchema },
      },
    },
    async (request) => {
      const { q, site, limit = LIMITS.adminPagesDefault, after } = request.query;
      // One more than asked for tells whether the list goes on.
      const rows = await adminStore.pages({
        site: site ? originOf(site) : undefined,
        search: q?.trim() || undefined,
        after: after ? decodePageCursor(after) : undefined,
        limit: limit + 1,
      });
      const shown = rows.slice(0, limit);
      const last = shown[shown.length - 1];
      return {
        pages: shown.map(toAdminPage),
        next: rows.length > limit && last ? encodePageCursor(last) : null,
      };
    },
  );

  // The owner's word on one page, whatever CLOSE_AFTER_DAYS says: what its readers get changes
  // at once, as the thread's answer reads it per request.
  app.patch(
    '/pages',
    {
      schema: {
        body: PageOpenChangeSchema,
        response: { 200: Type.Object({ page: AdminPageSchema }), '4xx': ErrorSchema },
      },
    },
    async (request) => {
      const { key, open } = request.body;
      const row = await store.setPageOpen(key, open);
      if (!row) throw problems.pageNotFound(key);
      return { page: toAdminPage({ ...row, count: row.approved_count }) };
    },
  );

  app.get(
    '/sites',
    {
      schema: {
        response: { 200: Type.Object({ sites: Type.Array(Type.String()) }), '4xx': ErrorSchema },
      },
    },
    async () => ({ sites: await adminStore.sites(LIMITS.adminSitesMax, originOf) }),
  );
};

/** The site an address is on; text that is no address stands for itself. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** A cursor in the list of pages names its last page: its address and id. */
function encodePageCursor(page: { url: string; id: number }): string {
  return Buffer.from(JSON.stringify([page.url, page.id])).toString('base64url');
}

function decodePageCursor(cursor: string): { url: string; id: number } {
  try {
    const [url, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof url === 'string' && Number.isSafeInteger(id)) return { url, id };
  } catch {
    // Falls through to the error below: a cursor is only ever one this server made.
  }
  throw problems.invalidInput({ after: ownerText('pageCursorInvalid') });
}
