/**
 * What an author can do with their own comment in the widget, and what the widget says when the
 * server's defences turn a post away.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { failedLoad } from '../helpers/browser.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { ANN, submitCommentForm, WAIT } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();

function fillAndPost(page: Page, body: string): Promise<void> {
  return submitCommentForm(page, { body, ...ANN });
}

describe('an author’s own comment', () => {
  it('can be edited, shows "edited", and keeps the edit after a reload', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const { page } = await harness.openDemo(server);
    await fillAndPost(page, 'Frist!');
    await page.getByText('Frist!').waitFor({ timeout: WAIT });

    await page.getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByLabel('Edit your comment');
    expect(await editor.inputValue()).toBe('Frist!');
    await editor.fill('First, and *spelled* right.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.content em', { hasText: 'spelled' }).waitFor({ timeout: WAIT });
    await page.locator('.edited').waitFor({ timeout: WAIT });

    await page.reload();
    await page.locator('.content em', { hasText: 'spelled' }).waitFor({ timeout: WAIT });
    expect(await page.locator('.edited').textContent()).toBe('edited');
    expect(await page.getByText('Frist!').count()).toBe(0);
  });

  it('is edited in a box as wide as the comment, top-level or nested, on a desktop and at 375 px', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const { page } = await harness.openDemo(server);
    await fillAndPost(page, 'A thought of my own.');
    const first = page.locator('ol.comment-list > li.comment').first();
    await first.getByText('A thought of my own.').waitFor({ timeout: WAIT });
    await first.getByRole('link', { name: 'Reply to Ann Reader' }).click();
    await fillAndPost(page, 'And a second thought, below it.');
    const nested = first.locator('ol.children > li.comment').first();
    await nested.getByText('And a second thought, below it.').waitFor({ timeout: WAIT });

    for (const viewport of [
      { width: 1000, height: 800 },
      { width: 375, height: 812 },
    ]) {
      await page.setViewportSize(viewport);
      for (const comment of [first, nested]) {
        // Its own body only: the first comment's item holds the nested one's too.
        const body = comment.locator(':scope > article.comment-body');
        await body.locator(':scope > .comment-actions > button', { hasText: 'Edit' }).click();
        const editor = body.getByLabel('Edit your comment');
        await editor.waitFor({ timeout: WAIT });
        const [editorWidth, bodyWidth] = await Promise.all([
          editor.evaluate((element) => element.getBoundingClientRect().width),
          // The body's content box: its width without padding or border.
          body.evaluate((element) => {
            const style = getComputedStyle(element);
            return (
              element.clientWidth -
              Number.parseFloat(style.paddingLeft) -
              Number.parseFloat(style.paddingRight)
            );
          }),
        ]);
        expect(editorWidth, `at ${viewport.width} px`).toBeGreaterThanOrEqual(0.95 * bodyWidth);
        await body.getByRole('button', { name: 'Cancel' }).click();
        await editor.waitFor({ state: 'detached', timeout: WAIT });
      }
    }
  });

  it('can be deleted after a confirmation, and other readers get no Edit or Delete', async () => {
    const server = await harness.serve({ MODERATION: 'none' });
    const { page } = await harness.openDemo(server);
    await fillAndPost(page, 'I will think better of this.');
    await page.getByText('I will think better of this.').waitFor({ timeout: WAIT });

    const other = await harness.openDemo(server);
    await other.page.getByText('I will think better of this.').waitFor({ timeout: WAIT });
    expect(await other.page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await other.page.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Keep it' }).waitFor({ timeout: WAIT });
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page
      .getByText('I will think better of this.')
      .waitFor({ state: 'detached', timeout: WAIT });
    const thread = await fetch(
      `${server.origin}/api/comments?url=${encodeURIComponent(`${server.origin}/`)}`,
    );
    expect((await thread.json()).count).toBe(0);
  });
});

describe('a post the defences turn away', () => {
  it('says when the reader may try again and keeps the text', async () => {
    const server = await harness.serve({ MODERATION: 'none', FLOOD_SECONDS: '60' });
    const { page, problems, expectProblems } = await harness.openDemo(server);
    // Chromium logs every 4xx answer; this one is the point of the test.
    expectProblems(failedLoad('429 (Too Many Requests)', '/api/comments'));
    await fillAndPost(page, 'The first one goes through.');
    await page.getByText('The first one goes through.').waitFor({ timeout: WAIT });

    await fillAndPost(page, 'The second one is too soon.');
    const alert = page.locator('.form-error');
    await alert.waitFor({ timeout: WAIT });
    expect(await alert.textContent()).toMatch(
      /You are posting comments too quickly\. Please wait \d+ seconds before posting again\./,
    );
    expect(await page.locator('#comment').inputValue()).toBe('The second one is too soon.');
    expect(problems).toEqual([
      expect.stringMatching(/^console\.error: Failed to load resource: .* 429/),
    ]);
  });
});
