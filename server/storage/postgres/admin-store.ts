/** The queries behind the site owner's dashboard, on PostgreSQL (../admin-store.ts is SQLite's). */
import type { CommentStatus } from '../../../shared/types.ts';
import type {
  DashboardCommentRow,
  DashboardFilter,
  PageListFilter,
  PageSummaryRow,
} from '../admin-store.ts';
import { authorityPart, likePattern } from '../admin-store.ts';
import type { Storage } from '../storage.ts';
import { all, type Connection, one, run, sourcesOf, statement } from './connection.ts';

/**
 * SQLite's LIKE folds ASCII letters and nothing else; nocase() on both sides does the same
 * here, where LIKE is case-sensitive. The pattern's escapes (likePattern) are the same in both.
 */
const COMMENT_MATCHES = `(nocase(comments.body) LIKE nocase($4) ESCAPE '\\'
  OR nocase(comments.name) LIKE nocase($4) ESCAPE '\\'
  OR nocase(comments.email) LIKE nocase($4) ESCAPE '\\')`;
const PAGE_MATCHES = `(nocase(url) LIKE nocase($3) ESCAPE '\\' OR nocase(title) LIKE nocase($3) ESCAPE '\\')`;

const DASHBOARD_COMMENT = `SELECT comments.*, pages.key AS page_key, pages.url AS page_url,
    pages.title AS page_title, parent.name AS reply_to_name, parent.body AS reply_to_body,
    akismet.verdict AS akismet
  FROM comments
  JOIN pages ON pages.id = comments.page_id
  LEFT JOIN comments AS parent ON parent.id = comments.parent_id
  LEFT JOIN akismet_verdicts AS akismet ON akismet.comment_id = comments.id`;

const PAGE_SUMMARY =
  'SELECT id, key, url, title, approved_count AS count, published_at, open_override FROM pages';

const statements = {
  // The parameters that may be null are typed: `$2 IS NULL` alone tells PostgreSQL nothing.
  list: statement(
    'admin.list',
    `${DASHBOARD_COMMENT}
     WHERE comments.status = $1 AND comments.id < $5
       AND ($2::text IS NULL OR pages.url = $2 OR substr(pages.url, 1, length($2) + 1) = $2 || '/')
       AND ($3::text IS NULL OR pages.key = $3)
       AND ($4::text IS NULL OR ${COMMENT_MATCHES})
     ORDER BY comments.id DESC LIMIT $6`,
  ),
  find: statement('admin.find', `${DASHBOARD_COMMENT} WHERE comments.id = $1`),
  counts: statement(
    'admin.counts',
    `SELECT
       (SELECT count(*) FROM comments WHERE status = 'pending') AS pending,
       (SELECT count(*) FROM comments WHERE status = 'approved') AS approved,
       (SELECT count(*) FROM comments WHERE status = 'spam') AS spam,
       (SELECT count(*) FROM comments WHERE status = 'trash') AS trash`,
  ),
  // As on SQLite: walked through pages_by_url from the cursor on, one site's pages kept apart by
  // an upper bound of their own statement so that the index scan stops at it.
  pagesAfter: statement(
    'admin.pagesAfter',
    `${PAGE_SUMMARY} WHERE (url, id) > ($1::text, $2::bigint)
       AND ($3::text IS NULL OR ${PAGE_MATCHES})
     ORDER BY url, id LIMIT $4`,
  ),
  sitePagesAfter: statement(
    'admin.sitePagesAfter',
    `${PAGE_SUMMARY} WHERE (url, id) > ($1::text, $2::bigint) AND url < $5
       AND ($3::text IS NULL OR ${PAGE_MATCHES})
     ORDER BY url, id LIMIT $4`,
  ),
  firstUrlFrom: statement(
    'admin.firstUrlFrom',
    'SELECT url FROM pages WHERE url >= $1 ORDER BY url LIMIT 1',
  ),
  trash: statement(
    'admin.trash',
    `UPDATE comments SET trashed_from = status, status = 'trash', updated_at = $1
     WHERE id = $2 AND status IN ('approved', 'pending', 'spam')`,
  ),
  restore: statement(
    'admin.restore',
    `UPDATE comments SET status = CASE WHEN status = 'trash' THEN coalesce(trashed_from, 'pending')
       ELSE 'pending' END, trashed_from = NULL, updated_at = $1
     WHERE id = $2 AND status IN ('trash', 'spam')`,
  ),
  pin: statement(
    'admin.pin',
    `UPDATE comments SET pinned = $1, updated_at = $2 WHERE id = $3 AND status != 'deleted'`,
  ),
  edit: statement(
    'admin.edit',
    `UPDATE comments SET body = $1, html = $2, updated_at = $3 WHERE id = $4 AND status != 'deleted'`,
  ),
  perDay: statement(
    'admin.perDay',
    `SELECT substr(created_at, 1, 10) AS day, count(*) AS count FROM comments
     WHERE created_at >= $1 GROUP BY day ORDER BY day`,
  ),
  // Grouped by the page's key, which lets its other columns be selected; pages.id breaks ties
  // of count and address as SQLite's grouping by page happens to.
  topPages: statement(
    'admin.topPages',
    `SELECT pages.key, pages.url, pages.title, count(*) AS count
     FROM comments JOIN pages ON pages.id = comments.page_id
     WHERE comments.status = 'approved'
     GROUP BY pages.id ORDER BY count DESC, pages.url, pages.id LIMIT $1`,
  ),
};

