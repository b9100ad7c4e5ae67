/** An inline form with one textarea: editing a comment's text, or replying to it. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/limits.ts';
import { RequestFailed } from '../api.ts';

interface TextFormProps {
  id: string;
  label: string;
  initial: string;
  submitLabel: string;
  onSubmit: (text: string) => Promise<void>;
  onCancel: () => void;
}

export function TextForm({ id, label, initial, submitLabel, onSubmit, onCancel }: TextFormProps) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => field.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const body = text.trim();
    if (!body) {
      setError('Please write something first.');
      field.current?.focus();
      return;
    }
    if (body.length > LIMITS.bodyMax) {
      setError(`Please keep it under ${LIMITS.bodyMax.toLocaleString('en')} characters.`);
      field.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      await onSubmit(body);
    } catch (failure) {
      // The text stays in the field, so nothing typed is lost.
      setError(
        failure instanceof RequestFailed
          ? (failure.fields.body ?? failure.message)
          : 'It could not be saved. Please try again.',
      );
      setBusy(false);
      field.current?.focus();
    }
  };

  return (
    <form class="text-form" onSubmit={submit} noValidate>
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={5}
        value={text}
        ref={field}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(event) => setText((event.target as HTMLTextAreaElement).value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
        }}
      />
      {error && (
        <span class="error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
      <p class="buttons">
        <button type="submit" aria-disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </form>
  );
}
