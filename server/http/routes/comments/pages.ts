/** Which page a request about comments is for, whether it takes comments, and its first sight. */
import type { FastifyBaseLogger } from 'fastify';
import { normalisePageUrl, originOf } from '../../../../shared/page-key.ts';
import { clientSubject } from '../../../comments/defences.ts';
import { problems } from '../../../errors.ts';
import { readerText } from '../../../i18n/message.ts';
import type { Storage } from '../../../storage/storage.ts';
import type { PageRow, PageVersion } from '../../../storage/store.ts';
import type { CommentRoutesOptions } from '../comments.ts';

/** The page address a request names, normalised; a 400 for one that is not http(s). */
export function pageUrlOrFail(raw: string): string {
  const url = normalisePageUrl(raw);
  if (!url) throw problems.invalidInput({ url: readerText('pageUrlInvalid') });
  return url;
}

/**
 * Where a page's comments are stored: under its explicit id within the origin of its address,
 * else under its address. An id equal to the address names the page by address, as the widget
 * does when it sends none.
 */
export async function pageKeyOf(
  store: Pick<Storage['store'], 'explicitPageKey'>,
  url: string,
  pageId: string | undefined,
): Promise<string> {
  const id = pageId?.trim();
  return id && id !== url ? store.explicitPageKey(originOf(url) as string, id) : url;
}

export type CommentPages = ReturnType<typeof createCommentPages>;

/** New pages one client's thread requests may store in a minute: more than a reader browses. */
export const FIRST_SIGHTS_PER_MINUTE = 30;

/** Where first sights are counted, per client and minute, in the database (throttles). */
const FIRST_SIGHTS_SCOPE = 'first-sights';

export function createCommentPages({
  storage,
  closing,
  sitePolicy,
  now,
  ipHashKey,
}: Pick<CommentRoutesOptions, 'storage' | 'closing' | 'sitePolicy' | 'now' | 'ipHashKey'>) {
  const { store, pageVersion, writeTogether, throttles } = storage;
  return {
    /** Where a page's comments are stored (`pageKeyOf`). */
    keyOf(url: string, pageId: string | undefined): Promise<string> {
      return pageKeyOf(store, url, pageId);
    },

    /** Refuses a comment, reply or like on a page that takes none now (comments/closing.ts). */
    refuseClosed(page: PageRow | null): void {
      closing.refuseClosed(page);
    },

    /**
     * A page not stored yet whose thread a browser on the page's own site asks for (its Origin
     * is the page's, and that site may take comments) is stored now, published now: so a page's
     * days under CLOSE_AFTER_DAYS count from when it was first read, not from its first comment.
     * A request from anywhere else stores nothing, so that what is stored stays bounded by the
     * sites the owner lists, and one client (`ip`) stores at most FIRST_SIGHTS_PER_MINUTE pages
     * a minute, so that a script sending a listed Origin cannot fill the database or keep it
     * writing. `urlOf` gives the page's normalised address. Returns the page's version once
     * stored, else null. A failed write (a full disk, a read-only database) is logged; the
     * thread is answered all the same.
     */
    async noteFirstSight(
      key: string,
      urlOf: () => string,
      asker: string | undefined,
      ip: string,
      log: FastifyBaseLogger,
    ): Promise<PageVersion | null> {
      // The address is read only for a request that could store something. A database on a
      // read-only medium stores nothing: its pages count from their first comment.
      if (!asker || storage.readonly || !sitePolicy(asker)) return null;
      const url = urlOf();
      if (asker !== originOf(url)) return null;
      // Past its allowance a client's pages are dated by their first comment instead.
      // Counted in the database, as the other per-client limits are: it holds across instances.
      const seen = await throttles.hit(
        FIRST_SIGHTS_SCOPE,
        clientSubject(ip, ipHashKey),
        now(),
        60_000,
      );
      if (seen.hits > FIRST_SIGHTS_PER_MINUTE) return null;
      try {
        await writeTogether((tx) => tx.store.notePageSeen(key, url, now().toISOString()));
      } catch (error) {
        log.warn({ err: error, page: url }, 'A page read for the first time could not be stored.');
        return null;
      }
      return pageVersion(key);
    },
  };
}
