/**
 * Shapes of the public API as the widget reads them. The server derives its own from its route
 * schemas (server/http/schemas.ts); tests/shared/api-types.test.ts fails to compile when the two
 * drift apart.
 */
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
}

/** The author's own view of a comment they posted, which may still be held. */
export interface OwnComment extends PublicComment {
  status: CommentStatus;
  /** The text as its author wrote it, so that they can edit it. */
  body: string;
}

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
  /** Top-level comments of this page of the thread, each followed by its replies. */
  comments: PublicComment[];
  /** Cursor for the next page of top-level comments, or null after the last. */
  next: string | null;
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
}

export interface PostedComment {
  comment: OwnComment;
  token: string;
}

/** Field names a reader fills in; errors are reported per field. */
export type CommentField = 'name' | 'email' | 'website' | 'body';

export type FieldErrors = Partial<Record<string, string>>;

export interface ApiError {
  error: { code: string; message: string; fields?: FieldErrors };
}
