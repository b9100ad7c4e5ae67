/**
 * What the comment feeds read: a page's or a site's newest approved comments, with only the
 * columns a feed shows (never an address, an IP hash or a token), and a site's version for
 * their ETags.
 */
import type { Database } from 'better-sqlite3';
import { createPageVersions } from './page-versions.ts';
import type { PageRow } from './rows.ts';

/** A comment as a feed shows it, with the page it is on. */
export interface FeedCommentRow {
  id: number;
  name: string;
  website: string | null;
  html: string;
  created_at: string;
  edited_at: string | null;
  page_url: string;
  page_title: string | null;
}

/**
 * How often what readers see of a site has changed: its pages, and the sum of their versions.
 * Each change a reader can see adds one to some page's version, so the sum only grows while the
 * site keeps its pages; the count tells a page gone from one made since.
 */
export interface SiteVersion {
  pages: number;
  version: number;
}

export type FeedStore = ReturnType<typeof createFeedStore>;

const COLUMNS = `comments.id, comments.name, comments.website, comments.html, comments.created_at,
  comments.edited_at, pages.url AS page_url, pages.title AS page_title`;

/**
 * The addresses of a site's pages, as one range of the index on pages' addresses: each starts
 * with the origin and a "/", and "0" is the character after "/".
 */
function siteRange(origin: string): { from: string; to: string } {
  return { from: `${origin}/`, to: `${origin}0` };
}

export function createFeedStore(db: Database) {
  const statements = {
    pageByUrl: db.prepare<[string], PageRow>(
      'SELECT * FROM pages WHERE url = ? ORDER BY id LIMIT 1',
    ),
    pageFeed: db.prepare<[number, number], FeedCommentRow>(
      `SELECT ${COLUMNS} FROM comments JOIN pages ON pages.id = comments.page_id
       WHERE comments.page_id = ? AND comments.status = 'approved'
       ORDER BY comments.created_at DESC, comments.id DESC LIMIT ?`,
    ),
    siteFeed: db.prepare<{ from: string; to: string; limit: number }, FeedCommentRow>(
      // CROSS JOIN keeps the site's pages outside: each page's approved comments are then one
      // range of comments_by_page, and only the site's own comments are ever read, never the
      // whole server's comments newest first until enough of them belong to the site.
      `SELECT ${COLUMNS} FROM pages CROSS JOIN comments ON comments.page_id = pages.id
       WHERE pages.url >= @from AND pages.url < @to AND comments.status = 'approved'
       ORDER BY comments.created_at DESC, comments.id DESC LIMIT @limit`,
    ),
    siteVersion: db.prepare<{ from: string; to: string }, SiteVersion>(
      `SELECT count(*) AS pages, coalesce(sum(version), 0) AS version FROM pages
       WHERE url >= @from AND url < @to`,
    ),
  };

  return {
    statements,
    /** The first page stored with this address, whatever its key (a page id names it else). */
    pageByUrl(url: string): PageRow | null {
      return statements.pageByUrl.get(url) ?? null;
    },
    /** A page's newest approved comments, newest first, `limit` at most. */
    pageComments(pageId: number, limit: number): FeedCommentRow[] {
      return statements.pageFeed.all(pageId, limit);
    },
    /** The newest approved comments of every page on `origin`, newest first, `limit` at most. */
    siteComments(origin: string, limit: number): FeedCommentRow[] {
      return statements.siteFeed.all({ ...siteRange(origin), limit });
    },
    /** The version of the site on `origin`, answered from memory while nothing has written. */
    siteVersion: createPageVersions<SiteVersion>(
      db,
      (origin) => statements.siteVersion.get(siteRange(origin)) ?? null,
    ),
  };
}
