/**
 * What a file of cross-engine tests sets up: one browser of the engine it names, and comments
 * servers and host sites started as its tests ask, all closed once its tests are done. The flows
 * in tests/engines/flows/ are written once against EnginePage and registered by one small file
 * per engine (tests/engines/ENGINE.test.ts), so that the engines run as files in parallel.
 */
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import {
  type Engine,
  type EngineName,
  type EnginePage,
  launchEngine,
  missingFor,
} from './engines.ts';
import { type HostPage, type HostServer, startHostServer } from './host-server.ts';
import { builtWidget, type RunningServer, startServer } from './server.ts';

/** Time enough to start a browser, or to close it and every server, on a busy machine. */
const HOOK_TIMEOUT = 90_000;
export const FLOW_TIMEOUT = 90_000;

export interface EngineSuite {
  readonly name: EngineName;
  /** The file's browser; it is launched in beforeAll, so read it in a hook or a test. */
  readonly engine: Engine;
  /** Starts a fresh comments server on its own database with settings `env`. */
  serve(env?: Record<string, string>): Promise<RunningServer>;
  /** Starts a host site of its own origin serving `pages`. */
  host(pages?: Record<string, string | HostPage>): Promise<HostServer>;
  /**
   * Opens a page in a fresh profile; closed when its test ends if the test does not close it.
   * WebKit's driver runs one session at a time: a page a failed test left open would refuse
   * every later test its own.
   */
  open(options?: Parameters<Engine['open']>[0]): Promise<EnginePage>;
}

/**
 * Registers `flows` for `name` inside one describe block, with the engine launched before them.
 * Where the engine is not installed the block is skipped and says why in its title, unless
 * REQUIRE_ALL_ENGINES=true (as in CI), where a missing engine fails the file.
 */
export function describeEngine(name: EngineName, flows: (suite: EngineSuite) => void): void {
  const missing = missingFor(name);
  if (missing.length > 0 && process.env.REQUIRE_ALL_ENGINES === 'true') {
    throw new Error(
      `${name} is required (REQUIRE_ALL_ENGINES=true) but ${missing.join(', ')} is missing`,
    );
  }
  const title =
    missing.length > 0 ? `${name}: skipped — ${missing.join(', ')} not installed` : name;
  describe.skipIf(missing.length > 0)(title, () => {
    let engine: Engine | null = null;
    const servers: RunningServer[] = [];
    const hosts: HostServer[] = [];
    const pages = new Set<EnginePage>();
    beforeAll(async () => {
      [engine] = await Promise.all([launchEngine(name), builtWidget()]);
      console.log(`${name}: ${engine.version}`);
    }, HOOK_TIMEOUT);
    afterAll(async () => {
      await engine?.close();
      await Promise.all([...servers, ...hosts].map((each) => each.close()));
    }, HOOK_TIMEOUT);
    afterEach(async () => {
      await Promise.all([...pages].map((page) => page.close()));
    }, HOOK_TIMEOUT);
    const suite: EngineSuite = {
      name,
      get engine() {
        if (!engine) throw new Error('The browser starts in beforeAll: use it in a test.');
        return engine;
      },
      async serve(env = {}) {
        const server = await startServer(env);
        servers.push(server);
        return server;
      },
      async host(pages = {}) {
        const site = await startHostServer(pages);
        hosts.push(site);
        return site;
      },
      async open(options) {
        const page = await suite.engine.open(options);
        // Closing twice is closing once: by the test, then by afterEach.
        let closed: Promise<void> | null = null;
        const tracked: EnginePage = {
          ...page,
          close: () => {
            pages.delete(tracked);
            closed ??= page.close();
            return closed;
          },
        };
        pages.add(tracked);
        return tracked;
      },
    };
    flows(suite);
  });
}

/** Fails the test if the page saw any console error or warning, or an uncaught error. */
export async function expectNoProblems(page: EnginePage, allowed: RegExp[] = []): Promise<void> {
  const problems = (await page.problems()).filter(
    (line) => !allowed.some((note) => note.test(line)),
  );
  expect(problems, `${page.engine}: console errors, warnings or page errors`).toEqual([]);
}
