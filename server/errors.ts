/**
 * Errors the API answers with: each has a status, a code and a message a person understands.
 * A message is a text of the server's catalogues (server/i18n/), put into the request's language
 * when it is answered (server/http/error-handler.ts); `message` itself is English, for logs.
 * The command line loads this file too, so it imports types and plain constants only.
 */
import { LIMITS } from '../shared/limits.ts';
import type { ChallengeOffer } from '../shared/types.ts';
import { inEnglish, ownerText, readerText, type Text } from './i18n/message.ts';
import { owner } from './i18n/owner.ts';
import type { ModerationAct } from './moderation/service.ts';

/** A message per field: a catalogue text, or one already in the request's words. */
export type FieldTexts = Partial<Record<string, Text>>;

export class ApiProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    /** What the message says, in no language yet. */
    readonly text: Text,
    readonly fields?: FieldTexts,
    /** Seconds after which trying again may succeed; sent as Retry-After. */
    readonly retryAfter?: number,
    /** What else the error body carries, e.g. the challenge a 428 asks to be solved. */
    readonly extra?: Readonly<Record<string, unknown>>,
  ) {
    super(inEnglish(text));
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
 * The database cannot be reached or written for now (a PostgreSQL server gone away or out of
 * connections, a full disk, a read-only standby): the request is answered 503, and the server
 * goes on, to recover once the cause is gone. `cause` holds the driver's own error.
 */
export class StorageUnavailable extends Error {
  readonly code = 'STORAGE_UNAVAILABLE';
}

/**
 * Thrown for a backup that must not start: no source, a target that would be overwritten, or a
 * folder that is not there (a typo in it must not leave a copy somewhere unexpected).
 */
export class BackupRefused extends Error {}

/**
 * How to set the dashboard's password, in the words the start-up lines, the sign-in page and a
 * sign-in attempt all use while none is set.
 */
export const NO_PASSWORD_NOTE = owner.noPassword;

/** Fastify's own refusals, by its error code, in our words; the status stays Fastify's. */
const FRAMEWORK_REFUSALS: Record<string, { code: string; text: Text }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'body_too_large',
    text: readerText('bodyTooLarge', { n: LIMITS.requestBytesMax / 1024 }),
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', text: readerText('notJson') },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', text: readerText('emptyBody') },
  FST_ERR_BAD_URL: { code: 'bad_url', text: readerText('badUrl') },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'bad_url', text: readerText('urlPartTooLong') },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', text: readerText('invalidJson') },
};

// Ids are names, not amounts: written as digits alone in every language ("12345", not "12.345").
const id = (value: number) => String(value);

