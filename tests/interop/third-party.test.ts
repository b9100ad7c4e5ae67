/**
 * The interoperability suite: our importers and renderer over real files from other projects
 * (WordPress, Disqus and Isso exports, an XSS payload list), kept beside the repository in
 * `../shared/fixtures` or where SHARED_FIXTURES says, never in it (see tests/fixtures/README.md).
 *
 * Without the folder the suite is skipped, said in one line, and its tests count as skipped,
 * never as passed; with REQUIRE_SHARED_FIXTURES=true (CI) a missing folder fails it instead.
 */
import { describe, it } from 'vitest';
import { describeDisqusExports } from './disqus.ts';
import { describeIssoExports } from './isso.ts';
import { describeRenderedPayloads } from './render.ts';
import { findSharedFixtures } from './shared-fixtures.ts';
import { describeWordPressExports } from './wordpress.ts';
import { describeBrowsedPayloads } from './xss-browser.ts';

const shared = findSharedFixtures();
const missing = shared.dir === null;

// Written straight to the terminal, not through console.log, so that the run shows it as the
// one line it is, not under a per-file "stdout" heading.
if (missing && !shared.required && shared.skipReason)
  process.stdout.write(`${shared.skipReason}\n`);

describe(`interop: third-party exports in ${shared.shown}`, () => {
  if (missing && shared.required) {
    it('finds the third-party exports, as REQUIRE_SHARED_FIXTURES=true requires', () => {
      throw new Error(
        `${shared.shown} not found, and REQUIRE_SHARED_FIXTURES=true: the interoperability suite cannot run. Put the third-party exports there, or set SHARED_FIXTURES to their folder.`,
      );
    });
  }
  // Registered even when the folder is missing, so that the run counts them, as skipped.
  describe.skipIf(missing)('read from the folder', () => {
    describeWordPressExports(shared);
    describeDisqusExports(shared);
    describeIssoExports(shared);
    describeRenderedPayloads(shared);
    describeBrowsedPayloads(shared);
  });
});
