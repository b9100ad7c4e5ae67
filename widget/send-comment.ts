/**
 * Posting the form: the checks the server will make (shared/validate.ts), the call, and what the
 * reader is told of either. Loaded on demand (widget/on-demand/posting.ts) once a reader starts
 * on the form, so that readers who only read download none of it.
 */
import type { ComponentChildren } from 'preact';
import { R } from '../shared/i18n/reader-text.ts';
import { LIMITS } from '../shared/limits.ts';
import type { ChallengeOffer, FieldErrors, NewComment } from '../shared/types.ts';
import { isValid, validateComment } from '../shared/validate.ts';
import { fetchThread, postComment } from './api.ts';
import type { CommentFormProps } from './components/CommentForm.tsx';
import { FIELD_ORDER } from './components/use-draft.ts';
import { checkingNote, offerVerification } from './form-notes.tsx';
import { importOnce } from './import-once.ts';
import type { Solver } from './on-demand.ts';
import { RequestFailed } from './request.ts';
import { loadVerification, rememberOwnComment, saveAuthor } from './storage.ts';
import { asShown, withComment, withForm } from './thread-changes.ts';

/** The form, as posting sees it: its own props, and the parts of it posting writes. */
export interface Sending extends CommentFormProps {
  /** What is in the field people never see: bots fill it. */
  homepage: string;
  /** The message under each field that is wrong. */
  setErrors: (errors: FieldErrors) => void;
  /** The message above the fields: why the whole comment was not sent. */
  setFormError: (message: string) => void;
  /**
   * The note under the form's button (widget/form-notes.tsx): what the form is busy with, or
   * the offer to verify the reader's address; null for none.
   */
  setNote: (note: ComponentChildren) => void;
  setBusy: (busy: boolean) => void;
  /** Takes the reader to a field, or to the form's message when none is named. */
  focus: (field?: string) => void;
}

/**
 * Checks and posts the form, and tells the reader what became of it: their comment in the
 * thread, or what is wrong beside the field it is about (their text stays in the form).
 */
export async function sendComment(form: Sending): Promise<void> {
  const { config, client } = form;
  const { fields } = form.draft;
  const { say } = client;
  const fail = (found: FieldErrors, message: string, announcement: string) => {
    form.setErrors(found);
    form.setFormError(message);
    form.onAnnounce(announcement);
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
  form.setNote(null);
  try {
    const { value } = checked;
    const sent: NewComment = {
      url: config.page.url,
      page: config.page.key === config.page.url ? undefined : config.page.key,
      title: config.title.slice(0, LIMITS.titleMax),
      parent: form.replyTo?.id ?? null,
      ...value,
      form: form.formToken,
      homepage: form.homepage || undefined,
      notify: fields.notify,
      // The secret this browser keeps for the address, if it asked to verify it.
      verification: loadVerification(config.server, value.email),
    };
    const posted = await postComment(client, sent).catch(async (error: unknown) => {
      // The server asks for proof of work (428): the solver is loaded only now, and the
      // comment goes again with the solution, its text still in the form meanwhile.
      if (!(error instanceof RequestFailed && error.challenge)) throw error;
      const challenge = await solveWithStatus(form, error.challenge);
      return postComment(client, { ...sent, challenge });
    });
    saveAuthor(
      fields.remember ? { name: value.name, email: value.email, website: value.website } : null,
    );
    const { comment, token } = posted;
    rememberOwnComment(config.server, { id: comment.id, token, page: config.page.key });
    const shown = asShown(comment);
    form.change(withComment(shown, { token, body: comment.body }));
    form.draft.update({ body: '' });
    form.onPosted();
    form.onAnnounce(say(shown.held ? R.SentHeld : R.Posted));
    // Only a server that sends mail can verify an address.
    if (form.offerNotify && !comment.verified) offerVerification(form, value.email);
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

/**
 * Solves `offer` while the form says "Checking…" (and screen readers hear it); a browser that
 * cannot (no Web Crypto on a page served over plain http, the solver unreachable) is refused
 * in words the reader can act on, like any failed post.
 */
async function solveWithStatus(form: Sending, offer: ChallengeOffer): Promise<string> {
  const { say, server } = form.client;
  form.setNote(checkingNote(say(R.Checking)));
  form.onAnnounce(say(R.Checking));
  const solution = await importOnce<Solver>(server, __CHALLENGE__)
    .then((solver) => solver.solveChallenge(offer))
    .catch(() => null);
  form.setNote(null);
  if (!solution) throw new RequestFailed(say(R.CheckFailed), 0);
  return solution;
}
