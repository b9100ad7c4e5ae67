/** Edit and Delete for the reader's own comment, while the server still allows it. */
import { useRef, useState } from 'preact/hooks';
import { validateComment } from '../../shared/validate.ts';
import { failureMessage } from '../request.ts';
import type { ShownComment } from '../thread.ts';
import type { Authorship } from './CommentItem.tsx';

interface OwnCommentActionsProps {
  comment: ShownComment;
  authorship: Authorship;
  editing: boolean;
  onEditing: (editing: boolean) => void;
}

export function OwnCommentActions({
  comment,
  authorship,
  editing,
  onEditing,
}: OwnCommentActionsProps) {
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const busy = useRef(false);
  const fieldId = `edit-${comment.id}`;

  const run = async (work: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    setError('');
    try {
      await work();
      onEditing(false);
      setConfirming(false);
    } catch (failure) {
      setError(failureMessage(failure, 'That did not work. Please try again.'));
    } finally {
      busy.current = false;
    }
  };

  if (editing) {
    const save = (event: Event) => {
      event.preventDefault();
      const problem = validateComment({ name: 'x', email: 'x@x.xx', body: text }).errors.body;
      if (problem) setError(problem);
      else run(() => authorship.edit(comment, text));
    };
    return (
      <form class="edit-form" onSubmit={save} noValidate>
        <label for={fieldId}>Edit your comment</label>
        <textarea
          id={fieldId}
          value={text}
          rows={6}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${fieldId}-error` : undefined}
          onInput={(event) => setText((event.target as HTMLTextAreaElement).value)}
        />
        {error && (
          <span class="error" id={`${fieldId}-error`} role="alert">
            {error}
          </span>
        )}
        <button type="submit">Save</button>{' '}
        <button type="button" class="secondary" onClick={() => onEditing(false)}>
          Cancel
        </button>
      </form>
    );
  }

  if (confirming) {
    return (
      <fieldset class="confirm-delete">
        <legend>Delete your comment?</legend>
        <button type="button" onClick={() => run(() => authorship.remove(comment))}>
          Delete
        </button>{' '}
        <button type="button" class="secondary" onClick={() => setConfirming(false)}>
          Keep it
        </button>
        {error && (
          <span class="error" role="alert">
            {error}
          </span>
        )}
      </fieldset>
    );
  }

  return (
    <>
      <button
        type="button"
        class="link"
        onClick={() => {
          setText(authorship.bodyOf(comment));
          setError('');
          onEditing(true);
        }}
      >
        Edit
      </button>
      <button type="button" class="link" onClick={() => setConfirming(true)}>
        Delete
      </button>
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
