/** Every query the server runs, prepared once, behind typed methods. */
import type { Database } from 'better-sqlite3';
import { LIMITS } from '../../shared/limits.ts';
import type { CommentStatus } from '../../shared/types.ts';
import { commentTextKey } from './text-key.ts';

/** What a comment can be in the database: trash can be restored, deleted is a placeholder. */
export type StoredStatus = CommentStatus | 'trash' | 'deleted';

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
}

/** Which page, and how often what readers see of it has changed: all a thread's cache needs. */
export type PageVersion = Pick<PageRow, 'id' | 'version'>;

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
}

/** A position before every comment: the start of a comment's replies. */
const BEFORE_ALL: Position = { created: '', id: 0 };

/** Whether `row` comes after `position` in a thread's order (by time, then id), as SQL compares. */
function isAfter(row: CommentRow, position: Position): boolean {
  return (
    row.created_at > position.created ||
    (row.created_at === position.created && row.id > position.id)
  );
}

export type Store = ReturnType<typeof createStore>;

/**
 * How a page with an explicit id is stored: its origin, a space, the id. No normalised address
 * holds a space, so such a key never meets a page keyed by its address.
 */
export function scopedPageKey(origin: string, pageId: string): string {
  return `${origin} ${pageId}`;
}

/** Prepares the statements once; routes and the CLI call these methods, never `db.prepare`. */
export function createStore(db: Database) {
  const statements = {
    getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    setSetting: db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    deleteSetting: db.prepare<[string]>('DELETE FROM settings WHERE key = ?'),
    findPage: db.prepare<[string], PageRow>('SELECT * FROM pages WHERE key = ?'),
    pageVersion: db.prepare<[string], PageVersion>('SELECT id, version FROM pages WHERE key = ?'),
    explicitPageKey: db.prepare<{ scoped: string; id: string; origin: string }, { key: string }>(
      // A page stored before ids were scoped kept the bare id: it is that origin's page still,
      // recognised by the address it was created with.
      `SELECT key FROM pages WHERE key = @scoped
       UNION ALL
       SELECT key FROM pages
       WHERE key = @id AND key != url AND substr(url, 1, length(@origin) + 1) = @origin || '/'
       LIMIT 1`,
    ),
    insertPage: db.prepare<[string, string, string | null, string], PageRow>(
      'INSERT INTO pages (key, url, title, created_at) VALUES (?, ?, ?, ?) RETURNING *',
    ),
    pageById: db.prepare<[number], PageRow>('SELECT * FROM pages WHERE id = ?'),
    updatePageTitle: db.prepare<[string | null, number]>('UPDATE pages SET title = ? WHERE id = ?'),
    keepHeldTitle: db.prepare<[number, number, string]>(
      'INSERT INTO held_titles (comment_id, page_id, title) VALUES (?, ?, ?)',
    ),
    isHeldTitle: db.prepare<[number, string], { found: number }>(
      'SELECT 1 AS found FROM held_titles WHERE page_id = ? AND title = ? LIMIT 1',
    ),
    heldTitle: db.prepare<[number], { title: string }>(
      'SELECT title FROM held_titles WHERE comment_id = ?',
    ),
    forgetHeldTitle: db.prepare<[number]>('DELETE FROM held_titles WHERE comment_id = ?'),
    newerApproved: db.prepare<[number, string, number], { found: number }>(
      `SELECT 1 AS found FROM comments
       WHERE page_id = ? AND status = 'approved' AND (created_at, id) > (?, ?) LIMIT 1`,
    ),
    nextCommentId: db.prepare<[], { id: number }>(
      'SELECT coalesce(max(id), 0) + 1 AS id FROM comments',
    ),
    threadRows: db.prepare<[number], CommentRow>(
      `SELECT * FROM comments WHERE page_id = ? AND status IN ('approved', 'deleted')
       ORDER BY created_at, id`,
    ),
    topLevelPage: db.prepare<[number, string, number, number], CommentRow>(
      `SELECT * FROM comments
       WHERE page_id = ? AND parent_id IS NULL AND status IN ('approved', 'deleted') AND pinned = 0
         AND (created_at, id) > (?, ?)
       ORDER BY created_at, id LIMIT ?`,
    ),
    pinnedTopLevel: db.prepare<[number], CommentRow>(
      // Few comments are pinned; the partial index holds just those.
      `SELECT * FROM comments INDEXED BY comments_pinned
       WHERE page_id = ? AND pinned = 1 AND parent_id IS NULL AND status = 'approved'
       ORDER BY created_at, id`,
    ),
    repliesUnder: db.prepare<[string, number], CommentRow>(
      // In the index's own order, so that LIMIT stops the reading: never more rows than one
      // answer may hold, however many replies the comments have.
      `SELECT * FROM comments
       WHERE root_id IN (SELECT value FROM json_each(?)) AND +status IN ('approved', 'deleted')
       ORDER BY root_id, created_at, id LIMIT ?`,
    ),
    repliesOf: db.prepare<[number, string, number, number], CommentRow>(
      // The unary + keeps the planner off the status index: by root there are few rows to check.
      `SELECT * FROM comments
       WHERE root_id = ? AND +status IN ('approved', 'deleted') AND (created_at, id) > (?, ?)
       ORDER BY created_at, id LIMIT ?`,
    ),
    countsByKey: db.prepare<[string], { key: string; count: number }>(
      `SELECT key, approved_count AS count FROM pages
       WHERE key IN (SELECT value FROM json_each(?))`,
    ),
    findComment: db.prepare<[number], CommentRow>('SELECT * FROM comments WHERE id = ?'),
    findByToken: db.prepare<[string], CommentRow>('SELECT * FROM comments WHERE token_hash = ?'),
    approvedNamesFrom: db.prepare<{ email: string }, { name: string }>(
      // From the index alone (migration 6 added the name to it), one seek per distinct name:
      // a regular's thousands of comments under one name cost what one does. (DISTINCT would
      // step through every one of them.)
      `WITH RECURSIVE names (name) AS (
         SELECT min(name) FROM comments WHERE email = @email COLLATE NOCASE AND status = 'approved'
         UNION ALL
         SELECT (SELECT min(name) FROM comments
                 WHERE email = @email COLLATE NOCASE AND status = 'approved' AND name > names.name)
         FROM names WHERE names.name IS NOT NULL
       )
       SELECT name FROM names WHERE name IS NOT NULL`,
    ),
    insertComment: db.prepare<
      Omit<NewCommentRow, 'notify'> & { rootId: number | null; notify: 0 | 1; textKey: string },
      CommentRow
    >(
      `INSERT INTO comments (page_id, parent_id, root_id, depth, status, name, email, website,
         body, html, token_hash, ip_hash, user_agent, created_at, notify, text_key)
       VALUES (@pageId, @parentId, @rootId, @depth, @status, @name, @email, @website,
         @body, @html, @tokenHash, @ipHash, @userAgent, @createdAt, @notify, @textKey)
       RETURNING *`,
    ),
    setStatus: db.prepare<[StoredStatus, string, number]>(
      // A deleted comment stays deleted: approving its placeholder would show an empty comment.
      "UPDATE comments SET status = ?, updated_at = ? WHERE id = ? AND status != 'deleted'",
    ),
    hasReplies: db.prepare<[number], { found: number }>(
      'SELECT 1 AS found FROM comments WHERE parent_id = ? LIMIT 1',
    ),
    eraseComment: db.prepare<[string, number]>(
      `UPDATE comments SET status = 'deleted', name = '', email = '', website = NULL, body = '',
         html = '', token_hash = NULL, ip_hash = NULL, user_agent = NULL, updated_at = ?
       WHERE id = ?`,
    ),
    removeComment: db.prepare<[number]>('DELETE FROM comments WHERE id = ?'),
    markByOwner: db.prepare<[number]>('UPDATE comments SET by_owner = 1 WHERE id = ?'),
    findDuplicate: db.prepare<[number, string, string], { found: number }>(
      // One lookup in the index of page, text and email: neither the author's history nor the
      // page's length is read.
      `SELECT 1 AS found FROM comments
       WHERE page_id = ? AND text_key = ? AND email = ? COLLATE NOCASE AND status != 'deleted'
       LIMIT 1`,
    ),
    editComment: db.prepare<[string, string, string, string, string, string, number]>(
      `UPDATE comments SET body = ?, text_key = ?, html = ?, status = ?, edited_at = ?,
         updated_at = ?
       WHERE id = ?`,
    ),
    byEmail: db.prepare<[string], ModeratedCommentRow>(
      `SELECT comments.*, pages.key AS page_key, pages.url AS page_url, pages.title AS page_title
       FROM comments JOIN pages ON pages.id = comments.page_id
       WHERE comments.email = ? COLLATE NOCASE ORDER BY comments.id`,
    ),
    listByStatus: db.prepare<[StoredStatus, number, number], ModeratedCommentRow>(
      `SELECT comments.*, pages.key AS page_key, pages.url AS page_url, pages.title AS page_title
       FROM comments JOIN pages ON pages.id = comments.page_id
       WHERE comments.status = ? AND comments.id < ?
       ORDER BY comments.id DESC LIMIT ?`,
    ),
    findModerated: db.prepare<[number], ModeratedCommentRow>(
      `SELECT comments.*, pages.key AS page_key, pages.url AS page_url, pages.title AS page_title
       FROM comments JOIN pages ON pages.id = comments.page_id WHERE comments.id = ?`,
    ),
  };

  function deleteOne(id: number, now: string): 'removed' | 'erased' {
    if (statements.hasReplies.get(id)) {
      statements.eraseComment.run(now, id);
      return 'erased';
    }
    statements.removeComment.run(id);
    return 'removed';
  }

  function insertComment(
    page: { key: string; url: string; title: string | null },
    comment: Omit<NewCommentRow, 'pageId'>,
  ): CommentRow {
    const shown = comment.status === 'approved';
    const row = ensurePage(page.key, page.url, page.title, shown, comment.createdAt);
    const parent =
      comment.parentId === null ? undefined : statements.findComment.get(comment.parentId);
    const rootId = parent ? (parent.root_id ?? parent.id) : null;
    const stored = statements.insertComment.get({
      ...comment,
      pageId: row.id,
      rootId,
      notify: comment.notify ? 1 : 0,
      textKey: commentTextKey(comment.body),
    }) as CommentRow;
    // A held comment's title waits beside it for the site owner's approval (see approveTitle).
    if (!shown && page.title) statements.keepHeldTitle.run(stored.id, row.id, page.title);
    return stored;
  }

  /**
   * Finds the page by key, creating it on its first comment with that post's title. Anyone may
   * post, so afterwards only a comment shown at once renames it: a held one changes nothing.
   */
  function ensurePage(
    key: string,
    url: string,
    title: string | null,
    shown: boolean,
    now: string,
  ): PageRow {
    const page = statements.findPage.get(key);
    if (!page) return statements.insertPage.get(key, url, title, now) as PageRow;
    if (shown) nameShownPage(page, title);
    return page;
  }

  /**
   * A comment being shown names its page with the title its post carried. Without one, the
   * page keeps its title, unless nothing was ever shown on it (version 0) and that title is a
   * held post's: a title nobody vouched for is not shown for want of another.
   */
  function nameShownPage(page: PageRow, title: string | null): void {
    if (title) {
      if (title !== page.title) statements.updatePageTitle.run(title, page.id);
      return;
    }
    if (page.version === 0 && page.title && statements.isHeldTitle.get(page.id, page.title))
      statements.updatePageTitle.run(null, page.id);
  }

  /**
   * Once the site owner approves a held comment, the title its post carried names the page,
   * unless a newer comment shown already named it: the title follows the newest post shown.
   * `page` is the page as it was before the approval.
   */
  function approveTitle(row: CommentRow, page: PageRow): void {
    const held = statements.heldTitle.get(row.id)?.title ?? null;
    if (held) statements.forgetHeldTitle.run(row.id);
    if (held && page.title && statements.newerApproved.get(row.page_id, row.created_at, row.id))
      return;
    nameShownPage(page, held);
  }

  return {
    /** The SQL of every statement, by name, so that tests can check each one's query plan. */
    statementSources(): Record<string, string> {
      return Object.fromEntries(
        Object.entries(statements).map(([name, statement]) => [name, statement.source]),
      );
    },
    getSetting(key: string): string | null {
      return statements.getSetting.get(key)?.value ?? null;
    },
    setSetting(key: string, value: string): void {
      statements.setSetting.run(key, value);
    },
    deleteSetting(key: string): void {
      statements.deleteSetting.run(key);
    },
    findPage(key: string): PageRow | null {
      return statements.findPage.get(key) ?? null;
    },

    pageVersion(key: string): PageVersion | null {
      return statements.pageVersion.get(key) ?? null;
    },
    /**
     * The key of the page that an explicit page id names on `origin`, whether it has comments
     * yet or not. Ids belong to the origin of the page address that comes with them: two sites
     * that both say "post-42" have two pages, and one site's id never reaches another's page.
     */
    explicitPageKey(origin: string, pageId: string): string {
      const scoped = scopedPageKey(origin, pageId);
      return statements.explicitPageKey.get({ scoped, id: pageId, origin })?.key ?? scoped;
    },
    /** Approved comments and the deleted ones kept as placeholders, oldest first. */
    threadRows(pageId: number): CommentRow[] {
      return statements.threadRows.all(pageId);
    },
    /**
     * One page of a thread: up to `limit` top-level comments after the cursor, oldest first,
     * each followed by its replies, and never more than `most` comments in all. Pinned comments
     * lead the first page, outside the paging order. When a comment's replies do not all fit,
     * the page ends inside them and `next` continues there; `next` is null after the last.
     * `cut` names the top-level comment whose replies continue on the next page.
     */
    threadPage(
      pageId: number,
      after: ThreadCursor | null,
      limit: number,
      most: number = LIMITS.threadCommentsMax,
    ): { rows: CommentRow[]; next: ThreadCursor | null; cut: number | null } {
      const rows: CommentRow[] = [];
      // The last top-level comment shown with all its replies: where a next page would start.
      let complete: ThreadCursor | null = after && { ...after, reply: undefined };

      /** Adds the replies to `top` after `from`; the cursor into them when not all of them fit. */
      const addReplies = (top: ThreadCursor, from: Position | null): ThreadCursor | null => {
        const room = most - rows.length;
        const replies = statements.repliesOf.all(
          top.id,
          from?.created ?? '',
          from?.id ?? 0,
          room + 1,
        );
        if (replies.length <= room) {
          rows.push(...replies);
          return null;
        }
        replies.length = room;
        rows.push(...replies);
        const last = replies.at(-1);
        return {
          ...top,
          reply: last ? { created: last.created_at, id: last.id } : (from ?? BEFORE_ALL),
        };
      };
      const stop = (next: ThreadCursor | null, cut: number | null = null) => ({ rows, next, cut });

      if (after?.reply) {
        const inside = addReplies(after, after.reply);
        if (inside) return stop(inside, after.id);
      }
      const tops: { row: CommentRow; pinned: boolean }[] = [];
      if (!after || after.pinned) {
        for (const row of statements.pinnedTopLevel.all(pageId)) {
          if (!after || isAfter(row, after)) tops.push({ row, pinned: true });
        }
      }
      const from = after?.pinned ? null : after;
      const unpinned = statements.topLevelPage.all(
        pageId,
        from?.created ?? '',
        from?.id ?? 0,
        limit + 1,
      );
      const more = unpinned.length > limit;
      if (more) unpinned.pop();
      for (const row of unpinned) tops.push({ row, pinned: false });

      // Most pages: all these comments' replies fit, and one query reads them.
      const room = most - rows.length - tops.length;
      const replies =
        room >= 0 && tops.length > 0
          ? statements.repliesUnder.all(JSON.stringify(tops.map(({ row }) => row.id)), room + 1)
          : [];
      if (room >= 0 && replies.length <= room) {
        const byRoot = new Map<number, CommentRow[]>();
        for (const reply of replies) {
          const root = reply.root_id as number;
          const under = byRoot.get(root);
          if (under) under.push(reply);
          else byRoot.set(root, [reply]);
        }
        for (const { row } of tops) rows.push(row, ...(byRoot.get(row.id) ?? []));
        const last = unpinned.at(-1);
        return stop(more && last ? { created: last.created_at, id: last.id } : null);
      }
      // Otherwise comment by comment, until the answer is full.
      for (const { row, pinned } of tops) {
        if (rows.length >= most) return stop(complete);
        rows.push(row);
        const top: ThreadCursor = { created: row.created_at, id: row.id };
        if (pinned) top.pinned = true;
        const inside = addReplies(top, null);
        if (inside) return stop(inside, row.id);
        complete = top;
      }
      return stop(more ? complete : null);
    },
    /** Approved comments per page key, for the keys that name a page. */
    countsByKey(keys: string[]): Map<string, number> {
      const rows = statements.countsByKey.all(JSON.stringify(keys));
      return new Map(rows.map((row) => [row.key, row.count]));
    },
    findComment(id: number): CommentRow | null {
      return statements.findComment.get(id) ?? null;
    },
    /** The id the next stored comment will get (SQLite gives the largest so far plus one). */
    nextCommentId(): number {
      return (statements.nextCommentId.get() as { id: number }).id;
    },
    findByTokenHash(tokenHash: string): CommentRow | null {
      return statements.findByToken.get(tokenHash) ?? null;
    },
    /**
     * True when an approved comment has this email and this name, as WordPress asks before it
     * publishes a returning commenter's comment. The email is compared ignoring case, as mail
     * servers do; the name ignoring case, Unicode form and the spaces around and inside it, as a
     * person reads it ("ann  reader" is Ann Reader), but not accents ("Zoe" is not "Zoë").
     */
    hasApprovedCommentFrom(email: string, name: string): boolean {
      const wanted = nameKey(name);
      return statements.approvedNamesFrom
        .all({ email })
        .some((row) => nameKey(row.name) === wanted);
    },
    /** Stores a comment, creating its page on the first one, in one transaction. */
    insertComment: db.transaction(insertComment),
    /** Runs `work` in one transaction: all of its writes happen, or none. */
    inTransaction<T>(work: () => T): T {
      return db.transaction(work)();
    },
    /** Stores the site owner's reply, approved and marked as theirs. */
    insertOwnerReply: db.transaction(
      (
        page: { key: string; url: string; title: string | null },
        comment: Omit<NewCommentRow, 'pageId'>,
      ): CommentRow => {
        const row = insertComment(page, comment);
        statements.markByOwner.run(row.id);
        return { ...row, by_owner: 1 };
      },
    ),
    /** A moderation decision, whichever door it came through; an approval may name the page. */
    setStatus: db.transaction(
      (id: number, status: StoredStatus, now: string): ModeratedCommentRow | null => {
        const before = statements.findComment.get(id);
        const page = before && statements.pageById.get(before.page_id);
        if (statements.setStatus.run(status, now, id).changes === 0) return null;
        if (before && page && status === 'approved') approveTitle(before, page);
        return statements.findModerated.get(id) ?? null;
      },
    ),
    /**
     * Deletes a comment. One with replies keeps its row, emptied of everything its author
     * wrote, so that the thread below it stays in place.
     */
    deleteComment: db.transaction((id: number, now: string) => deleteOne(id, now)),
    /**
     * True when this page already has this text from this email address: the texts compared as
     * normalised by `normaliseCommentText` (Unicode form, case, white space), the email ignoring
     * case.
     */
    isDuplicate(pageId: number, email: string, body: string): boolean {
      return statements.findDuplicate.get(pageId, commentTextKey(body), email) !== undefined;
    },
    /** Replaces a comment's text, as its author edited it. */
    editComment(
      id: number,
      change: { body: string; html: string; status: StoredStatus },
      now: string,
    ): CommentRow | null {
      statements.editComment.run(
        change.body,
        commentTextKey(change.body),
        change.html,
        change.status,
        now,
        now,
        id,
      );
      return statements.findComment.get(id) ?? null;
    },
    /** Everything stored under one email address, with each comment's page. */
    commentsByEmail(email: string): ModeratedCommentRow[] {
      return statements.byEmail.all(email);
    },
    /** Erases everything stored under one email address, in one transaction; returns how many. */
    eraseByEmail: db.transaction((email: string, now: string): number => {
      const rows = statements.byEmail.all(email);
      // Newest first, so that replies go before the comments they answer.
      for (const row of [...rows].reverse()) deleteOne(row.id, now);
      return rows.length;
    }),
    listByStatus(status: StoredStatus, limit: number, beforeId?: number): ModeratedCommentRow[] {
      return statements.listByStatus.all(status, beforeId ?? Number.MAX_SAFE_INTEGER, limit);
    },
    findModerated(id: number): ModeratedCommentRow | null {
      return statements.findModerated.get(id) ?? null;
    },
  };
}

/** A name as first-time moderation compares it: NFKC, spaces collapsed, lower case. */
function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
