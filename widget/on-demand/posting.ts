/** Posting the form, loaded once a reader starts on the form. */
export { sendComment } from '../send-comment.ts';
/** Posting writes notes under the form (widget/form-notes.tsx) with the embed script's preact. */
export { bind } from './preact-parts.ts';
