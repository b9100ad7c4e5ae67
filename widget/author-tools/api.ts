/** The calls only an author makes: editing and deleting their own comment. */
import type { OwnComment } from '../../shared/types.ts';
import { call } from '../api.ts';

export function editComment(
  server: string,
  id: number,
  token: string,
  body: string,
): Promise<{ comment: OwnComment }> {
  return call(`${server}/api/comments/${id}`, 'PATCH', { token, body });
}

export function deleteComment(server: string, id: number, token: string): Promise<void> {
  return call(`${server}/api/comments/${id}`, 'DELETE', { token });
}
