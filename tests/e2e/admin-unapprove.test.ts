/**
 * Unapprove in the dashboard, in a real Chromium against a real server: the Approved queue
 * offers it on each comment and for the ticked ones, and what it sends back to Pending leaves
 * the reader's thread at once. Any console error or warning fails a test (the harness's check),
 * except the 401 the browser logs when the dashboard asks whether it is signed in and it is not yet.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { publicCommentIds } from '../helpers/app.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import {
  announced,
  BEN,
  bulkBar,
  card,
  PASSWORD,
  queueLink,
  signedIn,
} from '../helpers/dashboard.ts';
import { seedComments } from '../helpers/seed.ts';
import type { RunningServer } from '../helpers/server.ts';
import { gone, visible } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();

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
  it('sends an approved comment back to Pending from its card, and the reader no longer sees it', async () => {
    const server = await harness.serve({ ADMIN_PASSWORD: PASSWORD, MODERATION: 'all' });
    const [ann, ben] = await seedComments(server, [
      { name: 'Ann Reader', body: 'Said too soon.' },
      { ...BEN, body: 'Worth keeping.' },
    ]);
    const { page } = await signedIn(harness, server);
    // Unapprove belongs to the Approved queue only.
    await visible(card(page, 'Ann Reader'));
    expect(await card(page, 'Ann Reader').getByRole('button', { name: 'Unapprove' }).count()).toBe(
      0,
    );
    expect(await twoApproved(server, page)).toEqual([ann, ben]);

    const annCard = card(page, 'Ann Reader');
    await annCard.getByRole('button', { name: 'Unapprove', exact: true }).click();
    await gone(annCard);
    await visible(queueLink(page, 'Approved (1)'));
    await visible(queueLink(page, 'Pending (1)'));
    await announced(page, 'Unapproved 1 comment.');
    expect(await publicCommentIds(server)).toEqual([ben]);
    expect((await server.store.findComment(ann))?.status).toBe('pending');

    // Back in Pending, where it can be approved again.
    await queueLink(page, 'Pending (1)').click();
    await visible(card(page, 'Ann Reader').getByRole('button', { name: 'Approve' }));
  });

  it('unapproves the ticked comments at once from the bulk bar of the Approved queue', async () => {
    const server = await harness.serve({ ADMIN_PASSWORD: PASSWORD, MODERATION: 'all' });
    await seedComments(server, [
      { name: 'Ann Reader', body: 'One.' },
      { ...BEN, body: 'Two.' },
    ]);
    const { page } = await signedIn(harness, server);
    await visible(card(page, 'Ann Reader'));
    await twoApproved(server, page);
    await visible(card(page, 'Ben Writer'));

    await bulkBar(page).getByLabel('Select all').check();
    await bulkBar(page).getByRole('button', { name: 'Unapprove' }).click();
    await visible(queueLink(page, 'Pending (2)'));
    await visible(queueLink(page, 'Approved (0)'));
    await announced(page, 'Unapproved 2 comments.');
    expect(await publicCommentIds(server)).toEqual([]);
  });
});
