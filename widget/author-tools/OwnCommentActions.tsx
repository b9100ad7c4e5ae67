/** Edit and Delete for the reader's own comment, while the server still allows it. */
import { useRef, useState } from 'preact/hooks';
import { R } from '../../shared/i18n/reader-text.ts';
import type { ShownComment } from '../../shared/thread-tree.ts';
import { validateComment } from '../../shared/validate.ts';
import type { Authorship, OwnText } from '../components/CommentItem.tsx';
import { failureMessage } from '../request.ts';
import { asShown, withEdit } from '../thread-changes.ts';
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
  const { client } = authorship;
  const { say } = client;

  const run = async (work: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    setError('');
    try {
      await work();
      onEditing(false);
      setConfirming(false);
    } catch (failure) {
      setError(failureMessage(failure, say(R.ActionFailed)));
    } finally {
      busy.current = false;
    }
  };

  if (editing) {
    const save = (event: Event) => {
      event.preventDefault();
      const problem = validateComment({ name: 'x', email: 'x@x.xx', body: text }, say).errors.body;
      if (problem) setError(problem);
      else
        run(async () => {
          const { comment: edited } = await editComment(client, comment.id, mine.token, text);
          authorship.change(withEdit(comment, edited, mine.token));
          authorship.announce(say(asShown(edited).held ? R.EditSavedHeld : R.EditSaved));
        });
    };
    return (
      <form class="edit-form" onSubmit={save} noValidate>
        <label for={fieldId}>{say(R.EditLabel)}</label>
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
        <button type="submit">{say(R.Save)}</button>{' '}
        <button type="button" class="secondary" onClick={() => onEditing(false)}>
          {say(R.Cancel)}
        </button>
      </form>
    );
  }

  if (confirming) {
    return (
      <fieldset class="confirm-delete">
        <legend>{say(R.DeleteQuestion)}</legend>
        <button
          type="button"
          onClick={() =>
            run(async () => {
              await deleteComment(client, comment.id, mine.token);
              authorship.announce(say(R.DeletedOwn));
              // The server decides whether a placeholder stays for the replies below it.
              authorship.onDeleted();
            })
          }
        >
          {say(R.Delete)}
        </button>{' '}
        <button type="button" class="secondary" onClick={() => setConfirming(false)}>
          {say(R.KeepIt)}
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
        {say(R.Edit)}
      </button>
      <button type="button" class="link" onClick={() => setConfirming(true)}>
        {say(R.Delete)}
      </button>
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
