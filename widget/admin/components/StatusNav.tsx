/** Links to each moderation queue with its count, and to the overview. */
import type { Counts, QueueStatus } from '../api.ts';
import type { View } from './use-view.ts';

const QUEUES: { status: QueueStatus; label: string }[] = [
  { status: 'pending', label: 'Pending' },
  { status: 'approved', label: 'Approved' },
  { status: 'spam', label: 'Spam' },
  { status: 'trash', label: 'Trash' },
];

interface StatusNavProps {
  view: View;
  counts: Counts | null;
}

export function StatusNav({ view, counts }: StatusNavProps) {
  return (
    <nav class="status-nav" aria-label="Comments by status">
      <ul>
        {QUEUES.map(({ status, label }) => (
          <li key={status}>
            <a href={`#${status}`} aria-current={view === status ? 'page' : undefined}>
              {counts ? `${label} (${counts[status]})` : label}
            </a>
          </li>
        ))}
        <li>
          <a href="#overview" aria-current={view === 'overview' ? 'page' : undefined}>
            Overview
          </a>
        </li>
      </ul>
    </nav>
  );
}
