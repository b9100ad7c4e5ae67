/**
 * Pages in PostgreSQL, as pages.ts keeps them in SQLite: found by key, made on their first
 * comment or first thread request, opened or closed by the site owner, and named by the titles
 * their comments' posts carry.
 */
import type { createPages } from '../pages.ts';
import { scopedPageKey } from '../pages.ts';
import type { CommentRow, PageRef, PageRow, PageVersion } from '../rows.ts';
import type { Asynchronous } from '../storage.ts';
import { all, type Connection, one, run, statement } from './connection.ts';

export const PAGE_STATEMENTS = {
  findPage: statement('pages.findPage', 'SELECT * FROM pages WHERE key = $1'),
  pageVersion: statement(
    'pages.pageVersion',
    'SELECT id, version, published_at, open_override FROM pages WHERE key = $1',
  ),
  // The scoped key first, then a page stored before ids were scoped, which kept the bare id
  // and is recognised by the address it was created with. coalesce keeps that order, which a
  // UNION ALL with LIMIT would leave to the planner.
  explicitPageKey: statement(
    'pages.explicitPageKey',
    `SELECT coalesce(
       (SELECT key FROM pages WHERE key = $1),
       (SELECT key FROM pages
        WHERE key = $2 AND key != url AND substr(url, 1, length($3::text) + 1) = $3::text || '/'
        LIMIT 1)
     ) AS key`,
  ),
  // SQLite's write transaction keeps another writer from making the page between the look and
  // the insert; here one may, and then this insert yields to it (see ensurePage).
  insertPage: statement(
    'pages.insertPage',
    `INSERT INTO pages (key, url, title, created_at, published_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (key) DO NOTHING
     RETURNING *`,
  ),
  // An INSERT takes its id from the sequence before it meets a conflict, and the id is gone
  // either way: only a page not stored yet is offered, so that ids stay as SQLite gives them.
  insertSeenPage: statement(
    'pages.insertSeenPage',
    `INSERT INTO pages (key, url, created_at, published_at)
     SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT FROM pages WHERE key = $1)
     ON CONFLICT (key) DO NOTHING`,
  ),
  setOpen: statement(
    'pages.setOpen',
    'UPDATE pages SET open_override = $1 WHERE key = $2 RETURNING *',
  ),
  pageById: statement('pages.pageById', 'SELECT * FROM pages WHERE id = $1'),
  updatePageTitle: statement('pages.updatePageTitle', 'UPDATE pages SET title = $1 WHERE id = $2'),
  hasComments: statement(
    'pages.hasComments',
    'SELECT 1 AS found FROM comments WHERE page_id = $1 LIMIT 1',
  ),
  keepHeldTitle: statement(
    'pages.keepHeldTitle',
    'INSERT INTO held_titles (comment_id, page_id, title) VALUES ($1, $2, $3)',
  ),
  isHeldTitle: statement(
    'pages.isHeldTitle',
    'SELECT 1 AS found FROM held_titles WHERE page_id = $1 AND title = $2 LIMIT 1',
  ),
  heldTitle: statement('pages.heldTitle', 'SELECT title FROM held_titles WHERE comment_id = $1'),
  forgetHeldTitle: statement(
    'pages.forgetHeldTitle',
    'DELETE FROM held_titles WHERE comment_id = $1',
  ),
  newerApproved: statement(
    'pages.newerApproved',
    `SELECT 1 AS found FROM comments
     WHERE page_id = $1 AND status = 'approved' AND (created_at, id) > ($2, $3) LIMIT 1`,
  ),
  countsByKey: statement(
    'pages.countsByKey',
    'SELECT key, approved_count AS count FROM pages WHERE key = ANY ($1::text[])',
  ),
};

const statements = PAGE_STATEMENTS;

export type PgPages = Asynchronous<Omit<ReturnType<typeof createPages>, 'statements' | 'naming'>>;

/** The page a comment belongs to (a comment row names it by id). */
export function pageById(connection: Connection, id: number): Promise<PageRow | null> {
  return one<PageRow>(connection, statements.pageById, [id]);
}

/** As pages.ts's nameShownPage: a title nobody vouched for is not shown for want of another. */
async function nameShownPage(
  connection: Connection,
  page: PageRow,
  title: string | null,
): Promise<void> {
  if (title) {
    if (title !== page.title) await run(connection, statements.updatePageTitle, [title, page.id]);
    return;
  }
  if (
    page.version === 0 &&
    page.title &&
    (await one(connection, statements.isHeldTitle, [page.id, page.title]))
  )
    await run(connection, statements.updatePageTitle, [null, page.id]);
}

/**
 * Finds the page by key, creating it on its first comment with that post's title, as pages.ts's
 * naming.ensurePage does. Runs inside the comment's own transaction (`connection`).
 */
export async function ensurePage(
  connection: Connection,
  page: PageRef,
  shown: boolean,
  now: string,
): Promise<PageRow> {
  let found = await one<PageRow>(connection, statements.findPage, [page.key]);
  if (!found) {
    const made = await one<PageRow>(connection, statements.insertPage, [
      page.key,
      page.url,
      page.title,
      now,
      now,
    ]);
    if (made) return made;
    // Another writer made it since the look: found now, as if this post had come second.
    found = (await one<PageRow>(connection, statements.findPage, [page.key])) as PageRow;
  }
  if (!found.title && page.title && !(await one(connection, statements.hasComments, [found.id]))) {
    await run(connection, statements.updatePageTitle, [page.title, found.id]);
    return { ...found, title: page.title };
  }
  if (shown) await nameShownPage(connection, found, page.title);
  return found;
}

/** A held comment's title waits beside it for the site owner's approval (approveTitle). */
export async function keepHeldTitle(
  connection: Connection,
  commentId: number,
  pageId: number,
  title: string,
): Promise<void> {
  await run(connection, statements.keepHeldTitle, [commentId, pageId, title]);
}

/**
 * Once the site owner approves a held comment, its post's title names the page unless a newer
 * comment shown already named it; `page` is the page as it was before the approval.
 */
export async function approveTitle(
  connection: Connection,
  row: CommentRow,
  page: PageRow,
): Promise<void> {
  const held =
    (await one<{ title: string }>(connection, statements.heldTitle, [row.id]))?.title ?? null;
  if (held) await run(connection, statements.forgetHeldTitle, [row.id]);
  if (
    held &&
    page.title &&
    (await one(connection, statements.newerApproved, [row.page_id, row.created_at, row.id]))
  )
    return;
  await nameShownPage(connection, page, held);
}

export function createPgPages(connection: Connection): PgPages {
  return {
    findPage: (key) => one<PageRow>(connection, statements.findPage, [key]),
    pageById: (id) => pageById(connection, id),
    pageVersion: (key) => one<PageVersion>(connection, statements.pageVersion, [key]),
    async explicitPageKey(origin, pageId) {
      const scoped = scopedPageKey(origin, pageId);
      const found = await one<{ key: string | null }>(connection, statements.explicitPageKey, [
        scoped,
        pageId,
        origin,
      ]);
      return found?.key ?? scoped;
    },
    async notePageSeen(key, url, now) {
      await run(connection, statements.insertSeenPage, [key, url, now, now]);
    },
    setPageOpen: (key, open) =>
      one<PageRow>(connection, statements.setOpen, [open === null ? null : open ? 1 : 0, key]),
    async countsByKey(keys) {
      const rows = await all<{ key: string; count: number }>(connection, statements.countsByKey, [
        keys,
      ]);
      return new Map(rows.map((row) => [row.key, row.count]));
    },
  };
}
