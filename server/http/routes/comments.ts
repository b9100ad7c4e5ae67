/**
 * The public comment API: read a page's thread, post a comment, see one's own held comments,
 * and let an author edit or delete their comment for a while.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from 'better-sqlite3';
import fastJson from 'fast-json-stringify';
import type { FastifyBaseLogger, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { Type } from 'typebox';
import { LIMITS } from '../../../shared/limits.ts';
import { normalisePageUrl, originOf } from '../../../shared/page-key.ts';
import { type CommentFields, isValid, validateComment } from '../../../shared/validate.ts';
import type { CommentPolicy } from '../../comments/policy.ts';
import { toOwnComment, visibleThread } from '../../comments/present.ts';
import { renderCommentHtml } from '../../comments/render.ts';
import { chooseEncoding, createThreadAnswers } from '../../comments/thread-answers.ts';
import type { Config } from '../../config.ts';
import { problems } from '../../errors.ts';
import type { Notifier } from '../../moderation/notifier.ts';
import { createGroupCommit } from '../../storage/group-commit.ts';
import { createPageVersions } from '../../storage/page-versions.ts';
import { createToken, hashIp, hashToken, secretsEqual } from '../../storage/secrets.ts';
import type { CommentRow, PageRow, Store, ThreadCursor } from '../../storage/store.ts';
import type { Metrics } from '../metrics.ts';
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
import type { SitePolicy } from '../site-policy.ts';

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
  metrics: Pick<Metrics, 'commentPosted' | 'postFailed' | 'watchThreadCache'> | null;
  /** True the first time in a while an unlisted origin asks for a thread: it is then logged. */
  warnAboutOrigin: (origin: string) => boolean;
}

/**
 * Requests for an author's own comments per client per minute, while rate limits are on
 * (RATE_LIMIT_PER_MINUTE above 0). The widget asks once per page view that has comments of the
 * reader's, so a reader never comes near it; each request may name LIMITS.ownCommentsMax
 * tokens, each hashed and looked up, and an unlimited client could keep the server busy.
 */
export const OWN_COMMENTS_PER_MINUTE = 60;

/**
 * Whitespace around what a reader typed is never part of a comment, so limits apply to the
 * rest. Only the routes that take a comment's text trim: elsewhere (a password, a token) a
 * body is used exactly as sent.
 */
