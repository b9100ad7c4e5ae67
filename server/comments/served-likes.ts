/**
 * Which version of a page's likes its thread answers show. A like leaves the page's version as
 * it is (schema/10-likes.ts), so that a popular page's kept answers are not thrown away by each
 * like; instead the page's likes version is read again at most once a second, and an answer
 * kept for an older one is made afresh. A like shows within a second, and a page liked twenty
 * times in a second is serialised once for them, not twenty times.
 */

/** More pages than any site reads in a second; beyond it the memory starts afresh. */
const MAX_KEPT = 10_000;

/**
 * Returns `servedLikes(pageId, now)`: the likes version to show of the page in `now`'s second,
 * read through `read` the first time the page is asked for in that second.
 */
export function createServedLikes(
  read: (pageId: number) => Promise<number>,
): (pageId: number, now: Date) => Promise<number> {
  // The read itself is kept, not its answer: requests that arrive while it is under way wait
  // for that one read instead of each making their own.
  const kept = new Map<number, { second: number; version: Promise<number> }>();
  return (pageId, now) => {
    const second = Math.floor(now.getTime() / 1000);
    const known = kept.get(pageId);
    if (known && known.second === second) return known.version;
    const version = read(pageId);
    if (!known && kept.size >= MAX_KEPT) kept.clear();
    const entry = { second, version };
    kept.set(pageId, entry);
    // A failed read is not kept: the next request asks again.
    version.catch(() => {
      if (kept.get(pageId) === entry) kept.delete(pageId);
    });
    return version;
  };
}
