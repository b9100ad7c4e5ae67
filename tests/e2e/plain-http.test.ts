/**
 * The server reached over plain http by a name other than localhost, as on a first try from
 * another machine of the LAN, or a small site without a TLS proxy. Chromium upgrades nothing on
 * localhost or 127.0.0.1 whatever the policy says, so the name is mapped to 127.0.0.1 inside
 * the browser: to it, dashboard.test is a host like any other.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { INSECURE_ORIGIN_NOTES } from '../helpers/browser.ts';
import { useBrowserAndServers, type WatchedPage } from '../helpers/browser-and-servers.ts';
import { SIGNED_OUT } from '../helpers/dashboard.ts';
import type { RunningServer } from '../helpers/server.ts';
import { visible } from '../helpers/widget-page.ts';

const HOST = 'dashboard.test';

const harness = useBrowserAndServers({ args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`] });
let server: RunningServer;

beforeAll(async () => {
  server = await harness.serve({ DEMO: 'true' });
}, 60_000);

/**
 * A page that expects Chromium's notes about headers it honours only on https or localhost
 * (INSECURE_ORIGIN_NOTES), and also records every request the browser could not make.
 */
async function openWatched(): Promise<WatchedPage & { failed: string[] }> {
  const watched = await harness.open();
  watched.expectProblems(...INSECURE_ORIGIN_NOTES);
  const failed: string[] = [];
  watched.page.on('requestfailed', (request) =>
    failed.push(`${request.url()}: ${request.failure()?.errorText}`),
  );
  return { ...watched, failed };
}

/** Whether the page's stylesheets loaded: a stylesheet the browser could not fetch has no rules. */
function stylesLoaded(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    [...document.styleSheets].every((sheet) => sheet.href === null || sheet.cssRules.length > 0),
  );
}

describe('over plain http, away from localhost', () => {
  for (const host of [HOST, '127.0.0.1']) {
    it(`shows the dashboard's sign-in at http://${host}:PORT/admin with its script and styles`, async () => {
      const { page, expectProblems, failed } = await openWatched();
      // The browser logs the dashboard's "am I signed in?" 401; nothing else may go wrong.
      expectProblems(SIGNED_OUT);
      const address = `http://${host}:${server.port}`;
      await page.goto(`${address}/admin`);
      await visible(page.getByLabel('Password'));
      expect(await stylesLoaded(page)).toBe(true);
      expect(failed).toEqual([]);
    });

    it(`renders the demo's thread at http://${host}:PORT/`, async () => {
      const { page, failed } = await openWatched();
      await page.goto(`http://${host}:${server.port}/`);
      // Read-only (SITE_ORIGINS names no such site), but rendered from the server's script,
      // stylesheet and API like any thread.
      await visible(page.locator('.leave-a-reply .thread'));
      expect(await stylesLoaded(page)).toBe(true);
      expect(failed).toEqual([]);
    });
  }
});
