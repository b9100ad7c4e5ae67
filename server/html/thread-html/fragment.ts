/**
 * The fragment of GET /api/comments.html: the thread's HTML with the stylesheet that lays it out
 * as the widget does, for a page to include (at build time, or by its own server) where the
 * widget's thread goes. Serialised once per version of its page: the form token of each second
 * goes where this leaves its place (server/comments/thread-answers.ts).
 */
import type { Serialised } from '../../comments/thread-answers.ts';
import { html, trustedHtml } from '../template.ts';
import { threadHtml } from './thread.ts';
import type { FormState, ThreadView } from './view.ts';
import { EMPTY_FORM } from './view.ts';

/**
 * Where the form token goes: a `<` that no escaped text and no sanitised comment can hold in
 * an attribute's value, so that the fragment splits there and nowhere else.
 */
const TOKEN_PLACE = '<form-token>';

/** The fragment of `view` (whose form is empty), in its two sides of the form token. */
export function threadFragment(view: Omit<ThreadView, 'form' | 'held'>): Serialised {
  const form: FormState = {
    values: EMPTY_FORM,
    errors: {},
    problem: null,
    token: trustedHtml(TOKEN_PLACE),
  };
  const markup = String(html`<link rel="stylesheet" href="${view.origin}/thread.css">
${threadHtml({ ...view, form, held: null })}
`);
  const [before, after] = markup.split(TOKEN_PLACE);
  return after === undefined ? [markup] : [before as string, after];
}
