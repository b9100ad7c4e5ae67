/** Telling threads when a single-page app moves to another address without a page load. */

const EVENT = 'leave-a-reply:locationchange';
const PATCHED = Symbol.for('leave-a-reply.history-patched');

type PatchedHistory = History & { [PATCHED]?: true };

/**
 * pushState and replaceState fire no event, so they are wrapped once per page (even when the
 * embed script runs twice) to dispatch one; popstate covers the back and forward buttons.
 */
function patchHistory(): void {
  const patched = history as PatchedHistory;
  if (patched[PATCHED]) return;
  patched[PATCHED] = true;
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      window.dispatchEvent(new Event(EVENT));
      return result;
    };
  }
}

/** Calls `listener` after each change of address; returns the function that stops it. */
export function onLocationChange(listener: () => void): () => void {
  patchHistory();
  // Apps update the title and canonical link after they change the address; look once they have.
  let pending = 0;
  const schedule = () => {
    clearTimeout(pending);
    pending = window.setTimeout(listener, 0);
  };
  window.addEventListener(EVENT, schedule);
  window.addEventListener('popstate', schedule);
  return () => {
    clearTimeout(pending);
    window.removeEventListener(EVENT, schedule);
    window.removeEventListener('popstate', schedule);
  };
}
