/** The "Leave a Reply" form: checks fields as the server will, posts once, never loses the text. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { R } from '../../shared/i18n/reader-text.ts';
import type { ShownComment } from '../../shared/thread-tree.ts';
import type { FieldErrors, ThreadSort } from '../../shared/types.ts';
import type { Client } from '../client.ts';
import type { WidgetConfig } from '../config.ts';
import { loadPosting } from '../on-demand.ts';
import { saveAuthor } from '../storage.ts';
import type { ChangeThread } from '../thread-changes.ts';
import { Field } from './Field.tsx';
import type { Draft, FIELD_ORDER } from './use-draft.ts';

export interface CommentFormProps {
  config: WidgetConfig;
  client: Client;
  /** The server's signed record of when this form was rendered. */
  formToken: string;
  /** Offer reply mail: only a server that can send mail promises it. */
  offerNotify: boolean;
  draft: Draft;
  replyTo: ShownComment | null;
  /** The order the thread is read in. */
  sort: ThreadSort;
  /** Changes the thread: posting adds the reader's comment, or renews an expired form. */
  change: ChangeThread;
  onCancelReply: () => void;
  /** The reader's comment is in the thread. */
  onPosted: () => void;
  onAnnounce: (message: string) => void;
}

export function CommentForm(props: CommentFormProps) {
  const { client, offerNotify, draft, replyTo, onCancelReply, onAnnounce } = props;
  const { fields, update } = draft;
  const { say } = client;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  // Under the button, written by posting (widget/send-comment.ts) with what it loaded:
  // "Checking…" while a challenge is solved, or "Verify my email" after a post.
  const [note, setNote] = useState<ComponentChildren>(null);
  // A ref, not state: two clicks in one frame both see it, so a double click posts once.
  const sending = useRef(false);
  const inputs = useRef<Record<string, HTMLInputElement | HTMLTextAreaElement | null>>({});
  const formErrorRef = useRef<HTMLParagraphElement>(null);
  const honeypot = useRef<HTMLInputElement>(null);

  // Replying mounts a new form under the chosen comment; take the reader straight into it.
  const replyId = replyTo?.id ?? null;
  useEffect(() => {
    if (replyId !== null) inputs.current.body?.focus();
  }, [replyId]);

  // The form-wide message is drawn after the failure is known; focus it once it is there.
  const [focusFormError, setFocusFormError] = useState(false);
  useEffect(() => {
    if (!focusFormError) return;
    formErrorRef.current?.focus();
    setFocusFormError(false);
  }, [focusFormError]);

  // Checking and sending are the posting module's (widget/send-comment.ts), given the form's props.
  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending.current) return;
    sending.current = true;
    const posting = await loadPosting(client);
    if (posting) {
      await posting.sendComment({
        ...props,
        homepage: honeypot.current?.value ?? '',
        setErrors,
        setFormError,
        setNote,
        setBusy,
        focus: (field) => {
          if (field) inputs.current[field]?.focus();
          else setFocusFormError(true);
        },
      });
    } else {
      const unreachable = say(R.Unreachable);
      setFormError(`${unreachable} ${say(R.StillHere)}`);
      onAnnounce(`${say(R.NotSent)} ${unreachable}`);
      setFocusFormError(true);
    }
    sending.current = false;
  };

  const bind = (field: (typeof FIELD_ORDER)[number]) => ({
    value: fields[field],
    error: errors[field],
    inputRef: (element: HTMLInputElement | HTMLTextAreaElement | null) => {
      inputs.current[field] = element;
    },
    onInput: (value: string) => {
      update({ [field]: value });
      if (errors[field]) setErrors({ ...errors, [field]: undefined });
    },
  });

  return (
    <div class="respond">
      <h3 class="reply-title">
        {replyTo ? say(R.LeaveReplyTo, { name: replyTo.name }) : say(R.LeaveReply)}
      </h3>
      {replyTo && (
        <a
          class="cancel-reply"
          href={`#comment-${replyTo.id}`}
          onClick={(event) => {
            event.preventDefault();
            // Found before the form moves away: once moved, this link is no longer in the tree.
            const root = (event.currentTarget as Element).getRootNode() as ShadowRoot | Document;
            onCancelReply();
            // The form moves back to the end of the thread; return focus to where the reader was.
            requestAnimationFrame(() => {
              root.querySelector<HTMLElement>(`#comment-${replyTo.id} .reply`)?.focus();
            });
          }}
        >
          {say(R.CancelReply)}
        </a>
      )}
      <form
        class="comment-form"
        noValidate
        onSubmit={submit}
        // Fetched while the reader writes, so that posting need not wait for it.
        onFocusCapture={() => loadPosting(client)}
      >
        <p class="notes">
          {say(R.Notes)} <span class="required">*</span>
        </p>
        {formError && (
          <p class="form-error" role="alert" tabIndex={-1} ref={formErrorRef}>
            {formError}
          </p>
        )}
        <Field id="comment" label={say(R.Comment)} required multiline {...bind('body')} />
        <Field id="author" label={say(R.Name)} required autoComplete="name" {...bind('name')} />
        <Field
          id="email"
          label={say(R.Email)}
          type="email"
          required
          autoComplete="email"
          {...bind('email')}
        />
        <Field id="url" label={say(R.Website)} type="url" autoComplete="url" {...bind('website')} />
        {/*
          People never see or reach this field; bots that fill in every field fill it too. Out
          of sight as screen readers' texts are, where it widens no page, whichever way it reads.
        */}
        <p class="visually-hidden" aria-hidden="true">
          <label for="homepage">{say(R.Honeypot)}</label>
          <input
            id="homepage"
            name="homepage"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            ref={honeypot}
          />
        </p>
        <p class="remember">
          <input
            id="remember"
            type="checkbox"
            checked={fields.remember}
            onChange={(event) => {
              const remember = (event.target as HTMLInputElement).checked;
              update({ remember });
              if (!remember) saveAuthor(null);
            }}
          />
          <label for="remember">{say(R.Remember)}</label>
        </p>
        {offerNotify && (
          <p class="remember">
            <input
              id="notify"
              type="checkbox"
              checked={fields.notify}
              onChange={(event) => update({ notify: (event.target as HTMLInputElement).checked })}
            />
            <label for="notify">{say(R.Notify)}</label>
          </p>
        )}
        <p class="submit">
          {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to the page. */}
          <button type="submit" aria-disabled={busy}>
            {say(R.PostComment)}
          </button>
        </p>
        {note}
      </form>
    </div>
  );
}
