/** The queries behind the site owner's dashboard, prepared once. */
import type { Database } from 'better-sqlite3';
import type { CommentStatus } from '../../shared/types.ts';
import type { AkismetVerdict } from './akismet-store.ts';
import { type ModeratedCommentRow, type StoredStatus, sourcesOf } from './rows.ts';

/** A comment for the dashboard, with the comment it answers. */
export interface DashboardCommentRow extends ModeratedCommentRow {
  reply_to_name: string | null;
  reply_to_body: string | null;
  /** Akismet's verdict; null when it was not asked (off, the owner's reply, an import). */
  akismet: AkismetVerdict | null;
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

export interface PageSummaryRow {
  id: number;
  key: string;
  url: string;
  title: string | null;
  count: number;
  published_at: string | null;
  open_override: 0 | 1 | null;
}

/** Which pages the dashboard's page list asks for, in the order of their addresses. */
export interface PageListFilter {
  /** An origin: only its pages. */
  site?: string;
  /** Words to find in the address or the title. */
  search?: string;
  /** The last page of the previous part of the list: the list goes on after it. */
  after?: { url: string; id: number };
  limit: number;
}

export type AdminStore = ReturnType<typeof createAdminStore>;

/**
 * The start of an address up to its path (`https://blog.example.com`), as written: every
 * address with the same start sorts before that start followed by "0".
 */
export function authorityPart(url: string): string {
  const scheme = url.indexOf('://');
  const path = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
  return path < 0 ? url : url.slice(0, path);
}

/** `%` and `_` typed by the site owner are letters, not wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export function createAdminStore(db: Database) {
  const statements = {
    list: db.prepare<Record<string, unknown>, DashboardCommentRow>(
      `SELECT comments.*, pages.key AS page_key, pages.url AS page_url, pages.title AS page_title,
         parent.name AS reply_to_name, parent.body AS reply_to_body, akismet.verdict AS akismet
       FROM comments
       JOIN pages ON pages.id = comments.page_id
       LEFT JOIN comments AS parent ON parent.id = comments.parent_id
       LEFT JOIN akismet_verdicts AS akismet ON akismet.comment_id = comments.id
       WHERE comments.status = @status AND comments.id < @before
         AND (@site IS NULL OR pages.url = @site OR substr(pages.url, 1, length(@site) + 1) = @site || '/')
         AND (@page IS NULL OR pages.key = @page)
         AND (@search IS NULL OR comments.body LIKE @search ESCAPE '\\'
           OR comments.name LIKE @search ESCAPE '\\' OR comments.email LIKE @search ESCAPE '\\')
       ORDER BY comments.id DESC LIMIT @limit`,
    ),
    find: db.prepare<[number], DashboardCommentRow>(
      `SELECT comments.*, pages.key AS page_key, pages.url AS page_url, pages.title AS page_title,
         parent.name AS reply_to_name, parent.body AS reply_to_body, akismet.verdict AS akismet
       FROM comments
       JOIN pages ON pages.id = comments.page_id
       LEFT JOIN comments AS parent ON parent.id = comments.parent_id
       LEFT JOIN akismet_verdicts AS akismet ON akismet.comment_id = comments.id
       WHERE comments.id = ?`,
    ),
    counts: db.prepare<[], Record<CommentStatus | 'trash', number>>(
      `SELECT
         (SELECT count(*) FROM comments WHERE status = 'pending') AS pending,
         (SELECT count(*) FROM comments WHERE status = 'approved') AS approved,
         (SELECT count(*) FROM comments WHERE status = 'spam') AS spam,
         (SELECT count(*) FROM comments WHERE status = 'trash') AS trash`,
    ),
    // Walked through pages_by_url from the cursor on, so that each part of the list costs what
    // its length does, not what the whole site does; a search reads on until the part is full.
    // The upper bound keeps one site's pages apart, a statement of its own so that the index
    // stops at it.
    pagesAfter: db.prepare<Record<string, unknown>, PageSummaryRow>(
      `SELECT id, key, url, title, approved_count AS count, published_at, open_override FROM pages
       WHERE (url, id) > (@url, @id)
         AND (@search IS NULL OR url LIKE @search ESCAPE '\\' OR title LIKE @search ESCAPE '\\')
       ORDER BY url, id LIMIT @limit`,
    ),
    sitePagesAfter: db.prepare<Record<string, unknown>, PageSummaryRow>(
      `SELECT id, key, url, title, approved_count AS count, published_at, open_override FROM pages
       WHERE (url, id) > (@url, @id) AND url < @before
         AND (@search IS NULL OR url LIKE @search ESCAPE '\\' OR title LIKE @search ESCAPE '\\')
       ORDER BY url, id LIMIT @limit`,
    ),
    firstUrlFrom: db
      .prepare<[string], string>('SELECT url FROM pages WHERE url >= ? ORDER BY url LIMIT 1')
      .pluck(),
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
    /** The SQL of every statement, by name, so that tests can check each one's query plan. */
    statementSources(): Record<string, string> {
      return sourcesOf(statements);
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
    /** A part of the list of pages, in the order of their addresses; `limit` rows at most. */
    pages(filter: PageListFilter): PageSummaryRow[] {
      // Every address of a site starts with its origin and a "/"; "0" is the character after
      // "/", so the addresses below origin + "0" and after origin + "/" are the site's own.
      const from = filter.site ? `${filter.site}/` : '';
      const after = filter.after && filter.after.url >= from ? filter.after : { url: from, id: -1 };
      const values = {
        url: after.url,
        id: after.id,
        search: filter.search ? likePattern(filter.search) : null,
        limit: filter.limit,
      };
      return filter.site
        ? statements.sitePagesAfter.all({ ...values, before: `${filter.site}0` })
        : statements.pagesAfter.all(values);
    },
    /**
     * The origins of the pages, sorted, `limit` at most: one step through the index per site,
     * each jumping past every address of the site before it, however many pages it has.
     */
    sites(limit: number, originOf: (url: string) => string): string[] {
      const sites = new Set<string>();
      let url = statements.firstUrlFrom.get('');
      while (url !== undefined && sites.size < limit) {
        sites.add(originOf(url));
        url = statements.firstUrlFrom.get(`${authorityPart(url)}0`);
      }
      return [...sites].sort();
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
