/**
 * What a file of cross-engine tests sets up: one browser of the engine it names, and comments
 * servers and host sites started as its tests ask, all closed once its tests are done. The flows
 * in tests/engines/flows/ are written once against EnginePage and registered by one small file
 * per engine (tests/engines/ENGINE.test.ts), so that the engines run as files in parallel.
 */
import { afterAll, describe } from 'vitest';
import { HOOK_TIMEOUT, type TestSites, useBrowserTests } from './browser-tests.ts';
import {
  type Engine,
  type EngineName,
  type EngineOptions,
  type EnginePage,
  launchEngine,
  missingFor,
  type PageOptions,
} from './engines.ts';
import { type ProblemWatch, watchProblems } from './page-problems.ts';

/** How long one flow may take, in any engine: its tests get this unless they say otherwise. */
export const FLOW_TIMEOUT = 90_000;

/** A page of an engine, watched for problems as every browser test's page is (page-problems.ts). */
export type WatchedEnginePage = EnginePage & ProblemWatch;

export interface EngineSuite extends TestSites {
  readonly name: EngineName;
  /**
   * Opens a page in a fresh profile; closed when its test ends if the test does not close it,
   * and its problems checked then. WebKit's driver runs one session at a time: a page a failed
   * test left open would refuse every later test its own. With `proxy`, the page is one of a
   * second browser of the engine, which goes through that proxy (see EngineOptions).
   */
  open(options?: PageOptions & EngineOptions): Promise<WatchedEnginePage>;
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
    const tests = useBrowserTests(async () => {
      const engine = await launchEngine(name);
      console.log(`${name}: ${engine.version}`);
      return engine;
    }, FLOW_TIMEOUT);
    // A browser per proxy a test asks for, launched when first asked for.
    const proxied = new Map<string, Promise<Engine>>();
    afterAll(async () => {
      await Promise.all([...proxied.values()].map(async (engine) => (await engine).close()));
    }, HOOK_TIMEOUT);
    const engineFor = (proxy: string | undefined) => {
      if (!proxy) return Promise.resolve(tests.browser);
      let engine = proxied.get(proxy);
      if (!engine) {
        engine = launchEngine(name, { proxy });
        proxied.set(proxy, engine);
      }
      return engine;
    };
    flows({
      name,
      serve: tests.serve,
      host: tests.host,
      async open({ proxy, ...options } = {}) {
        const page = await (await engineFor(proxy)).open(options);
        const watch = watchProblems({
          label: name,
          problems: () => page.problems(),
          close: () => page.close(),
        });
        return { ...page, ...watch };
      },
    });
  });
}
