/** The comments server's API, one typed call per endpoint. */
import type { PageIdentity } from '../shared/page-key.ts';
import type { NewComment, OwnComment, PostedComment, Thread, ThreadSort } from '../shared/types.ts';
import { type FailureWords, requestJson } from './request.ts';

export const UNREACHABLE =
  'The comments server cannot be reached. Check your connection and try again.';

const WORDS: FailureWords = {
  unreachable: UNREACHABLE,
  failed: (status) => `The comments server had a problem (HTTP ${status}). Please try again.`,
};

export function call<T>(url: string, method?: string, body?: unknown): Promise<T> {
  return requestJson(url, WORDS, { method, body });
}

/** What names `page` to the server: its address, and its id when it has one of its own. */
export function pageQuery(page: PageIdentity): URLSearchParams {
  const query = new URLSearchParams({ url: page.url });
  // The key is sent only when it is an explicit page id: else it is the address itself.
  if (page.key !== page.url) query.set('page', page.key);
  return query;
}

/** A part of `page`'s thread in `sort`'s order: the first, or the one after the cursor `after`. */
export function fetchThread(
  server: string,
  page: PageIdentity,
  sort: ThreadSort,
  after?: string | null,
): Promise<Thread> {
  const query = pageQuery(page);
  // The default order is left out, so that most readers share one kept answer and its URL.
  if (sort !== 'oldest') query.set('sort', sort);
  if (after) query.set('after', after);
  return call(`${server}/api/comments?${query}`);
}

/** Likes a comment for `voter`, or takes the like back; the comment's likes after that. */
export function likeComment(
  server: string,
  id: number,
  voter: string,
  liked: boolean,
): Promise<{ likes: number }> {
  return call(`${server}/api/comments/${id}/like`, liked ? 'POST' : 'DELETE', { voter });
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
