/**
 * The public comment API: read a page's thread, post a comment, see one's own held comments,
 * and let an author edit or delete their comment for a while.
 */
import { randomInt } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from 'better-sqlite3';
import fastJson from 'fast-json-stringify';
import type { FastifyBaseLogger } from 'fastify';
import { Type } from 'typebox';
import { LIMITS } from '../../shared/limits.ts';
import { normalisePageUrl, originOf } from '../../shared/page-key.ts';
import { isValid, validateComment } from '../../shared/validate.ts';
import type { CommentPolicy } from '../comment-policy.ts';
import type { Config } from '../config.ts';
import { createGroupCommit } from '../db/group-commit.ts';
import { createPageVersions } from '../db/page-versions.ts';
import type { CommentRow, Store } from '../db/store.ts';
import { problems } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import type { Notifier } from '../notifier.ts';
import { toOwnComment, visibleThread } from '../present.ts';
import { renderCommentHtml } from '../render.ts';
import {
  CommentIdParamsSchema,
  DeleteCommentSchema,
  EditCommentSchema,
  EditedCommentSchema,
  ErrorSchema,
  NewCommentSchema,
  OwnCommentsRequestSchema,
  OwnCommentsSchema,
  PostedCommentSchema,
  ThreadQuerySchema,
  ThreadSchema,
} from '../schemas.ts';
import { createToken, hashIp, hashToken, secretsEqual } from '../secrets.ts';
import type { SitePolicy } from '../site-policy.ts';
import { chooseEncoding, createThreadAnswers } from '../thread-answers.ts';

export interface CommentRoutesOptions {
  config: Config;
  db: Database;
  store: Store;
  sitePolicy: SitePolicy;
  policy: CommentPolicy;
  ipHashKey: string;
  /** Route options that apply the per-client write limit. */
  writeLimit: object;
  notifier: Notifier;
  /** Counts posts by outcome; null when metrics are off. */
  metrics: Pick<Metrics, 'commentPosted' | 'postFailed'> | null;
  /** True the first time in a while an unlisted origin asks for a thread: it is then logged. */
  warnAboutOrigin: (origin: string) => boolean;
}

function pageUrlOrFail(raw: string): string {
  const url = normalisePageUrl(raw);
  if (!url) throw problems.invalidInput({ url: 'The page address must be an http(s) URL.' });
  return url;
}

