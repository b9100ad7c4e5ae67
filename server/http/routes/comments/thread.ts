/**
 * A page's thread, as readers see it: GET /api/comments for the widget and GET
 * /api/comments.html for a page to include as it is, in the order asked for (`sort`) and the
 * language the request chooses, kept ready per page version, language and kind and, for likes,
 * renewed at most once a second (comments/served-likes.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fastJson from 'fast-json-stringify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { wordsShownAtOnce } from '../../../../shared/i18n/parts.ts';
import { createServedLikes } from '../../../comments/served-likes.ts';
import {
  chooseEncoding,
  createThreadAnswers,
  type Serialised,
} from '../../../comments/thread-answers.ts';
import { threadFragment } from '../../../html/thread-html/fragment.ts';
import { localeOf } from '../../../i18n/request-locale.ts';
import { holdsEtag } from '../../etag.ts';
import {
  ErrorSchema,
  ThreadHtmlQuerySchema,
  ThreadQuerySchema,
  ThreadSchema,
} from '../../schemas.ts';
import type { CommentRouteContext } from '../comments.ts';
import { pageUrlOrFail } from './pages.ts';
import { decodeCursor } from './thread-cursor.ts';
import { createThreadData } from './thread-data.ts';

export const threadRoutes: FastifyPluginAsyncTypebox<CommentRouteContext> = async (
  app,
  context,
) => {
  const { config, sitePolicy, closing, warnAboutOrigin, pages, now } = context;
  const { pageVersion, likes } = context.storage;
  const servedLikes = createServedLikes(likes.likesVersion);
  // Caches may keep an answer only as long as the thread's version, the program and its
  // settings hold: the answers id names the last two (and the database), alike on every instance.
  const { answersId } = context;
  const cacheControl = `public, max-age=0, s-maxage=${config.cacheSeconds}`;
  const answers = createThreadAnswers(
    (at, pageKey) => context.policy.issueFormToken(at, pageKey),
    config.threadCacheMb * 1024 * 1024,
  );
  context.metrics?.watchThreadCache(answers.kept);
  const threadData = createThreadData(context);

  /** Where links in the HTML lead: the server's own origin, never a request's Host. */
  const { ownOrigin } = context;

  /** GET /api/comments's answer, as JSON or as HTML. */
  type Kind = 'json' | 'html';
  const serve = (kind: Kind) => async (request: ThreadRequest, reply: FastifyReply) => {
    const { query } = request;
    const locale = localeOf(request);
    const limit = query.limit ?? config.pageSize;
    const sort = query.sort ?? 'oldest';
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
    const title = kind === 'html' ? (query.title ?? '') : '';
    const name = `${kind}\n${query.url}\n${query.page ?? ''}\n${query.after ?? ''}\n${limit}\n${sort}\n${locale}\n${title}`;
    // The answer itself is kept under what it is about, however the address was spelt
    // (#comments, ?utm_source=…): spellings cannot multiply what is kept.
    let meaning = answers.nameOf(name);
    let url: string | undefined;
    if (meaning === undefined) {
      url = pageUrlOrFail(query.url);
      const pageKey = await pages.keyOf(url, query.page);
      const cursor = query.after ? decodeCursor(query.after, sort) : null;
      const answerKey = JSON.stringify([
        pageKey,
        url,
        query.page?.trim() || '',
        cursor,
        limit,
        sort,
        locale,
        kind,
        title,
      ]);
      meaning = { pageKey, answerKey };
      answers.rememberName(name, meaning);
    }
    const pageKey = meaning.pageKey;
    // A page that only held comments have touched is, to readers, a page without comments:
    // its ETag and its answer say nothing of them.
    const stored =
      (await pageVersion(pageKey)) ??
      (await pages.noteFirstSight(
        pageKey,
        () => url ?? pageUrlOrFail(query.url),
        asker,
        request.ip,
        request.log,
      ));
    const page = stored && stored.version > 0 ? stored : null;
    // A page closes when its days under CLOSE_AFTER_DAYS run out, which changes no version: so
    // whether it is open, by its owner's word or its age, is read per request and names both
    // the ETag and the kept answer.
    const at = now();
    const closed = !closing.openByOwnerOrAge(stored, at);
    // The likes shown are those of this second, whatever likes came since: the ETag names them
    // beside the version, so that a 304 hides a like for a second at most.
    const likesVersion = page ? await servedLikes(page.id, at) : 0;

    const etag = `W/"${answersId}.${page ? `${page.id}.${page.version}.${likesVersion}` : 'none'}${closed ? '.closed' : ''}${locale === 'en' ? '' : `.${locale}`}${kind === 'html' ? '.html' : ''}"`;
    // Without `lang`, the language is the reader's Accept-Language, so the answer varies by it.
    const vary = [reply.getHeader('vary'), 'Accept-Encoding', query.lang ? '' : 'Accept-Language']
      .filter(Boolean)
      .join(', ');
    reply.header('etag', etag).header('cache-control', cacheControl).header('vary', vary);
    if (holdsEtag(request, etag)) {
      return reply.code(304).send(null);
    }

    const answerKey = closed ? `${meaning.answerKey}\nclosed` : meaning.answerKey;
    const answered = { key: pageKey, version: page?.version ?? -1, likes: likesVersion };
    const accepted = chooseEncoding(request.headers['accept-encoding']);
    let answer = answers.keptBody(answerKey, answered, accepted, now());
    if (!answer) {
      const pageUrl = url ?? pageUrlOrFail(query.url);
      context.metrics?.threadSerialised();
      const thread = await threadData({
        pageKey,
        url: pageUrl,
        pageId: query.page,
        stored,
        sort,
        after: query.after,
        limit,
        at,
      });
      let serialised: Serialised;
      if (kind === 'html') {
        serialised = threadFragment({
          thread,
          locale,
          origin: ownOrigin(),
          title: query.title?.trim() || thread.title || pageUrl,
          limit,
          replyTo: null,
        });
      } else {
        const json = serializeThread({
          ...thread,
          ...(locale === 'en'
            ? {}
            : // The widget needs its words once, with the thread's first part.
              { locale, words: query.after ? undefined : wordsShownAtOnce(locale) }),
        });
        // The form's token goes first, where thread-answers.ts puts each second's.
        serialised = ['{"form":"', `",${json.slice(1)}`];
      }
      answer = answers.body(answerKey, answered, accepted, now(), () => serialised);
    }
    const { bytes, encoding } = answer;
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    // Bytes go out as they are: the JSON was serialised through the thread's schema, the HTML
    // made by templates that escape everything a reader wrote.
    return reply
      .type(kind === 'json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8')
      .send(bytes as unknown as null);
  };

  // Answers are kept compressed (server/comments/thread-answers.ts) rather than compressed per read.
  const kept = { compress: false, decompress: false } as const;
  app.get(
    '/api/comments',
    {
      ...kept,
      schema: {
        querystring: ThreadQuerySchema,
        response: { 200: ThreadSchema, 304: Type.Null(), '4xx': ErrorSchema },
      },
    },
    serve('json'),
  );
  app.get(
    '/api/comments.html',
    {
      ...kept,
      schema: {
        querystring: ThreadHtmlQuerySchema,
        response: { 304: Type.Null(), '4xx': ErrorSchema },
      },
    },
    serve('html'),
  );
};

type ThreadRequest = FastifyRequest<{ Querystring: Static<typeof ThreadHtmlQuerySchema> }>;

// Serialised once per thread version, through the same schema that decides what readers see.
const serializeThread = fastJson(Type.Omit(ThreadSchema, ['form']));
