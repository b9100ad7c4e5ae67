/**
 * The check every browser test gets, whatever its engine: what a page logs as a console error or
 * warning, or throws uncaught, fails the test that opened the page, once the test ends. A test
 * that causes such a line on purpose (a server that is down, a refused request) says so on that
 * page with `expectProblems(/pattern/)`, a pattern that names the one problem; nothing turns the
 * check off as a whole.
 */
import { expect, onTestFinished, type TestContext } from 'vitest';

/** Time enough to read a page's problems and close it, on a busy machine. */
const CLOSE_TIMEOUT = 60_000;

/** What a test may say about the problems of a page it opened. */
export interface ProblemWatch {
  /**
   * Lets the lines that match `patterns` show on this page: the problems the test causes. A
   * pattern that matches any console error, console warning or page error at all is refused.
   */
  expectProblems(...patterns: RegExp[]): void;
  /** Reads the page's problems and closes it; closing twice is closing once. */
  close(): Promise<void>;
}

/** A page as the check sees it. */
export interface ProblemSource {
  /** Names the page in a failure, e.g. "chromium". */
  label: string;
  /** Every problem the page has logged so far, one line each, e.g. "page error: x is not defined". */
  problems(): Promise<string[]>;
  close(): Promise<void>;
}

/** A bare line of each kind: a pattern matching one of them would let every line of its kind by. */
const BARE_LINES = ['console.error: ', 'console.warning: ', 'page error: '];

/** `pattern` without the g and y flags, with which test() would remember where it last matched. */
function stateless(pattern: RegExp): RegExp {
  const checked = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  const bare = BARE_LINES.find((line) => checked.test(line));
  if (bare !== undefined) {
    throw new Error(`expectProblems(${pattern}) lets any "${bare}…" line by: name the problem`);
  }
  return checked;
}

/**
 * Watches `source` for the test that is running: when it ends, the page is closed if the test did
 * not close it, and each problem it logged that no expected pattern matches fails the test. The
 * lines are read at close, while the page is still there to ask. A concurrent test passes its own
 * context as `test`: vitest's global hooks follow only the tests that run one at a time.
 */
export function watchProblems(
  source: ProblemSource,
  test?: Pick<TestContext, 'onTestFinished'>,
): ProblemWatch {
  const expected: RegExp[] = [];
  let read: Promise<string[]> | null = null;
  const closed = (): Promise<string[]> => {
    read ??= (async () => {
      try {
        return await source.problems();
      } finally {
        await source.close();
      }
    })();
    return read;
  };
  (test?.onTestFinished ?? onTestFinished)(async () => {
    const unexpected = (await closed()).filter(
      (line) => !expected.some((pattern) => pattern.test(line)),
    );
    expect(unexpected, `${source.label}: console errors, warnings or page errors`).toEqual([]);
  }, CLOSE_TIMEOUT);
  return {
    expectProblems(...patterns) {
      expected.push(...patterns.map(stateless));
    },
    async close() {
      await closed();
    },
  };
}
