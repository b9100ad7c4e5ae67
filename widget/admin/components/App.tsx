/**
 * Signs the site owner in when needed, then shows the dashboard. A session that ends while the
 * dashboard is in use (it expired, or another tab signed out) asks for the password over the
 * dashboard, which stays as it was underneath: a reply or an edit being typed is not lost, and
 * the owner carries on where they were once signed in again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { failureMessage } from '../../request.ts';
import { resumeSession, whenSignedOut } from '../api.ts';
import { say } from '../say.ts';
import { Dashboard } from './Dashboard.tsx';
import { SignIn } from './SignIn.tsx';

type Session =
  | { kind: 'checking' }
  | { kind: 'failed'; message: string }
  | { kind: 'signed-out'; notice: string }
  | { kind: 'ended' }
  | { kind: 'signed-in' };

export function App() {
  const [session, setSession] = useState<Session>({ kind: 'checking' });
  // Where the owner was when the session ended: the focus goes back there after signing in.
  const lastFocus = useRef<Element | null>(null);
  // Counts each signing in again, so that the kept dashboard fetches its counts afresh.
  const [resumed, setResumed] = useState(0);

  const check = () => {
    setSession({ kind: 'checking' });
    resumeSession().then(
      (signedIn) =>
        setSession(signedIn ? { kind: 'signed-in' } : { kind: 'signed-out', notice: '' }),
      (error: unknown) =>
        setSession({
          kind: 'failed',
          message: failureMessage(error, say('dashboardNotLoaded')),
        }),
    );
  };

  useEffect(() => {
    check();
    // Any call answered 401 means the session ended (it expired, or another tab signed out).
    whenSignedOut(() =>
      setSession((current) => {
        if (current.kind !== 'signed-in') return current;
        lastFocus.current = document.activeElement;
        return { kind: 'ended' };
      }),
    );
  }, []);

  useEffect(() => {
    if (session.kind !== 'signed-in' || !lastFocus.current) return;
    if (lastFocus.current instanceof HTMLElement && lastFocus.current.isConnected) {
      lastFocus.current.focus();
    }
    lastFocus.current = null;
  }, [session]);

  if (session.kind === 'checking') return <p class="status">{say('loading')}</p>;
  if (session.kind === 'failed') {
    return (
      <main class="sign-in">
        <p role="alert">{session.message}</p>
        <button type="button" onClick={check}>
          {say('tryAgain')}
        </button>
      </main>
    );
  }
  if (session.kind === 'signed-out') {
    return <SignIn notice={session.notice} onSignedIn={() => setSession({ kind: 'signed-in' })} />;
  }
  const ended = session.kind === 'ended';
  return (
    <>
      {ended && (
        <SignIn
          notice={say('sessionEnded')}
          onSignedIn={() => {
            setResumed((count) => count + 1);
            setSession({ kind: 'signed-in' });
          }}
        />
      )}
      <div hidden={ended}>
        <Dashboard
          resumed={resumed}
          onSignedOut={() => setSession({ kind: 'signed-out', notice: say('signedOut') })}
        />
      </div>
    </>
  );
}