export const problems = {
  invalidInput: (fields: FieldTexts) =>
    new ApiProblem(400, 'invalid_input', readerText('invalidInput'), fields),
  siteNotAllowed: (origin: string) =>
    new ApiProblem(403, 'site_not_allowed', readerText('siteNotAllowed', { origin })),
  parentNotFound: () =>
    new ApiProblem(404, 'parent_not_found', readerText('parentNotFound'), {
      parent: readerText('parentNotReplyable'),
    }),
  commentNotFound: (commentId: number) =>
    new ApiProblem(404, 'comment_not_found', readerText('commentNotFound', { id: id(commentId) })),
  /** A feed of a site outside SITE_ORIGINS: this server keeps no comments for it. */
  feedNotFound: (origin: string) =>
    new ApiProblem(404, 'not_found', readerText('feedNotFound', { origin })),
  commentsClosed: () => new ApiProblem(403, 'comments_closed', readerText('commentsClosed')),
  /** A like for a comment readers do not see (held, deleted, unknown): which, it does not say. */
  notShown: (commentId: number) =>
    new ApiProblem(404, 'not_found', readerText('notShown', { id: id(commentId) })),
  likesOff: () => new ApiProblem(403, 'likes_off', readerText('likesOff')),
  /** An address no route answers. */
  noRoute: (method: string, url: string) =>
    new ApiProblem(404, 'not_found', readerText('notFound', { method, url })),
  unauthorized: () => new ApiProblem(401, 'unauthorized', ownerText('unauthorized')),
  metricsUnauthorized: () => new ApiProblem(401, 'unauthorized', ownerText('metricsUnauthorized')),
  formUnverified: () => new ApiProblem(400, 'form_unverified', readerText('formUnverified')),
  formExpired: (hours: number) =>
    new ApiProblem(400, 'form_expired', readerText('formExpired', { n: hours })),
  tooFast: (wait: number) =>
    new ApiProblem(429, 'too_fast', readerText('tooFast', { n: wait }), undefined, wait),
  flood: (wait: number) =>
    new ApiProblem(429, 'flood', readerText('flood', { n: wait }), undefined, wait),
  rateLimited: (wait: number) =>
    new ApiProblem(429, 'rate_limited', readerText('rateLimited', { n: wait }), undefined, wait),
  duplicate: () => new ApiProblem(409, 'duplicate', readerText('duplicate')),
  /** A verification asked of a server without SMTP_URL: it has no way to mail the link. */
  verificationOff: () => new ApiProblem(404, 'verification_off', readerText('verificationOff')),
  blocked: () => new ApiProblem(403, 'blocked', readerText('blocked')),
  /** A post that must carry a solved proof-of-work challenge first: this one. */
  challengeRequired: (challenge: ChallengeOffer) =>
    new ApiProblem(
      428,
      'challenge_required',
      readerText('challengeRequired'),
      undefined,
      undefined,
      { challenge },
    ),
  challengeInvalid: () =>
    new ApiProblem(400, 'challenge_invalid', readerText('challengeInvalid'), {
      challenge: readerText('challengeInvalid'),
    }),
  challengeUsed: () =>
    new ApiProblem(400, 'challenge_used', readerText('challengeUsed'), {
      challenge: readerText('challengeUsed'),
    }),
  challengeExpired: () =>
    new ApiProblem(400, 'challenge_expired', readerText('challengeExpired'), {
      challenge: readerText('challengeExpired'),
    }),
  notYourComment: () => new ApiProblem(403, 'not_your_comment', readerText('notYourComment')),
  editWindowClosed: (minutes: number) =>
    new ApiProblem(403, 'edit_window_closed', readerText('editWindowClosed', { n: minutes })),
  notUtf8: (charset: string) =>
    new ApiProblem(
      415,
      'unsupported_media_type',
      readerText('notUtf8', { charset: charset.slice(0, 40) }),
    ),
  storageUnavailable: () =>
    new ApiProblem(503, 'storage_unavailable', readerText('storageUnavailable'), undefined, 30),
  /**
   * One of Fastify's own refusals (a body too large, not JSON, a malformed address) with the
   * status Fastify gave it; one we have no words for keeps Fastify's message.
   */
  refusedByFramework: (status: number, error: Error & { code?: string }) => {
    const known =
      FRAMEWORK_REFUSALS[error.code ?? ''] ??
      // A body JSON.parse refused may come without a code we know.
      (error instanceof SyntaxError ? FRAMEWORK_REFUSALS.FST_ERR_CTP_INVALID_JSON_BODY : undefined);
    return new ApiProblem(status, known?.code ?? 'bad_request', known?.text ?? error.message);
  },
  /** Anything else that failed on the server: logged there, and told to the client generically. */
  serverError: () => new ApiProblem(500, 'server_error', readerText('serverError')),

  // Answered straight to the socket, before Fastify has a request (server/http/raw-response.ts):
  // no request has been read that could say its language, so these are said in English.
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

  // The dashboard's API (server/http/routes/admin/), in the site owner's words.
  unauthorizedForSession: () =>
    new ApiProblem(401, 'unauthorized', ownerText('unauthorizedForSession')),
  csrf: () => new ApiProblem(403, 'csrf', ownerText('csrf')),
  noPassword: () => new ApiProblem(401, 'no_password', ownerText('noPassword')),
  wrongPassword: () =>
    new ApiProblem(401, 'wrong_password', ownerText('wrongPassword'), {
      password: ownerText('wrongPassword'),
    }),
  // 429, not 503: the server is well, and a refusal under attack is no error to log.
  signInsBusy: () => new ApiProblem(429, 'busy', ownerText('signInsBusy'), undefined, 1),
  /**
   * 409: the comment is there, but not where the act starts from (an unapprove of a comment that
   * is not approved, a trash of one in the trash). The message says where it is.
   */
  notApplicable: (commentId: number, act: ModerationAct, status: string) =>
    new ApiProblem(
      409,
      'not_applicable',
      act === 'unapprove'
        ? ownerText('notUnapprovable', { id: id(commentId), status })
        : ownerText('notApplicable', { id: id(commentId), act }),
    ),
  pageNotFound: (key: string) =>
    new ApiProblem(404, 'page_not_found', ownerText('pageNotFound', { key: JSON.stringify(key) })),
  /** The owner's reply is public at once; under a comment readers cannot see, it would hang alone. */
  replyToUnapproved: () => new ApiProblem(409, 'not_applicable', ownerText('replyToUnapproved')),
};
