/**
 * "Load more comments": a button, also pressed for the reader when it scrolls into view, that
 * fetches the thread's next part. Loaded on demand (widget/on-demand/more-comments.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { R } from '../../shared/i18n/reader-text.ts';
import type { ThreadSort } from '../../shared/types.ts';
import { fetchThread } from '../api.ts';
import type { Client } from '../client.ts';
import type { WidgetConfig } from '../config.ts';
import { failureMessage } from '../request.ts';
import { type ChangeThread, withPart } from '../thread-changes.ts';

export interface LoadMoreProps {
  config: WidgetConfig;
  client: Client;
  sort: ThreadSort;
  /** The cursor of the part to fetch. */
  next: string;
  change: ChangeThread;
}

export function LoadMore({ config, client, sort, next, change }: LoadMoreProps) {
  const { say } = client;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // A ref, not state: a click and the scroll observer in one frame must load one part, not two.
  const fetching = useRef(false);
  const button = useRef<HTMLButtonElement>(null);

  const load = async () => {
    if (fetching.current) return;
    fetching.current = true;
    setBusy(true);
    setError('');
    try {
      change(withPart(await fetchThread(client, config.page, sort, next)));
    } catch (failure) {
      setError(failureMessage(failure, say(R.MoreFailed)));
    } finally {
      fetching.current = false;
      setBusy(false);
    }
  };
  const latest = useRef(load);
  latest.current = load;

  useEffect(() => {
    const element = button.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    // Starts a little before the button shows, so reading runs on without a pause.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) latest.current();
      },
      { rootMargin: '400px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <p class="load-more">
      <button type="button" ref={button} aria-disabled={busy} onClick={() => latest.current()}>
        {say(busy ? R.Loading : R.LoadMore)}
      </button>
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </p>
  );
}
