/**
 * The admin API, one typed call per endpoint. The session lives in an HttpOnly cookie; every
 * request that changes something also carries the session's CSRF token in a header.
 */
import type { PublicComment, StoredStatus } from '../../shared/types.ts';
import { type FailureWords, RequestFailed, requestJson } from '../request.ts';
import { say } from './say.ts';

/** The dashboard's queues: a deleted comment is in none of them. */
export type QueueStatus = Exclude<StoredStatus, 'deleted'>;

/** A comment as the site owner sees it: with the email, the raw text and its page. */
export interface AdminComment extends PublicComment {
  status: QueueStatus;
  email: string;
  body: string;
  pinned: boolean;
  owner: boolean;
  /** Akismet's verdict; null when it was not asked. */
  akismet: 'spam' | 'ham' | 'unchecked' | null;
  page: { key: string; url: string; title: string | null };
  replyTo: { id: number; name: string; excerpt: string } | null;
}

export type Counts = Record<QueueStatus, number>;

export interface AdminPage {
  key: string;
  url: string;
  title: string | null;
  /** The page's origin, e.g. https://blog.example.com. */
  site: string;
  count: number;
  /** When it was published (ISO), or null when nobody knows. */
  published: string | null;
  /** Whether it takes new comments now. */
  open: boolean;
}

export interface Overview {
  /** 90 days, oldest first. */
  perDay: { day: string; count: number }[];
  statuses: Counts;
  topPages: { key: string; url: string; title: string | null; count: number }[];
  /** Per defence, the new comments it stopped (refused or spam) and held over the 90 days. */
  defences: Record<string, { stopped: number; held: number }>;
}

export interface CommentFilter {
  status: QueueStatus;
  site?: string;
  page?: string;
  q?: string;
  limit?: number;
  before?: number;
}

export type CommentAction =
  | 'approve'
  | 'unapprove'
  | 'spam'
  | 'trash'
  | 'restore'
  | 'pin'
  | 'unpin';
export type BulkAction = CommentAction | 'delete';

const BASE = '/api/admin';
const WORDS: FailureWords = {
  unreachable: say('unreachable'),
  // A status is an HTTP code, written as one ("HTTP 500"), never as a count ("HTTP 1,000").
  failed: (status) => say('serverProblem', { status: String(status) }),
};
let csrfToken = '';
let onSignedOut: () => void = () => {};

/** Called when the server says the session is gone (expired, or signed out in another tab). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  try {
    return await requestJson<T>(`${BASE}${path}`, WORDS, {
      method,
      body,
      headers: method === 'GET' ? {} : { 'X-CSRF-Token': csrfToken },
      credentials: 'same-origin',
    });
  } catch (error) {
    // /session answers 401 while there is no session yet (checking, signing in): none ended.
    if (error instanceof RequestFailed && error.status === 401 && path !== '/session') {
      onSignedOut();
    }
    throw error;
  }
}

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** True when the browser holds a live session; keeps its CSRF token for later calls. */
export async function resumeSession(): Promise<boolean> {
  try {
    ({ csrfToken } = await call<{ csrfToken: string }>('GET', '/session'));
    return true;
  } catch (error) {
    if (error instanceof RequestFailed && error.status === 401) return false;
    throw error;
  }
}

/** What the sign-in page says before any attempt: while no password is set, how to set one. */
export function fetchSignInNote(): Promise<{ passwordSet: boolean; note: string | null }> {
  return call('GET', '/sign-in');
}

export async function signIn(password: string): Promise<void> {
  ({ csrfToken } = await call<{ csrfToken: string }>('POST', '/session', { password }));
}

export async function signOut(): Promise<void> {
  await call<void>('DELETE', '/session');
  csrfToken = '';
}

export function fetchComments(filter: CommentFilter): Promise<{ comments: AdminComment[] }> {
  return call('GET', `/comments${query({ ...filter })}`);
}

export function fetchCounts(): Promise<Counts> {
  return call('GET', '/counts');
}

/** Which part of the list of pages to fetch: of one site, matching words, after a cursor. */
export interface PageQuery {
  site?: string;
  /** Words found in a page's address or title. */
  q?: string;
  /** The `next` of the part before. */
  after?: string;
}

/** A part of the list of pages, in the order of their addresses; `next` fetches the rest. */
export function fetchPages(
  pages: PageQuery = {},
): Promise<{ pages: AdminPage[]; next: string | null }> {
  return call('GET', `/pages${query({ ...pages })}`);
}

/** Opens (true) or closes (false) a page to new comments, or gives it back to the setting (null). */
export function setPageOpen(key: string, open: boolean | null): Promise<{ page: AdminPage }> {
  return call('PATCH', '/pages', { key, open });
}

/** The sites (origins) the pages are on. */
export function fetchSites(): Promise<{ sites: string[] }> {
  return call('GET', '/sites');
}

export function fetchOverview(): Promise<Overview> {
  return call('GET', '/overview');
}

export function moderate(id: number, action: CommentAction): Promise<{ comment: AdminComment }> {
  return call('POST', `/comments/${id}/${action}`);
}

export function deleteForever(id: number): Promise<void> {
  return call('DELETE', `/comments/${id}`);
}

export function editComment(id: number, body: string): Promise<{ comment: AdminComment }> {
  return call('PATCH', `/comments/${id}`, { body });
}

export function replyAsOwner(id: number, body: string): Promise<{ comment: AdminComment }> {
  return call('POST', `/comments/${id}/reply`, { body });
}

export function moderateMany(ids: number[], action: BulkAction): Promise<{ updated: number }> {
  return call('POST', '/comments/bulk', { ids, action });
}
