/**
 * Posting the form: the checks the server will make (shared/validate.ts), the call, and what the
 * reader is told of either. Loaded on demand (widget/on-demand/posting.ts) once a reader starts
 * on the form, so that readers who only read download none of it.
 */
import { LIMITS } from '../shared/limits.ts';
import type { FieldErrors, OwnComment } from '../shared/types.ts';
import { isValid, validateComment } from '../shared/validate.ts';
import { postComment } from './api.ts';
import { type DraftFields, FIELD_ORDER } from './components/use-draft.ts';
import type { WidgetConfig } from './config.ts';
import { RequestFailed } from './request.ts';
import { saveAuthor } from './storage.ts';
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
  posted: (comment: OwnComment, token: string) => void;
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
    form.posted(posted.comment, posted.token);
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
