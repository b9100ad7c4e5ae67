/** The comments server's API, one typed call per endpoint. */
import { R } from '../shared/i18n/reader-text.ts';
import type { PageIdentity } from '../shared/page-key.ts';
import type { NewComment, OwnComment, PostedComment, Thread, ThreadSort } from '../shared/types.ts';
import type { Client } from './client.ts';
import { type FailureWords, requestJson } from './request.ts';

/** What the reader is told of a call that failed without the server's own words. */
const failureWords = (say: Client['say']): FailureWords => ({
  unreachable: say(R.Unreachable),
  failed: (status) => say(R.ServerProblem, { status }),
});

/**
 * Sends `body` to `path` of the client's server, with the reader's language, so that the
 * server answers in it (and keeps it with a new comment).
 */
export function call<T>(
  { server, locale, say }: Client,
  path: string,
  method: string,
  body: object,
): Promise<T> {
  return requestJson(server + path, failureWords(say), {
    method,
    body: { ...body, lang: locale },
  });
}

/** What names `page` to the server: its address, and its id when it has one of its own. */
export function pageQuery(page: PageIdentity): URLSearchParams {
  const query = new URLSearchParams({ url: page.url });
  // The key is sent only when it is an explicit page id: else it is the address itself.
  if (page.key !== page.url) query.set('page', page.key);
  return query;
}

/**
 * A part of `page`'s thread in `sort`'s order: the first, or the one after the cursor `after`;
 * in the language `lang` names, else (by Accept-Language) the browser's, else the client's.
 */
export function fetchThread(
  client: Client,
  page: PageIdentity,
  sort: ThreadSort,
  after?: string | null,
  lang: string = client.locale,
): Promise<Thread> {
  const query = pageQuery(page);
  // The default order is left out, so that most readers share one kept answer and its URL.
  if (sort !== 'oldest') query.set('sort', sort);
  if (after) query.set('after', after);
  if (lang) query.set('lang', lang);
  return requestJson(`${client.server}/api/comments?${query}`, failureWords(client.say));
}

/** Likes a comment for `voter`, or takes the like back; the comment's likes after that. */
export function likeComment(
  client: Client,
  id: number,
  voter: string,
  liked: boolean,
): Promise<{ likes: number }> {
  return call(client, `/api/comments/${id}/like`, liked ? 'POST' : 'DELETE', { voter });
}

export function postComment(client: Client, comment: NewComment): Promise<PostedComment> {
  return call(client, '/api/comments', 'POST', comment);
}

export function fetchOwnComments(
  client: Client,
  tokens: string[],
): Promise<{ comments: OwnComment[] }> {
  return call(client, '/api/comments/own', 'POST', { tokens });
}
