/**
 * The one answer to every error: 4xx bodies are `{ error: { code, message, fields? } }`, 5xx are
 * logged and answered generically. The problems themselves are made in server/errors.ts.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { FieldErrors } from '../../shared/types.ts';
import { validateComment } from '../../shared/validate.ts';
import { ApiProblem, problems } from '../errors.ts';

/** Answers `error` with our error body, and logs it when the server is at fault. */
export function answerError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const problem = problemOf(error, request);
  if (problem.statusCode >= 500) request.log.error(error);
  if (problem.retryAfter) reply.header('retry-after', String(problem.retryAfter));
  reply.code(problem.statusCode).send({
    error: { code: problem.code, message: problem.message, fields: problem.fields },
  });
}

/** Every error is answered by `answerError`, and every unknown address with a 404 of our own. */
export const errorHandling = fastifyPlugin(
  async (app: FastifyInstance) => {
    app.setErrorHandler(answerError);
    app.setNotFoundHandler((request, reply) => {
      reply.code(404).send({
        error: { code: 'not_found', message: `Nothing is at ${request.method} ${request.url}.` },
      });
    });
  },
  { name: 'error-handling' },
);

// SQLite's answers when the disk is full, the file read-only or unreachable: the server itself
// is fine and recovers when the cause goes away, so the client is told to try again later.
const STORAGE_ERROR = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PROTOCOL|NOLFS)/;

function problemOf(error: FastifyError, request: FastifyRequest): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (typeof error.code === 'string' && STORAGE_ERROR.test(error.code))
    return problems.storageUnavailable();
  if (error.validation) {
    const isNewComment = request.method === 'POST' && request.routeOptions.url === '/api/comments';
    return problems.invalidInput(fieldErrors(error, isNewComment ? request.body : null));
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) return problems.serverError();
  return problems.refusedByFramework(status, error);
}

/**
 * Names each invalid field. For a new comment, every field the shared checks find wrong is named,
 * in the words the widget uses, not only the first problem the schema met.
 */
function fieldErrors(error: FastifyError, comment: unknown): FieldErrors {
  const reader =
    comment && typeof comment === 'object' ? validateComment(comment).errors : ({} as FieldErrors);
  const fields: FieldErrors = { ...reader };
  for (const issue of error.validation ?? []) {
    const params = issue.params as { missingProperty?: string; limit?: number };
    const field =
      issue.instancePath.split('/')[1] ||
      params.missingProperty ||
      error.validationContext ||
      'request';
    if (fields[field]) continue;
    fields[field] = reader[field] ?? describeIssue(issue.keyword, params.limit, issue.message);
  }
  return fields;
}

function describeIssue(keyword: string, limit: number | undefined, fallback?: string): string {
  if (keyword === 'required') return 'This field is required.';
  if (keyword === 'maxLength') return `Must be at most ${limit} characters.`;
  if (keyword === 'minLength')
    return limit === undefined || limit <= 1
      ? 'Must not be empty.'
      : `Must be at least ${limit} characters.`;
  if (keyword === 'type') return 'Has the wrong type.';
  return fallback ? `Must ${fallback.replace(/^must /, '')}.` : 'Is not valid.';
}
