/** A real server listening on loopback, with the widget built, for browser tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWidget } from '../../server/build/widget.ts';
import { createTestApp, type TestApp } from './app.ts';

let widgetDir: Promise<string> | null = null;

/** Builds the widget once per test file into a temporary folder. */
export function builtWidget(): Promise<string> {
  widgetDir ??= buildWidget(mkdtempSync(join(tmpdir(), 'leave-a-reply-widget-'))).then(
    (build) => build.outDir,
  );
  return widgetDir;
}

export interface RunningServer extends TestApp {
  /** e.g. http://127.0.0.1:43121 */
  origin: string;
  port: number;
}

/** Starts the app on 127.0.0.1 on a free port. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const testApp = await createTestApp(env, { widgetDir: await builtWidget() });
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = testApp.app.server.address() as { port: number };
  // Added to the app itself, not spread from it: its `db` is a getter that throws on PostgreSQL.
  return Object.assign(testApp, { origin: `http://127.0.0.1:${port}`, port });
}
