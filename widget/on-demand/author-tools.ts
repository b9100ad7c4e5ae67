/**
 * The author's tools, loaded only by a reader who has a comment of their own on the page:
 * every other reader downloads none of it.
 */
export { OwnCommentActions } from '../author-tools/OwnCommentActions.tsx';
export { bind } from './preact-parts.ts';
