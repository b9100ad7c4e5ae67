/**
 * Unapprove in the dashboard, in a real Chromium against a real server: the Approved queue
 * offers it on each comment and for the ticked ones, and what it sends back to Pending leaves
 * the reader's thread at once. Any console error or warning fails a test, except the 401 the
 * browser logs when the dashboard asks whether it is signed in and it is not yet.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { publicCommentIds, seedComment } from '../helpers/app.ts';
import { openPage, type WatchedPage } from '../helpers/browser.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import type { RunningServer } from '../helpers/server.ts';
import { gone, TEST_TIMEOUT, visible, WAIT } from '../helpers/widget-page.ts';

const PASSWORD = 'correct horse battery staple';

const harness = useBrowserAndServers();

/** A signed-in dashboard, noting the one 401 expected before signing in. */
async function signedIn(server: RunningServer): Promise<WatchedPage & { expected: string[] }> {
  const watched = await openPage(harness.browser);
  const expected: string[] = [];
  watched.page.on('console', (message) => {
    if (
      message.type() === 'error' &&
      message.text().includes('status of 401') &&
      message.location().url.endsWith('/api/admin/session')
    )
      expected.push(`console.error: ${message.text()}`);
  });
  const { page } = watched;
  await page.goto(`${server.origin}/admin`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('button', { name: 'Sign out' }));
  return { ...watched, expected };
}

function queueLink(page: Page, label: string): Locator {
  return page.getByRole('navigation').getByRole('link', { name: label, exact: true });
}

function card(page: Page, name: string): Locator {
  return page.getByRole('article', { name, exact: true });
}

function bulkBar(page: Page): Locator {
  return page.getByRole('group', { name: 'Bulk actions' });
}

/** Two comments, approved from the Pending queue; the dashboard then shows the Approved one. */
async function twoApproved(server: RunningServer, page: Page): Promise<[number, number]> {
  await bulkBar(page).getByLabel('Select all').check();
  await bulkBar(page).getByRole('button', { name: 'Approve' }).click();
  await visible(queueLink(page, 'Approved (2)'));
  await queueLink(page, 'Approved (2)').click();
  const ids = await publicCommentIds(server);
  expect(ids).toHaveLength(2);
  return ids as [number, number];
}

describe('Unapprove in the dashboard', () => {
  it(
    'sends an approved comment back to Pending from its card, and the reader no longer sees it',
    async () => {
      const server = await harness.serve({ ADMIN_PASSWORD: PASSWORD, MODERATION: 'all' });
      const ann = await seedComment(server, { name: 'Ann Reader', body: 'Said too soon.' });
      const ben = await seedComment(server, {
        name: 'Ben Writer',
        email: 'ben@example.com',
        body: 'Worth keeping.',
      });
      const { page, problems, expected } = await signedIn(server);
      // Unapprove belongs to the Approved queue only.
      await visible(card(page, 'Ann Reader'));
      expect(
        await card(page, 'Ann Reader').getByRole('button', { name: 'Unapprove' }).count(),
      ).toBe(0);
      expect(await twoApproved(server, page)).toEqual([ann, ben]);

      const annCard = card(page, 'Ann Reader');
      await annCard.getByRole('button', { name: 'Unapprove', exact: true }).click();
      await gone(annCard);
      await visible(queueLink(page, 'Approved (1)'));
      await visible(queueLink(page, 'Pending (1)'));
      await expect
        .poll(() => page.getByRole('status').textContent(), { timeout: WAIT })
        .toContain('Unapproved 1 comment.');
      expect(await publicCommentIds(server)).toEqual([ben]);
      expect(server.store.findComment(ann)?.status).toBe('pending');

      // Back in Pending, where it can be approved again.
      await queueLink(page, 'Pending (1)').click();
      await visible(card(page, 'Ann Reader').getByRole('button', { name: 'Approve' }));

      expect(problems).toEqual(expected);
    },
    TEST_TIMEOUT,
  );

  it(
    'unapproves the ticked comments at once from the bulk bar of the Approved queue',
    async () => {
      const server = await harness.serve({ ADMIN_PASSWORD: PASSWORD, MODERATION: 'all' });
      await seedComment(server, { name: 'Ann Reader', body: 'One.' });
      await seedComment(server, { name: 'Ben Writer', email: 'ben@example.com', body: 'Two.' });
      const { page, problems, expected } = await signedIn(server);
      await visible(card(page, 'Ann Reader'));
      await twoApproved(server, page);
      await visible(card(page, 'Ben Writer'));

      await bulkBar(page).getByLabel('Select all').check();
      await bulkBar(page).getByRole('button', { name: 'Unapprove' }).click();
      await visible(queueLink(page, 'Pending (2)'));
      await visible(queueLink(page, 'Approved (0)'));
      await expect
        .poll(() => page.getByRole('status').textContent(), { timeout: WAIT })
        .toContain('Unapproved 2 comments.');
      expect(await publicCommentIds(server)).toEqual([]);

      expect(problems).toEqual(expected);
    },
    TEST_TIMEOUT,
  );
});
