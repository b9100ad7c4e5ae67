/**
 * The sign-in form: one password field, its error right below it, and, while the server has no
 * password yet, how to set one.
 */
import { useEffect, useState } from 'preact/hooks';
import { fetchSignInNote, signIn } from '../api.ts';
import { say } from '../say.ts';
import { useFieldForm } from './use-field-form.ts';

interface SignInProps {
  /** Why the site owner is here again, e.g. after signing out; empty on a first visit. */
  notice: string;
  onSignedIn: () => void;
}

export function SignIn({ notice, onSignedIn }: SignInProps) {
  const [password, setPassword] = useState('');
  const form = useFieldForm<HTMLInputElement>('password', say('signInFailed'));
  const { error } = form;
  const [setupNote, setSetupNote] = useState('');
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
    if (form.busy) return;
    if (!password) {
      form.refuse(say('passwordMissing'));
      return;
    }
    await form.send(async () => {
      await signIn(password);
      onSignedIn();
    });
  };

  return (
    <main class="sign-in">
      <h1>{say('comments')}</h1>
      {notice && <p class="notice">{notice}</p>}
      {setupNote && (
        <p class="notice" id="setup-note">
          {setupNote}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <p class="field">
          <label for="password">{say('password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            ref={form.input}
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
        <button type="submit" aria-disabled={form.busy}>
          {say('signIn')}
        </button>
      </form>
    </main>
  );
}
