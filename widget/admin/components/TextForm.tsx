/** An inline form with one textarea: editing a comment's text, or replying to it. */
import { useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/limits.ts';
import { say } from '../say.ts';
import { useFieldForm } from './use-field-form.ts';

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
  const form = useFieldForm<HTMLTextAreaElement>('body', say('notSaved'));
  const { error } = form;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (form.busy) return;
    const body = text.trim();
    const problem = !body
      ? say('bodyMissing')
      : body.length > LIMITS.bodyMax
        ? say('bodyTooLong', { n: LIMITS.bodyMax })
        : '';
    if (problem) form.refuse(problem);
    else await form.send(() => onSubmit(body));
  };

  return (
    <form class="text-form" onSubmit={submit} noValidate>
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={5}
        value={text}
        ref={form.input}
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
        <button type="submit" aria-disabled={form.busy}>
          {submitLabel}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {say('cancel')}
        </button>
      </p>
    </form>
  );
}
