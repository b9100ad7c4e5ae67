/** Errors the API answers with: each has a status, a code and a message a person understands. */
import type { FieldErrors } from '../shared/types.ts';

export class ApiProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

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
};
