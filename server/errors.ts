/**
 * Errors the API answers with: each has a status, a code and a message a person understands.
 * The command line loads this file too, so it imports types and plain constants only.
 */
import { LIMITS } from '../shared/limits.ts';
import type { FieldErrors } from '../shared/types.ts';
import type { ModerationAct } from './moderation/service.ts';

export class ApiProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
    /** Seconds after which trying again may succeed; sent as Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/**
 * A file that cannot be imported, or a database it cannot go into: whichever importer refuses
 * (WordPress, Disqus, Isso or our own export), nothing was written, and the message says why.
 */
export class ImportRefused extends Error {}

/**
 * A command line that does not fit; answered with exit code 2 and the help that shows how it
 * should look: `help` when given, else the own help of the command being run.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly help?: string,
  ) {
    super(message);
  }
}

/** A database file or folder that cannot be used; the message is one line a site owner acts on. */
export class StorageProblem extends Error {}

/**
 * Thrown for a backup that must not start: no source, a target that would be overwritten, or a
 * folder that is not there (a typo in it must not leave a copy somewhere unexpected).
 */
export class BackupRefused extends Error {}

const seconds = (n: number) => (n === 1 ? '1 second' : `${n} seconds`);

/**
 * How to set the dashboard's password, in the words the start-up lines, the sign-in page and a
 * sign-in attempt all use while none is set.
 */
export const NO_PASSWORD_NOTE =
  'No dashboard password is set: set ADMIN_PASSWORD and restart the server, or run "npx leave-a-reply admin set-password".';

/** Fastify's own refusals, by its error code, in our words; the status stays Fastify's. */
const FRAMEWORK_REFUSALS: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'body_too_large',
    message: `The request is larger than ${LIMITS.requestBytesMax / 1024} KB.`,
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'Send the request body as JSON, with "Content-Type: application/json".',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', message: 'The request body is empty.' },
  FST_ERR_BAD_URL: { code: 'bad_url', message: 'The address of this request is malformed.' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'bad_url', message: 'A part of this address is too long.' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'invalid_json',
    message: 'The request body is not valid JSON.',
  },
};

