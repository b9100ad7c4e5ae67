/** The signed-in dashboard: status navigation, filters, the queue or the overview. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import {
  type AdminPage,
  type Counts,
  fetchCounts,
  fetchPages,
  RequestFailed,
  signOut,
} from '../api.ts';
import { type Filter, Filters } from './Filters.tsx';
import { Overview } from './Overview.tsx';
import { Queue } from './Queue.tsx';
import { StatusNav } from './StatusNav.tsx';
import { useView } from './use-view.ts';

interface DashboardProps {
  onSignedOut: () => void;
}

export function Dashboard({ onSignedOut }: DashboardProps) {
  const view = useView();
  const [counts, setCounts] = useState<Counts | null>(null);
  const [pages, setPages] = useState<AdminPage[]>([]);
  const [filter, setFilter] = useState<Filter>({ site: '', page: '', q: '' });
  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState('');

  // A live region speaks when its text changes: the same message twice must still differ.
  const announce = useCallback((message: string) => {
    setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message));
  }, []);

  const refresh = useCallback(() => {
    fetchCounts().then(setCounts, (error: unknown) =>
      setProblem(error instanceof RequestFailed ? error.message : 'Counts could not be loaded.'),
    );
    fetchPages().then(
      ({ pages }) => setPages(pages),
      (error: unknown) =>
        setProblem(error instanceof RequestFailed ? error.message : 'Pages could not be loaded.'),
    );
  }, []);
  useEffect(refresh, [refresh]);

  const leave = async () => {
    try {
      await signOut();
      onSignedOut();
    } catch (error) {
      setProblem(error instanceof RequestFailed ? error.message : 'Could not sign out.');
    }
  };

  return (
    <div class="dashboard">
      <header class="top">
        <h1>Comments</h1>
        <button type="button" class="secondary" onClick={leave}>
          Sign out
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
        ) : (
          <>
            <Filters pages={pages} filter={filter} onChange={setFilter} />
            <Queue
              // A new view or filter starts a fresh queue: its selection belongs to the old one.
              key={`${view}\n${filter.site}\n${filter.page}\n${filter.q}`}
              status={view}
              filter={filter}
              onChanged={refresh}
              announce={announce}
            />
          </>
        )}
      </main>
      <p class="announcer" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
