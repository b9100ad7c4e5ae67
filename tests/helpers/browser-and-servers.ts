/**
 * What a browser test file sets up: one Chromium for the whole file, and comments servers started
 * as its tests ask, each on a database of its own; all closed once the file's tests are done.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { builtWidget, type RunningServer, startServer } from './server.ts';

/** Time enough to start Chromium, or to close it and every server, on a busy machine. */
const HOOK_TIMEOUT = 60_000;

export interface BrowserAndServers {
  /** The file's browser; it is launched in beforeAll, so read it in a hook or a test. */
  readonly browser: Browser;
  /** Starts a fresh server on its own database with settings `env`; closed in afterAll. */
  serve(env?: Record<string, string>): Promise<RunningServer>;
}

/**
 * Registers, for the calling file, launching the browser before its tests, and closing it and
 * every server its tests started after them.
 */
export function useBrowserAndServers(): BrowserAndServers {
  let browser: Browser | null = null;
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    // The widget is built while Chromium starts, rather than by the first server, so that a
    // file's first test or its own beforeAll does not wait for both one after the other.
    [browser] = await Promise.all([launchBrowser(), builtWidget()]);
  }, HOOK_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
  }, HOOK_TIMEOUT);
  return {
    get browser() {
      if (!browser) throw new Error('The browser starts in beforeAll: use it in a test.');
      return browser;
    },
    async serve(env = {}) {
      const server = await startServer(env);
      servers.push(server);
      return server;
    },
  };
}
