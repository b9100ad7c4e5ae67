/**
 * axe-core in every engine, on the states the Chromium accessibility test checks: the thread in
 * the light and the dark colour scheme, reply mode deep in the thread, validation errors, a
 * comment awaiting moderation, and the dashboard (sign-in, queue, overview). No serious or
 * critical violation may show in any of them.
 *
 * axe may apply an inline style while it runs, which a strict CSP refuses. Chromium's tests lift
 * the demo page's CSP for it (bypassCSP); no other engine can, so the thread is checked on the
 * demo page as a site of its own serves it, without a CSP. The dashboard keeps its own CSP: no
 * engine reports a refusal there, and any problem it reported would fail the test.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { newComment } from '../../helpers/app.ts';
import { formatViolations, runAxeOn, severe } from '../../helpers/axe.ts';
import { CY, openDashboard, PASSWORD } from '../../helpers/dashboard.ts';
import type { EngineSuite } from '../../helpers/engine-suite.ts';
import type { EnginePage } from '../../helpers/engines.ts';
import { RECORDER_PATH } from '../../helpers/host-server.ts';
import { type Seed, seedComments, seedThread } from '../../helpers/seed.ts';
import type { RunningServer } from '../../helpers/server.ts';
import { DEMO_TITLE } from '../../helpers/widget-page.ts';
import { signIn, signInWrongly } from './owner.ts';
import { threadLoaded } from './reader.ts';

const DEMO = new URL('../../../demo/', import.meta.url);

/**
 * The demo page as a site of its own serves it: its stylesheet inline, the problem recorder
 * first, and the embed tag pointing at `server`. It sends no Content-Security-Policy.
 */
export function demoPage(server: RunningServer): string {
  const css = readFileSync(new URL('style.css', DEMO), 'utf8');
  return readFileSync(new URL('index.html', DEMO), 'utf8')
    .replace(
      '<meta charset="utf-8">',
      `<meta charset="utf-8">\n<script src="${RECORDER_PATH}"></script>`,
    )
    .replace('<link rel="stylesheet" href="/style.css">', `<style>\n${css}</style>`)
    .replace(/<link rel="icon"[^>]*>/, '<link rel="icon" href="data:,">')
    .replace('src="/embed.js"', `src="${server.origin}/embed.js"`);
}

/** The serious and critical violations axe finds in the page as it is now, one line each. */
async function severeViolationsIn(page: EnginePage, state: string): Promise<string[]> {
  return formatViolations(severe(await runAxeOn(page))).map((line) => `${state}: ${line}`);
}

/** Top-level comments and replies three deep, with a link, a quote, code and a list. */
const THREAD: Seed[] = [
  { name: 'Ann Reader', body: 'I feed mine every Sunday.', website: 'https://ann.example.com' },
  { name: 'Ben Baker', body: '> A starter is tougher than it sounds.\n\nSo true.', parent: 0 },
  { name: 'Cleo Crumb', body: 'Use `50%` wholemeal and it wakes **much** faster.', parent: 1 },
  { name: 'Dan Dough', body: 'Does the hooch mean it is dying?\n\n- no\n- it is hungry' },
  { name: 'Eve Oven', body: 'A [good guide](https://example.com/guide) helped me.', parent: 3 },
];

/** Posts `seeds` to the thread of `url`, approved; returns their ids. */
export function seedDemoThread(server: RunningServer, url: string): Promise<number[]> {
  return seedThread(server, newComment({ url, title: DEMO_TITLE }), THREAD, async (id) => {
    await server.store.setStatus(id, 'approved', new Date().toISOString());
  });
}

/**
 * Cancels replying to `name` and waits until the form is back at the foot of the thread and the
 * focus (which scrolls the page) is back on that comment's Reply link, so that nothing moves
 * under the next click.
 */
export async function cancelReply(page: EnginePage, name: string): Promise<void> {
  await page.click({ css: 'a', text: 'Cancel reply' });
  await threadLoaded(page);
  await page.waitUntil(
    `the focus to be back on Reply to ${name}`,
    (label: string) => {
      let element = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return element?.getAttribute('aria-label') === label;
    },
    `Reply to ${name}`,
  );
}

export function accessibilityFlows(suite: EngineSuite): void {
  it.each(['light', 'dark'] as const)(
    'finds no serious or critical violation in the thread, reply mode, errors and moderation, %s',
    async (colorScheme) => {
      const server = await suite.serve({ MODERATION: 'all' });
      const site = await suite.host();
      site.setPage('/', demoPage(server));
      await seedDemoThread(server, site.url('/'));
      const page = await suite.open({ colorScheme });
      await page.goto(site.url('/'));
      await threadLoaded(page);
      await page.visible({ css: 'h2, h3', text: `5 thoughts on "${DEMO_TITLE}"` });
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
        colorScheme === 'dark',
      );
      const found = await severeViolationsIn(page, 'thread');

      // Reply three levels deep: the form stands indented inside the thread.
      await page.click('a[aria-label="Reply to Cleo Crumb"]');
      await page.visible({ css: 'h2, h3', text: 'Leave a Reply to Cleo Crumb' });
      await page.visible({ css: 'a', text: 'Cancel reply' });
      found.push(...(await severeViolationsIn(page, 'reply mode')));

      await cancelReply(page, 'Cleo Crumb');
      await page.click({ css: 'button', text: 'Post Comment' });
      await page.visible('.field-comment .error');
      await page.visible('.field-author .error');
      await page.visible('.field-email .error');
      found.push(...(await severeViolationsIn(page, 'validation errors')));

      const body = 'First time here: does a starter mind being fed tap water?';
      await page.type('#comment', body);
      await page.type('#author', 'Cleo New');
      await page.type('#email', 'cleo@example.com');
      await page.click({ css: 'button', text: 'Post Comment' });
      await page.visible({ css: 'li.comment p', text: body });
      await page.visible({ css: '*', text: 'Your comment is awaiting moderation.' });
      found.push(...(await severeViolationsIn(page, 'awaiting moderation')));

      expect(found).toEqual([]);
    },
  );

  it('finds no serious or critical violation on the dashboard: sign-in with an error, queue, overview', async () => {
    const server = await suite.serve({ ADMIN_PASSWORD: PASSWORD, MODERATION: 'all' });
    await seedComments(server, [
      {
        name: 'Maya Okafor',
        email: 'maya.okafor@example.com',
        body: 'Lovely piece. I keep mine in the **fridge**:\n\n> it survives',
      },
      { ...CY, body: 'Rye?' },
    ]);
    const page = await openDashboard(suite);

    await signInWrongly(page, server);
    await page.visible('#password-error');
    const found = await severeViolationsIn(page, 'sign-in');

    await signIn(page, server);
    await page.visible({ css: 'nav.status-nav a', text: 'Pending (2)' });
    await page.press('j');
    await page.waitUntil('a card to be selected', () =>
      Boolean(document.querySelector('article.card[aria-current="true"]')),
    );
    await page.click('input[aria-label="Select the comment by Maya Okafor"]');
    found.push(...(await severeViolationsIn(page, 'queue')));

    await page.click({ css: 'nav.status-nav a', text: 'Overview' });
    await page.visible('svg[role="img"][aria-labelledby="daily-chart-title"] rect');
    found.push(...(await severeViolationsIn(page, 'overview')));

    expect(found).toEqual([]);
  });
}
