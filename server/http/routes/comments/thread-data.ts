/**
 * A part of a page's thread as readers see it, read from the store: what the JSON answer, the
 * HTML fragment and the page at /thread all show.
 */
import type { ThreadSort } from '../../../../shared/types.ts';
import type { ThreadData } from '../../../html/thread-html/view.ts';
import type { PageVersion } from '../../../storage/store.ts';
import type { CommentRouteContext } from '../comments.ts';
import { decodeCursor, encodeCursor } from './thread-cursor.ts';

/** Which part of which page: its key and address, the id it was given, the order and cursor. */
export interface ThreadPart {
  pageKey: string;
  url: string;
  /** The page id as the page gave it, if it gave one. */
  pageId: string | undefined;
  /** The page as stored (null before its first comment), as it was read for this answer. */
  stored: PageVersion | null;
  sort: ThreadSort;
  after: string | undefined;
  limit: number;
  at: Date;
}

/** The reader of threads for the comment routes' settings. */
export function createThreadData(context: CommentRouteContext) {
  const { config, closing, present } = context;
  const { store } = context.storage;
  // Reply mail is promised only by a server that can send it.
  const replyMail = config.smtpUrl !== null;

  return async function threadData(part: ThreadPart): Promise<ThreadData> {
    const { pageKey, url, sort, stored, at } = part;
    const cursor = part.after ? decodeCursor(part.after, sort) : null;
    // A page only held comments have touched is, to readers, a page without comments.
    const row = stored && stored.version > 0 ? await store.findPage(pageKey) : null;
    const slice = row ? await store.threadPage(row.id, cursor, part.limit, sort) : null;
    return {
      editWindowMinutes: config.editWindowMinutes,
      url,
      // The id as the page gave it; the origin it is stored within is the server's affair.
      page: part.pageId?.trim() || url,
      title: row?.title ?? null,
      count: row?.approved_count ?? 0,
      open: closing.isOpen(url, stored, at),
      notify: replyMail,
      sort,
      likes: config.likes,
      avatars: present.avatars,
      comments: slice ? present.thread(slice.rows, slice.cut) : [],
      next: slice?.next ? encodeCursor(slice.next, sort) : null,
    };
  };
}
