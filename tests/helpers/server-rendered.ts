/**
 * The server's own HTML of a thread, as a site or a reader without JavaScript gets it: the
 * fragment of GET /api/comments.html (pasted into a page by the site's own server or build),
 * the page at GET /thread, and POST /thread, the form of that page.
 */
import { expect } from 'vitest';
import type { TestApp } from './app.ts';

type App = Pick<TestApp, 'app'>;

/**
 * Settings for a server started on a free port (startServer), so that its own origin (where the
 * links and the form of its HTML lead) is where it really listens: a real one says PUBLIC_URL.
 */
export const OWN_ADDRESS = { HOST: '127.0.0.1', PORT: '0' };

/** The query of a thread's HTML: `url`, and any of `title`, `page`, `lang`, `replytocom`, … */
export type ThreadQuery = Record<string, string>;

/** The path of GET /api/comments.html with `query`. */
export function fragmentPath(query: ThreadQuery): string {
  return `/api/comments.html?${new URLSearchParams(query)}`;
}

/** The path of the page at GET /thread with `query`. */
export function threadPagePath(query: ThreadQuery): string {
  return `/thread?${new URLSearchParams(query)}`;
}

/** GET /api/comments.html with `query`, whatever the server answers. */
export function readFragment(test: App, query: ThreadQuery) {
  return test.app.inject({ method: 'GET', url: fragmentPath(query) });
}

/** GET /thread with `query`, whatever the server answers. */
export function readThreadPage(test: App, query: ThreadQuery) {
  return test.app.inject({ method: 'GET', url: threadPagePath(query) });
}

/** The fragment of GET /api/comments.html with `query`, which must answer 200 with HTML. */
export async function fragmentOf(test: App, query: ThreadQuery): Promise<string> {
  const response = await readFragment(test, query);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  return response.body;
}

/** Sends `fields` to POST /thread as a browser sends a form, whatever the server answers. */
export function postThreadForm(
  test: App,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
  remoteAddress?: string,
) {
  return test.app.inject({
    method: 'POST',
    url: '/thread',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

/** A host page's body: its post, titled `title`, and the thread's fragment after it. */
export function hostPageWith(fragment: string, title: string): string {
  return `<article><h1>${escapeText(title)}</h1><p>The post itself.</p></article>\n${fragment}`;
}

/** `text` written so that HTML shows it as text. */
export function escapeText(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ??
      character,
  );
}
