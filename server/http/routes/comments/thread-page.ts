/**
 * The thread for readers without JavaScript: GET /thread shows a page's comments and the form,
 * POST /thread takes the form as a urlencoded post. A comment posted here goes through the
 * very checks of POST /api/comments (comments/post.ts); success sends the reader back to the
 * thread at their comment, with a one-time token that shows it to them while it is held, and a
 * refusal shows the form again with everything they typed and each problem next to its field.
 */
import cookie from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../../../shared/i18n/locales.ts';
import { LIMITS } from '../../../../shared/limits.ts';
import type { ShownComment } from '../../../../shared/thread-tree.ts';
import type { CommentFormFields } from '../../../../shared/types.ts';
import { headedMain, page } from '../../../html/page.ts';
import { html } from '../../../html/template.ts';
import { EMPTY_FORM, type FormState } from '../../../html/thread-html/view.ts';
import { THREAD_PAGE_CSS, threadPage } from '../../../html/thread-page.ts';
import { localeOf } from '../../../i18n/request-locale.ts';
import { createToken } from '../../../storage/secrets.ts';
import { describeError } from '../../error-handler.ts';
import { trimCommentText } from '../../hooks.ts';
import { sendPage } from '../../page-reply.ts';
import { type FormComment, FormCommentSchema, ThreadPageQuerySchema } from '../../schemas.ts';
import { writeLimitOf } from '../../transport.ts';
import type { CommentRouteContext } from '../comments.ts';
import { pageUrlOrFail } from './pages.ts';
import { createAcceptor } from './post.ts';
import { createThreadData } from './thread-data.ts';

/**
 * What POST /api/comments takes as JSON (LIMITS.requestBytesMax), as a form sends it: percent-encoding writes
 * each byte of UTF-8 as three characters.
 */
const FORM_BODY_BYTES = 3 * LIMITS.requestBytesMax;

/** Where the author's name, email and website are kept when they tick "Save my name…". */
const AUTHOR_COOKIE = 'leave_a_reply_author';
const AUTHOR_COOKIE_SECONDS = 365 * 24 * 3600;

/** The fields the form shows next to their inputs; any other problem is said above them. */
const SHOWN_FIELDS = new Set(['body', 'name', 'email', 'website']);

/** Which thread a page shows: the page's address and id, its title, order and part. */
interface ThreadSource {
  url: string;
  page?: string;
  title?: string;
  sort?: 'oldest' | 'newest' | 'best';
  after?: string;
  limit?: number;
  replytocom?: number;
}

