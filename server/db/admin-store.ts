/** The queries behind the site owner's dashboard, prepared once. */
import type { Database } from 'better-sqlite3';
import type { CommentStatus } from '../../shared/types.ts';
import type { ModeratedCommentRow, StoredStatus } from './store.ts';

/** A comment for the dashboard, with the comment it answers. */
export interface DashboardCommentRow extends ModeratedCommentRow {
  reply_to_name: string | null;
  reply_to_body: string | null;
}

export interface DashboardFilter {
  status: StoredStatus;
  /** An origin: only pages of this site. */
  site?: string;
  /** A page key: only this page. */
  page?: string;
  /** Words to find in the text, name or email. */
  search?: string;
  before?: number;
  limit: number;
}

export type AdminStore = ReturnType<typeof createAdminStore>;

/** `%` and `_` typed by the site owner are letters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export function createAdminStore(db: Database) {
  const statements = {
    list: db.prepare<Record<string, unknown>, DashboardCommentRow>(
      `SELECT comments.*, pages.key AS page_key, pages.url AS page_url, pages.title AS page_title,
         parent.name AS reply_to_name, parent.body AS reply_to_body
       FROM comments
       JOIN pages ON pages.id = comments.page_id
       LEFT JOIN comments AS parent ON parent.id = comments.parent_id
       WHERE comments.status = @status AND comments.id < @before
         AND (@site IS NULL OR pages.url = @site OR substr(pages.url, 1, length(@site) + 1) = @site || '/')
         AND (@page IS NULL OR pages.key = @page)
         AND (@search IS NULL OR comments.body LIKE @search ESCAPE '\\'
           OR comments.name LIKE @search ESCAPE '\\' OR comments.email LIKE @search ESCAPE '\\')
       ORDER BY comments.id DESC LIMIT @limit`,
    ),
    find: db.prepare<[number], DashboardCommentRow>(
      `SELECT comments.*, pages.key AS page_key, pages.url AS page_url, pages.title AS page_title,
         parent.name AS reply_to_name, parent.body AS reply_to_body
       FROM comments
       JOIN pages ON pages.id = comments.page_id
       LEFT JOIN comments AS parent ON parent.id = comments.parent_id
       WHERE comments.id = ?`,
    ),
    counts: db.prepare<[], Record<CommentStatus | 'trash', number>>(
      `SELECT
         (SELECT count(*) FROM comments WHERE status = 'pending') AS pending,
         (SELECT count(*) FROM comments WHERE status = 'approved') AS approved,
         (SELECT count(*) FROM comments WHERE status = 'spam') AS spam,
         (SELECT count(*) FROM comments WHERE status = 'trash') AS trash`,
    ),
    pages: db.prepare<[], { key: string; url: string; title: string | null; count: number }>(
      'SELECT key, url, title, approved_count AS count FROM pages ORDER BY url',
    ),
    trash: db.prepare<[string, number]>(
      `UPDATE comments SET trashed_from = status, status = 'trash', updated_at = ?
       WHERE id = ? AND status IN ('approved', 'pending', 'spam')`,
    ),
    restore: db.prepare<[string, number]>(
      `UPDATE comments SET status = CASE WHEN status = 'trash' THEN coalesce(trashed_from, 'pending')
         ELSE 'pending' END, trashed_from = NULL, updated_at = ?
       WHERE id = ? AND status IN ('trash', 'spam')`,
    ),
    pin: db.prepare<[number, string, number]>(
      `UPDATE comments SET pinned = ?, updated_at = ? WHERE id = ? AND status != 'deleted'`,
    ),
    edit: db.prepare<[string, string, string, number]>(
      `UPDATE comments SET body = ?, html = ?, updated_at = ? WHERE id = ? AND status != 'deleted'`,
    ),
    perDay: db.prepare<[string], { day: string; count: number }>(
      `SELECT substr(created_at, 1, 10) AS day, count(*) AS count FROM comments
       WHERE created_at >= ? GROUP BY day ORDER BY day`,
    ),
    topPages: db.prepare<
      [number],
      { key: string; url: string; title: string | null; count: number }
    >(
      `SELECT pages.key, pages.url, pages.title, count(*) AS count
       FROM comments JOIN pages ON pages.id = comments.page_id
       WHERE comments.status = 'approved'
       GROUP BY comments.page_id ORDER BY count DESC, pages.url LIMIT ?`,
    ),
  };

  return {
    statementSources(): Record<string, string> {
      return Object.fromEntries(
        Object.entries(statements).map(([name, statement]) => [name, statement.source]),
      );
    },
    list(filter: DashboardFilter): DashboardCommentRow[] {
      return statements.list.all({
        status: filter.status,
        site: filter.site ?? null,
        page: filter.page ?? null,
        search: filter.search ? likePattern(filter.search) : null,
        before: filter.before ?? Number.MAX_SAFE_INTEGER,
        limit: filter.limit,
      });
    },
    /** One comment as the dashboard shows it, with the comment it answers. */
    find(id: number): DashboardCommentRow | null {
      return statements.find.get(id) ?? null;
    },
    counts(): Record<CommentStatus | 'trash', number> {
      return statements.counts.get() as Record<CommentStatus | 'trash', number>;
    },
    pages() {
      return statements.pages.all();
    },
    /** Moves a comment to the trash, remembering where it came from; false if it cannot go. */
    trash(id: number, now: string): boolean {
      return statements.trash.run(now, id).changes > 0;
    },
    /** Brings a comment back from the trash (to where it was) or from spam (to pending). */
    restore(id: number, now: string): boolean {
      return statements.restore.run(now, id).changes > 0;
    },
    setPinned(id: number, pinned: boolean, now: string): boolean {
      return statements.pin.run(pinned ? 1 : 0, now, id).changes > 0;
    },
    /** The site owner's edit: not an author's, so it is not marked "edited". */
    edit(id: number, body: string, html: string, now: string): boolean {
      return statements.edit.run(body, html, now, id).changes > 0;
    },
    /** Comments per day since `since` (YYYY-MM-DD), days without any left out. */
    perDay(since: string): Map<string, number> {
      return new Map(statements.perDay.all(since).map((row) => [row.day, row.count]));
    },
    topPages(limit: number) {
      return statements.topPages.all(limit);
    },
  };
}
