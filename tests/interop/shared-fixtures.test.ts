/**
 * How the interoperability suite finds the third-party exports, and what a run says without
 * them: one line and skipped tests, or a failure when REQUIRE_SHARED_FIXTURES=true. The runs
 * point SHARED_FIXTURES at folders made here, so they prove the same whether or not the real
 * folder sits beside the repository.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findSharedFixtures } from './shared-fixtures.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const SUITE = 'tests/interop/third-party.test.ts';
/** Starting vitest and collecting the suite (skipped) takes seconds on a busy machine. */
const RUN_TIMEOUT = 120_000;

const folder = mkdtempSync(join(tmpdir(), 'leave-a-reply-shared-'));
const missing = join(folder, 'not-there');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs the suite in a vitest of its own with `env`; its exit code and output, colours off. */
function runSuite(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [VITEST, 'run', SUITE],
      {
        cwd: ROOT,
        // This run's own SHARED_FIXTURES and REQUIRE_SHARED_FIXTURES (CI sets it) do not apply.
        env: {
          ...process.env,
          SHARED_FIXTURES: '',
          REQUIRE_SHARED_FIXTURES: '',
          ...env,
          NO_COLOR: '1',
          FORCE_COLOR: '0',
          CI: 'true',
        },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

describe('finding the third-party exports', () => {
  it('uses the folder SHARED_FIXTURES names, and runs the suite', () => {
    const found = findSharedFixtures({ SHARED_FIXTURES: folder });
    expect(found).toMatchObject({ dir: folder, shown: folder, skipReason: null });
    expect(found.path('isso-generic.json')).toBe(join(folder, 'isso-generic.json'));
  });

  it('reads a relative SHARED_FIXTURES from the repository root', () => {
    const found = findSharedFixtures({ SHARED_FIXTURES: relative(ROOT, folder) });
    expect(found.dir).toBe(folder);
  });

  it('looks for ../shared/fixtures beside the repository when SHARED_FIXTURES is not set', () => {
    const found = findSharedFixtures({});
    expect(found.shown).toBe('../shared/fixtures');
    expect(found.dir === null || found.dir === join(ROOT, '..', 'shared', 'fixtures')).toBe(true);
  });

  it('gives a missing folder as the reason, in one line, and requires it only when told', () => {
    const found = findSharedFixtures({ SHARED_FIXTURES: missing });
    expect(found.dir).toBeNull();
    expect(found.skipReason).toBe(
      `interop: skipped — ${missing} not found (third-party exports; see tests/fixtures/README.md)`,
    );
    expect(found.required).toBe(false);
    expect(() => found.path('isso-generic.json')).toThrow(`${missing} not found`);
    const required = findSharedFixtures({
      SHARED_FIXTURES: missing,
      REQUIRE_SHARED_FIXTURES: 'true',
    });
    expect(required.required).toBe(true);
    expect(findSharedFixtures({ REQUIRE_SHARED_FIXTURES: 'false' }).required).toBe(false);
  });

  it(
    'reports the suite skipped in one line when the folder is missing, its tests counted as skipped',
    async () => {
      const { code, output } = await runSuite({ SHARED_FIXTURES: missing });
      expect(code).toBe(0);
      const lines = output.split('\n').filter((line) => line.includes('interop: skipped'));
      expect(lines).toEqual([
        `interop: skipped — ${missing} not found (third-party exports; see tests/fixtures/README.md)`,
      ]);
      const tests = /Tests\s+(\d+) skipped \((\d+)\)/.exec(output);
      expect(Number(tests?.[1])).toBeGreaterThan(30);
      expect(tests?.[1]).toBe(tests?.[2]);
      expect(output).not.toMatch(/\d+ passed/);
    },
    RUN_TIMEOUT,
  );

  it(
    'fails the suite when the folder is missing and REQUIRE_SHARED_FIXTURES=true',
    async () => {
      const { code, output } = await runSuite({
        SHARED_FIXTURES: missing,
        REQUIRE_SHARED_FIXTURES: 'true',
      });
      expect(code).toBe(1);
      expect(output).toContain(`${missing} not found, and REQUIRE_SHARED_FIXTURES=true`);
      expect(output).toMatch(/Tests\s+1 failed/);
      expect(output).not.toContain('interop: skipped');
    },
    RUN_TIMEOUT,
  );
});