/** The dashboard's queries on `connection`, answering as ../admin-store.ts does. */
export function createPgAdminStore(connection: Connection): Storage['admin'] {
  const admin: Storage['admin'] = {
    async statementSources() {
      return sourcesOf(statements);
    },
    list: (filter: DashboardFilter) =>
      all<DashboardCommentRow>(connection, statements.list, [
        filter.status,
        filter.site ?? null,
        filter.page ?? null,
        filter.search ? likePattern(filter.search) : null,
        filter.before ?? Number.MAX_SAFE_INTEGER,
        filter.limit,
      ]),
    find: (id) => one<DashboardCommentRow>(connection, statements.find, [id]),
    async counts() {
      return (await one<Record<CommentStatus | 'trash', number>>(
        connection,
        statements.counts,
      )) as Record<CommentStatus | 'trash', number>;
    },
    pages(filter: PageListFilter) {
      const from = filter.site ? `${filter.site}/` : '';
      const after = filter.after && filter.after.url >= from ? filter.after : { url: from, id: -1 };
      const values = [
        after.url,
        after.id,
        filter.search ? likePattern(filter.search) : null,
        filter.limit,
      ];
      return filter.site
        ? all<PageSummaryRow>(connection, statements.sitePagesAfter, [...values, `${filter.site}0`])
        : all<PageSummaryRow>(connection, statements.pagesAfter, values);
    },
    async sites(limit, originOf) {
      const firstFrom = async (from: string) =>
        (await one<{ url: string }>(connection, statements.firstUrlFrom, [from]))?.url;
      const sites = new Set<string>();
      let url = await firstFrom('');
      while (url !== undefined && sites.size < limit) {
        sites.add(originOf(url));
        url = await firstFrom(`${authorityPart(url)}0`);
      }
      return [...sites].sort();
    },
    trash: async (id, now) => (await run(connection, statements.trash, [now, id])) > 0,
    restore: async (id, now) => (await run(connection, statements.restore, [now, id])) > 0,
    setPinned: async (id, pinned, now) =>
      (await run(connection, statements.pin, [pinned ? 1 : 0, now, id])) > 0,
    edit: async (id, body, html, now) =>
      (await run(connection, statements.edit, [body, html, now, id])) > 0,
    async perDay(since) {
      const rows = await all<{ day: string; count: number }>(connection, statements.perDay, [
        since,
      ]);
      return new Map(rows.map((row) => [row.day, row.count]));
    },
    topPages: (limit) =>
      all<{ key: string; url: string; title: string | null; count: number }>(
        connection,
        statements.topPages,
        [limit],
      ),
  };
  return admin;
}
