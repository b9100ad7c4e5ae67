/**
 * The write path the importers share: pages found or added by key, comments found by the
 * token_hash of their old identity, replies stored under their parents, all or nothing, and
 * the summary an import command prints.
 */

import type { Database } from 'better-sqlite3';
import { LIMITS } from '../../shared/limits.ts';
import type { CommentStatus } from '../../shared/types.ts';
import { renderCommentHtml } from '../comments/render.ts';
import { ImportRefused } from '../errors.ts';
import type { StoredStatus } from '../storage/store.ts';

/** A stored comment, as a reply needs to know its parent. */
export interface Placed {
  id: number;
  depth: number;
  rootId: number;
}

/** What every importer counts; `imported` has one entry per status the format can give. */
export interface ImportResult<Status extends string> {
  pagesAdded: number;
  imported: Record<Status, number>;
  alreadyImported: number;
  /** Why comments were left out, and how many for each reason. */
  skipped: Record<string, number>;
}

/** One imported comment; its depth and root come from `parent` (null: top-level). */
export interface ImportedComment {
  pageId: number;
  parent: Placed | null;
  status: StoredStatus;
  /** The status to go back to when it leaves the trash. */
  trashedFrom?: CommentStatus | null;
  name: string;
  email: string;
  website: string | null;
  body: string;
  tokenHash: string;
  createdAt: string;
}

export type ImportWriter = ReturnType<typeof createImportWriter>;

/**
 * Runs an import command: `work` reads and writes, and its summary is printed. A file the
 * importer refuses (an error of class `refusal`) is told, with exit code 1; anything else is a
 * fault of the program and is thrown.
 */
export async function runImportCommand(
  file: string,
  work: () => Promise<string> | string,
): Promise<number> {
  try {
    console.log(await work());
    return 0;
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    console.error(`Nothing was imported from ${file}. ${error.message}`);
    return 1;
  }
}

/**
 * Runs `work` in one immediate transaction: everything is written, or nothing is, and a failure
 * comes back through `makeError` saying so.
 */
export function writeAllOrNothing(
  db: Database,
  work: () => void,
  makeError: (message: string) => Error,
): void {
  try {
    db.transaction(work).immediate();
  } catch (error) {
    throw makeError(`The import failed, and nothing was written: ${(error as Error).message}`);
  }
}

/**
 * Prepares the importers' statements once. Each imported comment's token_hash is a hash of its
 * old identity, so a second run finds it and adds nothing; author-token semantics (editing
 * within minutes) never apply to such old comments.
 */
export function createImportWriter(db: Database) {
  const statements = {
    findPage: db.prepare<[string], { id: number }>('SELECT id FROM pages WHERE key = ?'),
    insertPage: db.prepare<[string, string, string | null, string], { id: number }>(
      'INSERT INTO pages (key, url, title, created_at) VALUES (?, ?, ?, ?) RETURNING id',
    ),
    findImported: db.prepare<[string], { id: number; depth: number; root_id: number | null }>(
      'SELECT id, depth, root_id FROM comments WHERE token_hash = ?',
    ),
    insertComment: db.prepare<Record<string, string | number | null>, { id: number }>(
      `INSERT INTO comments (page_id, parent_id, root_id, depth, status, trashed_from, name,
         email, website, body, html, token_hash, created_at)
       VALUES (@pageId, @parentId, @rootId, @depth, @status, @trashedFrom, @name, @email,
         @website, @body, @html, @tokenHash, @createdAt)
       RETURNING id`,
    ),
  };
  return {
    /** The page with this key, added (with this url, title and date) if there is none. */
    findOrCreatePage(
      key: string,
      url: string,
      title: string | null,
      createdAt: string,
    ): { id: number; created: boolean } {
      const found = statements.findPage.get(key);
      if (found) return { id: found.id, created: false };
      const row = statements.insertPage.get(key, url, title, createdAt) as { id: number };
      return { id: row.id, created: true };
    },
    /** The comment an earlier run imported with this token hash, or null. */
    findImported(tokenHash: string): Placed | null {
      const row = statements.findImported.get(tokenHash);
      return row ? { id: row.id, depth: row.depth, rootId: row.root_id ?? row.id } : null;
    },
    /** Stores one comment, no deeper than the widget allows, with its rendered HTML. */
    insertComment(comment: ImportedComment): Placed {
      const { parent } = comment;
      const depth = parent ? Math.min(parent.depth + 1, LIMITS.depthMax) : 1;
      const row = statements.insertComment.get({
        pageId: comment.pageId,
        parentId: parent?.id ?? null,
        rootId: parent?.rootId ?? null,
        depth,
        status: comment.status,
        trashedFrom: comment.trashedFrom ?? null,
        name: comment.name,
        email: comment.email,
        website: comment.website,
        body: comment.body,
        html: renderCommentHtml(comment.body),
        tokenHash: comment.tokenHash,
        createdAt: comment.createdAt,
      }) as { id: number };
      return { id: row.id, depth, rootId: parent?.rootId ?? row.id };
    },
  };
}

