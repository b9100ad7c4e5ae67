/** The comments server's API, one typed call per endpoint. */
import type { PageIdentity } from '../shared/page-key.ts';
import type { NewComment, OwnComment, PostedComment, Thread } from '../shared/types.ts';
import { type FailureWords, requestJson } from './request.ts';

const WORDS: FailureWords = {
  unreachable: 'The comments server cannot be reached. Check your connection and try again.',
  failed: (status) => `The comments server had a problem (HTTP ${status}). Please try again.`,
};

function call<T>(url: string, method?: string, body?: unknown): Promise<T> {
  return requestJson(url, WORDS, { method, body });
}

/** A part of `page`'s thread: the first, or the one after the cursor `after`. */
export function fetchThread(
  server: string,
  page: PageIdentity,
  after?: string | null,
): Promise<Thread> {
  const query = new URLSearchParams({ url: page.url });
  // The key is sent only when it is an explicit page id: else it is the address itself.
  if (page.key !== page.url) query.set('page', page.key);
  if (after) query.set('after', after);
  return call(`${server}/api/comments?${query}`);
}

export function postComment(server: string, comment: NewComment): Promise<PostedComment> {
  return call(`${server}/api/comments`, 'POST', comment);
}

export function fetchOwnComments(
  server: string,
  tokens: string[],
): Promise<{ comments: OwnComment[] }> {
  return call(`${server}/api/comments/own`, 'POST', { tokens });
}

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
