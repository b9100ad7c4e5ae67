/** Telling a thread when a single-page app moves to another address without a page load. */

/** How often the address is looked at, in milliseconds. */
const LOOK_EVERY = 400;

/**
 * Calls `listener` after each change of address; returns the function that stops it. The
 * address is looked at a few times a second rather than by wrapping history.pushState: that
 * sees every way an app can move (pushState, replaceState, the back button, a router of its own),
 * leaves the page's own objects alone, and costs a string comparison. Looking a moment later
 * also gives the app time to update its title and canonical link, which it does after the move.
 */
export function onLocationChange(listener: () => void): () => void {
  let seen = location.href;
  const timer = setInterval(() => {
    if (location.href === seen) return;
    seen = location.href;
    listener();
  }, LOOK_EVERY);
  return () => clearInterval(timer);
}