export const commentRoutes: FastifyPluginAsyncTypebox<CommentRoutesOptions> = async (
  app,
  {
    config,
    db,
    store,
    sitePolicy,
    policy,
    ipHashKey,
    writeLimit,
    notifier,
    metrics,
    warnAboutOrigin,
  },
) => {
  const serverOrigin = (request: { protocol: string; host: string }) =>
    `${request.protocol}://${request.host}`;

  /** Finds the author's own comment, or says why they may not change it. */
  function ownComment(id: number, token: string, now: Date): CommentRow {
    const row = store.findComment(id);
    if (!row || row.status === 'deleted') throw problems.commentNotFound(id);
    if (!row.token_hash || !secretsEqual(hashToken(token), row.token_hash))
      throw problems.notYourComment();
    const age = now.getTime() - Date.parse(row.created_at);
    if (age > config.editWindowMinutes * 60_000)
      throw problems.editWindowClosed(config.editWindowMinutes);
    return row;
  }

  // Caches may keep an answer only as long as the thread's version and this process's settings
  // hold; a restart could change what the same version looks like.
  const bootId = createToken(6);
  const cacheControl = `public, max-age=0, s-maxage=${config.cacheSeconds}`;
  const answers = createThreadAnswers((now) => policy.issueFormToken(now));
  const pageVersion = createPageVersions(db, store.pageVersion);
  const writeTogether = createGroupCommit(db);
  // Reply mail is promised only by a server that can send it. A setting of the server, not of
  // the request, so it belongs in the thread answers kept per page version.
  const replyMail = config.smtpUrl !== null;

  app.get(
    '/api/comments',
    {
      // Answers are kept compressed (server/thread-answers.ts) rather than compressed per read.
      compress: false,
      decompress: false,
      schema: {
        querystring: ThreadQuerySchema,
        response: { 200: ThreadSchema, 304: Type.Null(), '4xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      const { query } = request;
      const limit = query.limit ?? config.pageSize;
      const origin = serverOrigin(request);
      // A site that embeds the widget but is missing from SITE_ORIGINS shows its threads
      // read-only; the owner hears of it once an hour rather than from a puzzled reader. An
      // opaque origin ("null": a sandboxed frame, a file) names no site that could be listed.
      const asker = request.headers.origin;
      if (
        config.siteOrigins.length > 0 &&
        asker &&
        asker !== 'null' &&
        !sitePolicy(asker, origin) &&
        warnAboutOrigin(asker)
      ) {
        request.log.warn(
          { origin: asker, page: query.url },
          'A thread was asked for from an origin outside SITE_ORIGINS: its pages show comments but take no new ones. Add the origin to SITE_ORIGINS if it is one of your sites.',
        );
      }
      // Named by the request as it came: a kept answer spares reading the address again.
      const name = `${query.url}\n${query.page ?? ''}\n${query.after ?? ''}\n${limit}\n${origin}`;
      let key = answers.pageKeyOf(name);
      let url: string | undefined;
      if (key === undefined) {
        url = pageUrlOrFail(query.url);
        key = query.page?.trim() || url;
      }
      const page = pageVersion(key);

      const etag = `W/"${bootId}.${page ? `${page.id}.${page.version}` : 'none'}"`;
      const vary = reply.getHeader('vary');
      reply
        .header('etag', etag)
        .header('cache-control', cacheControl)
        .header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
      if (request.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
        return reply.code(304).send(null);
      }

      const pageKey = key;
      const { bytes, encoding } = answers.body(
        name,
        { key: pageKey, version: page?.version ?? -1 },
        chooseEncoding(request.headers['accept-encoding']),
        new Date(),
        () => {
          const pageUrl = url ?? pageUrlOrFail(query.url);
          const after = query.after ? decodeCursor(query.after) : null;
          const row = page ? store.findPage(pageKey) : null;
          const slice = row ? store.threadPage(row.id, after, limit) : null;
          return serializeThread({
            editWindowMinutes: config.editWindowMinutes,
            url: pageUrl,
            page: pageKey,
            title: row?.title ?? null,
            count: row?.approved_count ?? 0,
            open: sitePolicy(originOf(pageUrl) as string, origin),
            notify: replyMail,
            comments: slice ? visibleThread(slice.rows) : [],
            next: slice?.more && slice.last ? encodeCursor(slice.last) : null,
          });
        },
      );
      if (encoding !== 'identity') reply.header('content-encoding', encoding);
      // Bytes go out as they are: they were serialised through the thread's schema.
      return reply.type('application/json; charset=utf-8').send(bytes as unknown as null);
    },
  );

  app.post(
    '/api/comments',
    {
      ...writeLimit,
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

      const token = createToken();
      const now = new Date();
      // A bot that fills the hidden field is told what a held comment looks like, and nothing
      // is stored: it learns nothing to adapt to.
      if (input.homepage) {
        metrics?.commentPosted('refused');
        reply.code(201);
        return { comment: decoy(value.name, now), token };
      }

      const key = input.page?.trim() || url;
      const html = renderCommentHtml(value.body);
      let held: string | null = null;
      // The checks that read the database run with the insert, so that posts written together
      // see each other: a double-click's second comment is still found to be a duplicate.
      const row = await writeTogether(() => {
        const page = store.findPage(key);
        const parent = input.parent ? store.findComment(input.parent) : null;
        if (input.parent && !isReplyTarget(parent, page?.id)) throw problems.parentNotFound();
        const judgement = policy.judgeNew(
          { text: value, html, ip: request.ip, form: input.form, pageId: page?.id ?? null },
          now,
        );
        const { status } = judgement;
        held = judgement.held;
        return store.insertComment(
          { key, url, title: input.title?.trim() || null },
          {
            parentId: parent?.id ?? null,
            depth: parent ? Math.min(parent.depth + 1, LIMITS.depthMax) : 1,
            status,
            name: value.name,
            email: value.email,
            website: value.website || null,
            body: value.body,
            html,
            tokenHash: hashToken(token),
            ipHash: config.storeIp ? hashIp(request.ip, ipHashKey) : null,
            userAgent: config.storeIp
              ? (request.headers['user-agent']?.slice(0, 500) ?? null)
              : null,
            createdAt: now.toISOString(),
            // Without mail, a ticked box (an old form, a script) is ignored, not refused: the
            // reader's comment is fine, and a wish that can never be honoured is not stored.
            notify: replyMail && input.notify === true,
          },
        );
      }).catch((error: unknown) => {
        // Counted once the transaction has settled: a refusal inside it is a refusal for good.
        metrics?.postFailed(error);
        throw error;
      });
      metrics?.commentPosted(row.status === 'approved' ? 'approved' : 'held');
      if (held) logHeld(request.log, row.id, url, held);
      notifier.commentPosted(row);
      if (row.status === 'approved') notifier.commentApproved(row);
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

  app.patch(
    '/api/comments/:id',
    {
      ...writeLimit,
      schema: {
        params: CommentIdParamsSchema,
        body: EditCommentSchema,
        response: { 200: EditedCommentSchema, '4xx': ErrorSchema },
      },
    },
    async (request) => {
      const now = new Date();
      const row = ownComment(request.params.id, request.body.token, now);
      const { value, errors } = validateComment({
        ...row,
        website: row.website ?? '',
        body: request.body.body,
      });
      if (errors.body) throw problems.invalidInput({ body: errors.body });
      const html = renderCommentHtml(value.body);
      const { status, held } = policy.judgeEdit(value, html, request.ip, row.status as 'approved');
      const edited = store.editComment(
        row.id,
        { body: value.body, html, status },
        now.toISOString(),
      );
      if (held)
        logHeld(
          request.log,
          row.id,
          store.findModerated(row.id)?.page_url ?? '',
          `edited, ${held}`,
        );
      return { comment: toOwnComment(edited as CommentRow) };
    },
  );

  app.delete(
    '/api/comments/:id',
    {
      ...writeLimit,
      schema: {
        params: CommentIdParamsSchema,
        body: DeleteCommentSchema,
        response: { 204: Type.Null(), '4xx': ErrorSchema },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const row = ownComment(request.params.id, request.body.token, now);
      store.deleteComment(row.id, now.toISOString());
      return reply.code(204).send(null);
    },
  );
};

// Serialised once per thread version, through the same schema that decides what readers see.
const serializeThread = fastJson(Type.Omit(ThreadSchema, ['form']));

/** A cursor names the last top-level comment shown: its time and id, in that order. */
function encodeCursor(row: CommentRow): string {
  return Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { created: string; id: number } {
  try {
    const [created, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof created === 'string' && Number.isSafeInteger(id)) return { created, id };
  } catch {
    // Falls through to the error below: a cursor is only ever one this server made.
  }
  throw problems.invalidInput({ after: 'This is not a cursor from a previous page.' });
}

/**
 * One line for the site owner when a comment waits for them: which, on which page, and why.
 * Nothing its author typed or sent (name, email, address) is logged: the dashboard shows that.
 */
function logHeld(log: FastifyBaseLogger, comment: number, page: string, reason: string): void {
  log.info({ comment, page, reason }, 'Comment held for moderation');
}

/** A reply may only go under an approved comment of the same page. */
function isReplyTarget(parent: CommentRow | null, pageId: number | undefined): boolean {
  return parent !== null && parent.page_id === pageId && parent.status === 'approved';
}

/** What a held comment would look like, for a bot that filled the honeypot. */
function decoy(name: string, now: Date) {
  return {
    id: randomInt(1, 2 ** 31),
    parent: null,
    depth: 1,
    name,
    website: null,
    html: '',
    created: now.toISOString(),
    status: 'pending' as const,
    body: '',
  };
}
