/**
 * The write path that the imports from other systems share: comments read from a file, each
 * ready to be written or left out with its reason, are written a thread at a time, parents
 * before replies; pages are found or added by key, comments found again by the token hash of
 * their old identity; and the summary an import command prints.
 */

import { LIMITS } from '../../shared/limits.ts';
import { renderCommentHtml } from '../comments/render.ts';
import type { ImportedCommentRow } from '../storage/import-store.ts';
import type { PageRef } from '../storage/rows.ts';
import { commentTextKey } from '../storage/text-key.ts';
import type { ImportStore } from './importer.ts';

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

/**
 * A comment read from a file with everything its row needs but its place in the thread, worked
 * out while the file is read (its text converted and rendered), so that writing it is quick.
 * Its token hash is a hash of its old identity, so a second import finds it and adds nothing;
 * author-token semantics (editing within minutes) never apply to such old comments.
 */
export type ReadyComment = Omit<ImportedCommentRow, 'pageId' | 'parentId' | 'rootId' | 'depth'> & {
  page: PageRef;
};

/** One comment of a thread in a file: ready to be written, or left out and why. */
export type ThreadEntry<Ready extends ReadyComment = ReadyComment> = {
  /** Its id in the file, which its replies name ('' when it has none). */
  id: string;
  /** The id of the comment it replies to ('' for a top-level comment). */
  parentId: string;
} & ({ skipped: string; ready?: undefined } | { skipped: null; ready: Ready });

/** The comments among which replies find their parents: a post's, a thread's, a whole file's. */
export interface ImportThread<Ready extends ReadyComment = ReadyComment> {
  entries: ThreadEntry<Ready>[];
  /** Comments left out all together (their post has no address…), counted before the rest. */
  leftOut?: { reason: string; count: number };
}

/**
 * An entry ready to write: its text rendered as readers will see it, and keyed for the duplicate
 * check, here rather than by the database's trigger as the row is written.
 */
export function readyEntry<Ready extends ReadyComment>(
  id: string,
  parentId: string,
  comment: Omit<Ready, 'html' | 'textKey'>,
): ThreadEntry<Ready> {
  const { body } = comment;
  const ready = {
    ...comment,
    html: renderCommentHtml(body),
    textKey: commentTextKey(body),
  } as Ready;
  return { id, parentId, skipped: null, ready };
}

/** How many comments of a thread are to be written. */
export function readyIn(thread: ImportThread): number {
  return thread.entries.filter((entry) => entry.skipped === null).length;
}

/**
 * Writes a thread's comments, parents first, whatever the file's order; a reply to a comment
 * left out or missing becomes top-level, and so does one in a cycle of parents, and none is
 * deeper than the widget allows. A comment already imported is not written again. `onWritten`
 * hears of each comment written, for what a format counts beyond `result`.
 */
export async function writeThread<Ready extends ReadyComment>(
  store: ImportStore,
  thread: ImportThread<Ready>,
  result: ImportResult<string>,
  onWritten?: (ready: Ready) => void,
): Promise<void> {
  if (thread.leftOut) countSkipped(result, thread.leftOut.reason, thread.leftOut.count);
  const byId = new Map<string, ThreadEntry<Ready>>();
  for (const entry of thread.entries)
    if (entry.id && !byId.has(entry.id)) byId.set(entry.id, entry);
  const imported = result.imported as Record<string, number>;
  result.alreadyImported += await placeInThreadOrder(thread.entries, {
    accept: (entry) => {
      if (entry.skipped === null) return entry.ready;
      countSkipped(result, entry.skipped);
      return null;
    },
    parentOf: (entry) => byId.get(entry.parentId),
    findImported: store.findImported,
    write: async (_entry, ready, parent) => {
      const page = await store.findOrCreatePage(
        ready.page.key,
        ready.page.url,
        ready.page.title,
        ready.createdAt,
        ready.page.published ?? null,
      );
      if (page.created) result.pagesAdded++;
      imported[ready.status] = (imported[ready.status] ?? 0) + 1;
      onWritten?.(ready);
      const depth = parent ? Math.min(parent.depth + 1, LIMITS.depthMax) : 1;
      // The statement binds the columns it names: the page, and what a format adds, stay out.
      const id = await store.insertComment({
        ...ready,
        pageId: page.id,
        parentId: parent?.id ?? null,
        rootId: parent?.rootId ?? null,
        depth,
      });
      return { id, depth, rootId: parent?.rootId ?? id };
    },
  });
}

/** How one format's comments are accepted, linked to their parents and written. */
interface ThreadSteps<Item, Accepted extends { tokenHash: string }> {
  /** What writing `item` needs, or null when it is skipped (and counted as such). */
  accept: (item: Item) => Accepted | null;
  /** The comment `item` replies to, if the file has it. */
  parentOf: (item: Item) => Item | undefined;
  findImported: (tokenHash: string) => Promise<Placed | null>;
  write: (item: Item, accepted: Accepted, parent: Placed | null) => Promise<Placed>;
}

/**
 * Writes `items` parents first, whatever the file's order; a reply to a skipped or missing
 * comment becomes top-level, and so does one in a cycle of parents. An item already imported is
 * not written again, and its parent is left to its own turn. Returns how many were already
 * imported.
 */
async function placeInThreadOrder<Item, Accepted extends { tokenHash: string }>(
  items: readonly Item[],
  steps: ThreadSteps<Item, Accepted>,
): Promise<number> {
  const placed = new Map<Item, Placed | null>();
  let alreadyImported = 0;
  const place = async (item: Item, seen: Set<Item>): Promise<Placed | null> => {
    if (placed.has(item)) return placed.get(item) ?? null;
    const accepted = steps.accept(item);
    if (accepted === null) {
      placed.set(item, null);
      return null;
    }
    seen.add(item);
    const existing = await steps.findImported(accepted.tokenHash);
    if (existing) {
      alreadyImported++;
      placed.set(item, existing);
      return existing;
    }
    const parentItem = steps.parentOf(item);
    const parent = parentItem && !seen.has(parentItem) ? await place(parentItem, seen) : null;
    const done = await steps.write(item, accepted, parent);
    placed.set(item, done);
    return done;
  };
  for (const item of items) await place(item, new Set());
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
