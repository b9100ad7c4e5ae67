/**
 * Posting the form: the checks the server will make (shared/validate.ts), the call, and what the
 * reader is told of either. Loaded on demand (widget/on-demand/posting.ts) once a reader starts
 * on the form, so that readers who only read download none of it.
 */
import { LIMITS } from '../shared/limits.ts';
import type { FieldErrors } from '../shared/types.ts';
import { isValid, validateComment } from '../shared/validate.ts';
import { postComment } from './api.ts';
import type { OwnText } from './components/CommentItem.tsx';
import { type DraftFields, FIELD_ORDER } from './components/use-draft.ts';
import type { WidgetConfig } from './config.ts';
import { asShown } from './load-thread.ts';
import { RequestFailed } from './request.ts';
import { rememberOwnComment, saveAuthor } from './storage.ts';
import type { ShownComment } from './thread.ts';

export interface Sending {
  config: WidgetConfig;
  /** The server's signed record of when the form was rendered. */
  formToken: string;
  fields: DraftFields;
  replyTo: ShownComment | null;
  /** What is in the field people never see: bots fill it. */
  homepage: string;
  /** Shows what is wrong: a message per field, one for the form (or none), and what is said. */
  fail: (fields: FieldErrors, message: string, announcement: string) => void;
  /** The comment passed the checks and is on its way. */
  sending: () => void;
  /** Posted: the comment as the thread shows it, what the reader holds for it, what is said. */
  posted: (comment: ShownComment, mine: OwnText, announcement: string) => void;
  /** The server found the form too old: a fresh token is wanted (the text stays). */
  expired: () => void;
}

export async function sendComment(form: Sending): Promise<void> {
  const { config, fields } = form;
  const checked = validateComment(fields);
  if (!isValid(checked.errors)) {
    form.fail(checked.errors, '', 'Your comment was not sent: please correct the marked fields.');
    return;
  }
  form.sending();
  try {
    const { value } = checked;
    const posted = await postComment(config.server, {
      url: config.page.url,
      page: config.page.key === config.page.url ? undefined : config.page.key,
      title: config.title.slice(0, LIMITS.titleMax),
      parent: form.replyTo?.id ?? null,
      ...value,
      form: form.formToken,
      homepage: form.homepage || undefined,
      notify: fields.notify,
    });
    saveAuthor(
      fields.remember ? { name: value.name, email: value.email, website: value.website } : null,
    );
    const { comment, token } = posted;
    rememberOwnComment(config.server, { id: comment.id, token, page: config.page.key });
    const shown = asShown(comment);
    form.posted(
      shown,
      { token, body: comment.body },
      shown.held ? 'Your comment was sent and is awaiting moderation.' : 'Your comment was posted.',
    );
  } catch (error) {
    const failure =
      error instanceof RequestFailed
        ? error
        : new RequestFailed('Your comment could not be sent. Please try again.', 0);
    const fieldErrors: FieldErrors = {};
    for (const field of FIELD_ORDER) {
      if (failure.fields[field]) fieldErrors[field] = failure.fields[field];
    }
    if (failure.code === 'form_expired') form.expired();
    form.fail(
      fieldErrors,
      `${failure.message} Your comment is still here.`,
      `Your comment was not sent. ${failure.message}`,
    );
  }
}
