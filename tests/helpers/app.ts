/** A real application on a real SQLite file in a temporary folder, for tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/open.ts';
import { createStore, type Store } from '../../server/db/store.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  config: Config;
  dir: string;
  close: () => Promise<void>;
}

/** Builds the app on a fresh database file; `env` holds settings as the environment would. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { widgetDir?: string } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-'));
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'comments.db'),
    ADMIN_TOKEN,
    LOG_REQUESTS: 'false',
    ...env,
  });
  const db = openDatabase(config.databasePath);
  const store = createStore(db);
  const app = await buildApp({ config, store, widgetDir: options.widgetDir });
  return {
    app,
    store,
    config,
    dir,
    close: async () => {
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid new comment for a page of the default allowed origins, with `changes` applied. */
export function newComment(changes: Record<string, unknown> = {}) {
  return {
    url: 'http://localhost:8080/posts/hello',
    title: 'Hello',
    name: 'Ann Reader',
    email: 'ann@example.com',
    website: 'https://ann.example.com',
    body: 'A first thought.',
    ...changes,
  };
}
