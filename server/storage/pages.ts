/**
 * Pages: found by key, made on their first comment (or when their own site first asks for their
 * thread), opened or closed by the site owner, and named by the titles their comments' posts
 * carry, a held comment's title waiting for the site owner's approval.
 */
import type { Database } from 'better-sqlite3';
import type { CommentRow, PageRef, PageRow, PageVersion } from './rows.ts';

/**
 * How a page with an explicit id is stored: its origin, a space, the id. No normalised address
 * holds a space, so such a key never meets a page keyed by its address.
 */
export function scopedPageKey(origin: string, pageId: string): string {
  return `${origin} ${pageId}`;
}

export type PageNaming = ReturnType<typeof createPages>['naming'];

export function createPages(db: Database) {
  const statements = {
    findPage: db.prepare<[string], PageRow>('SELECT * FROM pages WHERE key = ?'),
    pageVersion: db.prepare<[string], PageVersion>(
      'SELECT id, version, published_at, open_override FROM pages WHERE key = ?',
    ),
    explicitPageKey: db.prepare<{ scoped: string; id: string; origin: string }, { key: string }>(
      // A page stored before ids were scoped kept the bare id: it is that origin's page still,
      // recognised by the address it was created with.
      `SELECT key FROM pages WHERE key = @scoped
       UNION ALL
       SELECT key FROM pages
       WHERE key = @id AND key != url AND substr(url, 1, length(@origin) + 1) = @origin || '/'
       LIMIT 1`,
    ),
    // A page made by its first comment was first seen then: that is its publication.
    insertPage: db.prepare<[string, string, string | null, string, string], PageRow>(
      `INSERT INTO pages (key, url, title, created_at, published_at) VALUES (?, ?, ?, ?, ?)
       RETURNING *`,
    ),
    insertSeenPage: db.prepare<[string, string, string, string]>(
      `INSERT INTO pages (key, url, created_at, published_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO NOTHING`,
    ),
    setOpen: db.prepare<[0 | 1 | null, string], PageRow>(
      'UPDATE pages SET open_override = ? WHERE key = ? RETURNING *',
    ),
    pageById: db.prepare<[number], PageRow>('SELECT * FROM pages WHERE id = ?'),
    updatePageTitle: db.prepare<[string | null, number]>('UPDATE pages SET title = ? WHERE id = ?'),
    hasComments: db.prepare<[number], { found: number }>(
      'SELECT 1 AS found FROM comments WHERE page_id = ? LIMIT 1',
    ),
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
    countsByKey: db.prepare<[string], { key: string; count: number }>(
      `SELECT key, approved_count AS count FROM pages
       WHERE key IN (SELECT value FROM json_each(?))`,
    ),
  };

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

  return {
    statements,
    findPage(key: string): PageRow | null {
      return statements.findPage.get(key) ?? null;
    },
    /** The page a comment belongs to (a comment row names it by id). */
    pageById(id: number): PageRow | null {
      return statements.pageById.get(id) ?? null;
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
    /**
     * Stores a page that has no row yet, published `now`: the first time a reader's browser on
     * its own site asked for its thread. A page already stored is left as it is.
     */
    notePageSeen(key: string, url: string, now: string): void {
      statements.insertSeenPage.run(key, url, now, now);
    },
    /**
     * The one door through which a page is opened (true) or closed (false) to new comments by
     * the site owner, whatever CLOSE_AFTER_DAYS says, or given back to the setting (null); the
     * page as it is now, or null when no page has this key.
     */
    setPageOpen(key: string, open: boolean | null): PageRow | null {
      return statements.setOpen.get(open === null ? null : open ? 1 : 0, key) ?? null;
    },
    /** Approved comments per page key, for the keys that name a page. */
    countsByKey(keys: string[]): Map<string, number> {
      const rows = statements.countsByKey.all(JSON.stringify(keys));
      return new Map(rows.map((row) => [row.key, row.count]));
    },

    /** What the writes of comments do to their pages; not methods of the store. */
    naming: {
      pageById(id: number): PageRow | null {
        return statements.pageById.get(id) ?? null;
      },
      /**
       * Finds the page by key, creating it on its first comment with that post's title. Anyone
       * may post, so afterwards only a comment shown at once renames it: a held one changes
       * nothing.
       */
      ensurePage(page: PageRef, shown: boolean, now: string): PageRow {
        const found = statements.findPage.get(page.key);
        if (!found)
          return statements.insertPage.get(page.key, page.url, page.title, now, now) as PageRow;
        // A page stored when its thread was first read has no title: its first comment names
        // it as it would have named the page it created, held or not.
        if (!found.title && page.title && !statements.hasComments.get(found.id)) {
          statements.updatePageTitle.run(page.title, found.id);
          return { ...found, title: page.title };
        }
        if (shown) nameShownPage(found, page.title);
        return found;
      },
      /** A held comment's title waits beside it for the site owner's approval (approveTitle). */
      keepHeldTitle(commentId: number, pageId: number, title: string): void {
        statements.keepHeldTitle.run(commentId, pageId, title);
      },
      /**
       * Once the site owner approves a held comment, the title its post carried names the page,
       * unless a newer comment shown already named it: the title follows the newest post shown.
       * `page` is the page as it was before the approval.
       */
      approveTitle(row: CommentRow, page: PageRow): void {
        const held = statements.heldTitle.get(row.id)?.title ?? null;
        if (held) statements.forgetHeldTitle.run(row.id);
        if (held && page.title && statements.newerApproved.get(row.page_id, row.created_at, row.id))
          return;
        nameShownPage(page, held);
      },
    },
  };
}
