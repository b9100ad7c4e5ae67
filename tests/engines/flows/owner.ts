/**
 * The site owner's flows, in every engine: signing in to the dashboard at /admin, moderating
 * with the keyboard and in bulk, and the page a moderation mail's link opens. Every outcome is
 * checked in the store and the public API as well as on the page.
 */
import { expect, it, onTestFinished, vi } from 'vitest';
import { createTestApp, publicCommentIds, seedComment } from '../../helpers/app.ts';
import { BEN, openDashboard, PASSWORD } from '../../helpers/dashboard.ts';
import type { EngineSuite } from '../../helpers/engine-suite.ts';
import { type EnginePage, freePort } from '../../helpers/engines.ts';
import { seedComments } from '../../helpers/seed.ts';
import { builtWidget, type RunningServer } from '../../helpers/server.ts';
import { type ReceivedMail, startSmtpServer } from '../../helpers/smtp.ts';

const PAGE_URL = 'http://localhost:8080/posts/hello';

async function statusOf(server: RunningServer, id: number): Promise<string | undefined> {
  return (await server.store.findComment(id))?.status;
}

/** Opens /admin and tries a wrong password, which the dashboard refuses next to the field. */
export async function signInWrongly(page: EnginePage, server: RunningServer): Promise<void> {
  await page.goto(`${server.origin}/admin`);
  await page.type('#password', 'not the password');
  await page.click({ css: 'button', text: 'Sign in' });
}

/** Opens /admin and signs in through the form, as the site owner does. */
export async function signIn(page: EnginePage, server: RunningServer): Promise<void> {
  await page.goto(`${server.origin}/admin`);
  await page.type('#password', PASSWORD);
  await page.click({ css: 'button', text: 'Sign in' });
  await page.visible({ css: 'button', text: 'Sign out' });
}

/** The navigation link to a queue, by its label with the count, e.g. "Pending (2)". */
function queueLink(label: string) {
  return { css: 'nav.status-nav a', text: label };
}

/** The card of the comment `id` is selected: marked current, and it has the focus. */
function isSelected(id: number) {
  const card = document.getElementById(`comment-${id}`);
  return card?.getAttribute('aria-current') === 'true' && document.activeElement === card;
}

/** The dashboard's status line (what screen readers hear) includes `text`. */
function announces(text: string) {
  return (document.querySelector('[role="status"]')?.textContent ?? '').includes(text);
}