/** How one format's comments are accepted, linked to their parents and written. */
export interface ThreadSteps<Item, Accepted extends { tokenHash: string }> {
  /** What writing `item` needs, or null when it is skipped (the importer counts why). */
  accept: (item: Item) => Accepted | null;
  /** The comment `item` replies to, if the file has it. */
  parentOf: (item: Item) => Item | undefined;
  findImported: (tokenHash: string) => Placed | null;
  write: (item: Item, accepted: Accepted, parent: Placed | null) => Placed;
}

/**
 * Writes `items` parents first, whatever the file's order; a reply to a skipped or missing
 * comment becomes top-level, and so does one in a cycle of parents. An item already imported is
 * not written again, and its parent is left to its own turn. Returns how many were already
 * imported.
 */
export function placeInThreadOrder<Item, Accepted extends { tokenHash: string }>(
  items: readonly Item[],
  steps: ThreadSteps<Item, Accepted>,
): number {
  const placed = new Map<Item, Placed | null>();
  let alreadyImported = 0;
  const place = (item: Item, seen: Set<Item>): Placed | null => {
    if (placed.has(item)) return placed.get(item) ?? null;
    const accepted = steps.accept(item);
    if (accepted === null) {
      placed.set(item, null);
      return null;
    }
    seen.add(item);
    const existing = steps.findImported(accepted.tokenHash);
    if (existing) {
      alreadyImported++;
      placed.set(item, existing);
      return existing;
    }
    const parentItem = steps.parentOf(item);
    const parent = parentItem && !seen.has(parentItem) ? place(parentItem, seen) : null;
    const done = steps.write(item, accepted, parent);
    placed.set(item, done);
    return done;
  };
  for (const item of items) place(item, new Set());
  return alreadyImported;
}

/** Counts `n` comments left out for `reason`. */
export function countSkipped(result: ImportResult<string>, reason: string, n = 1): void {
  result.skipped[reason] = (result.skipped[reason] ?? 0) + n;
}

/** The number of comments written, whatever their status. */
export function countImported(result: ImportResult<string>): number {
  return Object.values<number>(result.imported).reduce((sum, n) => sum + n, 0);
}

/**
 * The summary printed at the end: pages, comments per status, `notes` about the format, then
 * what was already there and what was skipped, why.
 */
export function describeImport(
  file: string,
  result: ImportResult<string>,
  notes: string[] = [],
): string {
  const total = countImported(result);
  const statuses = Object.entries<number>(result.imported)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  const lines = [
    `Imported ${count(total, 'comment')}${statuses.length > 0 ? ` (${statuses.join(', ')})` : ''} on ${count(result.pagesAdded, 'new page')} from ${file}.`,
    ...notes,
  ];
  if (result.alreadyImported > 0)
    lines.push(
      `${count(result.alreadyImported, 'comment was', 'comments were')} already imported.`,
    );
  const skipped = Object.entries(result.skipped);
  if (skipped.length > 0)
    lines.push(`Skipped: ${skipped.map(([reason, n]) => `${n} ${reason}`).join(', ')}.`);
  return lines.join('\n');
}

/** `1 comment`, `2 comments`: a number with its noun. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
