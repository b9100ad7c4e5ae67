/** The rows of pages and comments, as SQL gives them (snake_case), and what the store takes. */
import type { CommentStatus, StoredStatus } from '../../shared/statuses.ts';

/** What a comment can be in the database: trash can be restored, deleted is a placeholder. */
export type { StoredStatus };

export interface PageRow {
  id: number;
  key: string;
  url: string;
  title: string | null;
  created_at: string;
  /**
   * Goes up with every change readers can see (an approved comment or a placeholder comes,
   * changes or goes); a held comment leaves it as it is. 0 until something has been shown.
   */
  version: number;
  /** How many of its comments are approved, kept by triggers. */
  approved_count: number;
  /**
   * When it was published: the post date of the export it came from, else when the server
   * first saw it (its first thread request from its own site, or its first comment).
   */
  published_at: string | null;
  /** The site owner's word on whether it takes comments: 1 open, 0 closed, null as the setting says. */
  open_override: 0 | 1 | null;
  /** Goes up with every like given or taken back on its comments; the version leaves likes out. */
  likes_version: number;
}

/**
 * Which page, how often what readers see of it has changed, and what decides whether it takes
 * comments (which time alone may change): all a thread's cache needs.
 */
export type PageVersion = Pick<PageRow, 'id' | 'version' | 'published_at' | 'open_override'>;

/** A page as a new comment names it: found by key, created with this address and title. */
export interface PageRef {
  key: string;
  url: string;
  title: string | null;
  /** When the page was published, where an export it is imported from says so. */
  published?: string | null;
}

export interface CommentRow {
  id: number;
  page_id: number;
  parent_id: number | null;
  /** The top-level comment this one hangs under; null for a top-level comment. */
  root_id: number | null;
  depth: number;
  status: StoredStatus;
  /** The status to go back to when a comment leaves the trash. */
  trashed_from: CommentStatus | null;
  pinned: 0 | 1;
  /** Written by the site owner from the admin. */
  by_owner: 0 | 1;
  /** Its author asked for mail about replies. */
  notify: 0 | 1;
  name: string;
  email: string;
  website: string | null;
  body: string;
  html: string;
  token_hash: string | null;
  ip_hash: string | null;
  user_agent: string | null;
  created_at: string;
  updated_at: string | null;
  /** When its author last changed the text. */
  edited_at: string | null;
  /** How many readers like it, kept by the triggers on likes. */
  likes: number;
  /** The locale its author wrote in (`de`, `pt`…); null for comments from before, read as `en`. */
  lang: string | null;
  /** Posted with a confirmed verification of its address (server/verification/). */
  verified: 0 | 1;
}

/** A comment joined with its page, as the site owner sees it. */
export interface ModeratedCommentRow extends CommentRow {
  page_key: string;
  page_url: string;
  page_title: string | null;
}

export interface NewCommentRow {
  pageId: number;
  parentId: number | null;
  depth: number;
  status: StoredStatus;
  name: string;
  email: string;
  website: string | null;
  body: string;
  html: string;
  tokenHash: string;
  ipHash: string | null;
  userAgent: string | null;
  createdAt: string;
  /** Its author asked for mail about replies; no when left out. */
  notify?: boolean;
  /** The locale its author wrote in; unknown (null) when left out, as for an import. */
  lang?: string | null;
  /** It carried a confirmed verification of its address; no when left out. */
  verified?: boolean;
}

/** A comment's place in a thread's order: its time, then its id. */
export interface Position {
  created: string;
  id: number;
}

/**
 * Where the next page of a thread starts: after the top-level comment at this position, or, with
 * `reply`, inside its replies, after that one. `pinned` says the comment is a pinned one, which
 * leads the first page outside the paging order.
 */
export interface ThreadCursor extends Position {
  reply?: Position;
  pinned?: boolean;
  /** In the `best` order: the comment's likes when it was shown, which place it first. */
  likes?: number;
}

/** The SQL of every statement, by name, so that tests can check each one's query plan. */
export function sourcesOf(...groups: Record<string, { source: string }>[]): Record<string, string> {
  return Object.fromEntries(
    groups.flatMap((statements) =>
      Object.entries(statements).map(([name, statement]) => [name, statement.source]),
    ),
  );
}