export function ownerFlows(suite: EngineSuite): void {
  it('signs in at /admin, approves the selected comment with j, k and a, and spams two ticked ones at once', async () => {
    const server = await suite.serve({ ADMIN_PASSWORD: PASSWORD, MODERATION: 'all' });
    const [ann, ben, pills, casino] = await seedComments(server, [
      { name: 'Ann Reader', body: 'The older thought.' },
      { ...BEN, body: 'A newer one.' },
      { name: 'Cheap Pills', email: 'pills@example.com', body: 'Buy now.' },
      { name: 'Casino Bot', email: 'casino@example.com', body: 'Win big.' },
    ]);
    const page = await openDashboard(suite);

    // A wrong password is refused next to the field; the right one signs in.
    await signInWrongly(page, server);
    expect(await page.text('#password-error')).toBe('That password is not right.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.type('#password', PASSWORD);
    await page.click({ css: 'button', text: 'Sign in' });
    await page.visible(queueLink('Pending (4)'));
    await page.visible({
      css: 'p.hint',
      text: 'Keyboard: j/k move, a approve, s spam, d trash, z undo',
    });

    // Newest first: j selects the newest (the casino's), j Pills', k back, then down to Ann's.
    await page.visible(`#comment-${ann}`);
    await page.press('j');
    await page.waitUntil('the newest card to be selected', isSelected, casino);
    await page.press('j');
    await page.waitUntil('the second card to be selected', isSelected, pills);
    await page.press('k');
    await page.waitUntil('the newest card to be selected again', isSelected, casino);
    for (const id of [pills, ben, ann]) {
      await page.press('j');
      await page.waitUntil(`comment ${id} to be selected`, isSelected, id);
    }
    await page.press('a');
    await page.gone(`#comment-${ann}`);
    await page.visible(queueLink('Approved (1)'));
    await page.visible(queueLink('Pending (3)'));
    await page.waitUntil('the approval to be announced', announces, 'Approved 1 comment.');
    // The selection moves on to what is left, and has the focus for the next key.
    await page.waitUntil('the selection to move on', isSelected, ben);
    expect(await statusOf(server, ann)).toBe('approved');
    expect(await publicCommentIds(server)).toEqual([ann]);

    // Two ticked, then Spam for both at once.
    await page.click('input[aria-label="Select the comment by Cheap Pills"]');
    await page.click('input[aria-label="Select the comment by Casino Bot"]');
    expect(await page.text('fieldset.bulk .selected-count')).toBe('2 selected');
    await page.click({ css: 'fieldset.bulk button', text: 'Spam' });
    await page.visible(queueLink('Spam (2)'));
    await page.visible(queueLink('Pending (1)'));
    await page.waitUntil('the bulk spam to be announced', announces, 'Marked 2 comments as spam.');
    await page.gone(`#comment-${pills}`);
    await page.gone(`#comment-${casino}`);
    await page.visible(`#comment-${ben}`);
    expect([
      await statusOf(server, pills),
      await statusOf(server, casino),
      await statusOf(server, ben),
    ]).toEqual(['spam', 'spam', 'pending']);
    expect(await publicCommentIds(server)).toEqual([ann]);

    // The session is a cookie: a reload stays signed in, on the same counts.
    await page.reload();
    await page.visible(queueLink('Spam (2)'));
    await page.visible(`#comment-${ben}`);
  });

  it("approves a held comment from the moderation mail's link: the page asks, its button approves, once", async () => {
    const smtp = await startSmtpServer();
    onTestFinished(() => smtp.close());
    // The server's public address is where the browser reaches it, so the mail's links are
    // followed as they are; an https PUBLIC_URL would have WebKit upgrade the form's POST.
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const owner = 'owner@example.com';
    const server = await createTestApp(
      { SMTP_URL: smtp.url, NOTIFY_EMAIL: owner, PUBLIC_URL: origin, MODERATION: 'all' },
      { widgetDir: await builtWidget(), mail: { pollMs: 20 } },
    );
    onTestFinished(() => server.close());
    await server.app.listen({ port, host: '127.0.0.1' });
    const running: RunningServer = { ...server, origin, port };

    const body = 'Could you say more about rye flour?';
    const id = await seedComment(running, { body });
    const page = await suite.open();
    const notice = await waitForMail(smtp.received, owner);
    const link = /Approve: (\S+)/.exec(notice.mail.text ?? '')?.[1] as string;
    expect(link, notice.mail.text).toMatch(`${origin}/mail/action?token=`);

    // Opening the link only asks; mail scanners open links too.
    await page.goto(link);
    await page.visible({ css: 'h1', text: 'Approve this comment?' });
    expect(await page.text('blockquote')).toBe(body);
    expect(await page.text('main p')).toContain('By Ann Reader on Hello (now pending)');
    expect(await statusOf(running, id)).toBe('pending');

    await page.click({ css: 'button', text: 'Approve' });
    await page.visible({ css: 'h1', text: 'Done' });
    expect(await page.text('main p')).toBe(
      'The comment by Ann Reader is approved and shown on the page.',
    );
    expect(await page.evaluate(() => document.querySelector('main a')?.getAttribute('href'))).toBe(
      `${PAGE_URL}#comment-${id}`,
    );
    expect(await statusOf(running, id)).toBe('approved');
    expect(await publicCommentIds(running)).toEqual([id]);

    // The link has done its work: used again, it changes nothing.
    const again = await running.app.inject({
      method: 'POST',
      url: link.slice(origin.length),
    });
    expect(again.statusCode).toBe(410);
  });
}

/** Waits for the first mail to `address`; the mail worker sends it soon after the comment. */
async function waitForMail(received: ReceivedMail[], address: string): Promise<ReceivedMail> {
  return vi.waitFor(
    () => {
      const found = received.find((mail) => mail.recipients.includes(address));
      if (!found) throw new Error(`No mail to ${address} yet`);
      return found;
    },
    { timeout: 15_000, interval: 20 },
  );
}
