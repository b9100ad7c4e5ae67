/** Signs the site owner in when needed, then shows the dashboard. */
import { useEffect, useState } from 'preact/hooks';
import { failureMessage } from '../../request.ts';
import { resumeSession, whenSignedOut } from '../api.ts';
import { Dashboard } from './Dashboard.tsx';
import { SignIn } from './SignIn.tsx';

type Session =
  | { kind: 'checking' }
  | { kind: 'failed'; message: string }
  | { kind: 'signed-out'; notice: string }
  | { kind: 'signed-in' };

export function App() {
  const [session, setSession] = useState<Session>({ kind: 'checking' });

  const check = () => {
    setSession({ kind: 'checking' });
    resumeSession().then(
      (signedIn) =>
        setSession(signedIn ? { kind: 'signed-in' } : { kind: 'signed-out', notice: '' }),
      (error: unknown) =>
        setSession({
          kind: 'failed',
          message: failureMessage(error, 'The dashboard could not load.'),
        }),
    );
  };

  useEffect(() => {
    check();
    // Any call answered 401 means the session ended (it expired, or another tab signed out).
    whenSignedOut(() =>
      setSession({ kind: 'signed-out', notice: 'Your session has ended. Please sign in again.' }),
    );
  }, []);

  if (session.kind === 'checking') return <p class="status">Loading…</p>;
  if (session.kind === 'failed') {
    return (
      <main class="sign-in">
        <p role="alert">{session.message}</p>
        <button type="button" onClick={check}>
          Try again
        </button>
      </main>
    );
  }
  if (session.kind === 'signed-out') {
    return <SignIn notice={session.notice} onSignedIn={() => setSession({ kind: 'signed-in' })} />;
  }
  return (
    <Dashboard onSignedOut={() => setSession({ kind: 'signed-out', notice: 'Signed out.' })} />
  );
}
