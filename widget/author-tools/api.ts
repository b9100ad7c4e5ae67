/** The calls only an author makes: editing and deleting their own comment. */
import type { OwnComment } from '../../shared/types.ts';
import { call } from '../api.ts';
import type { Client } from '../client.ts';

export function editComment(
  client: Client,
  id: number,
  token: string,
  body: string,
): Promise<{ comment: OwnComment }> {
  return call(client, `/api/comments/${id}`, 'PATCH', { token, body });
}

export function deleteComment(client: Client, id: number, token: string): Promise<void> {
  return call(client, `/api/comments/${id}`, 'DELETE', { token });
}
