/** The comments server's API, one typed call per endpoint. */
import type {
  ApiError,
  FieldErrors,
  NewComment,
  OwnComment,
  PostedComment,
  Thread,
} from '../shared/types.ts';

/** A failed call, in words a reader can act on. */
export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: FieldErrors = {},
    /** The server's error code, e.g. `form_expired`; empty when it sent none. */
    readonly code = '',
  ) {
    super(message);
  }
}

function jsonRequest(method: string, body: unknown): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new RequestFailed(
      'The comments server cannot be reached. Check your connection and try again.',
      0,
    );
  }
  if (response.status === 204) return undefined as T;
  if (response.ok) return (await response.json()) as T;
  const body = (await response.json().catch(() => null)) as ApiError | null;
  const message =
    body?.error?.message ??
    `The comments server had a problem (HTTP ${response.status}). Please try again.`;
  throw new RequestFailed(message, response.status, body?.error?.fields, body?.error?.code);
}

export function fetchThread(
  server: string,
  url: string,
  pageId: string | null,
  after: string | null = null,
): Promise<Thread> {
  const query = new URLSearchParams({ url });
  if (pageId) query.set('page', pageId);
  if (after) query.set('after', after);
  return call(`${server}/api/comments?${query}`);
}

export function postComment(server: string, comment: NewComment): Promise<PostedComment> {
  return call(`${server}/api/comments`, jsonRequest('POST', comment));
}

export function fetchOwnComments(
  server: string,
  tokens: string[],
): Promise<{ comments: OwnComment[] }> {
  return call(`${server}/api/comments/own`, jsonRequest('POST', { tokens }));
}

export function editComment(
  server: string,
  id: number,
  token: string,
  body: string,
): Promise<{ comment: OwnComment }> {
  return call(`${server}/api/comments/${id}`, jsonRequest('PATCH', { token, body }));
}

export function deleteComment(server: string, id: number, token: string): Promise<void> {
  return call(`${server}/api/comments/${id}`, jsonRequest('DELETE', { token }));
}
