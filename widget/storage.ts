/** What the widget keeps in the reader's browser: their details, if asked, and their comments' tokens. */
import { LIMITS } from '../shared/limits.ts';
import type { ThreadSort } from '../shared/types.ts';

/** Likes remembered per server: the oldest are forgotten first. */
const LIKED_MAX = 1000;

export interface AuthorDetails {
  name: string;
  email: string;
  website: string;
}

export interface OwnCommentRecord {
  id: number;
  token: string;
  page: string;
}

const AUTHOR_KEY = 'leave-a-reply:author';

// Storage can be switched off or full; the widget then works without remembering anything.
function read<T>(key: string): T | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Nothing to do: the reader keeps what is on screen, only the next visit forgets.
  }
}

export function loadAuthor(): AuthorDetails | null {
  return read<AuthorDetails>(AUTHOR_KEY);
}

export function saveAuthor(details: AuthorDetails | null): void {
  write(AUTHOR_KEY, details);
}

const ownKey = (server: string) => `leave-a-reply:own:${server}`;

export function loadOwnComments(server: string, page: string): OwnCommentRecord[] {
  return (read<OwnCommentRecord[]>(ownKey(server)) ?? []).filter((record) => record.page === page);
}

export function rememberOwnComment(server: string, record: OwnCommentRecord): void {
  const all = read<OwnCommentRecord[]>(ownKey(server)) ?? [];
  write(ownKey(server), [...all, record].slice(-LIMITS.ownCommentsMax));
}

const SORT_KEY = 'leave-a-reply:sort';

/** The order the reader last chose, on any page. */
export function loadSort(): ThreadSort | null {
  return read<ThreadSort>(SORT_KEY);
}

export function saveSort(sort: ThreadSort): void {
  write(SORT_KEY, sort);
}

const VOTER_KEY = 'leave-a-reply:voter';

/**
 * This browser's random voter id, made on its first like: one like per browser per comment,
 * without signing in. The server keeps only a keyed hash of it.
 */
export function voterId(): string {
  let voter = read<string>(VOTER_KEY);
  if (!voter) {
    voter = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
      byte.toString(16).padStart(2, '0'),
    ).join('');
    write(VOTER_KEY, voter);
  }
  return voter;
}

const likedKey = (server: string) => `leave-a-reply:liked:${server}`;

/** The comments this browser likes: kept here, so that every reader gets the same thread. */
export function loadLiked(server: string): number[] {
  return read<number[]>(likedKey(server)) ?? [];
}

export function saveLiked(server: string, ids: number[]): void {
  write(likedKey(server), ids.slice(-LIKED_MAX));
}

const verificationsKey = (server: string) => `leave-a-reply:verified:${server}`;

/**
 * The secret this browser asked `server` for to verify `email` (widget/on-demand/verify.ts), sent
 * with each comment under that address; addresses are compared ignoring case, as the server does.
 */
export function loadVerification(server: string, email: string): string | undefined {
  return read<Record<string, string>>(verificationsKey(server))?.[email.toLowerCase()];
}

export function saveVerification(server: string, email: string, secret: string): void {
  const all = read<Record<string, string>>(verificationsKey(server)) ?? {};
  write(verificationsKey(server), { ...all, [email.toLowerCase()]: secret });
}
