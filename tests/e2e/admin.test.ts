/**
 * The moderation dashboard at /admin in a real browser: a real server on loopback with a real
 * SQLite file, holding every comment (MODERATION=all), seeded through the public API. Each test
 * gets a server of its own. Any console error or warning fails a test (the harness's check), except
 * the 401 that the browser logs when the dashboard asks whether it is signed in and it is not yet.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildWidget } from '../../server/build/widget.ts';
import { runCli } from '../../server/cli.ts';
import { NO_PASSWORD_NOTE } from '../../server/errors.ts';
import { adminPage } from '../../server/html/admin-page.ts';
import type { PublicComment } from '../../shared/types.ts';
import { NOTICE_MS } from '../../widget/admin/components/use-notice.ts';
import { ADMIN_TOKEN, seedComment } from '../helpers/app.ts';
import { runAxe, severeViolations } from '../helpers/axe.ts';
import { failedLoad } from '../helpers/browser.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import {
  announced,
  announcer,
  BEN,
  bulkBar,
  CY,
  card,
  openDashboard,
  PASSWORD,
  queueLink,
  SIGNED_OUT,
  selected,
  signedIn,
  signIn,
} from '../helpers/dashboard.ts';
import { seedComments } from '../helpers/seed.ts';
import type { RunningServer } from '../helpers/server.ts';
import { gone, visible, WAIT } from '../helpers/widget-page.ts';

const PAGE_URL = 'http://localhost:8080/posts/hello';
/** Another page of the site, for comments on a page of their own. */
const BREAD = { url: 'http://localhost:8080/posts/bread', title: 'Bread' };
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

const harness = useBrowserAndServers();

/** A fresh server on its own database that holds every new comment, closed in afterAll. */
function serve(): Promise<RunningServer> {
  return harness.serve({ ADMIN_PASSWORD: PASSWORD, MODERATION: 'all' });
}

type ReaderComment = PublicComment & { pinned?: boolean; owner?: boolean };

/** The page's thread as any reader gets it. */
async function publicThread(server: RunningServer, url = PAGE_URL): Promise<ReaderComment[]> {
  const response = await server.app.inject({
    method: 'GET',
    url: `/api/comments?url=${encodeURIComponent(url)}`,
  });
  expect(response.statusCode).toBe(200);
  return (response.json() as { comments: ReaderComment[] }).comments;
}

