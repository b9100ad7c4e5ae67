/**
 * Where the third-party exports live: `../shared/fixtures` beside the repository, or the folder
 * that SHARED_FIXTURES names. They are other projects' files, not shipped in the repository, so
 * a fresh clone has none. The suite over them is then skipped and says so in one line, unless
 * REQUIRE_SHARED_FIXTURES=true (as CI sets it) makes their absence a failure.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where the folder is looked for when SHARED_FIXTURES is not set, from the repository root. */
export const DEFAULT_SHARED_FIXTURES = '../shared/fixtures';

export interface SharedFixtures {
  /** The folder, absolute, or null when it is not there. */
  readonly dir: string | null;
  /** The folder as it was asked for: SHARED_FIXTURES's value or "../shared/fixtures". */
  readonly shown: string;
  /** True when REQUIRE_SHARED_FIXTURES=true: a missing folder fails the suite. */
  readonly required: boolean;
  /** Why the suite does not run, in one line; null when it runs. */
  readonly skipReason: string | null;
  /** The path of the file `name` in the folder. */
  path(name: string): string;
}

/** Looks for the folder as `env` says (SHARED_FIXTURES, REQUIRE_SHARED_FIXTURES). */
export function findSharedFixtures(env: NodeJS.ProcessEnv = process.env): SharedFixtures {
  const shown = env.SHARED_FIXTURES?.trim() || DEFAULT_SHARED_FIXTURES;
  // A relative SHARED_FIXTURES is read from the repository root, like the default.
  const candidate = resolve(ROOT, shown);
  const dir = isFolder(candidate) ? candidate : null;
  const required = /^(true|1)$/i.test(env.REQUIRE_SHARED_FIXTURES?.trim() ?? '');
  return {
    dir,
    shown,
    required,
    skipReason:
      dir === null
        ? `interop: skipped — ${shown} not found (third-party exports; see tests/fixtures/README.md)`
        : null,
    path(name) {
      if (dir === null) throw new Error(`${shown} not found: there is no ${name} to read.`);
      return resolve(dir, name);
    },
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (error) {
    // Not there is what a fresh clone looks like; anything else (no permission) is a fault.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw error;
  }
}
