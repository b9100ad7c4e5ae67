/**
 * The sign-in form: one password field, its error right below it, and, while the server has no
 * password yet, how to set one.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchSignInNote, RequestFailed, signIn } from '../api.ts';

interface SignInProps {
  /** Why the site owner is here again, e.g. after signing out; empty on a first visit. */
  notice: string;
  onSignedIn: () => void;
}

export function SignIn({ notice, onSignedIn }: SignInProps) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [setupNote, setSetupNote] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    let shown = true;
    fetchSignInNote().then(
      ({ note }) => {
        if (shown) setSetupNote(note ?? '');
      },
      // Only a hint: without it the form still works, and an attempt says what is wrong.
      () => {
        if (shown) setSetupNote('');
      },
    );
    return () => {
      shown = false;
    };
  }, []);

  const described = [setupNote && 'setup-note', error && 'password-error'].filter(Boolean);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!password) {
      setError('Please enter the password.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      await signIn(password);
      onSignedIn();
    } catch (failure) {
      setError(
        failure instanceof RequestFailed
          ? (failure.fields.password ?? failure.message)
          : 'Could not sign in. Please try again.',
      );
      setBusy(false);
      input.current?.focus();
    }
  };

  return (
    <main class="sign-in">
      <h1>Comments</h1>
      {notice && <p class="notice">{notice}</p>}
      {setupNote && (
        <p class="notice" id="setup-note">
          {setupNote}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <p class="field">
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            ref={input}
            aria-invalid={error ? true : undefined}
            aria-describedby={described.length ? described.join(' ') : undefined}
            onInput={(event) => setPassword((event.target as HTMLInputElement).value)}
          />
          {error && (
            <span class="error" id="password-error" role="alert">
              {error}
            </span>
          )}
        </p>
        <button type="submit" aria-disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
