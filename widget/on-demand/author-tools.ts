/**
 * The author's tools, loaded only by a reader who has posted on the page: their own comments,
 * and Edit and Delete for them. Every other reader downloads none of it.
 */
export { OwnCommentActions } from '../author-tools/OwnCommentActions.tsx';
export { ownComments } from '../author-tools/own-comments.ts';
export { bind } from './preact-parts.ts';
