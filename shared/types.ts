/**
 * Shapes of the public API as the widget reads them. The server derives its own from its route
 * schemas (server/http/schemas.ts); tests/shared/api-types.test.ts fails to compile when the two
 * drift apart.
 */
import type { Locale } from './i18n/locales.ts';
import type { Entry } from './i18n/reader-text.ts';
import type { CommentStatus } from './statuses.ts';

export type { CommentStatus, StoredStatus } from './statuses.ts';

/** A comment as any reader may see it: no email, no IP, no token. */
export interface PublicComment {
  id: number;
  parent: number | null;
  depth: number;
  name: string;
  website: string | null;
  html: string;
  created: string;
  /** Set on a deleted comment kept as a placeholder because replies hang below it. */
  deleted?: boolean;
  /** When its author last edited it, if ever. */
  edited?: string;
  /** Pinned by the site owner to the top of the page. */
  pinned?: boolean;
  /** Written by the site owner. */
  owner?: boolean;
  /**
   * Seed of its author's identicon: the same author has the same one on every page. Absent
   * with AVATARS=none and on a deleted placeholder.
   */
  avatar?: string;
  /** How many readers like it. */
  likes: number;
  /** Posted from a browser that verified its author's address. */
  verified: boolean;
  /** With AVATARS=gravatar: SHA-256 of its author's address, as Gravatar's image URLs use. */
  gravatar?: string;
}

/** The author's own view of a comment they posted, which may still be held. */
export interface OwnComment extends PublicComment {
  status: CommentStatus;
  /** The text as its author wrote it, so that they can edit it. */
  body: string;
}

/** The orders a thread can be read in: by age either way, or by likes. */
export type ThreadSort = 'oldest' | 'newest' | 'best';

export interface Thread {
  /** Signed time at which the form was rendered; sent back with a new comment. */
  form: string;
  /** How long after posting an author may edit or delete their comment. */
  editWindowMinutes: number;
  url: string;
  page: string;
  title: string | null;
  count: number;
  /** Whether this server accepts new comments for the page (its origin is one of SITE_ORIGINS). */
  open: boolean;
  /**
   * Whether this server can mail a reader about replies (it has SMTP_URL): the form offers
   * "Notify me of follow-up comments by email" only then.
   */
  notify: boolean;
  /** The order the comments are in. */
  sort: ThreadSort;
  /** Whether readers may like comments (LIKES). */
  likes: boolean;
  /** What comments carry for their authors' pictures (AVATARS). */
  avatars: 'identicon' | 'gravatar' | 'none';
  /** Top-level comments of this page of the thread, each followed by its replies. */
  comments: PublicComment[];
  /** Cursor for the next page of top-level comments, or null after the last. */
  next: string | null;
  /** The language the thread is shown in, chosen by the request; absent for English. */
  locale?: Locale;
  /**
   * In the thread's first part, for a language other than English: the words the widget shows
   * at once, keyed as `R` numbers them.
   */
  words?: Record<string, Entry>;
}

export interface NewComment {
  url: string;
  page?: string;
  title?: string;
  parent?: number | null;
  name: string;
  email: string;
  website?: string;
  body: string;
  /** The form's signed render time, from the thread. */
  form?: string;
  /** Left empty by people; bots that fill every field fill it too. */
  homepage?: string;
  /** Mail me when someone replies (after I confirm my address once). */
  notify?: boolean;
  /** The secret of this browser's verification of `email` (POST /api/verifications). */
  verification?: string;
  /** A solved proof-of-work challenge (ALTCHA's payload), after a 428 asked for one. */
  challenge?: string;
  /** The reader's locale (shared/i18n/locales.ts): the answer's messages, and mail, are in it. */
  lang?: string;
}

export interface PostedComment {
  comment: OwnComment;
  token: string;
}

/** Field names a reader fills in; errors are reported per field. */
export type CommentField = 'name' | 'email' | 'website' | 'body';

export type FieldErrors = Partial<Record<string, string>>;

export interface ApiError {
  error: {
    code: string;
    message: string;
    fields?: FieldErrors;
    /** With `challenge_required` (428): the proof-of-work challenge to solve. */
    challenge?: ChallengeOffer;
  };
}

/**
 * A proof-of-work challenge in ALTCHA's format (v1): the number n ≤ maxnumber with
 * SHA-256(salt + n) = challenge, signed by the server.
 */
export interface ChallengeOffer {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

/** What a reader types into the "Leave a Reply" form, in the widget and in the server's HTML. */
export interface CommentFormFields {
  body: string;
  name: string;
  email: string;
  website: string;
  remember: boolean;
  /** Mail me about replies; unticked until the reader ticks it. */
  notify: boolean;
}
