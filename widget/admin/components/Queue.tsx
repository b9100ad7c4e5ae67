/**
 * One moderation queue (pending, approved, spam or trash): the comments, their actions, bulk
 * actions on the ticked ones, and keyboard shortcuts for working through the list fast. The
 * state and the changes are useQueue's; the keys are useQueueShortcuts'.
 */
import { LoadFailed } from '../../components/LoadFailed.tsx';
import type { QueueStatus } from '../api.ts';
import { say, sayParts } from '../say.ts';
import { BulkBar } from './BulkBar.tsx';
import { CommentCard } from './CommentCard.tsx';
import type { Filter } from './Filters.tsx';
import { availableActions, EMPTY_QUEUE, QUEUE_LISTS } from './queues.ts';
import type { Announcer } from './use-notice.ts';
import { useQueue } from './use-queue.ts';
import { useQueueShortcuts } from './use-queue-shortcuts.ts';

interface QueueProps {
  status: QueueStatus;
  filter: Filter;
  /** Something changed on the server: counts and sites need fetching again. */
  onChanged: () => void;
  announcer: Announcer;
}

/** A key of the shortcuts (useQueueShortcuts'), shown as a key in the hint above the list. */
function key(name: string) {
  return <kbd>{name}</kbd>;
}

export function Queue({ status, filter, onChanged, announcer }: QueueProps) {
  const queue = useQueue(status, filter, onChanged, announcer);
  useQueueShortcuts(queue, announcer);
  const { comments, checked, loadError } = queue;

  if (loadError && !comments)
    return (
      <LoadFailed message={loadError} onRetry={() => queue.load()} tryAgain={say('tryAgain')} />
    );
  if (!comments) return <p class="queue-status">{say('loadingComments')}</p>;

  const filtered = Boolean(filter.site || filter.page || filter.q);
  return (
    <section class="queue" aria-label={say(QUEUE_LISTS[status])}>
      <p class="hint">
        {sayParts('shortcuts', {
          j: key('j'),
          k: key('k'),
          a: key('a'),
          s: key('s'),
          d: key('d'),
          z: key('z'),
        })}
      </p>
      {comments.length > 0 && (
        <BulkBar
          status={status}
          total={comments.length}
          checked={checked.size}
          onSelectAll={queue.checkAll}
          onAction={queue.bulk}
        />
      )}
      {queue.problem && (
        <p class="problem" role="alert">
          {queue.problem}
        </p>
      )}
      {comments.length === 0 ? (
        <p class="queue-status">{say(filtered ? 'noMatch' : EMPTY_QUEUE[status])}</p>
      ) : (
        <ol class="comments">
          {comments.map((comment) => (
            <CommentCard
              key={comment.id}
              comment={comment}
              actions={availableActions(comment)}
              selected={comment.id === queue.selected}
              checked={checked.has(comment.id)}
              cardRef={queue.cardRef(comment.id)}
              onSelect={() => queue.select(comment.id)}
              onCheck={(tick) => queue.check(comment.id, tick)}
              onAction={(action) => queue.act(comment, action)}
              onDelete={() => queue.remove(comment)}
              onEdit={(body) => queue.edit(comment, body)}
              onReply={(body) => queue.reply(comment, body)}
            />
          ))}
        </ol>
      )}
      {loadError && (
        <p class="problem" role="alert">
          {loadError}
        </p>
      )}
      {queue.more && (
        <p class="load-more">
          <button type="button" class="secondary" onClick={() => queue.load(comments.at(-1)?.id)}>
            {say('loadOlder')}
          </button>
        </p>
      )}
    </section>
  );
}