export const threadPageRoutes: FastifyPluginAsyncTypebox<CommentRouteContext> = async (
  app,
  context,
) => {
  const { config, pages, policy, now, ownOrigin, sitePolicy, present } = context;
  const { store, pageVersion, heldViews } = context.storage;
  // A form without JavaScript cannot solve a challenge: what would need one is held instead.
  const accept = createAcceptor(context, { holdInsteadOfChallenge: true });
  const threadData = createThreadData(context);
  const secure = config.publicUrl.startsWith('https:');

  await app.register(cookie);
  // A form as POST /api/comments's JSON would carry it: its names, its numbers and booleans.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_BYTES },
    (_request, body, done) => done(null, formFields(body as string)),
  );

  app.get('/thread/page.css', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').type('text/css').send(THREAD_PAGE_CSS),
  );

  /** The page of `source`'s thread, with `form` and the reader's held comment, if any. */
  async function render(
    request: FastifyRequest,
    source: ThreadSource,
    form: Omit<FormState, 'token'>,
    held: ShownComment | null,
  ): Promise<string> {
    const locale = localeOf(request);
    const url = pageUrlOrFail(source.url);
    const pageKey = await pages.keyOf(url, source.page);
    const at = now();
    const limit = source.limit ?? config.pageSize;
    const thread = await threadData({
      pageKey,
      url,
      pageId: source.page,
      stored: await pageVersion(pageKey),
      sort: source.sort ?? 'oldest',
      after: source.after,
      limit,
      at,
    });
    return threadPage({
      thread,
      locale,
      // The page is the server's own: its links and its form's action are its own paths.
      origin: '',
      title: source.title?.trim() || thread.title || url,
      limit,
      replyTo: source.replytocom ?? null,
      form: { ...form, token: policy.issueFormToken(at, pageKey) },
      held,
      standalone: true,
    });
  }

  /** The author's own comment a one-time token shows, while it is held and on this page. */
  async function heldComment(token: string, url: string, pageId: string | undefined) {
    const id = await heldViews.take(token, now());
    const row = id === null ? null : await store.findComment(id);
    if (!row || row.status === 'approved' || row.status === 'deleted') return null;
    const page = await store.findPage(await pages.keyOf(url, pageId));
    if (page?.id !== row.page_id) return null;
    return { ...present.ownComment(row), held: true };
  }

  app.get(
    '/thread',
    { schema: { querystring: ThreadPageQuerySchema }, errorHandler: problemPage },
    async (request, reply) => {
      const { query } = request;
      const url = pageUrlOrFail(query.url);
      const held = query.posted ? await heldComment(query.posted, url, query.page) : null;
      const values = rememberedAuthor(request.cookies[AUTHOR_COOKIE]);
      const shown = await render(request, query, { values, errors: {}, problem: null }, held);
      return send(reply, 200, shown);
    },
  );

  app.post(
    '/thread',
    {
      // Counted once the form is read, so that a refusal shows it again with what was typed.
      ...writeLimitOf(config, {
        once: 'read',
        onExceeded: () => context.defences.count('rate_limit', 'stopped'),
      }),
      preValidation: trimCommentText,
      schema: { body: FormCommentSchema },
      errorHandler: refusedPost,
    },
    async (request, reply) => {
      const { remember, ...input } = request.body;
      // The form is on this server's page, or included in a page of one of the sites.
      const { comment, row } = await accept(
        input,
        request,
        (origin) => origin === ownOrigin() || sitePolicy(origin),
      );
      if (remember) {
        const kept = JSON.stringify([input.name, input.email, input.website ?? '']);
        reply.setCookie(AUTHOR_COOKIE, Buffer.from(kept).toString('base64url'), {
          path: '/thread',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          maxAge: AUTHOR_COOKIE_SECONDS,
        });
      } else if (request.cookies[AUTHOR_COOKIE]) {
        reply.clearCookie(AUTHOR_COOKIE, { path: '/thread' });
      }
      // A held comment is shown to its author by a token that works once; a bot that filled the
      // honeypot gets one too, which shows nothing, so that its answer looks like any other.
      const held = row === null || row.status !== 'approved';
      const token =
        row && held ? await heldViews.issue(row.id, now()) : held ? createToken() : null;
      const back = threadAddress(input, localeOf(request), token);
      return reply.code(303).header('location', `${back}#comment-${comment.id}`).send();
    },
  );

  /** A refused post: the form again, with what was typed and why it was refused. */
  async function refusedPost(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    const said = describeError(error, request);
    if (said.retryAfter) reply.header('retry-after', String(said.retryAfter));
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Partial<
      Record<keyof FormComment, unknown>
    >;
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    const values: CommentFormFields = {
      body: text(body.body),
      name: text(body.name),
      email: text(body.email),
      website: text(body.website),
      remember: body.remember === true,
      notify: body.notify === true,
    };
    const errors: Record<string, string> = {};
    const elsewhere: string[] = [];
    for (const [field, message] of Object.entries(said.fields ?? {})) {
      if (message === undefined) continue;
      if (SHOWN_FIELDS.has(field)) errors[field] = message;
      else elsewhere.push(message);
    }
    const problem = [said.message, ...elsewhere].join(' ');
    const source: ThreadSource = {
      url: text(body.url),
      page: text(body.page) || undefined,
      title: text(body.title) || undefined,
      replytocom: typeof body.parent === 'number' ? body.parent : undefined,
    };
    let shown: string;
    try {
      shown = await render(request, source, { values, errors, problem }, null);
    } catch {
      // Not even the thread could be shown (an address that names no page): the problem alone.
      return send(reply, said.status, messagePage(localeOf(request), problem));
    }
    return send(reply, said.status, shown);
  }
};

/** A page that says only what went wrong, for a question the thread's page cannot answer. */
function problemPage(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const said = describeError(error, request);
  // A field's own words say more than "correct the marked fields", with no form to mark.
  const fields = Object.values(said.fields ?? {}).filter((text) => text !== undefined);
  const message = fields.length > 0 ? fields.join(' ') : said.message;
  return send(reply, said.status, messagePage(localeOf(request), message));
}

function messagePage(locale: Locale, message: string): string {
  return page({ locale, title: message, robots: 'noindex', body: headedMain(message, html``) });
}

const send = (reply: FastifyReply, status: number, body: string) =>
  sendPage(reply, status, body, { noindex: true });

/** A urlencoded form's fields, as POST /api/comments's JSON names and types them. */
function formFields(body: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    if (name === 'notify' || name === 'remember') fields[name] = value !== '' && value !== '0';
    else if (name === 'parent')
      fields[name] = /^\d{1,15}$/.test(value) ? Number(value) : value || null;
    else fields[name] = value;
  }
  return fields;
}

/** The thread's page for the post `input` was on, where its author lands after posting. */
function threadAddress(input: FormComment, locale: Locale, token: string | null): string {
  const query = new URLSearchParams({ url: input.url });
  if (input.page) query.set('page', input.page);
  if (input.title) query.set('title', input.title);
  if (locale !== 'en') query.set('lang', locale);
  if (token) query.set('posted', token);
  return `/thread?${query}`;
}

/** The name, email and website kept by "Save my name…", or an empty form. */
function rememberedAuthor(kept: string | undefined): CommentFormFields {
  if (!kept) return EMPTY_FORM;
  try {
    const [name, email, website] = JSON.parse(Buffer.from(kept, 'base64url').toString());
    if ([name, email, website].every((value) => typeof value === 'string'))
      return { ...EMPTY_FORM, name, email, website, remember: true };
  } catch {
    // A cookie this server did not write, or spoilt: the reader types their details again.
  }
  return EMPTY_FORM;
}
