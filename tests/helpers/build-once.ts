/**
 * Vitest's global setup: brings dist/ up to date with the sources before any test runs, so that
 * a test that starts `leave-a-reply` as a process runs the code under test, not an older build.
 */
import { buildAll, isBuildCurrent } from '../../server/build.ts';

export default async function setup(): Promise<void> {
  if (!isBuildCurrent()) await buildAll();
}
