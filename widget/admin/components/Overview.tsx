/**
 * The overview: comments per day over 90 days, how comments were moderated, the busiest pages,
 * what each defence stopped or held.
 */
import { useEffect, useState } from 'preact/hooks';
import { DEFENCES, type Defence } from '../../../shared/defences.ts';
import { isWebLink } from '../../../shared/web-link.ts';
import { LoadFailed } from '../../components/LoadFailed.tsx';
import { failureMessage } from '../../request.ts';
import { fetchOverview, type Overview as OverviewData } from '../api.ts';
import { say } from '../say.ts';
import { ColumnHeadings } from './ColumnHeadings.tsx';
import { DailyChart } from './DailyChart.tsx';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; overview: OverviewData };

const SHARES = [
  { status: 'pending', label: 'held' },
  { status: 'approved', label: 'queueApproved' },
  { status: 'spam', label: 'queueSpam' },
  { status: 'trash', label: 'queueTrash' },
] as const;

const DEFENCE_LABELS = {
  honeypot: 'defenceHoneypot',
  timing: 'defenceTiming',
  flood: 'defenceFlood',
  rate_limit: 'defenceRateLimit',
  blocklist: 'defenceBlocklist',
  links: 'defenceLinks',
  words: 'defenceWords',
  impersonation: 'defenceImpersonation',
  challenge: 'defenceChallenge',
  akismet: 'defenceAkismet',
} as const satisfies Record<Defence, string>;

/** A share as a percentage with one decimal, e.g. "12.5%"; "0%" of nothing. */
function percent(part: number, whole: number): string {
  return say('percent', { n: whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10 });
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
          message: failureMessage(error, say('overviewNotLoaded')),
        }),
    );
  };
  useEffect(load, []);

  if (state.kind === 'loading') return <p class="queue-status">{say('loadingOverview')}</p>;
  if (state.kind === 'failed')
    return <LoadFailed message={state.message} onRetry={load} tryAgain={say('tryAgain')} />;

  const { perDay, statuses, topPages, defences } = state.overview;
  const total = SHARES.reduce((sum, { status }) => sum + statuses[status], 0);
  return (
    <div class="overview">
      <section aria-labelledby="per-day-heading">
        <h2 id="per-day-heading">{say('perDay')}</h2>
        <DailyChart days={perDay} />
      </section>

      <section aria-labelledby="shares-heading">
        <h2 id="shares-heading">{say('moderation')}</h2>
        <table class="shares">
          <caption>{say('sharesCaption', { n: total })}</caption>
          <ColumnHeadings names={[say('status'), say('commentsColumn'), say('share')]} />
          <tbody>
            {SHARES.map(({ status, label }) => (
              <tr key={status}>
                <th scope="row">{say(label)}</th>
                <td>{statuses[status].toLocaleString()}</td>
                <td>{percent(statuses[status], total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="defences-heading">
        <h2 id="defences-heading">{say('defences')}</h2>
        <table class="shares defences">
          <caption>{say('defencesCaption')}</caption>
          <ColumnHeadings names={[say('defenceColumn'), say('stoppedColumn'), say('heldColumn')]} />
          <tbody>
            {DEFENCES.map((defence) => (
              <tr key={defence}>
                <th scope="row">{say(DEFENCE_LABELS[defence])}</th>
                <td>{(defences[defence]?.stopped ?? 0).toLocaleString()}</td>
                <td>{(defences[defence]?.held ?? 0).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="top-pages-heading">
        <h2 id="top-pages-heading">{say('topPages')}</h2>
        <p class="note">{say('byApproved')}</p>
        {topPages.length === 0 ? (
          <p>{say('noCommentsYet')}</p>
        ) : (
          <ol class="top-pages">
            {topPages.map((page) => (
              <li key={page.key}>
                {isWebLink(page.url) ? (
                  <a href={page.url}>{page.title || page.url}</a>
                ) : (
                  <span>{page.title || page.url}</span>
                )}{' '}
                <span class="count">{say('commentCount', { n: page.count })}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
