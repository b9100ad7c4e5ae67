/**
 * The server reached over plain http by a name other than localhost, as on a first try from
 * another machine of the LAN, or a small site without a TLS proxy. Chromium upgrades nothing on
 * localhost or 127.0.0.1 whatever the policy says, so the name is mapped to 127.0.0.1 inside
 * the browser: to it, dashboard.test is a host like any other.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, openPage } from '../helpers/browser.ts';
import { type RunningServer, startServer } from '../helpers/server.ts';
import { TEST_TIMEOUT, visible } from '../helpers/widget-page.ts';

const HOST = 'dashboard.test';

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
      ],
    }),
    startServer({ DEMO: 'true' }),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
}, 60_000);

/**
 * Chromium's notes that it ignores a header it honours only on https or localhost. The server
 * still sends those headers over http: behind a TLS proxy that TRUST_PROXY does not name, an
 * https page looks like http to the server, and the headers protect it there.
 */
const IGNORED_OVER_HTTP = [
  /^console\.error: The Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy/,
  /^console\.warning: The page requested an origin-keyed agent cluster using the Origin-Agent-Cluster header, but could not be origin-keyed/,
];

/** A watched page that also records every request the browser could not make. */
async function openWatched(): Promise<{ page: Page; problems: () => string[]; failed: string[] }> {
  const watched = await openPage(browser);
  const failed: string[] = [];
  watched.page.on('requestfailed', (request) =>
    failed.push(`${request.url()}: ${request.failure()?.errorText}`),
  );
  const problems = () =>
    watched.problems.filter((line) => !IGNORED_OVER_HTTP.some((note) => note.test(line)));
  return { page: watched.page, problems, failed };
}

/** Whether the page's stylesheets loaded: a stylesheet the browser could not fetch has no rules. */
function stylesLoaded(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    [...document.styleSheets].every((sheet) => sheet.href === null || sheet.cssRules.length > 0),
  );
}

describe('over plain http, away from localhost', () => {
  for (const host of [HOST, '127.0.0.1']) {
    it(
      `shows the dashboard's sign-in at http://${host}:PORT/admin with its script and styles`,
      async () => {
        const { page, problems, failed } = await openWatched();
        const address = `http://${host}:${server.port}`;
        await page.goto(`${address}/admin`);
        await visible(page.getByLabel('Password'));
        expect(await stylesLoaded(page)).toBe(true);
        expect(failed).toEqual([]);
        // The browser logs the dashboard's "am I signed in?" 401; nothing else may go wrong.
        expect(problems().filter((line) => !line.includes('status of 401'))).toEqual([]);
      },
      TEST_TIMEOUT,
    );

    it(
      `renders the demo's thread at http://${host}:PORT/`,
      async () => {
        const { page, problems, failed } = await openWatched();
        await page.goto(`http://${host}:${server.port}/`);
        // Read-only (SITE_ORIGINS names no such site), but rendered from the server's script,
        // stylesheet and API like any thread.
        await visible(page.locator('.leave-a-reply .thread'));
        expect(await stylesLoaded(page)).toBe(true);
        expect(failed).toEqual([]);
        expect(problems()).toEqual([]);
      },
      TEST_TIMEOUT,
    );
  }
});
