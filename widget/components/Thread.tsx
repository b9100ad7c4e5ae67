/** One page's comments and the reply form, as useThread keeps them. */
import type { WidgetConfig } from '../config.ts';
import { countHeading } from '../thread.ts';
import { CommentForm } from './CommentForm.tsx';
import { CommentList } from './CommentList.tsx';
import { LoadFailed } from './LoadFailed.tsx';
import { LoadMore } from './LoadMore.tsx';
import { useThread } from './use-thread.ts';

export function Thread({ config }: { config: WidgetConfig }) {
  const thread = useThread(config);

  if (thread.kind === 'loading') return <p class="status">Loading comments…</p>;
  if (thread.kind === 'failed') {
    return <LoadFailed message={thread.message} onRetry={thread.retry} />;
  }

  const form = thread.form ? (
    <CommentForm {...thread.form} />
  ) : (
    <p class="closed">
      Comments are closed here: this comments server does not accept comments for this site.
    </p>
  );

  return (
    // A plain container: the host page decides which landmark holds its comments.
    <div class="thread">
      {thread.count > 0 && <h2 class="count">{countHeading(thread.count, config.title)}</h2>}
      {thread.list.nodes.length > 0 && <CommentList {...thread.list} form={form} />}
      {thread.next && (
        // Keyed by cursor: a fresh observer reports at once if the button is still in view.
        <LoadMore key={thread.next} {...thread.more} />
      )}
      {thread.replyTarget === null && form}
      <p class="visually-hidden" role="status" aria-live="polite">
        {thread.announcement}
      </p>
    </div>
  );
}
