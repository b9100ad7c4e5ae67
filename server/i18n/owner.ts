/**
 * Every text only the site owner reads: the dashboard's API errors, the mail about a new comment
 * and the pages its one-click links open. English only for now; the same rules as the readers'
 * catalogue (en.ts) hold, so that another language is one more entry in OWNER_WORDS.
 */
import type { Locale } from '../../shared/i18n/locales.ts';
import type { Entry } from '../../shared/i18n/reader-text.ts';

/** The language the site owner is written to in: the one there are owner's words in. */
export const OWNER_LOCALE: Locale = 'en';

export const owner = {
  // API errors of the dashboard, the admin token and the metrics token.

  unauthorized: 'This needs the admin token, sent as "Authorization: Bearer ADMIN_TOKEN".',
  metricsUnauthorized:
    'This needs the metrics token, sent as "Authorization: Bearer METRICS_TOKEN".',
  unauthorizedForSession: 'Please sign in to the dashboard, or send the admin token.',
  csrf: 'This request lacks the dashboard’s CSRF token.',
  /** Also said at start-up and on the sign-in page while no password is set. */
  noPassword:
    'No dashboard password is set: set ADMIN_PASSWORD and restart the server, or run "npx leave-a-reply admin set-password".',
  /** The message, and the message under the password field. */
  wrongPassword: 'That password is not right.',
  signInsBusy: 'Too many sign-ins are being checked right now. Please try again in a moment.',
  /** `id`: the comment's number; `status`: where it is now. */
  notUnapprovable: 'Comment {id} is not approved (it is {status}), so it cannot be unapproved.',
  /** `id`: the comment's number; `act`: spam, trash, approve… */
  notApplicable: 'Comment {id} cannot be sent to {act}.',
  /** `key`: the page key asked for, quoted. */
  pageNotFound: 'There is no page with the key {key}.',
  replyToUnapproved: 'Approve the comment before replying to it.',
  /** Under `body` of an edit without text. */
  editBodyMissing: 'Please type the comment’s text.',
  /** Under `body` of a reply the comment checks refuse without a message of their own. */
  replyBodyInvalid: 'Invalid.',
  /** Under `after` of the list of pages. */
  pageCursorInvalid: 'This is not a cursor from a previous part of the list.',

  // The mail about a new comment. `title` is the page's title, or its address.

  moderateSubject: 'Please moderate: "{title}"',
  newCommentSubject: 'New comment on "{title}"',
  heldIntro: 'A new comment on "{title}" is waiting for your approval.',
  shownIntro: 'A new comment on "{title}" is shown on the page.',
  author: 'Author',
  email: 'Email',
  website: 'Website',
  /** Where the comment has no website. */
  none: '(none)',
  status: 'Status',
  page: 'Page',
  statusHeld: 'held for moderation',
  statusApproved: 'approved',
  approve: 'Approve',
  spam: 'Spam',
  trash: 'Trash',
  linkNote: {
    one: 'Each link works once, for {n} day, without signing in.',
    other: 'Each link works once, for {n} days, without signing in.',
  },

  // The pages the mail's one-click links open.

  linkNotValidTitle: 'This link is not valid',
  linkNotValidText: 'Please check that the whole address from the mail is in the address bar.',
  usedLinkTitle: 'This link has been used already',
  /** `when`: the time it was used, e.g. 2026-11-26 06:42 UTC. */
  usedLinkText: 'Each link in a notification mail works once. It was used on {when}.',
  expiredLinkTitle: 'This link has expired',
  expiredLinkText: {
    one: 'The links in a notification mail work for {n} day. Moderate this comment from the admin instead.',
    other:
      'The links in a notification mail work for {n} days. Moderate this comment from the admin instead.',
  },
  goneCommentTitle: 'This comment no longer exists',
  goneCommentText: 'It was deleted.',
  approveQuestion: 'Approve this comment?',
  spamQuestion: 'Mark this comment as spam?',
  trashQuestion: 'Move this comment to the trash?',
  /** `name`: its author; `page`: the page's title or address; `status`: where it is now. */
  commentOnPage: 'By {name} on {page} (now {status}):',
  doneTitle: 'Done',
  approveDone: 'The comment by {name} is approved and shown on the page.',
  spamDone: 'The comment by {name} is marked as spam.',
  trashDone: 'The comment by {name} is in the trash.',
  seeOnPage: 'See it on the page',
} satisfies Record<string, Entry>;

/** The name of a text only the site owner reads. */
export type OwnerKey = keyof typeof owner;

/** One locale's words for every owner text. */
export type OwnerWords = { [Key in OwnerKey]: Entry };
