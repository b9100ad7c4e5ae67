/**
 * Storage that refuses to be written, for tests of what the server says and does then. Tests run
 * as root in CI, and permission bits do not stop root; so a read-only disk is a tmpfs mounted
 * read-only (what a `:ro` container volume or a read-only disk gives, and root cannot write it
 * either), and a folder without write permission is tried by a user whom it stops.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * A user whom permission bits stop: nobody (65534) when the tests run as root, otherwise the
 * tests' own user (undefined: run as is).
 */
export const UNPRIVILEGED_UID = process.getuid?.() === 0 ? 65534 : undefined;

export interface Medium {
  /** The mounted folder: writable (by anyone) until `makeReadOnly`. */
  dir: string;
  /** Remounts it read-only; every file on it must be closed first. */
  makeReadOnly(): void;
}

export interface Media {
  /** A fresh tmpfs, or why none can be mounted here (a sentence, for `skip`). */
  mount(): Medium | string;
  /** A fresh tmpfs; where none can be mounted, the test is skipped, saying why. */
  mountOrSkip(context: { skip(note: string): never }): Medium;
}

/** Registers unmounting, after each test of the calling file, every medium it mounted. */
export function useMedia(): Media {
  const mounted: string[] = [];
  afterEach(() => {
    for (const dir of mounted.splice(0)) {
      // Lazy: detached even while something still holds it, so no test leaves a mount behind.
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    }
  });
  const media: Media = {
    mount() {
      const dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-medium-'));
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m,mode=0777', 'tmpfs', dir], {
          stdio: 'pipe',
        });
      } catch (error) {
        rmSync(dir, { recursive: true, force: true });
        const said = String((error as { stderr?: Buffer }).stderr ?? error).trim();
        return `Skipped: mounting a read-only tmpfs needs root (CAP_SYS_ADMIN), and this run cannot (${said.split('\n')[0]}).`;
      }
      mounted.push(dir);
      return {
        dir,
        makeReadOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' }),
      };
    },
    mountOrSkip(context) {
      const medium = media.mount();
      return typeof medium === 'string' ? context.skip(medium) : medium;
    },
  };
  return media;
}
