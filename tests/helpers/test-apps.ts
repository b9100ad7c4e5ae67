/** Apps and folders that live for one test: each is closed or removed once the test is over. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createTestApp, type TestApp } from './app.ts';

/** Settings as the environment gives them. */
export type Settings = Record<string, string>;
export type TestAppOptions = NonNullable<Parameters<typeof createTestApp>[1]>;
/** Starts an app on the file's settings with `env` over them. */
export type StartApp = (env?: Settings, options?: TestAppOptions) => Promise<TestApp>;

/**
 * Registers, after each test of the calling file, the closing of every app it started with the
 * returned function, which starts one on `defaults` with the test's own settings over them.
 */
export function useTestApps(defaults: Settings = {}): StartApp {
  const open: TestApp[] = [];
  afterEach(async () => {
    for (const test of open.splice(0)) await test.close();
  });
  return async (env = {}, options = {}) => {
    const test = await createTestApp({ ...defaults, ...env }, options);
    // A test may close an app itself to start another on its folder (a restart): closing it
    // again after the test must then do nothing.
    let closed: Promise<void> | null = null;
    const closeOnce = test.close;
    test.close = () => (closed ??= closeOnce());
    open.push(test);
    return test;
  };
}

/**
 * Registers, after each test of the calling file, the removal of every folder made with the
 * returned function. Call it before `useTestApps` when apps open these folders: afterEach hooks
 * run last registered first, so the apps are closed before their folders go.
 */
export function useFolders(prefix: string): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), `leave-a-reply-${prefix}-`));
    made.push(dir);
    return dir;
  };
}
