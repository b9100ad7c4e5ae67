/** Every query the server runs, prepared once, behind typed methods. */
import type { Database } from 'better-sqlite3';
import type { CommentStatus } from '../../shared/types.ts';

/** What a comment can be in the database: trash can be restored, deleted is a placeholder. */
export type StoredStatus = CommentStatus | 'trash' | 'deleted';

export interface PageRow {
  id: number;
  key: string;
  url: string;
  title: string | null;
  created_at: string;
  /** Goes up with every change to the page's comments. */
  version: number;
  /** How many of its comments are approved, kept by triggers. */
  approved_count: number;
}

/** Which page, and how often its comments have changed: all a thread's cache needs to know. */
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

export type Store = ReturnType<typeof createStore>;

/** Prepares the statements once; routes and the CLI call these methods, never `db.prepare`. */
export function createStore(db: Database) {
  const statements = {
    getSetting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    setSetting: db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    findPage: db.prepare<[string], PageRow>('SELECT * FROM pages WHERE key = ?'),
    pageVersion: db.prepare<[string], PageVersion>('SELECT id, version FROM pages WHERE key = ?'),
    insertPage: db.prepare<[string, string, string | null, string], PageRow>(
      'INSERT INTO pages (key, url, title, created_at) VALUES (?, ?, ?, ?) RETURNING *',
    ),
    updatePageTitle: db.prepare<[string, number]>('UPDATE pages SET title = ? WHERE id = ?'),
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
    repliesUnder: db.prepare<[string], CommentRow>(
      // The unary + keeps the planner off the status index: by root there are few rows to check.
      `SELECT * FROM comments
       WHERE root_id IN (SELECT value FROM json_each(?)) AND +status IN ('approved', 'deleted')
       ORDER BY created_at, id`,
    ),
    countsByKey: db.prepare<[string], { key: string; count: number }>(
      `SELECT key, approved_count AS count FROM pages
       WHERE key IN (SELECT value FROM json_each(?))`,
    ),
    findComment: db.prepare<[number], CommentRow>('SELECT * FROM comments WHERE id = ?'),
    findByToken: db.prepare<[string], CommentRow>('SELECT * FROM comments WHERE token_hash = ?'),
    approvedNamesFrom: db.prepare<[string], { name: string }>(
      // Read from the index alone (migration 6 added the name to it); one address has few names.
      `SELECT DISTINCT name FROM comments WHERE email = ? COLLATE NOCASE AND status = 'approved'`,
    ),
    insertComment: db.prepare<
      Omit<NewCommentRow, 'notify'> & { rootId: number | null; notify: 0 | 1 },
      CommentRow
    >(
      `INSERT INTO comments (page_id, parent_id, root_id, depth, status, name, email, website,
         body, html, token_hash, ip_hash, user_agent, created_at, notify)
       VALUES (@pageId, @parentId, @rootId, @depth, @status, @name, @email, @website,
         @body, @html, @tokenHash, @ipHash, @userAgent, @createdAt, @notify)
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
      // By email first: one person has few comments, a popular page has thousands.
      `SELECT 1 AS found FROM comments
       WHERE +page_id = ? AND email = ? COLLATE NOCASE AND body = ? AND status != 'deleted' LIMIT 1`,
    ),
    editComment: db.prepare<[string, string, string, string, string, number]>(
      `UPDATE comments SET body = ?, html = ?, status = ?, edited_at = ?, updated_at = ?
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
    const row = ensurePage(page.key, page.url, page.title, comment.createdAt);
    const parent =
      comment.parentId === null ? undefined : statements.findComment.get(comment.parentId);
    const rootId = parent ? (parent.root_id ?? parent.id) : null;
    return statements.insertComment.get({
      ...comment,
      pageId: row.id,
      rootId,
      notify: comment.notify ? 1 : 0,
    }) as CommentRow;
  }

  /** Finds the page by key, creating it on first comment and keeping its newest title. */
  function ensurePage(key: string, url: string, title: string | null, now: string): PageRow {
    const page = statements.findPage.get(key);
    if (!page) return statements.insertPage.get(key, url, title, now) as PageRow;
    if (title && title !== page.title) {
      statements.updatePageTitle.run(title, page.id);
      return { ...page, title };
    }
    return page;
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
    findPage(key: string): PageRow | null {
      return statements.findPage.get(key) ?? null;
    },

    pageVersion(key: string): PageVersion | null {
      return statements.pageVersion.get(key) ?? null;
    },
    /** Approved comments and the deleted ones kept as placeholders, oldest first. */
    threadRows(pageId: number): CommentRow[] {
      return statements.threadRows.all(pageId);
    },
    /**
     * One page of a thread: up to `limit` top-level comments after the cursor, oldest first,
     * with all their replies; `more` tells whether top-level comments remain after these.
     */
    threadPage(
      pageId: number,
      after: { created: string; id: number } | null,
      limit: number,
    ): { rows: CommentRow[]; more: boolean; last: CommentRow | null } {
      const top = statements.topLevelPage.all(
        pageId,
        after?.created ?? '',
        after?.id ?? 0,
        limit + 1,
      );
      const more = top.length > limit;
      if (more) top.pop();
      const last = top.at(-1) ?? null;
      // Pinned comments lead the first page, outside the paging order.
      if (!after) top.unshift(...statements.pinnedTopLevel.all(pageId));
      const replies = top.length
        ? statements.repliesUnder.all(JSON.stringify(top.map((row) => row.id)))
        : [];
      return { rows: [...top, ...replies], more, last };
    },
    /** Approved comments per page key, for the keys that name a page. */
    countsByKey(keys: string[]): Map<string, number> {
      const rows = statements.countsByKey.all(JSON.stringify(keys));
      return new Map(rows.map((row) => [row.key, row.count]));
    },
    findComment(id: number): CommentRow | null {
      return statements.findComment.get(id) ?? null;
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
      return statements.approvedNamesFrom.all(email).some((row) => nameKey(row.name) === wanted);
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
    setStatus(id: number, status: StoredStatus, now: string): ModeratedCommentRow | null {
      if (statements.setStatus.run(status, now, id).changes === 0) return null;
      return statements.findModerated.get(id) ?? null;
    },
    /**
     * Deletes a comment. One with replies keeps its row, emptied of everything its author
     * wrote, so that the thread below it stays in place.
     */
    deleteComment: db.transaction((id: number, now: string) => deleteOne(id, now)),
    /** True when this page already has this text from this email address. */
    isDuplicate(pageId: number, email: string, body: string): boolean {
      return statements.findDuplicate.get(pageId, email, body) !== undefined;
    },
    /** Replaces a comment's text, as its author edited it. */
    editComment(
      id: number,
      change: { body: string; html: string; status: StoredStatus },
      now: string,
    ): CommentRow | null {
      statements.editComment.run(change.body, change.html, change.status, now, now, id);
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
