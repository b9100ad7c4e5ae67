/**
 * What the comment feeds read, in PostgreSQL (../feeds.ts). A site's version is read from the
 * database at every call: SQLite's module keeps versions in memory until PRAGMA data_version
 * moves, which only sees writers on the same file, never another instance's on this database.
 */
import type { FeedCommentRow, SiteVersion } from '../feeds.ts';
import type { PageRow } from '../rows.ts';
import type { Storage } from '../storage.ts';
import { all, type Connection, one, statement } from './connection.ts';

/**
 * The SQLite store's `statements` are better-sqlite3's own, for its query-plan test; nothing
 * outside that test reads them, and PostgreSQL has none to give.
 */
export type PgFeedStore = Omit<Storage['feeds'], 'statements'>;

const COLUMNS = `comments.id, comments.name, comments.website, comments.html, comments.created_at,
  comments.edited_at, pages.url AS page_url, pages.title AS page_title`;

/** A site's pages as one range of addresses (pages_by_url): "0" is the character after "/". */
function siteRange(origin: string): [string, string] {
  return [`${origin}/`, `${origin}0`];
}

const STATEMENTS = {
  pageByUrl: statement('feeds.pageByUrl', 'SELECT * FROM pages WHERE url = $1 ORDER BY id LIMIT 1'),
  pageFeed: statement(
    'feeds.pageFeed',
    `SELECT ${COLUMNS} FROM comments JOIN pages ON pages.id = comments.page_id
     WHERE comments.page_id = $1 AND comments.status = 'approved'
     ORDER BY comments.created_at DESC, comments.id DESC LIMIT $2`,
  ),
  siteFeed: statement(
    'feeds.siteFeed',
    `SELECT ${COLUMNS} FROM pages JOIN comments ON comments.page_id = pages.id
     WHERE pages.url >= $1 AND pages.url < $2 AND comments.status = 'approved'
     ORDER BY comments.created_at DESC, comments.id DESC LIMIT $3`,
  ),
  // sum() of bigint is numeric, which node-postgres gives as a string: cast back to bigint.
  siteVersion: statement(
    'feeds.siteVersion',
    `SELECT count(*) AS pages, coalesce(sum(version), 0)::bigint AS version FROM pages
     WHERE url >= $1 AND url < $2`,
  ),
};

export function createPgFeedStore(connection: Connection): PgFeedStore {
  return {
    pageByUrl: (url) => one<PageRow>(connection, STATEMENTS.pageByUrl, [url]),
    pageComments: (pageId, limit) =>
      all<FeedCommentRow>(connection, STATEMENTS.pageFeed, [pageId, limit]),
    siteComments: (origin, limit) =>
      all<FeedCommentRow>(connection, STATEMENTS.siteFeed, [...siteRange(origin), limit]),
    siteVersion: (origin) =>
      one<SiteVersion>(connection, STATEMENTS.siteVersion, siteRange(origin)),
  };
}
