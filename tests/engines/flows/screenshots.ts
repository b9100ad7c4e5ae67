/**
 * Screenshots of the thread and the dashboard in every engine, for a human eye to compare with
 * each other and with Chromium's in tests/screenshots/: saved to tests/screenshots/ENGINE/. Each
 * must be exactly the viewport, with what it is of on it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { CY, openDashboard, PASSWORD } from '../../helpers/dashboard.ts';
import type { EngineSuite } from '../../helpers/engine-suite.ts';
import type { EnginePage, PageOptions } from '../../helpers/engines.ts';
import { seedComments } from '../../helpers/seed.ts';
import { DEMO_TITLE } from '../../helpers/widget-page.ts';
import { cancelReply, demoPage, seedDemoThread } from './accessibility.ts';
import { signIn } from './owner.ts';
import { threadLoaded } from './reader.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
const DESKTOP = { width: 1000, height: 800 };

/** The width and height a PNG file says it has (its IHDR chunk, right after the signature). */
function pngSize(path: string): { width: number; height: number } {
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString('latin1'), `${path} is a PNG`).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Scrolls `css` (the first match, in the document or a shadow root) to the top of the viewport
 * and answers how much of its box lies inside the viewport then; 0 when there is none. It stands
 * alone, as it is sent to the page as source.
 */
function placeAtTop(css: string): number {
  const find = (root: Document | ShadowRoot): Element | null => {
    const found = root.querySelector(css);
    if (found) return found;
    for (const element of root.querySelectorAll('*')) {
      const inside = element.shadowRoot ? find(element.shadowRoot) : null;
      if (inside) return inside;
    }
    return null;
  };
  const element = find(document);
  if (!element) return 0;
  element.scrollIntoView({ block: 'start' });
  const box = element.getBoundingClientRect();
  if (box.width === 0) return 0;
  return Math.min(box.bottom, innerHeight) - Math.max(box.top, 0);
}

/**
 * Saves the viewport as tests/screenshots/ENGINE/NAME.png, with `css` scrolled to its top, and
 * checks the file: the viewport's size in device pixels, and at least 200 px of `css` on it.
 */
async function shoot(page: EnginePage, name: string, css: string, size: PageOptions) {
  expect(await page.evaluate(placeAtTop, css), `${css} on the viewport`).toBeGreaterThanOrEqual(
    200,
  );
  const folder = `${SCREENSHOTS}${page.engine}/`;
  mkdirSync(folder, { recursive: true });
  const path = `${folder}${name}.png`;
  await page.screenshot(path);
  const ratio = await page.evaluate(() => devicePixelRatio);
  expect(pngSize(path), path).toEqual({
    width: Math.round((size.width ?? 0) * ratio),
    height: Math.round((size.height ?? 0) * ratio),
  });
}

export function screenshotFlows(suite: EngineSuite): void {
  it('saves the thread light, dark, at 375 px, in reply mode and with errors, and the dashboard, each the viewport with it on', async () => {
    const server = await suite.serve({ ADMIN_PASSWORD: PASSWORD, MODERATION: 'all' });
    // The demo page as a site of its own serves it: the server's own sends frame-ancestors
    // 'self', and WebKit shows a 375 px page inside a frame (see engines.ts).
    const site = await suite.host();
    site.setPage('/', demoPage(server));
    await seedDemoThread(server, site.url('/'));
    await seedComments(server, [
      {
        name: 'Maya Okafor',
        email: 'maya.okafor@example.com',
        body: 'Lovely piece. I keep mine in the **fridge** and feed it weekly:\n\n> it survives',
      },
      { ...CY, body: 'Rye?' },
    ]);
    const heading = { css: 'h2, h3', text: `5 thoughts on "${DEMO_TITLE}"` };
    const thread = '.leave-a-reply-thread';

    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await suite.open({ colorScheme, ...DESKTOP });
      await page.goto(site.url('/'));
      await threadLoaded(page);
      await page.visible(heading);
      await shoot(page, colorScheme, thread, DESKTOP);
      if (colorScheme === 'light') {
        await page.click('a[aria-label="Reply to Cleo Crumb"]');
        await page.visible({ css: 'h2, h3', text: 'Leave a Reply to Cleo Crumb' });
        await shoot(page, 'reply-mode', '.respond', DESKTOP);
        await cancelReply(page, 'Cleo Crumb');
        await page.click({ css: 'button', text: 'Post Comment' });
        await page.visible('.field-email .error');
        await shoot(page, 'error-state', 'form.comment-form', DESKTOP);
      }
      await page.close();
    }

    const mobile = { width: 375, height: 812 };
    const narrow = await suite.open(mobile);
    await narrow.goto(site.url('/'));
    await threadLoaded(narrow);
    await narrow.visible(heading);
    expect(await narrow.evaluate(() => innerWidth)).toBe(375);
    await shoot(narrow, 'mobile-375', thread, mobile);
    await narrow.close();

    const dashboard = { width: 1280, height: 800 };
    const owner = await openDashboard(suite, dashboard);
    await signIn(owner, server);
    await owner.visible({ css: 'nav.status-nav a', text: 'Pending (2)' });
    await owner.press('j');
    await owner.click('input[aria-label="Select the comment by Maya Okafor"]');
    await owner.visible({ css: 'fieldset.bulk .selected-count', text: '1 selected' });
    // One of two ticked: "Select all" shows neither ticked nor unticked, once its effect has run.
    await owner.waitUntil('"Select all" to be indeterminate', () =>
      Boolean(document.querySelector<HTMLInputElement>('.select-all input')?.indeterminate),
    );
    await shoot(owner, 'dashboard', '#admin', dashboard);
  });
}
