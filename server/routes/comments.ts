/** The public comment API: read a page's thread, post a comment, see one's own held comments. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LIMITS } from '../../shared/limits.ts';
import { normalisePageUrl, originOf } from '../../shared/page-key.ts';
import { isValid, validateComment } from '../../shared/validate.ts';
import type { Config } from '../config.ts';
import type { CommentRow, Store } from '../db/store.ts';
import { problems } from '../errors.ts';
import { toOwnComment, visibleThread } from '../present.ts';
import { renderCommentHtml } from '../render.ts';
import {
  ErrorSchema,
  NewCommentSchema,
  OwnCommentsRequestSchema,
  OwnCommentsSchema,
  PostedCommentSchema,
  ThreadQuerySchema,
  ThreadSchema,
} from '../schemas.ts';
import { createToken, hashIp, hashToken } from '../secrets.ts';
import type { SitePolicy } from '../site-policy.ts';

export interface CommentRoutesOptions {
  config: Config;
  store: Store;
  sitePolicy: SitePolicy;
  ipHashKey: string;
}

function pageUrlOrFail(raw: string): string {
  const url = normalisePageUrl(raw);
  if (!url) throw problems.invalidInput({ url: 'The page address must be an http(s) URL.' });
  return url;
}

export const commentRoutes: FastifyPluginAsyncTypebox<CommentRoutesOptions> = async (
  app,
  { config, store, sitePolicy, ipHashKey },
) => {
  const serverOrigin = (request: { protocol: string; host: string }) =>
    `${request.protocol}://${request.host}`;

  app.get(
    '/api/comments',
    {
      schema: {
        querystring: ThreadQuerySchema,
        response: { 200: ThreadSchema, '4xx': ErrorSchema },
      },
    },
    async (request) => {
      const url = pageUrlOrFail(request.query.url);
      const key = request.query.page?.trim() || url;
      const page = store.findPage(key);
      const origin = originOf(url) as string;
      return {
        url,
        page: key,
        title: page?.title ?? null,
        count: page ? store.countApproved(page.id) : 0,
        open: sitePolicy(origin, serverOrigin(request)),
        comments: page ? visibleThread(store.threadRows(page.id)) : [],
      };
    },
  );

  app.post(
    '/api/comments',
    {
      schema: {
        body: NewCommentSchema,
        response: { 201: PostedCommentSchema, '4xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const { value, errors } = validateComment(input);
      const url = normalisePageUrl(input.url);
      if (!url) errors.url = 'The page address must be an http(s) URL.';
      if (!isValid(errors) || !url) throw problems.invalidInput(errors);

      const ownOrigin = serverOrigin(request);
      const pageOrigin = originOf(url) as string;
      if (!sitePolicy(pageOrigin, ownOrigin)) throw problems.siteNotAllowed(pageOrigin);
      // A browser always names the page that sends the request; a page elsewhere must not post
      // on behalf of one of our sites.
      const requestOrigin = request.headers.origin;
      if (requestOrigin && requestOrigin !== 'null' && !sitePolicy(requestOrigin, ownOrigin))
        throw problems.siteNotAllowed(requestOrigin);

      const key = input.page?.trim() || url;
      const parent = input.parent ? store.findComment(input.parent) : null;
      if (input.parent && !isReplyTarget(parent, store.findPage(key)?.id)) {
        throw problems.parentNotFound();
      }

      const token = createToken();
      const now = new Date().toISOString();
      const row = store.insertComment(
        { key, url, title: input.title?.trim() || null },
        {
          parentId: parent?.id ?? null,
          depth: parent ? Math.min(parent.depth + 1, LIMITS.depthMax) : 1,
          status: moderate(config.moderation, () => store.hasApprovedCommentFrom(value.email)),
          name: value.name,
          email: value.email,
          website: value.website || null,
          body: value.body,
          html: renderCommentHtml(value.body),
          tokenHash: hashToken(token),
          ipHash: hashIp(request.ip, ipHashKey),
          userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
          createdAt: now,
        },
      );
      reply.code(201);
      return { comment: toOwnComment(row), token };
    },
  );

  app.post(
    '/api/comments/own',
    {
      schema: {
        body: OwnCommentsRequestSchema,
        response: { 200: OwnCommentsSchema, '4xx': ErrorSchema },
      },
    },
    async (request) => {
      const comments = [];
      for (const token of new Set(request.body.tokens)) {
        const row = store.findByTokenHash(hashToken(token));
        if (row && row.status !== 'deleted') comments.push(toOwnComment(row));
      }
      return { comments };
    },
  );
};

/** A reply may only go under an approved comment of the same page. */
function isReplyTarget(parent: CommentRow | null, pageId: number | undefined): boolean {
  return parent !== null && parent.page_id === pageId && parent.status === 'approved';
}

/** Decides whether a new comment is shown at once or held, per MODERATION. */
function moderate(
  mode: Config['moderation'],
  hasApprovedBefore: () => boolean,
): 'approved' | 'pending' {
  if (mode === 'none') return 'approved';
  if (mode === 'all') return 'pending';
  return hasApprovedBefore() ? 'approved' : 'pending';
}
