/**
 * The proof-of-work challenge in a real browser: a comment the server finds suspicious is
 * answered 428, the widget loads its solver only then, says "Checking…" (on screen and to
 * screen readers) while Web Crypto finds the number without freezing the page, and posts the
 * comment again with the solution; when solving or the second post fails, the text stays.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChallengeOffer } from '../../shared/types.ts';
import { failedLoad } from '../helpers/browser.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { builtWidget } from '../helpers/server.ts';
import { DEMO_TITLE, submitCommentForm, visible } from '../helpers/widget-page.ts';

const harness = useBrowserAndServers();

/** A cheap challenge, as tests use: a few batches of hashes in the browser. */
const SETTINGS = { CHALLENGE: 'suspicious', CHALLENGE_COST: '20000', MODERATION: 'none' };
/** A first-time commenter's link: a signal that asks for a challenge. */
const BODY = 'My starter notes are at https://notes.example.com/starter, for anyone curious.';
const ASKED = failedLoad('428 (Precondition Required)', '/api/comments');

/** The secret number of `offer`, found as the server's own check would. */
function numberOf(offer: ChallengeOffer): number {
  for (let number = 0; number <= offer.maxnumber; number++)
    if (createHash('sha256').update(`${offer.salt}${number}`).digest('hex') === offer.challenge)
      return number;
  throw new Error('no number solves this challenge');
}

/**
 * Passes the page's posts on to the server, but a 428 whose number the browser would find in
 * its first batch of hashes is asked for again (nothing is stored by a 428): so that the solve
 * surely spans several batches, and the page's timers have their turns within it.
 */
async function askForLongChallenges(page: Page): Promise<void> {
  await page.route('**/api/comments', async (route: Route) => {
    if (route.request().method() !== 'POST') return route.continue();
    let response = await route.fetch();
    while (response.status() === 428 && numberOf((await response.json()).error.challenge) < 3000)
      response = await route.fetch();
    await route.fulfill({ response });
  });
}

/** Counts the page's hashes, and notes at each tick of a timer how many were made by then. */
async function watchHashesAndTimers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const watched = window as unknown as { hashes: number; ticks: number[] };
    watched.hashes = 0;
    watched.ticks = [];
    const digest = crypto.subtle.digest.bind(crypto.subtle);
    crypto.subtle.digest = (...args: Parameters<SubtleCrypto['digest']>) => {
      watched.hashes++;
      return digest(...args);
    };
    setInterval(() => watched.ticks.push(watched.hashes), 1);
  });
}

/** Holds the solver's file until the returned function is called. */
async function holdSolver(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/challenge.*.js', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

describe('a comment the server asks to prove itself', () => {
  it('is checked without freezing the page, said aloud, and then posted', async () => {
    const server = await harness.serve(SETTINGS);
    const { page, expectProblems } = await harness.openDemo(server);
    expectProblems(ASKED);
    let solverLoads = 0;
    page.on('request', (request) => {
      if (/\/challenge\.[0-9a-f]{10}\.js$/.test(request.url())) solverLoads++;
    });
    await askForLongChallenges(page);
    await watchHashesAndTimers(page);
    const release = await holdSolver(page);

    await submitCommentForm(page, { body: BODY, name: 'Ann Reader', email: 'ann@example.com' });
    await visible(page.locator('form.comment-form .form-status', { hasText: 'Checking…' }));
    await visible(page.locator('[role="status"][aria-live="polite"]', { hasText: 'Checking…' }));
    expect(await page.locator('#comment').inputValue()).toBe(BODY);
    release();

    await visible(page.locator('li.comment').getByText('My starter notes are at'));
    await visible(page.getByRole('heading', { name: `One thought on "${DEMO_TITLE}"` }));
    expect(await page.locator('form.comment-form .form-status').count()).toBe(0);
    expect(await page.locator('form.comment-form [role="alert"]').count()).toBe(0);
    const { hashes, ticks } = await page.evaluate(() => {
      const { hashes, ticks } = window as unknown as { hashes: number; ticks: number[] };
      return { hashes, ticks };
    });
    // A timer fired after the first hash and before the last: the page kept running.
    expect(hashes).toBeGreaterThan(3000);
    expect(ticks.some((count) => count > 0 && count < hashes)).toBe(true);
    expect(solverLoads).toBe(1);
    expect((await server.store.listByStatus('approved', 10)).map((row) => row.body)).toEqual([
      BODY,
    ]);
  });

  it('loads no solver for an ordinary comment', async () => {
    const server = await harness.serve(SETTINGS);
    const { page } = await harness.openDemo(server);
    const loaded: string[] = [];
    page.on('request', (request) => loaded.push(request.url()));
    await submitCommentForm(page, { body: 'Plain words.', name: 'Bo', email: 'bo@example.com' });
    await visible(page.locator('li.comment').getByText('Plain words.'));
    expect(loaded.filter((url) => /\/challenge\.[0-9a-f]{10}\.js$/.test(url))).toEqual([]);
  });

  it('keeps the text and says why when the solver cannot be loaded', async () => {
    const server = await harness.serve(SETTINGS);
    const { page, expectProblems } = await harness.openDemo(server);
    const solver = readdirSync(await builtWidget()).find((name) =>
      /^challenge\.\w+\.js$/.test(name),
    );
    expectProblems(ASKED, failedLoad('net::ERR_FAILED', `/${solver}`));
    await page.route('**/challenge.*.js', (route) => route.abort());

    await submitCommentForm(page, { body: BODY, name: 'Ann Reader', email: 'ann@example.com' });
    const alert = page.locator('form.comment-form [role="alert"]');
    await visible(alert);
    expect(await alert.textContent()).toContain('could not complete the anti-spam check');
    expect(await alert.textContent()).toContain('Your comment is still here.');
    expect(await page.locator('#comment').inputValue()).toBe(BODY);
    expect(await page.locator('li.comment').count()).toBe(0);
  });

  it('keeps the text when the solved post is refused, and posts it on the next try', async () => {
    const server = await harness.serve(SETTINGS);
    const { page, expectProblems } = await harness.openDemo(server);
    expectProblems(ASKED, failedLoad('400 (Bad Request)', '/api/comments'));
    // The first solved post's solution is taken by someone else just before it arrives.
    let stolen = false;
    await page.route('**/api/comments', async (route) => {
      const sent = route.request().postData() ?? '';
      if (!stolen && route.request().method() === 'POST' && sent.includes('"challenge"')) {
        stolen = true;
        const body = JSON.stringify({ ...JSON.parse(sent), body: 'Taken first.' });
        const thief = await fetch(`${server.origin}/api/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(thief.status).toBe(201);
      }
      await route.continue();
    });

    await submitCommentForm(page, { body: BODY, name: 'Ann Reader', email: 'ann@example.com' });
    const alert = page.locator('form.comment-form [role="alert"]');
    await visible(alert);
    expect(await alert.textContent()).toContain('was already used');
    expect(await page.locator('#comment').inputValue()).toBe(BODY);

    await page.getByRole('button', { name: 'Post Comment' }).click();
    await visible(page.locator('li.comment').getByText('My starter notes are at'));
    expect(await page.locator('#comment').inputValue()).toBe('');
  });
});
