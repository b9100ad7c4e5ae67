/** Edit and Delete for the reader's own comment, while the server still allows it. */
import { useRef, useState } from 'preact/hooks';
import { validateComment } from '../../shared/validate.ts';
import type { Authorship, OwnText } from '../components/CommentItem.tsx';
import { asShown } from '../load-thread.ts';
import { failureMessage } from '../request.ts';
import type { ShownComment } from '../thread.ts';
import { deleteComment, editComment } from './api.ts';

interface OwnCommentActionsProps {
  comment: ShownComment;
  mine: OwnText;
  authorship: Authorship;
  editing: boolean;
  onEditing: (editing: boolean) => void;
}

export function OwnCommentActions({
  comment,
  mine,
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
      else
        run(async () => {
          const { comment: edited } = await editComment(
            authorship.server,
            comment.id,
            mine.token,
            text,
          );
          authorship.onEdited(comment, edited, mine.token);
          authorship.announce(
            asShown(edited).held
              ? 'Your edit was saved and is awaiting moderation.'
              : 'Your edit was saved.',
          );
        });
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
        <button
          type="button"
          onClick={() =>
            run(async () => {
              await deleteComment(authorship.server, comment.id, mine.token);
              authorship.announce('Your comment was deleted.');
              // The server decides whether a placeholder stays for the replies below it.
              authorship.onDeleted();
            })
          }
        >
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
          setText(mine.body);
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
