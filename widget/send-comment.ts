/**
 * Posting the form: the checks the server will make (shared/validate.ts), the call, and what the
 * reader is told of either. Loaded on demand (widget/on-demand/posting.ts) once a reader starts
 * on the form, so that readers who only read download none of it.
 */
import { R } from '../shared/i18n/reader-text.ts';
import { LIMITS } from '../shared/limits.ts';
import type { ShownComment } from '../shared/thread-tree.ts';
import type { CommentFormFields, FieldErrors, ThreadSort } from '../shared/types.ts';
import { isValid, validateComment } from '../shared/validate.ts';
import { fetchThread, postComment } from './api.ts';
import type { Client } from './client.ts';
import { FIELD_ORDER } from './components/use-draft.ts';
import type { WidgetConfig } from './config.ts';
import { RequestFailed } from './request.ts';
import { rememberOwnComment, saveAuthor } from './storage.ts';
import { asShown, type ChangeThread, withComment, withForm } from './thread-changes.ts';

export interface Sending {
  config: WidgetConfig;
  client: Client;
  /** The server's signed record of when the form was rendered. */
  formToken: string;
  fields: CommentFormFields;
  replyTo: ShownComment | null;
  /** The order the thread is read in. */
  sort: ThreadSort;
  change: ChangeThread;
  /** What is in the field people never see: bots fill it. */
  homepage: string;
  /** The message under each field that is wrong. */
  setErrors: (errors: FieldErrors) => void;
  /** The message above the fields: why the whole comment was not sent. */
  setFormError: (message: string) => void;
  setBusy: (busy: boolean) => void;
  /** Takes the reader to a field, or to the form's message when none is named. */
  focus: (field?: string) => void;
  /** Said to screen readers. */
  announce: (text: string) => void;
  /** Posted and in the thread. */
  posted: () => void;
}

/**
 * Checks and posts the form, and tells the reader what became of it: their comment in the
 * thread, or what is wrong beside the field it is about (their text stays in the form).
 */
export async function sendComment(form: Sending): Promise<void> {
  const { config, client, fields } = form;
  const { say } = client;
  const fail = (found: FieldErrors, message: string, announcement: string) => {
    form.setErrors(found);
    form.setFormError(message);
    form.announce(announcement);
    form.focus(FIELD_ORDER.find((field) => found[field]));
  };
  form.setFormError('');
  const checked = validateComment(fields, say);
  if (!isValid(checked.errors)) {
    fail(checked.errors, '', say(R.NotSentCorrect));
    return;
  }
  form.setBusy(true);
  form.setErrors({});
  try {
    const { value } = checked;
    const posted = await postComment(client, {
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
    form.change(withComment(shown, { token, body: comment.body }));
    form.posted();
    form.announce(say(shown.held ? R.SentHeld : R.Posted));
  } catch (error) {
    const failure =
      error instanceof RequestFailed ? error : new RequestFailed(say(R.SendFailed), 0);
    const fieldErrors: FieldErrors = {};
    for (const field of FIELD_ORDER) {
      if (failure.fields[field]) fieldErrors[field] = failure.fields[field];
    }
    // A form left open for hours is renewed from the thread, which carries a fresh token (the
    // text stays). Should that fail, the next post is refused the same way and asks again.
    if (failure.code === 'form_expired') {
      fetchThread(client, config.page, form.sort).then(
        (thread) => form.change(withForm(thread.form)),
        () => undefined,
      );
    }
    fail(
      fieldErrors,
      `${failure.message} ${say(R.StillHere)}`,
      `${say(R.NotSent)} ${failure.message}`,
    );
  } finally {
    form.setBusy(false);
  }
}
