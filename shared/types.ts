/** Shapes of the public API, shared by the widget and the server. */

export type CommentStatus = 'approved' | 'pending' | 'spam';

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
}

/** The author's own view of a comment they posted, which may still be held. */
export interface OwnComment extends PublicComment {
  status: CommentStatus;
}

export interface Thread {
  url: string;
  page: string;
  title: string | null;
  count: number;
  /** Whether this server accepts new comments for the page (its origin is one of SITE_ORIGINS). */
  open: boolean;
  comments: PublicComment[];
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
