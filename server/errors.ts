/** Errors the API answers with: each has a status, a code and a message a person understands. */
import type { FieldErrors } from '../shared/types.ts';

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

const seconds = (n: number) => (n === 1 ? '1 second' : `${n} seconds`);

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
};
