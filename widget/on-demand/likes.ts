/** Sending likes, loaded with a reader's first click on Like. */
export { sendLike } from '../send-like.ts';
