/** One page's comments and the reply form, as useThread keeps them. */
import { pageQuery } from '../api.ts';
import type { WidgetConfig } from '../config.ts';
import { countHeading } from '../thread.ts';
import { CommentForm } from './CommentForm.tsx';
import { CommentList } from './CommentList.tsx';
import { LoadFailed } from './LoadFailed.tsx';
import { SortOrder } from './SortOrder.tsx';
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
    <p class="closed">Comments are closed.</p>
  );

  return (
    // A plain container: the host page decides which landmark holds its comments.
    <div class="thread">
      {thread.count > 0 && <h2 class="count">{countHeading(thread.count, config.title)}</h2>}
      {thread.count > 1 && <SortOrder {...thread.sort} />}
      {thread.list.nodes.length > 0 && <CommentList {...thread.list} form={form} />}
      {thread.more && (
        // Keyed by cursor: a fresh observer reports at once if the button is still in view.
        <thread.more.LoadMore key={thread.next} {...thread.more.props} />
      )}
      {thread.replyTarget === null && form}
      <a class="feed" href={`${config.server}/feed/comments.atom?${pageQuery(config.page)}`}>
        Comments feed
      </a>
      <p class="visually-hidden" role="status" aria-live="polite">
        {thread.announcement}
      </p>
    </div>
  );
}
