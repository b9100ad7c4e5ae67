/**
 * A form of one field (the password, a comment's text): its error right below the field, whether
 * it is being sent, and the focus back in the field whenever it is refused, with what was typed
 * still in it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { RequestFailed } from '../../request.ts';

export interface FieldForm<Input extends HTMLElement> {
  /** The field, focused when the form opens. */
  input: { current: Input | null };
  error: string;
  busy: boolean;
  /** Shows why the form cannot be sent and puts the focus back in the field. */
  refuse: (message: string) => void;
  /**
   * Sends with `work`. A failure is shown as the server's words for `field`, else its message,
   * else `fallback`, and the form can be sent again: the promise never rejects.
   */
  send: (work: () => Promise<void>) => Promise<void>;
}

export function useFieldForm<Input extends HTMLElement>(
  field: string,
  fallback: string,
): FieldForm<Input> {
  const input = useRef<Input>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => input.current?.focus(), []);

  const refuse = (message: string) => {
    setError(message);
    input.current?.focus();
  };

  const send = async (work: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await work();
    } catch (failure) {
      refuse(
        failure instanceof RequestFailed ? (failure.fields[field] ?? failure.message) : fallback,
      );
    } finally {
      setBusy(false);
    }
  };

  return { input, error, busy, refuse, send };
}
