/**
 * What every browser test file sets up, whichever engine drives its pages: one browser for the
 * file, launched while the widget is built, and the comments servers and host sites its tests
 * start, each on its own port (a server on a database of its own); all closed once the file's
 * tests are done. Chromium's harness (browser-and-servers.ts) and the cross-engine suite
 * (engine-suite.ts) are this, with their own way of opening pages.
 */
import { afterAll, beforeAll, vi } from 'vitest';
import { type HostPage, type HostServer, startHostServer } from './host-server.ts';
import { builtWidget, type RunningServer, startServer } from './server.ts';

/** Time enough to start a browser, or to close it and every server, on a busy machine. */
export const HOOK_TIMEOUT = 90_000;

export interface TestSites {
  /** Starts a fresh comments server on its own database with settings `env`. */
  serve(env?: Record<string, string>): Promise<RunningServer>;
  /** Starts a host site of its own origin serving `pages`. */
  host(pages?: Record<string, string | HostPage>): Promise<HostServer>;
}

export interface BrowserTests<B> extends TestSites {
  /** The file's browser; it is launched in beforeAll, so read it in a hook or a test. */
  readonly browser: B;
}

/**
 * Registers, in the calling file or describe block, launching a browser with `launch` before its
 * tests, and closing it and every server and host site its tests started after them. Each test of
 * the file may take up to `testTimeout` (a test that needs longer says so itself): the sum of the
 * waits for the conditions it waits for.
 */
export function useBrowserTests<B extends { close(): Promise<void> }>(
  launch: () => Promise<B>,
  testTimeout: number,
): BrowserTests<B> {
  vi.setConfig({ testTimeout });
  let browser: B | null = null;
  const started: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    // The widget is built while the browser starts, rather than by the first server, so that a
    // file's first test or its own beforeAll does not wait for both one after the other.
    [browser] = await Promise.all([launch(), builtWidget()]);
  }, HOOK_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await Promise.all(started.map((each) => each.close()));
  }, HOOK_TIMEOUT);
  const kept = async <T extends { close(): Promise<void> }>(starting: Promise<T>) => {
    const each = await starting;
    started.push(each);
    return each;
  };
  return {
    get browser() {
      if (!browser) throw new Error('The browser starts in beforeAll: use it in a test.');
      return browser;
    },
    serve: (env = {}) => kept(startServer(env)),
    host: (pages = {}) => kept(startHostServer(pages)),
  };
}