export function trimCommentText(
  request: FastifyRequest,
  _reply: unknown,
  done: HookHandlerDoneFunction,
): void {
  const body = request.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (typeof value === 'string') record[key] = value.trim();
    }
  }
  done();
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
  /**
   * The stored page's own address decides whether it takes comments, not the address a post
   * came with: however its key was reached, a page of a site that may not take comments takes
   * none.
   */
  function refuseClosedPage(page: PageRow | null): void {
    if (!page) return;
    const origin = originOf(page.url);
    if (!origin || !sitePolicy(origin)) throw problems.siteNotAllowed(origin ?? page.url);
  }

  /**
   * Where a page's comments are stored: under its explicit id within the origin of its address,
   * else under its address. An id equal to the address names the page by address, as the
   * widget does when it sends none.
   */
  const pageKeyOf = (url: string, pageId: string | undefined): string => {
    const id = pageId?.trim();
    return id && id !== url ? store.explicitPageKey(originOf(url) as string, id) : url;
  };

  /**
   * Finds the author's own comment, or says why they may not change it. One the site owner
   * marked as spam or moved to the trash is out of its author's hands, and answers as a deleted
   * one does, before the token is looked at: a spammer, to whom spam looks held, learns only
   * that it is gone, and a 403 would confirm to anyone that a comment with that id exists.
   */
  function ownComment(
    id: number,
    token: string,
    now: Date,
  ): CommentRow & { status: 'approved' | 'pending' } {
    const row = store.findComment(id);
    if (!row || !isAuthorsToChange(row)) throw problems.commentNotFound(id);
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
  const answers = createThreadAnswers(
    (now, pageKey) => policy.issueFormToken(now, pageKey),
    config.threadCacheMb * 1024 * 1024,
  );
  metrics?.watchThreadCache(answers.kept);
  const pageVersion = createPageVersions(db, store.pageVersion);
  const writeTogether = createGroupCommit(db);
  // Reply mail is promised only by a server that can send it. A setting of the server, not of
  // the request, so it belongs in the thread answers kept per page version.
  const replyMail = config.smtpUrl !== null;

  app.get(
    '/api/comments',
    {
      // Answers are kept compressed (server/comments/thread-answers.ts) rather than compressed per read.
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
      // A site that embeds the widget but is missing from SITE_ORIGINS shows its threads
      // read-only; the owner hears of it once an hour rather than from a puzzled reader. An
      // opaque origin ("null": a sandboxed frame, a file) names no site that could be listed.
      const asker = request.headers.origin;
      if (
        config.siteOrigins.length > 0 &&
        asker &&
        asker !== 'null' &&
        !sitePolicy(asker) &&
        warnAboutOrigin(asker)
      ) {
        request.log.warn(
          { origin: asker, page: query.url },
          'A thread was asked for from an origin outside SITE_ORIGINS: its pages show comments but take no new ones. Add the origin to SITE_ORIGINS if it is one of your sites.',
        );
      }
      // Named by the request as it came: a kept answer spares reading the address again. Nothing
      // of the request's Host is in it: the answer (`open` above all) is the same whoever asks.
      const name = `${query.url}\n${query.page ?? ''}\n${query.after ?? ''}\n${limit}`;
      // The answer itself is kept under what it is about, however the address was spelt
      // (#comments, ?utm_source=…): spellings cannot multiply what is kept.
      let meaning = answers.nameOf(name);
      let url: string | undefined;
      if (meaning === undefined) {
        url = pageUrlOrFail(query.url);
        const pageKey = pageKeyOf(url, query.page);
        const cursor = query.after ? decodeCursor(query.after) : null;
        const answerKey = JSON.stringify([pageKey, url, query.page?.trim() || '', cursor, limit]);
        meaning = { pageKey, answerKey };
        answers.rememberName(name, meaning);
      }
      const key = meaning.pageKey;
      // A page that only held comments have touched is, to readers, a page without comments:
      // its ETag and its answer say nothing of them.
      const stored = pageVersion(key);
      const page = stored && stored.version > 0 ? stored : null;

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
        meaning.answerKey,
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
            // The id as the page gave it; the origin it is stored within is the server's affair.
            page: query.page?.trim() || pageUrl,
            title: row?.title ?? null,
            count: row?.approved_count ?? 0,
            open: sitePolicy(originOf(pageUrl) as string),
            notify: replyMail,
            comments: slice ? visibleThread(slice.rows, slice.cut) : [],
            next: slice?.next ? encodeCursor(slice.next) : null,
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
      preValidation: trimCommentText,
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

      const pageOrigin = originOf(url) as string;
      if (!sitePolicy(pageOrigin)) throw problems.siteNotAllowed(pageOrigin);
      // A browser always names the page that sends the request; a page elsewhere must not post
      // on behalf of one of our sites. "null" (a sandboxed frame, a file, a redirect across
      // sites) names no site at all, so it is refused like any unlisted one: otherwise a page
      // anywhere could post by framing its form in a sandbox.
      const requestOrigin = request.headers.origin;
      if (requestOrigin !== undefined && !sitePolicy(requestOrigin))
        throw problems.siteNotAllowed(requestOrigin);

      const token = createToken();
      const now = new Date();
      const key = pageKeyOf(url, input.page);
      // Everything that needs neither the database nor the rendered text comes first (the form
      // token for this page, flood control, the block lists): rendering 10 KB of markdown takes
      // milliseconds, and a stream of forged posts must not take them from readers.
      try {
        policy.screenNew({ text: value, ip: request.ip, form: input.form, pageKey: key }, now);
      } catch (error) {
        metrics?.postFailed(error);
        throw error;
      }
      const html = renderCommentHtml(value.body);
      // A bot that fills the hidden field is told what a held comment looks like, its own text
      // rendered as a held comment's is, and nothing is stored: it learns nothing to adapt to.
      if (input.homepage) {
        const page = store.findPage(key);
        refuseClosedPage(page);
        const parent = input.parent ? store.findComment(input.parent) : null;
        if (input.parent && !isReplyTarget(parent, page?.id)) throw problems.parentNotFound();
        // Judged as a real post is, so that it starts the flood window and meets the duplicate
        // check as one would; whatever the judgement, it is answered as held.
        try {
          policy.judgeNew({ text: value, html, ip: request.ip, pageId: page?.id ?? null }, now);
        } catch (error) {
          metrics?.postFailed(error);
          throw error;
        }
        metrics?.commentPosted('refused');
        reply.code(201);
        return {
          comment: toOwnComment(
            heldLookalike(store.nextCommentId(), parent, value, html, now.toISOString()),
          ),
          token,
        };
      }

      let held: string | null = null;
      let judged = false;
      // The checks that read the database run with the insert, so that posts written together
      // see each other: a double-click's second comment is still found to be a duplicate.
      const row = await writeTogether(() => {
        const page = store.findPage(key);
        refuseClosedPage(page);
        const parent = input.parent ? store.findComment(input.parent) : null;
        if (input.parent && !isReplyTarget(parent, page?.id)) throw problems.parentNotFound();
        const judgement = policy.judgeNew(
          { text: value, html, ip: request.ip, pageId: page?.id ?? null },
          now,
        );
        const { status } = judgement;
        held = judgement.held;
        judged = true;
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
        // A comment that passed its checks and was still not stored (a full disk, a read-only
        // database) does not count as posted: the 503 says to try again, and that may be now.
        if (judged) policy.forgetNew(request.ip, now);
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
      ...(config.rateLimitPerMinute > 0
        ? { config: { rateLimit: { max: OWN_COMMENTS_PER_MINUTE, timeWindow: 60_000 } } }
        : {}),
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
      preValidation: trimCommentText,
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
      const { status, held } = policy.judgeEdit(value, html, request.ip, row.status);
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

/**
 * A cursor names the last top-level comment shown, by time and id: `[created, id]`. A page that
 * ended inside that comment's replies adds the last reply shown, `[created, id, replyCreated,
 * replyId]`; one that ended among the pinned comments leading the first page adds `1` after
 * that (with nulls where no reply is named).
 */
function encodeCursor(cursor: ThreadCursor): string {
  const parts: unknown[] = [cursor.created, cursor.id];
  if (cursor.reply || cursor.pinned)
    parts.push(cursor.reply?.created ?? null, cursor.reply?.id ?? null);
  if (cursor.pinned) parts.push(1);
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor(text: string): ThreadCursor {
  try {
    const parts: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length <= 5) {
      const [created, id, replyCreated = null, replyId = null, pinned = 0] = parts;
      if (
        typeof created === 'string' &&
        Number.isSafeInteger(id) &&
        (replyCreated === null) === (replyId === null) &&
        (replyCreated === null || typeof replyCreated === 'string') &&
        (replyId === null || Number.isSafeInteger(replyId)) &&
        (pinned === 0 || pinned === 1)
      ) {
        const cursor: ThreadCursor = { created, id };
        if (replyCreated !== null) cursor.reply = { created: replyCreated, id: replyId };
        if (pinned === 1) cursor.pinned = true;
        return cursor;
      }
    }
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

/** An author may change a comment that is shown or waits for moderation, nothing else. */
function isAuthorsToChange(
  row: CommentRow,
): row is CommentRow & { status: 'approved' | 'pending' } {
  return row.status === 'approved' || row.status === 'pending';
}

/** A reply may only go under an approved comment of the same page. */
function isReplyTarget(parent: CommentRow | null, pageId: number | undefined): boolean {
  return parent !== null && parent.page_id === pageId && parent.status === 'approved';
}

/**
 * The row a held comment with this text would be, for a bot that filled the honeypot: answered
 * through the same mapping as a real one, so that its answer has the same fields and values
 * (the id the next comment gets, its reply depth, its rendered text). It is never stored.
 */
function heldLookalike(
  id: number,
  parent: CommentRow | null,
  text: CommentFields,
  html: string,
  created: string,
): CommentRow {
  return {
    id,
    page_id: parent?.page_id ?? 0,
    parent_id: parent?.id ?? null,
    root_id: parent ? (parent.root_id ?? parent.id) : null,
    depth: parent ? Math.min(parent.depth + 1, LIMITS.depthMax) : 1,
    status: 'pending',
    trashed_from: null,
    pinned: 0,
    by_owner: 0,
    notify: 0,
    name: text.name,
    email: '',
    website: text.website || null,
    body: text.body,
    html,
    token_hash: null,
    ip_hash: null,
    user_agent: null,
    created_at: created,
    updated_at: null,
    edited_at: null,
  };
}
