/** The "Leave a Reply" form: checks fields as the server will, posts once, never loses the text. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FieldErrors } from '../../shared/types.ts';
import { UNREACHABLE } from '../api.ts';
import type { WidgetConfig } from '../config.ts';
import { loadPosting } from '../on-demand.ts';
import { saveAuthor } from '../storage.ts';
import type { ShownComment } from '../thread.ts';
import type { OwnText } from './CommentItem.tsx';
import { Field } from './Field.tsx';
import { type Draft, FIELD_ORDER } from './use-draft.ts';

export interface CommentFormProps {
  config: WidgetConfig;
  /** The server's signed record of when this form was rendered. */
  formToken: string;
  /** Offer reply mail: only a server that can send mail promises it. */
  offerNotify: boolean;
  draft: Draft;
  replyTo: ShownComment | null;
  onCancelReply: () => void;
  /** The reader's comment as the thread shows it, with the token and text they hold for it. */
  onPosted: (comment: ShownComment, mine: OwnText) => void;
  onAnnounce: (message: string) => void;
  /** The server found the form too old: fetch a fresh token (the text stays in the form). */
  onFormExpired: () => void;
}

export function CommentForm({
  config,
  formToken,
  offerNotify,
  draft,
  replyTo,
  onCancelReply,
  onPosted,
  onAnnounce,
  onFormExpired,
}: CommentFormProps) {
  const { fields, update } = draft;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
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

  const focusFirstProblem = (found: FieldErrors) => {
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) inputs.current[first]?.focus();
    else setFocusFormError(true);
  };

  const fail = (found: FieldErrors, message: string, announcement: string) => {
    setErrors(found);
    setFormError(message);
    onAnnounce(announcement);
    focusFirstProblem(found);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (sending.current) return;
    sending.current = true;
    setFormError('');
    try {
      const posting = await loadPosting(config.server);
      if (!posting) {
        fail(
          {},
          `${UNREACHABLE} Your comment is still here.`,
          `Your comment was not sent. ${UNREACHABLE}`,
        );
        return;
      }
      await posting.sendComment({
        config,
        formToken,
        fields,
        replyTo,
        homepage: honeypot.current?.value ?? '',
        fail,
        sending: () => {
          setBusy(true);
          setErrors({});
        },
        posted: (comment, mine, announcement) => {
          update({ body: '' });
          onPosted(comment, mine);
          onAnnounce(announcement);
        },
        expired: onFormExpired,
      });
    } finally {
      sending.current = false;
      setBusy(false);
    }
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
      <h3 class="reply-title">{replyTo ? `Leave a Reply to ${replyTo.name}` : 'Leave a Reply'}</h3>
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
          Cancel reply
        </a>
      )}
      <form
        class="comment-form"
        noValidate
        onSubmit={submit}
        // Fetched while the reader writes, so that posting need not wait for it.
        onFocusCapture={() => loadPosting(config.server)}
      >
        <p class="notes">
          Your email address will not be published. Required fields are marked{' '}
          <span class="required">*</span>
        </p>
        {formError && (
          <p class="form-error" role="alert" tabIndex={-1} ref={formErrorRef}>
            {formError}
          </p>
        )}
        <Field id="comment" label="Comment" required multiline {...bind('body')} />
        <Field id="author" label="Name" required autoComplete="name" {...bind('name')} />
        <Field
          id="email"
          label="Email"
          type="email"
          required
          autoComplete="email"
          {...bind('email')}
        />
        <Field id="url" label="Website" type="url" autoComplete="url" {...bind('website')} />
        {/* People never see or reach this field; bots that fill in every field fill it too. */}
        <p class="homepage" aria-hidden="true">
          <label for="homepage">Leave this field empty</label>
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
          <label for="remember">
            Save my name, email, and website in this browser for the next time I comment.
          </label>
        </p>
        {offerNotify && (
          <p class="remember">
            <input
              id="notify"
              type="checkbox"
              checked={fields.notify}
              onChange={(event) => update({ notify: (event.target as HTMLInputElement).checked })}
            />
            <label for="notify">Notify me of follow-up comments by email</label>
          </p>
        )}
        <p class="submit">
          {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to the page. */}
          <button type="submit" aria-disabled={busy}>
            Post Comment
          </button>
        </p>
      </form>
    </div>
  );
}
