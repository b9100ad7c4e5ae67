/** The overview: comments per day over 90 days, how comments were moderated, the busiest pages. */
import { useEffect, useState } from 'preact/hooks';
import { LoadFailed } from '../../components/LoadFailed.tsx';
import { failureMessage } from '../../request.ts';
import { isWebLink } from '../../web-link.ts';
import { fetchOverview, type Overview as OverviewData } from '../api.ts';
import { ColumnHeadings } from './ColumnHeadings.tsx';
import { DailyChart } from './DailyChart.tsx';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; overview: OverviewData };

const SHARES = [
  { status: 'pending', label: 'Held for moderation' },
  { status: 'approved', label: 'Approved' },
  { status: 'spam', label: 'Spam' },
  { status: 'trash', label: 'Trash' },
] as const;

/** A share as a percentage with one decimal, e.g. "12.5%"; "0%" of nothing. */
function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((part / whole) * 1000) / 10}%`;
}

export function Overview() {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });

  const load = () => {
    setState({ kind: 'loading' });
    fetchOverview().then(
      (overview) => setState({ kind: 'ready', overview }),
      (error: unknown) =>
        setState({
          kind: 'failed',
          message: failureMessage(error, 'The overview could not load.'),
        }),
    );
  };
  useEffect(load, []);

  if (state.kind === 'loading') return <p class="queue-status">Loading the overview…</p>;
  if (state.kind === 'failed')
    return <LoadFailed message={state.message} onRetry={load} tryAgain="Try again" />;

  const { perDay, statuses, topPages } = state.overview;
  const total = SHARES.reduce((sum, { status }) => sum + statuses[status], 0);
  return (
    <div class="overview">
      <section aria-labelledby="per-day-heading">
        <h2 id="per-day-heading">Comments per day</h2>
        <DailyChart days={perDay} />
      </section>

      <section aria-labelledby="shares-heading">
        <h2 id="shares-heading">Moderation</h2>
        <table class="shares">
          <caption>How all {total.toLocaleString()} comments were moderated</caption>
          <ColumnHeadings names={['Status', 'Comments', 'Share']} />
          <tbody>
            {SHARES.map(({ status, label }) => (
              <tr key={status}>
                <th scope="row">{label}</th>
                <td>{statuses[status].toLocaleString()}</td>
                <td>{percent(statuses[status], total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="top-pages-heading">
        <h2 id="top-pages-heading">Most commented pages</h2>
        <p class="note">By approved comments.</p>
        {topPages.length === 0 ? (
          <p>No comments yet.</p>
        ) : (
          <ol class="top-pages">
            {topPages.map((page) => (
              <li key={page.key}>
                {isWebLink(page.url) ? (
                  <a href={page.url}>{page.title || page.url}</a>
                ) : (
                  <span>{page.title || page.url}</span>
                )}{' '}
                <span class="count">
                  {page.count.toLocaleString()} {page.count === 1 ? 'comment' : 'comments'}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
