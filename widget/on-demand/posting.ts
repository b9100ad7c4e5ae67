/** Posting the form, loaded once a reader starts on the form. */
export { sendComment } from '../send-comment.ts';
