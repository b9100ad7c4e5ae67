/**
 * What a Chromium test file sets up (see browser-tests.ts: one browser, and servers and host
 * sites as its tests ask), and the one way its tests open pages: each in a fresh context, watched
 * for console errors and warnings and uncaught errors, which fail the test (page-problems.ts).
 */
import type { Browser, BrowserContextOptions } from 'playwright-core';
import type { TestContext } from 'vitest';
import { launchBrowser, type OpenedPage, openPage } from './browser.ts';
import { type TestSites, useBrowserTests } from './browser-tests.ts';
import { type ProblemWatch, watchProblems } from './page-problems.ts';
import type { RunningServer } from './server.ts';
import { TEST_TIMEOUT, threadLoaded } from './widget-page.ts';

/** A page of its own context; closed with its context when its test ends, if not before. */
export interface WatchedPage extends OpenedPage, ProblemWatch {}

export interface BrowserAndServers extends TestSites {
  /**
   * Opens a page in a fresh context with `options`. A concurrent test passes its context as
   * `test`, so that the page is checked and closed at the end of that test.
   */
  open(
    options?: BrowserContextOptions,
    test?: Pick<TestContext, 'onTestFinished'>,
  ): Promise<WatchedPage>;
  /** Opens the demo page of `server` (its `/`) and waits until its thread has loaded. */
  openDemo(server: RunningServer, options?: BrowserContextOptions): Promise<WatchedPage>;
}

/**
 * Registers, for the calling file, launching Chromium (with `args` after the usual switches)
 * before its tests, and closing it and every server and host site they started after them; its
 * tests may take up to TEST_TIMEOUT each.
 */
export function useBrowserAndServers({ args = [] }: { args?: string[] } = {}): BrowserAndServers {
  const tests = useBrowserTests<Browser>(() => launchBrowser(args), TEST_TIMEOUT);
  const open: BrowserAndServers['open'] = async (options = {}, test) => {
    const opened = await openPage(tests.browser, options);
    const watch = watchProblems(
      {
        get label() {
          return `chromium, ${opened.page.url()}`;
        },
        problems: async () => [...opened.problems],
        close: () => opened.context.close(),
      },
      test,
    );
    return { ...opened, ...watch };
  };
  return {
    serve: tests.serve,
    host: tests.host,
    open,
    async openDemo(server, options) {
      const watched = await open(options);
      await watched.page.goto(`${server.origin}/`);
      await threadLoaded(watched.page);
      return watched;
    },
  };
}
