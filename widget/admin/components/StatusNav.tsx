/** Links to each moderation queue with its count, to the list of pages, and to the overview. */
import type { Counts, QueueStatus } from '../api.ts';
import { say } from '../say.ts';
import { QUEUE_NAMES } from './queues.ts';
import type { View } from './use-view.ts';

const QUEUES = Object.keys(QUEUE_NAMES) as QueueStatus[];

interface StatusNavProps {
  view: View;
  counts: Counts | null;
}

export function StatusNav({ view, counts }: StatusNavProps) {
  return (
    <nav class="status-nav" aria-label={say('commentsByStatus')}>
      <ul>
        {QUEUES.map((status) => (
          <li key={status}>
            <a href={`#${status}`} aria-current={view === status ? 'page' : undefined}>
              {counts
                ? say('queueCount', { queue: say(QUEUE_NAMES[status]), n: counts[status] })
                : say(QUEUE_NAMES[status])}
            </a>
          </li>
        ))}
        <li>
          <a href="#pages" aria-current={view === 'pages' ? 'page' : undefined}>
            {say('pages')}
          </a>
        </li>
        <li>
          <a href="#overview" aria-current={view === 'overview' ? 'page' : undefined}>
            {say('overview')}
          </a>
        </li>
      </ul>
    </nav>
  );
}