export const problems = {
  invalidInput: (fields: FieldErrors) =>
    new ApiProblem(400, 'invalid_input', 'Please correct the marked fields.', fields),
  siteNotAllowed: (origin: string) =>
    new ApiProblem(
      403,
      'site_not_allowed',
      `This comments server does not accept comments for pages on ${origin}. The site owner can add that origin to SITE_ORIGINS.`,
    ),
  parentNotFound: () =>
    new ApiProblem(
      404,
      'parent_not_found',
      'The comment you are replying to does not exist on this page (it may have been removed).',
      { parent: 'This comment cannot be replied to.' },
    ),
  commentNotFound: (id: number) =>
    new ApiProblem(404, 'comment_not_found', `There is no comment with id ${id}.`),
  /** A feed of a site outside SITE_ORIGINS: this server keeps no comments for it. */
  feedNotFound: (origin: string) =>
    new ApiProblem(
      404,
      'not_found',
      `This comments server keeps no comments for pages on ${origin}, so it has no feed of them.`,
    ),
  commentsClosed: () => new ApiProblem(403, 'comments_closed', 'Comments are closed on this page.'),
  /** A like for a comment readers do not see (held, deleted, unknown): which, it does not say. */
  notShown: (id: number) =>
    new ApiProblem(404, 'not_found', `There is no comment with id ${id} to like.`),
  likesOff: () => new ApiProblem(403, 'likes_off', 'Liking comments is turned off on this site.'),
  unauthorized: () =>
    new ApiProblem(
      401,
      'unauthorized',
      'This needs the admin token, sent as "Authorization: Bearer ADMIN_TOKEN".',
    ),
  metricsUnauthorized: () =>
    new ApiProblem(
      401,
      'unauthorized',
      'This needs the metrics token, sent as "Authorization: Bearer METRICS_TOKEN".',
    ),
  formUnverified: () =>
    new ApiProblem(
      400,
      'form_unverified',
      'This form could not be verified for this page. Please reload the page and post again.',
    ),
  formExpired: (hours: number) =>
    new ApiProblem(
      400,
      'form_expired',
      `This form has been open for more than ${hours} hours, so it was renewed. Please post your comment again.`,
    ),
  tooFast: (wait: number) =>
    new ApiProblem(
      429,
      'too_fast',
      `That was quicker than anyone can write a comment. Please wait ${seconds(wait)} and post again.`,
      undefined,
      wait,
    ),
  flood: (wait: number) =>
    new ApiProblem(
      429,
      'flood',
      `You are posting comments too quickly. Please wait ${seconds(wait)} before posting again.`,
      undefined,
      wait,
    ),
  rateLimited: (wait: number) =>
    new ApiProblem(
      429,
      'rate_limited',
      `Too many requests from your connection. Please try again in ${seconds(wait)}.`,
      undefined,
      wait,
    ),
  duplicate: () =>
    new ApiProblem(
      409,
      'duplicate',
      "Duplicate comment detected; it looks as though you've already said that!",
    ),
  blocked: () =>
    new ApiProblem(
      403,
      'blocked',
      'This comment cannot be accepted: it matches the site’s list of blocked words, addresses or networks.',
    ),
  notYourComment: () =>
    new ApiProblem(
      403,
      'not_your_comment',
      'This comment can only be changed from the browser it was posted from.',
    ),
  editWindowClosed: (minutes: number) =>
    new ApiProblem(
      403,
      'edit_window_closed',
      `Comments can only be edited or deleted within ${minutes} minutes of posting. Ask the site owner if it needs changing.`,
    ),
  notUtf8: (charset: string) =>
    new ApiProblem(
      415,
      'unsupported_media_type',
      `Send JSON in UTF-8; this request says it is in ${charset.slice(0, 40)}.`,
    ),
  storageUnavailable: () =>
    new ApiProblem(
      503,
      'storage_unavailable',
      'Comments cannot be saved right now: the server’s storage is unavailable. Please try again in a few minutes.',
      undefined,
      30,
    ),
  /**
   * One of Fastify's own refusals (a body too large, not JSON, a malformed address) with the
   * status Fastify gave it; one we have no words for keeps Fastify's message.
   */
  refusedByFramework: (status: number, error: Error & { code?: string }) => {
    const known =
      FRAMEWORK_REFUSALS[error.code ?? ''] ??
      // A body JSON.parse refused may come without a code we know.
      (error instanceof SyntaxError ? FRAMEWORK_REFUSALS.FST_ERR_CTP_INVALID_JSON_BODY : undefined);
    return new ApiProblem(status, known?.code ?? 'bad_request', known?.message ?? error.message);
  },
  /** Anything else that failed on the server: logged there, and told to the client generically. */
  serverError: () =>
    new ApiProblem(500, 'server_error', 'Something went wrong on the server. Please try again.'),

  // Answered straight to the socket, before Fastify has a request (server/http/raw-response.ts).
  tooManyConnections: (retryAfterSeconds: number) =>
    new ApiProblem(
      503,
      'too_many_connections',
      'Too many connections are open from your address. Please try again in a few seconds.',
      undefined,
      retryAfterSeconds,
    ),
  requestTimeout: () =>
    new ApiProblem(
      408,
      'request_timeout',
      'The request took too long to arrive, so the server stopped waiting for it. Please try again.',
    ),
  headersTooLarge: () =>
    new ApiProblem(431, 'headers_too_large', "The request's headers are too large."),
  malformedRequest: () => new ApiProblem(400, 'bad_request', 'The request is not valid HTTP.'),

  // The dashboard's API (server/http/routes/admin/).
  unauthorizedForSession: () =>
    new ApiProblem(
      401,
      'unauthorized',
      'Please sign in to the dashboard, or send the admin token.',
    ),
  csrf: () => new ApiProblem(403, 'csrf', 'This request lacks the dashboard’s CSRF token.'),
  noPassword: () => new ApiProblem(401, 'no_password', NO_PASSWORD_NOTE),
  wrongPassword: () =>
    new ApiProblem(401, 'wrong_password', 'That password is not right.', {
      password: 'That password is not right.',
    }),
  // 429, not 503: the server is well, and a refusal under attack is no error to log.
  signInsBusy: () =>
    new ApiProblem(
      429,
      'busy',
      'Too many sign-ins are being checked right now. Please try again in a moment.',
      undefined,
      1,
    ),
  /**
   * 409: the comment is there, but not where the act starts from (an unapprove of a comment that
   * is not approved, a trash of one in the trash). The message says where it is.
   */
  notApplicable: (id: number, act: ModerationAct, status: string) =>
    new ApiProblem(
      409,
      'not_applicable',
      act === 'unapprove'
        ? `Comment ${id} is not approved (it is ${status}), so it cannot be unapproved.`
        : `Comment ${id} cannot be sent to ${act}.`,
    ),
  pageNotFound: (key: string) =>
    new ApiProblem(404, 'page_not_found', `There is no page with the key ${JSON.stringify(key)}.`),
  /** The owner's reply is public at once; under a comment readers cannot see, it would hang alone. */
  replyToUnapproved: () =>
    new ApiProblem(409, 'not_applicable', 'Approve the comment before replying to it.'),
};
