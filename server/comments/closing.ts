/**
 * Whether a page takes new comments, decided here only: its site must be one that may take
 * comments (SITE_ORIGINS); then the site owner's word on the page, if they gave one; else
 * CLOSE_AFTER_DAYS, counted from the page's publication to now by the app's clock. The thread's
 * `open`, posts, replies and likes, and the dashboard's list of pages all ask here.
 */
import { originOf } from '../../shared/page-key.ts';
import { problems } from '../errors.ts';
import type { PageRow } from '../storage/rows.ts';

const DAY_MS = 86_400_000;

/** What of a page decides whether it takes comments, besides its site. */
export type PageOpening = Pick<PageRow, 'published_at' | 'open_override'>;

export interface ClosingOptions {
  /** Whether pages on an origin may take comments at all (SITE_ORIGINS). */
  sitePolicy: (origin: string) => boolean;
  /** CLOSE_AFTER_DAYS: 0 never closes a page by its age. */
  closeAfterDays: number;
  /** The app's one clock. */
  now: () => Date;
}

export type Closing = ReturnType<typeof createClosing>;

export function createClosing({ sitePolicy, closeAfterDays, now }: ClosingOptions) {
  const closeAfterMs = closeAfterDays * DAY_MS;

  /**
   * The page's own part, its site aside: the owner's word, else its age. A page not stored yet,
   * or one whose publication nobody knows, is new to the server and open.
   */
  function openByOwnerOrAge(page: PageOpening | null, at: Date = now()): boolean {
    if (page?.open_override === 0 || page?.open_override === 1) return page.open_override === 1;
    if (closeAfterMs === 0 || !page?.published_at) return true;
    return at.getTime() < Date.parse(page.published_at) + closeAfterMs;
  }

  /** Whether a page at `url` (stored as `page`, or not stored yet) takes comments at `at`. */
  function isOpen(url: string, page: PageOpening | null, at: Date = now()): boolean {
    const origin = originOf(url);
    return origin !== null && sitePolicy(origin) && openByOwnerOrAge(page, at);
  }

  return {
    openByOwnerOrAge,
    isOpen,
    /**
     * Refuses a new comment, reply or like on a stored page that takes none now. The stored
     * page's own address decides its site, not the address a request came with: however its
     * key was reached, a page of a site that may not take comments takes none.
     */
    refuseClosed(page: PageRow | null): void {
      if (!page) return;
      const origin = originOf(page.url);
      if (!origin || !sitePolicy(origin)) throw problems.siteNotAllowed(origin ?? page.url);
      if (!openByOwnerOrAge(page)) throw problems.commentsClosed();
    },
  };
}
