/**
 * Verified commenters in a real browser: a reader posts, asks to verify their email from the
 * form, opens the mail's link and presses its button; their next comment is published with the
 * "Verified" mark, while another browser typing the same name and email is held.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { asAdmin } from '../helpers/requests.ts';
import { runSql } from '../helpers/scene.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import { ANN, submitCommentForm, threadLoaded, visible } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();
const smtpServers: TestSmtpServer[] = [];

afterAll(async () => {
  await Promise.all(smtpServers.map((smtp) => smtp.close()));
}, 60_000);

describe('verifying a commenter’s email in a browser', () => {
  it('publishes the verified reader’s next comment with its mark, and holds a second browser typing the same name and email', async () => {
    const smtp = await startSmtpServer();
    smtpServers.push(smtp);
    const server = await harness.serve({ SMTP_URL: smtp.url, MODERATION: 'first-time' });
    const ann = await harness.openDemo(server);
    const { page } = ann;

    await submitCommentForm(page, { body: 'My first comment here.', ...ANN });
    await visible(page.getByText('Your comment is awaiting moderation.'));
    const [held] = await server.store.listByStatus('pending', 10);
    expect((await asAdmin(server, 'POST', `/comments/${held?.id}/approve`)).statusCode).toBe(200);

    await page.getByRole('button', { name: 'Verify my email' }).click();
    await visible(page.locator('p.verify', { hasText: 'Check your inbox' }));
    const [{ text: mail } = { text: '' }] = await runSql<{ text: string }>(
      server,
      "SELECT text FROM mail_queue WHERE recipient = ? AND dedupe_key LIKE 'verify:%'",
      [ANN.email],
    );
    const link = new URL(/(\S+\/mail\/verify\?token=\S+)/.exec(mail)?.[1] as string);
    await page.goto(`${server.origin}${link.pathname}${link.search}`);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Your address is verified' }));

    await page.goto(`${server.origin}/`);
    await threadLoaded(page);
    const second = 'Back again, verified this time.';
    await submitCommentForm(page, { body: second, ...ANN });
    const mine = page.locator('li.comment', { hasText: second });
    await visible(mine.locator('.badge.verified', { hasText: 'Verified' }));
    expect(await mine.getByText('Your comment is awaiting moderation.').count()).toBe(0);
    expect(
      (await server.store.listByStatus('approved', 10)).map((row) => [row.body, row.verified]),
    ).toEqual(expect.arrayContaining([[second, 1]]));

    const stranger = await harness.openDemo(server);
    const pretended = 'It is me, Ann, honestly.';
    await submitCommentForm(stranger.page, { body: pretended, ...ANN });
    const theirs = stranger.page.locator('li.comment', { hasText: pretended });
    await visible(theirs.getByText('Your comment is awaiting moderation.'));
    expect(await theirs.locator('.badge.verified').count()).toBe(0);
    expect((await server.store.listByStatus('pending', 10)).map((row) => row.body)).toEqual([
      pretended,
    ]);
    // The verified comment is shown to everyone with its mark.
    await visible(
      stranger.page.locator('li.comment', { hasText: second }).locator('.badge.verified'),
    );
  });
});
