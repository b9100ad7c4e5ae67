/**
 * What the Chromium tests of the dashboard at /admin share: a page that expects the one problem a
 * signed-out dashboard shows, signing in, finding the queue's parts, and waiting on what it says.
 */
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { failedLoad } from './browser.ts';
import type { BrowserAndServers, WatchedPage } from './browser-and-servers.ts';
import type { ProblemWatch } from './page-problems.ts';
import type { RunningServer } from './server.ts';
import { visible, WAIT } from './widget-page.ts';

/** The dashboard password of the servers these tests start (ADMIN_PASSWORD). */
export const PASSWORD = 'correct horse battery staple';

/** Readers whose comments the dashboard tests seed besides newComment's Ann (app.ts). */
export const BEN = { name: 'Ben Writer', email: 'ben@example.com' };
export const CY = { name: 'Cy Baker', email: 'cy@example.com' };

/**
 * The dashboard asks "am I signed in?" on load and is answered 401 before signing in (and after a
 * wrong password); Chromium logs each such answer as a console error, and this is its line.
 */
export const SIGNED_OUT = failedLoad('401 (Unauthorized)', '/api/admin/session');

/**
 * Opens a page for the dashboard, where SIGNED_OUT is expected and nothing else may go wrong:
 * through Chromium's harness (browser-and-servers.ts) or an engine's suite (engine-suite.ts).
 */
export async function openDashboard<Options, Watched extends ProblemWatch>(
  opener: { open(options?: Options): Promise<Watched> },
  options?: Options,
): Promise<Watched> {
  const watched = await opener.open(options);
  watched.expectProblems(SIGNED_OUT);
  return watched;
}

/** Opens /admin and signs in through the form, as the site owner does. */
export async function signIn(page: Page, server: RunningServer): Promise<void> {
  await page.goto(`${server.origin}/admin`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('button', { name: 'Sign out' }));
}

/** A page for the dashboard (openDashboard), signed in to `server`. */
export async function signedIn(
  harness: Pick<BrowserAndServers, 'open'>,
  server: RunningServer,
  options?: BrowserContextOptions,
): Promise<WatchedPage> {
  const watched = await openDashboard(harness, options);
  await signIn(watched.page, server);
  return watched;
}

/** The navigation link to a queue, by its label with the count, e.g. "Pending (2)". */
export function queueLink(page: Page, label: string): Locator {
  return page.getByRole('navigation').getByRole('link', { name: label, exact: true });
}

/** One comment in the queue, found by its author's name. */
export function card(page: Page, name: string): Locator {
  return page.getByRole('article', { name, exact: true });
}

/** The dashboard's status line, which screen readers announce. */
export function announcer(page: Page): Locator {
  return page.getByRole('status');
}

/** The bar of actions for the ticked comments. */
export function bulkBar(page: Page): Locator {
  return page.getByRole('group', { name: 'Bulk actions' });
}

/** Waits until the status line says `text`. */
export async function announced(page: Page, text: string): Promise<void> {
  await expect.poll(() => announcer(page).textContent(), { timeout: WAIT }).toContain(text);
}

/** Waits until `comment` (a card) is the selected one. */
export async function selected(comment: Locator): Promise<void> {
  await expect.poll(() => comment.getAttribute('aria-current'), { timeout: WAIT }).toBe('true');
}
