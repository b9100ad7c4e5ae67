/** Which part of the dashboard is shown, kept in the address's #fragment so Back works. */
import { useEffect, useState } from 'preact/hooks';
import type { QueueStatus } from '../api.ts';

export type View = QueueStatus | 'pages' | 'overview';

export const VIEWS: readonly View[] = ['pending', 'approved', 'spam', 'trash', 'pages', 'overview'];

function viewOf(hash: string): View {
  const name = hash.replace(/^#/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'pending';
}

export function useView(): View {
  const [view, setView] = useState(() => viewOf(location.hash));
  useEffect(() => {
    const follow = () => setView(viewOf(location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return view;
}