describe('the moderation dashboard', () => {
  it('signs in with the password, says so next to the field when it is wrong, and signs out', async () => {
    const server = await serve();
    await seedComment(server);
    const { page, problems } = await openDashboard(harness);
    await page.goto(`${server.origin}/admin`);

    const password = page.getByLabel('Password');
    await visible(password);
    expect(await password.getAttribute('type')).toBe('password');
    await password.fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.locator('#password-error');
    await visible(error);
    expect(await error.textContent()).toBe('That password is not right.');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-describedby')).toBe('password-error');

    await password.fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(queueLink(page, 'Pending (1)'));
    for (const label of ['Approved (0)', 'Spam (0)', 'Trash (0)', 'Overview']) {
      await visible(queueLink(page, label));
    }
    expect(await queueLink(page, 'Pending (1)').getAttribute('aria-current')).toBe('page');
    await visible(card(page, 'Ann Reader'));
    await visible(page.getByText('Keyboard: j/k move, a approve, s spam, d trash'));

    // The session is a cookie: a reload stays signed in.
    await page.reload();
    await visible(card(page, 'Ann Reader'));

    await page.getByRole('button', { name: 'Sign out' }).click();
    await visible(page.getByLabel('Password'));
    await page.reload();
    await visible(page.getByLabel('Password'));
    expect(await page.getByRole('article').count()).toBe(0);

    // Asked while signed out, and the wrong password: every 401 is the session's (the only
    // problem openDashboard lets by).
    expect(problems.filter((line) => SIGNED_OUT.test(line)).length).toBeGreaterThanOrEqual(2);
  });

  it('asks to sign in again when the session has ended, and then carries on', async () => {
    const server = await serve();
    const id = await seedComment(server);
    const { page, problems, expectProblems } = await openDashboard(harness);
    // The refused approval is logged by the browser as a 401, besides the session check's.
    const refused = failedLoad('401 (Unauthorized)', `/api/admin/comments/${id}/approve`);
    expectProblems(refused);
    await signIn(page, server);
    await visible(card(page, 'Ann Reader'));

    // The session ends behind the page's back, as when it expires.
    await server.storage.sessions.closeAll();
    await card(page, 'Ann Reader').getByRole('button', { name: 'Approve' }).click();
    await visible(page.getByText('Your session has ended. Please sign in again.'));
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await card(page, 'Ann Reader').getByRole('button', { name: 'Approve' }).click();
    await visible(queueLink(page, 'Approved (1)'));

    expect(problems.filter((line) => refused.test(line))).toHaveLength(1);
  });

  it('keeps a reply being typed when the session ends, and posts it once signed in again', async () => {
    const server = await serve();
    const id = await seedComment(server, { body: 'How often do you feed it?' });
    await server.store.setStatus(id, 'approved', new Date().toISOString());
    const { page, expectProblems } = await openDashboard(harness);
    const refused = failedLoad('401 (Unauthorized)', `/api/admin/comments/${id}/reply`);
    expectProblems(refused);
    await signIn(page, server);
    await queueLink(page, 'Approved (1)').click();
    const ann = card(page, 'Ann Reader');
    await ann.getByRole('button', { name: 'Reply' }).click();
    const text = 'Twice a day, at breakfast and dinner.';
    await ann.getByLabel('Reply to Ann Reader').fill(text);

    await server.storage.sessions.closeAll();
    await ann.getByRole('button', { name: 'Post reply' }).click();
    await visible(page.getByText('Your session has ended. Please sign in again.'));
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // The dashboard is as it was: the reply still typed, the focus back on its button.
    const box = card(page, 'Ann Reader').getByLabel('Reply to Ann Reader');
    await visible(box);
    expect(await box.inputValue()).toBe(text);
    const post = card(page, 'Ann Reader').getByRole('button', { name: 'Post reply' });
    await expect
      .poll(() => post.evaluate((button) => button === document.activeElement))
      .toBe(true);
    await post.click();
    await visible(queueLink(page, 'Approved (2)'));
    expect((await publicThread(server)).map((comment) => comment.parent)).toContain(id);
  });

  it('approves the selected comment with the keyboard: j/k move, a approves', async () => {
    const server = await serve();
    const [older] = await seedComments(server, [
      { name: 'Ann Reader', body: 'The older thought.' },
      { ...BEN, body: 'A newer one.' },
    ]);
    const { page } = await signedIn(harness, server);
    await visible(queueLink(page, 'Pending (2)'));

    // Newest first: j selects Ben's, j again Ann's, k back to Ben's, j to Ann's.
    const ann = card(page, 'Ann Reader');
    const ben = card(page, 'Ben Writer');
    await visible(ann);
    await page.keyboard.press('j');
    await selected(ben);
    await page.keyboard.press('j');
    await selected(ann);
    expect(await ben.getAttribute('aria-current')).toBeNull();
    await page.keyboard.press('k');
    await selected(ben);
    await page.keyboard.press('j');
    await selected(ann);
    expect(await ann.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await ann.evaluate((element) => element.classList.contains('selected'))).toBe(true);

    await page.keyboard.press('a');
    await gone(ann);
    await visible(queueLink(page, 'Pending (1)'));
    await visible(queueLink(page, 'Approved (1)'));
    await announced(page, 'Approved 1 comment.');
    // The selection moves on to what is left.
    await selected(ben);

    const thread = await publicThread(server);
    expect(thread.map((comment) => comment.id)).toEqual([older]);
    expect(thread[0]?.html).toContain('The older thought.');

    // Shortcuts leave typing alone: an "a" in the search box searches, and approves nothing.
    let changes = 0;
    page.on('request', (request) => {
      if (request.method() !== 'GET') changes++;
    });
    const searched = page.waitForRequest((request) => request.url().includes('q=a'), {
      timeout: WAIT,
    });
    await page.getByLabel('Search').press('a');
    await searched;
    expect(changes).toBe(0);
    expect(await publicThread(server)).toHaveLength(1);
  });

  it('marks two ticked comments as spam at once, then deletes them forever after confirming', async () => {
    const server = await serve();
    await seedComments(server, [
      { name: 'Ann Reader', body: 'Genuine thoughts.' },
      { name: 'Cheap Pills', email: 'pills@example.com', body: 'Buy now.' },
      { name: 'Casino Bot', email: 'casino@example.com', body: 'Win big.' },
    ]);
    const { page } = await signedIn(harness, server);
    await visible(queueLink(page, 'Pending (3)'));

    await page.getByLabel('Select the comment by Cheap Pills').check();
    await page.getByLabel('Select the comment by Casino Bot').check();
    await visible(bulkBar(page).getByText('2 selected'));
    await bulkBar(page).getByRole('button', { name: 'Spam', exact: true }).click();

    await visible(queueLink(page, 'Pending (1)'));
    await visible(queueLink(page, 'Spam (2)'));
    await announced(page, 'Marked 2 comments as spam.');
    await gone(card(page, 'Cheap Pills'));
    await gone(card(page, 'Casino Bot'));
    await visible(card(page, 'Ann Reader'));

    await queueLink(page, 'Spam (2)').click();
    await visible(card(page, 'Cheap Pills'));
    await visible(card(page, 'Casino Bot'));
    await bulkBar(page).getByLabel('Select all').check();
    await visible(bulkBar(page).getByText('2 selected'));
    await bulkBar(page).getByRole('button', { name: 'Delete forever' }).click();
    // Nothing is deleted before the owner confirms.
    await visible(bulkBar(page).getByText('Delete 2 comments forever?'));
    expect(await page.getByRole('article').count()).toBe(2);
    await bulkBar(page).getByRole('button', { name: 'Yes, delete forever' }).click();
    await visible(queueLink(page, 'Spam (0)'));
    await visible(page.getByText('No spam.'));
    await announced(page, 'Deleted 2 comments forever.');
  });

  it('trashes with d, restores from the trash, and deletes forever only after confirming', async () => {
    const server = await serve();
    await seedComments(server, [
      { name: 'Ann Reader', body: 'Worth keeping after all.' },
      { ...BEN, body: 'Not worth it.' },
    ]);
    const { page } = await signedIn(harness, server);
    await visible(card(page, 'Ann Reader'));

    await page.keyboard.press('j');
    await page.keyboard.press('d');
    await visible(queueLink(page, 'Trash (1)'));
    await gone(card(page, 'Ben Writer'));
    await announced(page, 'Moved 1 comment to the trash.');
    await selected(card(page, 'Ann Reader'));
    await page.keyboard.press('d');
    await visible(queueLink(page, 'Trash (2)'));
    await visible(queueLink(page, 'Pending (0)'));
    await visible(page.getByText('No comments are waiting for moderation.'));

    await queueLink(page, 'Trash (2)').click();
    await card(page, 'Ann Reader').getByRole('button', { name: 'Restore' }).click();
    await visible(queueLink(page, 'Pending (1)'));
    await gone(card(page, 'Ann Reader'));
    await announced(page, 'Restored 1 comment.');

    const ben = card(page, 'Ben Writer');
    await ben.getByRole('button', { name: 'Delete forever' }).click();
    const confirm = ben.getByRole('group', { name: /Delete this comment forever\?/ });
    await visible(confirm);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await visible(ben.getByRole('button', { name: 'Delete forever' }));
    expect(await queueLink(page, 'Trash (1)').count()).toBe(1);

    await ben.getByRole('button', { name: 'Delete forever' }).click();
    await confirm.getByRole('button', { name: 'Yes, delete forever' }).click();
    await gone(ben);
    await visible(queueLink(page, 'Trash (0)'));
    await visible(page.getByText('The trash is empty.'));
    await announced(page, 'Deleted 1 comment forever.');
  });

  it("edits a comment's text, and the public thread shows the edit", async () => {
    const server = await serve();
    const id = await seedComment(server, { body: 'Teh sourdough needs feeding.' });
    const { page } = await signedIn(harness, server);

    await card(page, 'Ann Reader').getByRole('button', { name: 'Approve' }).click();
    await visible(queueLink(page, 'Approved (1)'));
    await queueLink(page, 'Approved (1)').click();
    const ann = card(page, 'Ann Reader');
    await visible(ann);

    await ann.getByRole('button', { name: 'Edit' }).click();
    const text = ann.getByLabel("Edit the comment's text");
    await visible(text);
    expect(await text.inputValue()).toBe('Teh sourdough needs feeding.');
    // Typing "a", "s" and "d" here must not approve, spam or trash anything.
    await text.fill('');
    await text.pressSequentially('The sourdough needs **daily** feeding.');
    await ann.getByRole('button', { name: 'Save' }).click();
    await visible(ann.locator('.content strong').getByText('daily'));
    await gone(text);

    const thread = await publicThread(server);
    expect(thread.map((comment) => comment.id)).toEqual([id]);
    expect(thread[0]?.html).toContain('The sourdough needs <strong>daily</strong> feeding.');
    await visible(queueLink(page, 'Approved (1)'));
    await visible(queueLink(page, 'Spam (0)'));
    await visible(queueLink(page, 'Trash (0)'));
  });

  it("replies as the site owner, and the public thread has the reply, marked as the owner's", async () => {
    const server = await serve();
    const id = await seedComment(server, { body: 'How often do you feed it?' });
    const { page } = await signedIn(harness, server);

    await card(page, 'Ann Reader').getByRole('button', { name: 'Approve' }).click();
    await queueLink(page, 'Approved (1)').click();
    const ann = card(page, 'Ann Reader');
    await ann.getByRole('button', { name: 'Reply' }).click();
    await ann.getByLabel('Reply to Ann Reader').fill('Twice a day, at breakfast and dinner.');
    await ann.getByRole('button', { name: 'Post reply' }).click();

    await visible(queueLink(page, 'Approved (2)'));
    const reply = page.getByRole('article').filter({ hasText: 'Twice a day' });
    await visible(reply);
    expect(await reply.locator('.badge').allTextContents()).toEqual(['Owner']);
    await visible(reply.getByText('In reply to Ann Reader'));

    const thread = await publicThread(server);
    expect(thread).toHaveLength(2);
    const posted = thread.find((comment) => comment.parent === id);
    expect(posted?.html).toContain('Twice a day, at breakfast and dinner.');
    expect(posted?.owner).toBe(true);
  });

  it('pins a comment, and the public thread lists it first', async () => {
    const server = await serve();
    const [older, newer] = await seedComments(server, [
      { name: 'Ann Reader', body: 'First!' },
      {
        name: 'Ben Writer',
        email: 'ben@example.com',
        body: 'The most useful answer, worth pinning.',
      },
    ]);
    const { page } = await signedIn(harness, server);

    await bulkBar(page).getByLabel('Select all').check();
    await bulkBar(page).getByRole('button', { name: 'Approve' }).click();
    await visible(queueLink(page, 'Approved (2)'));
    expect((await publicThread(server)).map((comment) => comment.id)).toEqual([older, newer]);

    await queueLink(page, 'Approved (2)').click();
    const ben = card(page, 'Ben Writer');
    await ben.getByRole('button', { name: 'Pin', exact: true }).click();
    await visible(ben.getByText('Pinned', { exact: true }));
    await visible(ben.getByRole('button', { name: 'Unpin' }));
    await announced(page, 'Pinned 1 comment.');

    const thread = await publicThread(server);
    expect(thread.map((comment) => comment.id)).toEqual([newer, older]);
    expect(thread[0]?.pinned).toBe(true);
  });

  it('filters the queue by site, by page and by a search of text, name and email', async () => {
    const server = await serve();
    await seedComments(server, [
      { name: 'Ann Reader', body: 'About the hello post.' },
      {
        url: 'http://127.0.0.1:9000/other',
        title: 'Another site',
        name: 'Zed Visitor',
        email: 'zed@example.org',
        body: 'From elsewhere.',
      },
      { ...BREAD, ...CY, body: 'Rye or spelt?' },
    ]);
    const { page } = await signedIn(harness, server);
    await visible(queueLink(page, 'Pending (3)'));
    await visible(card(page, 'Zed Visitor'));

    // Polled until exactly these show: a list reloading for a filter is briefly empty.
    const shown = (names: string[]) =>
      expect
        .poll(() => page.locator('article .author').allTextContents(), { timeout: WAIT })
        .toEqual(names);
    await shown(['Cy Baker', 'Zed Visitor', 'Ann Reader']);

    await page.getByLabel('Site').selectOption('http://127.0.0.1:9000');
    await shown(['Zed Visitor']);

    await page.getByLabel('Site').selectOption('');
    await page.getByLabel('Page').selectOption({ label: 'Bread' });
    await shown(['Cy Baker']);

    await page.getByLabel('Page').selectOption('');
    await page.getByLabel('Search').fill('zed@example');
    await shown(['Zed Visitor']);
    await page.getByLabel('Search').fill('spelt');
    await shown(['Cy Baker']);
    await page.getByLabel('Search').fill('Reader');
    await shown(['Ann Reader']);

    await page.getByLabel('Search').fill('nothing like this anywhere');
    await visible(page.getByText('No comments match these filters.'));
  });

  it('shows comments per day, moderation shares and the most commented pages in the overview', async () => {
    const server = await serve();
    await seedComments(server, [
      { name: 'Ann Reader', body: 'One.' },
      { name: 'Dee Guest', email: 'dee@example.com', body: 'Two.' },
      { ...BREAD, ...CY, body: 'Three.' },
      { ...BEN, body: 'Four.' },
      { name: 'Spam Bot', email: 'bot@example.com', body: 'Five.' },
    ]);
    const { page } = await signedIn(harness, server);
    await visible(queueLink(page, 'Pending (5)'));

    // Newest first: the bot's comment is spam, the next three are approved, Ann's stays held.
    await visible(card(page, 'Spam Bot'));
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await visible(queueLink(page, 'Spam (1)'));
    for (const [name, approved] of [
      ['Ben Writer', 1],
      ['Cy Baker', 2],
      ['Dee Guest', 3],
    ] as const) {
      await expect
        .poll(() => card(page, name).getAttribute('aria-current'), { timeout: WAIT })
        .toBe('true');
      await page.keyboard.press('a');
      await visible(queueLink(page, `Approved (${approved})`));
    }
    await visible(queueLink(page, 'Pending (1)'));

    await queueLink(page, 'Overview').click();
    const chart = page.getByRole('img', { name: 'Comments per day over the last 90 days' });
    await visible(chart);
    expect(await chart.locator('rect').count()).toBe(90);
    await visible(
      page.getByText(/^5 comments from .+; the busiest day was .+, with 5 comments\.$/),
    );
    const share = (label: string) =>
      page
        .getByRole('row', { name: new RegExp(`^${label} `) })
        .getByRole('cell')
        .last();
    expect(await share('Held for moderation').textContent()).toBe('20%');
    expect(await share('Approved').textContent()).toBe('60%');
    expect(await share('Spam').textContent()).toBe('20%');
    const topPages = page.locator('.top-pages li');
    await visible(topPages.first());
    expect(await topPages.allTextContents()).toEqual(['Hello 2 comments', 'Bread 1 comment']);

    await page.setViewportSize({ width: 1280, height: 900 });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({
      path: join(SCREENSHOTS, 'admin-overview-desktop.png'),
      fullPage: true,
    });
  });

  it('offers Undo after Spam and after Trash, and Undo puts the comment back in its queue', async () => {
    const server = await serve();
    const [, ben, cy] = await seedComments(server, [
      { name: 'Ann Reader', body: 'A held thought.' },
      { ...BEN, body: 'Mine.' },
      { ...CY, body: 'Shown.' },
    ]);
    await server.app.inject({
      method: 'POST',
      url: `/api/admin/comments/${cy}/approve`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const { page } = await signedIn(harness, server);
    await visible(queueLink(page, 'Pending (2)'));

    // Spam from Pending, by keyboard: Undo brings it back to Pending, selected again.
    await visible(card(page, 'Ben Writer'));
    await page.keyboard.press('j');
    await selected(card(page, 'Ben Writer'));
    await page.keyboard.press('s');
    await gone(card(page, 'Ben Writer'));
    await visible(queueLink(page, 'Spam (1)'));
    await announced(page, 'Marked 1 comment as spam.');
    await announcer(page).getByRole('button', { name: 'Undo' }).click();
    await visible(card(page, 'Ben Writer'));
    await visible(queueLink(page, 'Pending (2)'));
    await visible(queueLink(page, 'Spam (0)'));
    await announced(page, 'Undone: the comment by Ben Writer is back in Pending.');
    expect((await server.store.findComment(ben))?.status).toBe('pending');
    expect(await card(page, 'Ben Writer').getAttribute('aria-current')).toBe('true');
    expect(await page.locator('article .author').allTextContents()).toEqual([
      'Ben Writer',
      'Ann Reader',
    ]);
    await expect.poll(() => announcer(page).getByRole('button').count()).toBe(0);

    // Trash, then Spam, from Approved: each Undo brings it back to Approved, not to Pending.
    await queueLink(page, 'Approved (1)').click();
    const shown = card(page, 'Cy Baker');
    for (const [action, queue] of [
      ['Trash', 'Trash (1)'],
      ['Spam', 'Spam (1)'],
    ] as const) {
      await shown.getByRole('button', { name: action, exact: true }).click();
      await gone(shown);
      await visible(queueLink(page, queue));
      await announcer(page).getByRole('button', { name: 'Undo' }).click();
      await visible(shown);
      await visible(queueLink(page, 'Approved (1)'));
      expect((await server.store.findComment(cy))?.status).toBe('approved');
      expect((await publicThread(server)).map((comment) => comment.id)).toEqual([cy]);
    }
    await visible(queueLink(page, 'Trash (0)'));
    await visible(queueLink(page, 'Spam (0)'));

    // Ticked comments trashed at once come back at once.
    await queueLink(page, 'Pending (2)').click();
    await visible(card(page, 'Ann Reader'));
    await bulkBar(page).getByLabel('Select all').check();
    await bulkBar(page).getByRole('button', { name: 'Trash', exact: true }).click();
    await visible(queueLink(page, 'Trash (2)'));
    await visible(page.getByText('No comments are waiting for moderation.'));
    await announcer(page).getByRole('button', { name: 'Undo' }).click();
    await visible(queueLink(page, 'Pending (2)'));
    await visible(card(page, 'Ann Reader'));
    await visible(card(page, 'Ben Writer'));
    await announced(page, 'Undone: 2 comments are back in Pending.');
    expect((await server.store.findComment(ben))?.status).toBe('pending');
  });

  it('takes the status message away after a few seconds, but not while it has the pointer or the focus', async () => {
    const server = await serve();
    for (const name of ['Ann Reader', 'Ben Writer', 'Cy Baker']) {
      await seedComment(server, { name, email: `${name.split(' ')[0]}@example.com`, body: name });
    }
    const { page } = await openDashboard(harness);
    await page.clock.install();
    await signIn(page, server);
    await visible(queueLink(page, 'Pending (3)'));
    await page.mouse.move(0, 0);
    const message = announcer(page);
    const undo = message.getByRole('button', { name: 'Undo' });

    await page.keyboard.press('j');
    await page.keyboard.press('d');
    await visible(undo);
    expect(await message.textContent()).toContain('Moved 1 comment to the trash.');
    await page.clock.runFor(NOTICE_MS);
    await expect.poll(() => message.textContent(), { timeout: WAIT }).toBe('');
    await gone(undo);

    // Held while the pointer is on it.
    await page.keyboard.press('d');
    await visible(undo);
    await undo.hover();
    await page.clock.runFor(2 * NOTICE_MS);
    expect(await message.textContent()).toContain('Moved 1 comment to the trash.');
    await page.mouse.move(0, 0);
    await page.clock.runFor(NOTICE_MS);
    await expect.poll(() => message.textContent(), { timeout: WAIT }).toBe('');

    // Held while the focus is on its Undo; and Undo still works then.
    await page.keyboard.press('d');
    await visible(undo);
    await undo.focus();
    await page.clock.runFor(2 * NOTICE_MS);
    expect(await message.textContent()).toContain('Moved 1 comment to the trash.');
    await page.getByRole('button', { name: 'Sign out' }).focus();
    await page.clock.runFor(NOTICE_MS);
    await expect.poll(() => message.textContent(), { timeout: WAIT }).toBe('');
    await visible(queueLink(page, 'Trash (3)'));
  });

  it('says where the selection went after j and k, after s and d, and after z undoes', async () => {
    const server = await serve();
    await seedComments(server, [
      { name: 'Ann Reader', body: 'Oldest.' },
      { ...BEN, body: 'Middle.' },
      { ...BREAD, ...CY, body: 'Newest.' },
    ]);
    const { page } = await signedIn(harness, server);
    await visible(card(page, 'Ann Reader'));

    // Each key, and what the status line then says.
    for (const [key, said] of [
      ['j', 'Comment 1 of 3 selected: Cy Baker on Bread'],
      ['j', 'Comment 2 of 3 selected: Ben Writer on Hello'],
      ['j', 'Comment 3 of 3 selected: Ann Reader on Hello'],
      ['k', 'Comment 2 of 3 selected: Ben Writer on Hello'],
      ['s', 'Marked 1 comment as spam. Now on comment 2 of 2: Ann Reader on Hello'],
      ['d', 'Moved 1 comment to the trash. Now on comment 1 of 1: Cy Baker on Bread'],
      ['d', 'Moved 1 comment to the trash. No comments are left in this list.'],
    ] as const) {
      await page.keyboard.press(key);
      await announced(page, said);
    }
    await visible(page.getByText('No comments are waiting for moderation.'));

    // z undoes the last one, and the selection is on the comment that came back.
    await page.keyboard.press('z');
    await announced(page, 'Undone: the comment by Cy Baker is back in Pending.');
    await announced(page, 'Comment 1 of 1 selected: Cy Baker on Bread');
    await selected(card(page, 'Cy Baker'));
  });

  it('lets the keyboard reach a code block that scrolls, and axe finds it focusable', async () => {
    const server = await serve();
    const longLine = `const starter = [${Array.from({ length: 40 }, (_, n) => `'feed ${n}'`).join(', ')}];`;
    await seedComment(server, { body: `My feeding script:\n\n\`\`\`\n${longLine}\n\`\`\`` });
    // axe adds an inline style while it runs, which the page's CSP refuses.
    const { page } = await signedIn(harness, server, { bypassCSP: true });
    const code = card(page, 'Ann Reader').locator('.content pre');
    await visible(code);
    expect(await code.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    expect(await code.getAttribute('tabindex')).toBe('0');
    const violations = await runAxe(page);
    expect(
      violations.filter((violation) => violation.id === 'scrollable-region-focusable'),
    ).toEqual([]);
    await code.focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => code.evaluate((element) => element.scrollLeft), { timeout: WAIT })
      .toBeGreaterThan(0);
  });

  it('fits a 375 px screen and a desktop one, without serious accessibility problems', async () => {
    const server = await serve();
    await seedComments(server, [
      {
        name: 'Maya Okafor',
        email: 'maya.okafor@example.com',
        website: 'https://maya.example',
        body: 'Lovely piece. I keep mine in the **fridge** and feed it weekly:\n\n> it survives',
      },
      {
        url: 'http://localhost:8080/posts/bread',
        title: 'A very long title about rye bread, spelt, einkorn and other ancient grains',
        name: 'Cy Baker',
        email: 'cy@example.com',
        body: 'Rye or spelt? https://example.com/a/very/long/link/that/should/wrap/nicely/on/phones',
      },
      { name: 'Ann Reader', body: 'A first thought.' },
    ]);

    // axe adds an inline style while it runs, which the page's CSP refuses.
    const { page } = await signedIn(harness, server, {
      viewport: { width: 375, height: 812 },
      bypassCSP: true,
    });
    await visible(card(page, 'Maya Okafor'));
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await selected(card(page, 'Cy Baker'));
    await card(page, 'Maya Okafor').getByLabel('Select the comment by Maya Okafor').check();
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    // From the top: the bulk bar sticks to the top of the window, wherever it is scrolled to.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-queue-375.png'), fullPage: true });
    expect(await severeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-queue-desktop.png'), fullPage: true });

    await queueLink(page, 'Overview').click();
    await visible(page.getByRole('img', { name: 'Comments per day over the last 90 days' }));
    expect(await severeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await overflow()).toBeLessThanOrEqual(0);
  });
});

describe('the dashboard page and bundle', () => {
  it('keeps the dashboard out of what readers download', async () => {
    const build = await buildWidget(mkdtempSync(join(tmpdir(), 'leave-a-reply-admin-')));
    const readerInputs = Object.values(build.metafile.outputs).flatMap((output) =>
      Object.keys(output.inputs),
    );
    expect(readerInputs.filter((input) => input.startsWith('widget/admin/'))).toEqual([]);
    expect(build.admin.script).toMatch(/^admin\.[0-9a-f]{10}\.js$/);
    expect(build.admin.stylesheet).toMatch(/^admin\.[0-9a-f]{10}\.css$/);
    const adminInputs = Object.values(build.admin.metafile.outputs).flatMap((output) =>
      Object.keys(output.inputs),
    );
    expect(adminInputs).toContain('widget/admin/index.tsx');
    expect(
      adminInputs.filter((input) => !/^(widget\/|shared\/|node_modules\/preact\/)/.test(input)),
    ).toEqual([]);
  });

  it('serves /admin as a page with no inline script or style, under a strict CSP', async () => {
    const server = await serve();
    const response = await server.app.inject({ method: 'GET', url: '/admin' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');

    const html = response.body;
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<div id="admin">');
    const script = /<script src="\/(admin\.[0-9a-f]{10}\.js)" defer><\/script>/.exec(html)?.[1];
    const stylesheet = /<link rel="stylesheet" href="\/(admin\.[0-9a-f]{10}\.css)">/.exec(
      html,
    )?.[1];
    expect([...html.matchAll(/<script\b[^>]*>/g)]).toHaveLength(1);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);

    for (const [file, type] of [
      [script, /javascript/],
      [stylesheet, /text\/css/],
    ] as const) {
      const asset = await server.app.inject({ method: 'GET', url: `/${file}` });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-type']).toMatch(type);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    expect(
      adminPage({ admin: { script: 'admin.0123456789.js', stylesheet: 'a"b.css' } }),
    ).toContain('href="/a&#34;b.css"');
  });
});

describe('the first visit to the dashboard', () => {
  it('says how to set a password before any attempt while none is set, and not once one is', async () => {
    const server = await harness.serve({ MODERATION: 'all' });
    const { page } = await openDashboard(harness);
    await page.goto(`${server.origin}/admin`);

    const note = page.getByText(NO_PASSWORD_NOTE, { exact: true });
    await visible(note);
    expect(await note.getAttribute('id')).toBe('setup-note');
    const password = page.getByLabel('Password');
    expect(await password.getAttribute('aria-describedby')).toBe('setup-note');
    expect(await page.locator('#password-error').count()).toBe(0);

    // The owner follows the note from a terminal, while the server runs.
    const set = await runCli(
      ['admin', 'set-password'],
      server.config,
      Readable.from([`${PASSWORD}\n`]),
    );
    expect(set).toBe(0);
    const told = page.waitForResponse((response) => response.url().endsWith('/api/admin/sign-in'));
    await page.reload();
    expect(await (await told).json()).toEqual({ passwordSet: true, note: null });
    await visible(page.getByLabel('Password'));
    expect(await page.getByText('No dashboard password').count()).toBe(0);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('button', { name: 'Sign out' }));
  });

  it('shows no note about setting a password when one is set', async () => {
    const server = await serve();
    const { page } = await openDashboard(harness);
    const told = page.waitForResponse((response) => response.url().endsWith('/api/admin/sign-in'));
    await page.goto(`${server.origin}/admin`);
    expect(await (await told).json()).toEqual({ passwordSet: true, note: null });
    await visible(page.getByLabel('Password'));
    expect(await page.locator('#setup-note').count()).toBe(0);
    expect(await page.getByLabel('Password').getAttribute('aria-describedby')).toBeNull();
  });

  it('with the demo off, finds the dashboard from a short page at /', async () => {
    const server = await harness.serve({ DEMO: 'false', ADMIN_PASSWORD: PASSWORD });
    const { page } = await openDashboard(harness);
    await page.goto(`${server.origin}/`);
    await visible(page.getByRole('heading', { name: 'Leave a Reply', level: 1 }));
    expect(await page.title()).toBe('Leave a Reply');
    await page.getByRole('link', { name: 'dashboard' }).click();
    await visible(page.getByLabel('Password'));
    expect(page.url()).toBe(`${server.origin}/admin`);
    // Nothing on either page broke the server's CSP, which would show as a console error.
  });
});
