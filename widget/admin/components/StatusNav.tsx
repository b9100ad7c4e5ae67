/** Links to each moderation queue with its count, to the list of pages, and to the overview. */
import type { Counts, QueueStatus } from '../api.ts';
import { QUEUE_NAMES } from './queues.ts';
import type { View } from './use-view.ts';

const QUEUES = Object.keys(QUEUE_NAMES) as QueueStatus[];

interface StatusNavProps {
  view: View;
  counts: Counts | null;
}

export function StatusNav({ view, counts }: StatusNavProps) {
  return (
    <nav class="status-nav" aria-label="Comments by status">
      <ul>
        {QUEUES.map((status) => (
          <li key={status}>
            <a href={`#${status}`} aria-current={view === status ? 'page' : undefined}>
              {counts ? `${QUEUE_NAMES[status]} (${counts[status]})` : QUEUE_NAMES[status]}
            </a>
          </li>
        ))}
        <li>
          <a href="#pages" aria-current={view === 'pages' ? 'page' : undefined}>
            Pages
          </a>
        </li>
        <li>
          <a href="#overview" aria-current={view === 'overview' ? 'page' : undefined}>
            Overview
          </a>
        </li>
      </ul>
    </nav>
  );
}
