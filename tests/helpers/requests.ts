/**
 * The requests tests send most, as a reader's page, the site owner's dashboard or the command
 * line sends them.
 */
import { Readable } from 'node:stream';
import type { InjectOptions } from 'fastify';
import { expect, vi } from 'vitest';
import { runCli } from '../../server/cli.ts';
import type { Config } from '../../server/config.ts';
import { ADMIN_TOKEN, newComment, type TestApp } from './app.ts';

type App = Pick<TestApp, 'app'>;
/** Where a request comes from: its headers and the client's address. */
export type From = Pick<InjectOptions, 'headers' | 'remoteAddress'>;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** The page newComment posts to. */
export const PAGE = newComment().url;

/** The header that carries every test app's ADMIN_TOKEN. */
export const BEARER = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** Another reader than newComment's Ann: `name`, at name@example.com. */
export function reader(name: string): { name: string; email: string } {
  return { name, email: `${name.toLowerCase()}@example.com` };
}

/** Sends `payload` to POST /api/comments as it is, valid or not. */
export function sendComment(test: App, payload: unknown, from: From = {}) {
  return test.app.inject({
    method: 'POST',
    url: '/api/comments',
    payload: payload as object,
    ...from,
  });
}

/** Posts `newComment(changes)`, whatever the server answers. */
export function postComment(test: App, changes: object = {}, from: From = {}) {
  return sendComment(test, newComment(changes), from);
}

/** GET /api/comments for the page at `url`, with any other parameters in `query`. */
export function readThread(
  test: App,
  url: string = PAGE,
  query: Record<string, string> = {},
  from: From = {},
) {
  const search = new URLSearchParams({ url, ...query });
  return test.app.inject({ method: 'GET', url: `/api/comments?${search}`, ...from });
}

/** Changes an own comment's text with the token its author was given. */
export function editOwnComment(test: App, id: number, token: string, body: string) {
  return test.app.inject({ method: 'PATCH', url: `/api/comments/${id}`, payload: { token, body } });
}

/** Deletes an own comment with the token its author was given. */
export function deleteOwnComment(test: App, id: number, token: string) {
  return test.app.inject({ method: 'DELETE', url: `/api/comments/${id}`, payload: { token } });
}

/** A request to /api/admin`path`, with the admin token. */
export function asAdmin(test: App, method: Method, path: string, payload?: object) {
  return test.app.inject({ method, url: `/api/admin${path}`, headers: BEARER, payload });
}

/** Approves comment `id` with the admin token. */
export async function approveComment(test: App, id: number): Promise<void> {
  const response = await asAdmin(test, 'POST', `/comments/${id}/approve`);
  expect(response.statusCode, response.body).toBe(200);
}

/** Signs in to the dashboard with `password`, whatever the server answers. */
export function signIn(test: App, password: string, from: From = {}) {
  return test.app.inject({
    method: 'POST',
    url: '/api/admin/session',
    payload: { password },
    ...from,
  });
}

/** Signs in with `password`: the session's cookie (as a browser sends it back) and CSRF token. */
export async function openSession(
  test: App,
  password: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const response = await signIn(test, password);
  expect(response.statusCode, response.body).toBe(200);
  const cookie = String(response.headers['set-cookie']).split(';')[0] as string;
  return { cookie, csrfToken: response.json().csrfToken };
}

/**
 * Runs the command line on `config`'s database, with `input` as what is typed at it; its exit
 * code and what it printed, a line per console call (its notes on standard error are dropped).
 */
export async function runCliQuietly(
  args: string[],
  config: Config,
  input?: string,
): Promise<{ code: number; said: string }> {
  const said: string[] = [];
  const keep = (...parts: unknown[]) => {
    said.push(parts.join(' '));
  };
  const spies = [
    vi.spyOn(console, 'log').mockImplementation(keep),
    vi.spyOn(console, 'error').mockImplementation(keep),
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true),
  ];
  try {
    const code = await runCli(
      args,
      config,
      input === undefined ? undefined : Readable.from([input]),
    );
    return { code, said: said.join('\n') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
