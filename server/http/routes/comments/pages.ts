/** Which page a request about comments is for, and whether that page takes comments. */
import { normalisePageUrl, originOf } from '../../../../shared/page-key.ts';
import { problems } from '../../../errors.ts';
import type { PageRow, Store } from '../../../storage/store.ts';
import type { SitePolicy } from '../../site-policy.ts';

/** The page address a request names, normalised; a 400 for one that is not http(s). */
export function pageUrlOrFail(raw: string): string {
  const url = normalisePageUrl(raw);
  if (!url) throw problems.invalidInput({ url: 'The page address must be an http(s) URL.' });
  return url;
}

export type CommentPages = ReturnType<typeof createCommentPages>;

export function createCommentPages(store: Pick<Store, 'explicitPageKey'>, sitePolicy: SitePolicy) {
  return {
    /**
     * Where a page's comments are stored: under its explicit id within the origin of its
     * address, else under its address. An id equal to the address names the page by address,
     * as the widget does when it sends none.
     */
    keyOf(url: string, pageId: string | undefined): string {
      const id = pageId?.trim();
      return id && id !== url ? store.explicitPageKey(originOf(url) as string, id) : url;
    },

    /**
     * The stored page's own address decides whether it takes comments, not the address a post
     * came with: however its key was reached, a page of a site that may not take comments takes
     * none.
     */
    refuseClosed(page: PageRow | null): void {
      if (!page) return;
      const origin = originOf(page.url);
      if (!origin || !sitePolicy(origin)) throw problems.siteNotAllowed(origin ?? page.url);
    },
  };
}
