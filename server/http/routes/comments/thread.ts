/** A page's thread, as readers see it: GET /api/comments, kept ready per page version. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fastJson from 'fast-json-stringify';
import { Type } from 'typebox';
import { originOf } from '../../../../shared/page-key.ts';
import { visibleThread } from '../../../comments/present.ts';
import { chooseEncoding, createThreadAnswers } from '../../../comments/thread-answers.ts';
import { problems } from '../../../errors.ts';
import { createToken } from '../../../storage/secrets.ts';
import type { ThreadCursor } from '../../../storage/store.ts';
import { ErrorSchema, ThreadQuerySchema, ThreadSchema } from '../../schemas.ts';
import type { CommentRouteContext } from '../comments.ts';
import { pageUrlOrFail } from './pages.ts';

export const threadRoutes: FastifyPluginAsyncTypebox<CommentRouteContext> = async (
  app,
  context,
) => {
  const { config, sitePolicy, warnAboutOrigin, pages, now } = context;
  const { store, pageVersion } = context.storage;
  // Caches may keep an answer only as long as the thread's version and this process's settings
  // hold; a restart could change what the same version looks like.
  const bootId = createToken(6);
  const cacheControl = `public, max-age=0, s-maxage=${config.cacheSeconds}`;
  const answers = createThreadAnswers(
    (at, pageKey) => context.policy.issueFormToken(at, pageKey),
    config.threadCacheMb * 1024 * 1024,
  );
  context.metrics?.watchThreadCache(answers.kept);
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
        const pageKey = pages.keyOf(url, query.page);
        const cursor = query.after ? decodeCursor(query.after) : null;
        const answerKey = JSON.stringify([pageKey, url, query.page?.trim() || '', cursor, limit]);
        meaning = { pageKey, answerKey };
        answers.rememberName(name, meaning);
      }
      const pageKey = meaning.pageKey;
      // A page that only held comments have touched is, to readers, a page without comments:
      // its ETag and its answer say nothing of them.
      const stored = pageVersion(pageKey);
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

      const { bytes, encoding } = answers.body(
        meaning.answerKey,
        { key: pageKey, version: page?.version ?? -1 },
        chooseEncoding(request.headers['accept-encoding']),
        now(),
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
