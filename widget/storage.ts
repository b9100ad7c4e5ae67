/** What the widget keeps in the reader's browser: their details, if asked, and their comments' tokens. */
import { LIMITS } from '../shared/limits.ts';

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
