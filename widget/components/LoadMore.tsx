/** "Load more comments": a button, also pressed for the reader when it scrolls into view. */
import { useEffect, useRef } from 'preact/hooks';

export interface LoadMoreProps {
  busy: boolean;
  error: string;
  onLoad: () => void;
}

export function LoadMore({ busy, error, onLoad }: LoadMoreProps) {
  const button = useRef<HTMLButtonElement>(null);
  const load = useRef(onLoad);
  load.current = onLoad;

  useEffect(() => {
    const element = button.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    // Starts a little before the button shows, so reading runs on without a pause.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) load.current();
      },
      { rootMargin: '400px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <p class="load-more">
      <button type="button" ref={button} aria-disabled={busy} onClick={() => load.current()}>
        {busy ? 'Loading comments…' : 'Load more comments'}
      </button>
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </p>
  );
}
