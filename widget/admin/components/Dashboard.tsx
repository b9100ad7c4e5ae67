/** The signed-in dashboard: status navigation, filters, the queue, the pages or the overview. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { failureMessage } from '../../request.ts';
import { type Counts, fetchCounts, fetchSites, signOut } from '../api.ts';
import { say } from '../say.ts';
import { type Filter, Filters } from './Filters.tsx';
import { Overview } from './Overview.tsx';
import { Pages } from './Pages.tsx';
import { Queue } from './Queue.tsx';
import { StatusNav } from './StatusNav.tsx';
import { useNotice } from './use-notice.ts';
import { useView } from './use-view.ts';

interface DashboardProps {
  /** How often the owner signed in again after a session ended: the counts are fetched anew. */
  resumed: number;
  onSignedOut: () => void;
}

export function Dashboard({ resumed, onSignedOut }: DashboardProps) {
  const view = useView();
  const [counts, setCounts] = useState<Counts | null>(null);
  const [sites, setSites] = useState<string[]>([]);
  const [filter, setFilter] = useState<Filter>({ site: '', page: '', q: '' });
  const [problem, setProblem] = useState('');
  const { notice, announcer, holders } = useNotice();
  const queueKey = `${view}\n${filter.site}\n${filter.page}\n${filter.q}`;
  // An Undo belongs to the queue it was offered in; another queue starts with no message.
  useEffect(() => announcer.clear(), [queueKey, announcer]);

  const refresh = useCallback(() => {
    fetchCounts().then(setCounts, (error: unknown) =>
      setProblem(failureMessage(error, say('countsNotLoaded'))),
    );
    // The pages themselves are fetched by the page filter, a part at a time, as it needs them.
    fetchSites().then(
      ({ sites }) => setSites(sites),
      (error: unknown) => setProblem(failureMessage(error, say('sitesNotLoaded'))),
    );
  }, []);
  // Signing in again after a session ended (`resumed`) fetches the counts anew.
  useEffect(refresh, [refresh, resumed]);

  const leave = async () => {
    try {
      await signOut();
      onSignedOut();
    } catch (error) {
      setProblem(failureMessage(error, say('signOutFailed')));
    }
  };

  return (
    <div class="dashboard">
      <header class="top">
        <h1>{say('comments')}</h1>
        <button type="button" class="secondary" onClick={leave}>
          {say('signOut')}
        </button>
      </header>
      <StatusNav view={view} counts={counts} />
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <main>
        {view === 'overview' ? (
          <Overview />
        ) : view === 'pages' ? (
          <Pages announcer={announcer} />
        ) : (
          <>
            <Filters sites={sites} filter={filter} onChange={setFilter} />
            <Queue
              // A new view or filter starts a fresh queue: its selection belongs to the old one.
              key={queueKey}
              status={view}
              filter={filter}
              onChanged={refresh}
              announcer={announcer}
            />
          </>
        )}
      </main>
      {/* Not atomic: when only the selection moves, that alone is spoken, not the whole message. */}
      <p
        class={notice.outcome ? 'announcer' : 'visually-hidden'}
        role="status"
        aria-live="polite"
        aria-atomic="false"
        {...holders}
      >
        {notice.outcome && <span key={`said-${notice.said}`}>{notice.outcome}</span>}
        {/* Screen readers hear where the selection went; others see it highlighted. */}
        {notice.where && (
          <span key={`pointed-${notice.pointed}`} class="visually-hidden">
            {' '}
            {notice.where}
          </span>
        )}
        {notice.undo && (
          <button type="button" class="undo" onClick={announcer.undo}>
            {say('undo')}
          </button>
        )}
      </p>
    </div>
  );
}
