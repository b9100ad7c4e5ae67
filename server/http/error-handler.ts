/**
 * The one answer to every error: 4xx bodies are `{ error: { code, message, fields? } }`, 5xx are
 * logged and answered generically. The problems themselves are made in server/errors.ts; here
 * their texts are put into the request's language.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { Locale } from '../../shared/i18n/locales.ts';
import type { FieldErrors } from '../../shared/types.ts';
import { validateComment } from '../../shared/validate.ts';
import { ApiProblem, type FieldTexts, problems } from '../errors.ts';
import { readerText, type Text } from '../i18n/message.ts';
import { OWNER_LOCALE } from '../i18n/owner.ts';
import { localeOf } from '../i18n/request-locale.ts';
import { readerSay, textIn } from '../i18n/words.ts';

/**
 * The dashboard's and the metrics' answers are the site owner's, in the owner's language: a
 * browser set to another one does not turn the dashboard's errors into it.
 */
const OWNER_ROUTES = /^\/(api\/admin|metrics)(\/|$|\?)/;

/** The language `request` is answered in. */
function answerLocale(request: FastifyRequest): Locale {
  return OWNER_ROUTES.test(request.url) ? OWNER_LOCALE : localeOf(request);
}

/** Answers `error` with our error body, and logs it when the server is at fault. */
export function answerError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const locale = answerLocale(request);
  const problem = problemOf(error, request, locale);
  if (problem.statusCode >= 500) request.log.error(error);
  sendProblem(problem, locale, reply);
}

/** Sends `problem` as our error body, its texts in `locale`. */
function sendProblem(problem: ApiProblem, locale: Locale, reply: FastifyReply): void {
  if (problem.retryAfter) reply.header('retry-after', String(problem.retryAfter));
  reply.code(problem.statusCode).send({ error: saidIn(problem, locale) });
}

/** What `problem` says, in `locale`: its code, its message and each field's. */
function saidIn(problem: ApiProblem, locale: Locale) {
  return {
    ...problem.extra,
    code: problem.code,
    message: textIn(locale, problem.text),
    fields: problem.fields && fieldsIn(locale, problem.fields),
  };
}

/**
 * What the answer to `error` is, for a route that answers it in a page of its own rather than
 * in our error body: its status, and what it says in the request's language. Logged, as every
 * error is, when the server is at fault.
 */
export function describeError(error: FastifyError, request: FastifyRequest) {
  const locale = answerLocale(request);
  const problem = problemOf(error, request, locale);
  if (problem.statusCode >= 500) request.log.error(error);
  return { status: problem.statusCode, retryAfter: problem.retryAfter, ...saidIn(problem, locale) };
}

/** Every error is answered by `answerError`, and every unknown address with a 404 of our own. */
export const errorHandling = fastifyPlugin(
  async (app: FastifyInstance) => {
    app.setErrorHandler(answerError);
    app.setNotFoundHandler((request, reply) => {
      sendProblem(problems.noRoute(request.method, request.url), answerLocale(request), reply);
    });
  },
  { name: 'error-handling' },
);

function fieldsIn(locale: Locale, fields: FieldTexts): FieldErrors {
  const said: FieldErrors = {};
  for (const [field, text] of Object.entries(fields))
    if (text !== undefined) said[field] = textIn(locale, text);
  return said;
}

/** Where a new comment is posted: the widget's JSON, and the form of the page without JavaScript. */
const NEW_COMMENT_ROUTES = new Set(['/api/comments', '/thread']);

// SQLite's answers when the disk is full, the file read-only or unreachable, and a PostgreSQL
// server out of reach (StorageUnavailable): the server itself is fine and recovers when the
// cause goes away, so the client is told to try again later.
const STORAGE_ERROR =
  /^(SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PROTOCOL|NOLFS)|STORAGE_UNAVAILABLE$)/;

function problemOf(error: FastifyError, request: FastifyRequest, locale: Locale): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (typeof error.code === 'string' && STORAGE_ERROR.test(error.code))
    return problems.storageUnavailable();
  if (error.validation) {
    const isNewComment =
      request.method === 'POST' && NEW_COMMENT_ROUTES.has(request.routeOptions.url ?? '');
    return problems.invalidInput(fieldErrors(error, isNewComment ? request.body : null, locale));
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) return problems.serverError();
  return problems.refusedByFramework(status, error);
}

/**
 * Names each invalid field. For a new comment, every field the shared checks find wrong is named,
 * in the words the widget uses, not only the first problem the schema met.
 */
function fieldErrors(error: FastifyError, comment: unknown, locale: Locale): FieldTexts {
  const reader =
    comment && typeof comment === 'object'
      ? validateComment(comment, readerSay(locale)).errors
      : ({} as FieldErrors);
  const fields: FieldTexts = { ...reader };
  for (const issue of error.validation ?? []) {
    const params = issue.params as { missingProperty?: string; limit?: number };
    const field =
      issue.instancePath.split('/')[1] ||
      params.missingProperty ||
      error.validationContext ||
      'request';
    if (fields[field]) continue;
    fields[field] =
      reader[field] ?? describeIssue(issue.keyword, params.limit, issue.message, locale);
  }
  return fields;
}

/**
 * What a schema keyword's failure means for the field. A keyword not named here keeps the
 * validator's own English words in English (as the API always gave them), and is "not valid"
 * in every other language.
 */
function describeIssue(
  keyword: string,
  limit: number | undefined,
  validatorSays: string | undefined,
  locale: Locale,
): Text {
  const n = limit ?? 0;
  if (keyword === 'required') return readerText('fieldRequired');
  if (keyword === 'maxLength') return readerText('fieldTooLong', { n });
  if (keyword === 'minLength')
    return n <= 1 ? readerText('fieldEmpty') : readerText('fieldTooShort', { n });
  if (keyword === 'type') return readerText('fieldWrongType');
  if (keyword === 'minimum') return readerText('fieldBelowMinimum', { n });
  if (keyword === 'maximum') return readerText('fieldAboveMaximum', { n });
  if (keyword === 'maxItems') return readerText('fieldTooManyItems', { n });
  if (keyword === 'const') return readerText('fieldNotAllowed');
  if (validatorSays && locale === 'en') return `Must ${validatorSays.replace(/^must /, '')}.`;
  return readerText('fieldInvalid');
}
