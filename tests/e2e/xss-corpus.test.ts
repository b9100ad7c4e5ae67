/**
 * The XSS corpus is live ammunition: were its cases to reach a page as HTML, they would run, and
 * each would say which it is. Every case's live part is run as the HTML of a page of its own in
 * Chromium (tests/helpers/xss-threads.ts, runLive): loaded, then its elements sent events, then
 * its links and buttons clicked. A case must fire at the step the corpus says, with its own
 * number, and a case the corpus says never fires must not. So the inert threads of
 * tests/e2e/xss.test.ts prove something: the same texts, let through, would have run.
 */
import { describe, expect, it } from 'vitest';
import { XSS_CASES, XSS_CONTEXTS } from '../fixtures/xss-corpus.ts';
import { useBrowserAndServers } from '../helpers/browser-and-servers.ts';
import { runLive } from '../helpers/xss-threads.ts';

/** A context's cases take some seconds each hundred on a busy machine. */
const CONTEXT_TIMEOUT = 180_000;

const harness = useBrowserAndServers();

/**
 * What Chromium logs, besides the markers, when the corpus runs live: the cases encoded where no
 * browser decodes them (a script's text: &#x61;, &lpar;, …) are not valid script, and script and
 * data URLs are refused where they are not run: as a base URL, a refresh, a scheme to launch, a
 * resource to load.
 */
const LIVE_PROBLEMS = [
  /^page error: (Failed to execute 'dispatchEvent' on 'EventTarget': )?Unexpected token '&'$/,
  /^page error: lpar is not defined$/,
  /^console\.error: '(javascript|data)' URLs may not be used as base URLs for a document\.$/,
  /^console\.error: Refused to refresh about:srcdoc to a javascript: URL$/,
  /^console\.error: Not allowed to launch 'vbscript:/,
  /^console\.error: Failed to load resource: net::ERR_UNKNOWN_URL_SCHEME \((javascript|vbscript):/,
];

describe('the XSS corpus, let through', () => {
  for (const context of XSS_CONTEXTS) {
    it(
      `runs the ${context} cases as the corpus says, each naming itself by its number`,
      async () => {
        const cases = XSS_CASES.filter((xss) => xss.context === context);
        const fired = await runLive(harness, cases, LIVE_PROBLEMS);
        const wrong = cases
          .filter((xss) => (fired.get(xss.id) ?? 'never') !== xss.fires)
          .map(
            (xss) =>
              `case ${xss.id} (${xss.vector}, ${xss.encoding}) fires ${xss.fires}, fired ${fired.get(xss.id) ?? 'never'}: ${JSON.stringify(xss.live)}`,
          );
        expect(wrong).toEqual([]);
        // Nothing fired that is not one of these cases, by its number.
        const ids = new Set(cases.map((xss) => xss.id));
        expect([...fired.keys()].filter((id) => !ids.has(id))).toEqual([]);
        // Most of the corpus is live; what is not is there to catch filters that decode it.
        expect(cases.some((xss) => xss.fires !== 'never')).toBe(true);
      },
      CONTEXT_TIMEOUT,
    );
  }
});
