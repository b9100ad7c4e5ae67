/**
 * A real application on a real database for tests: a SQLite file in a temporary folder, or, in
 * the PostgreSQL run (TEST_ENGINE=postgres, vitest.config.ts), a fresh database of the run's
 * throw-away PostgreSQL cluster.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import type { LogSink } from '../../server/http/logging.ts';
import { type JobOptions, type Jobs, setUpJobs } from '../../server/jobs/setup.ts';
import { type Mail, type MailOptions, setUpMail } from '../../server/mail/mailer.ts';
import { combineNotifiers, SILENT_NOTIFIER } from '../../server/moderation/notifier.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage, type Storage } from '../../server/storage/storage.ts';
import type { NewCommentRow } from '../../server/storage/store.ts';
import { createTestDatabase } from './postgres.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  app: FastifyInstance;
  /** The storage the app was built on, as the server's own modules use it. */
  storage: Storage;
  store: Storage['store'];
  /**
   * The SQLite database itself, for tests that set a scene the API cannot (an old comment, a
   * full disk); such tests run on SQLite only, and reading it in the PostgreSQL run throws.
   */
  db: Database;
  config: Config;
  dir: string;
  /** Mail as the server sets it up, when asked for; its worker runs while SMTP_URL is set. */
  mail: Mail | null;
  /** The job queue as the server sets it up, when asked for; its worker runs if a kind is set. */
  jobs: Jobs | null;
  /** Every line the server logged, as written (JSON, or pretty with LOG_FORMAT=pretty). */
  logs: string[];
  close: () => Promise<void>;
}

/**
 * Defences that would get in the way of tests posting many comments quickly; the tests of
 * those defences turn them back on.
 */
export const DEFENCES_OFF = {
  MIN_SUBMIT_SECONDS: '0',
  FLOOD_SECONDS: '0',
  RATE_LIMIT_PER_MINUTE: '0',
  // Tests post many comments with links from one address; the challenge's tests turn it on.
  CHALLENGE: 'off',
};

/** Builds the app on a fresh database file; `env` holds settings as the environment would. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: {
    widgetDir?: string;
    /** Sets mail up as startServer does, with these timings, and starts its worker. */
    mail?: MailOptions;
    /**
     * Sets the job queue (webhooks) up as startServer does, with these timings and clock (the
     * app's by default), and starts its worker.
     */
    jobs?: JobOptions & { now?: () => Date };
    /** An existing folder whose database to open (a restart); kept on close. */
    dir?: string;
    /**
     * The app's one clock (edit windows, form tokens, the flood guard, sessions, link expiry);
     * mail follows it too unless `mail` names a clock of its own.
     */
    clock?: () => Date;
  } = {},
): Promise<TestApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'leave-a-reply-'));
  const opened = await openTestStorage(dir, options.dir !== undefined, env);
  const config = loadConfig({
    ...opened.env,
    ADMIN_TOKEN,
    LOG_REQUESTS: 'false',
    LOG_FORMAT: 'json',
    ...DEFENCES_OFF,
    ...env,
  });
  const storage = await opened.storage(config);
  const { store } = storage;
  const mail = options.mail
    ? await setUpMail(config, storage, { now: options.clock, ...options.mail })
    : null;
  const jobs = options.jobs
    ? await setUpJobs(config, storage, options.jobs.now ?? options.clock, {
        alsoTell: mail?.notifier,
        ...options.jobs,
      })
    : null;
  const logs: string[] = [];
  const app = await buildApp({
    config,
    storage,
    widgetDir: options.widgetDir,
    notifier: combineNotifiers(
      mail?.notifier ?? SILENT_NOTIFIER,
      jobs?.notifier ?? SILENT_NOTIFIER,
    ),
    ...(mail ? { mail } : {}),
    logSink: collectLogs(logs),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  mail?.worker?.start();
  jobs?.worker?.start();
  return {
    app,
    storage,
    store,
    get db() {
      return opened.sqlite();
    },
    config,
    dir,
    mail,
    jobs,
    logs,
    close: async () => {
      await Promise.all([mail?.worker?.stop(), jobs?.worker?.stop()]);
      await app.close();
      await storage.close();
      await opened.drop();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether this run's tests are on PostgreSQL (vitest.config.ts's postgres project). */
export const ON_POSTGRES = process.env.TEST_ENGINE === 'postgres';

/** Where a test app's PostgreSQL database is named, in its folder, for a restart to find it. */
const DATABASE_URL_FILE = 'postgres-url';

/**
 * The database of a test app in `dir`, its settings and its storage: the SQLite file, or on
 * PostgreSQL a fresh database (the one named in `dir` when the folder is reopened, so that a
 * restart finds its data). A database made for a folder the test keeps is kept as well, for
 * the next start in it.
 */
async function openTestStorage(dir: string, kept: boolean, env: Record<string, string>) {
  if (!ON_POSTGRES) {
    const path = env.DATABASE_PATH ?? join(dir, 'comments.db');
    const db = openDatabase(path);
    return {
      env: { DATABASE_PATH: path },
      storage: async () => createSqliteStorage(db, path),
      sqlite: () => db,
      drop: async () => undefined,
    };
  }
  const named = join(dir, DATABASE_URL_FILE);
  let url: string;
  let drop = async (): Promise<void> => undefined;
  if (existsSync(named)) url = readFileSync(named, 'utf8');
  else {
    const database = await createTestDatabase();
    url = database.url;
    if (kept) writeFileSync(named, url);
    else drop = database.drop;
  }
  return {
    env: { DATABASE_PATH: join(dir, 'comments.db'), DATABASE_URL: url },
    storage: (config: Config) => openStorage(config),
    sqlite: (): Database => {
      throw new Error("This test sets its scene in SQLite's file: it runs on SQLite only.");
    },
    drop,
  };
}

/**
 * Keeps every log line for the test to read. Held comments are logged at info level, and most
 * tests hold some: only errors (and lines that are not JSON) still reach the output, so that a
 * failing test's server errors are seen.
 */
function collectLogs(logs: string[]): LogSink {
  return {
    write(line: string) {
      logs.push(line);
      let level = Number.POSITIVE_INFINITY;
      try {
        level = (JSON.parse(line) as { level?: number }).level ?? level;
      } catch {
        // A pretty line (LOG_FORMAT=pretty): shown, as its level is not parsed.
      }
      if (level >= 50) process.stdout.write(line);
    },
  };
}

/** A valid new comment for a page of the default allowed origins, with `changes` applied. */
export function newComment(changes: object = {}) {
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

/** Posts `newComment(changes)` through the public API, as a reader's form does; returns its id. */
export async function seedComment(
  test: Pick<TestApp, 'app'>,
  changes: object = {},
): Promise<number> {
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/comments',
    payload: newComment(changes),
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { comment: { id: number } }).comment.id;
}

/** The ids of the comments any reader sees on newComment's page. */
export async function publicCommentIds(test: Pick<TestApp, 'app'>): Promise<number[]> {
  const response = await test.app.inject({
    method: 'GET',
    url: `/api/comments?url=${encodeURIComponent(newComment().url)}`,
  });
  expect(response.statusCode).toBe(200);
  return (response.json() as { comments: { id: number }[] }).comments.map((comment) => comment.id);
}

/**
 * A comment as the store takes it, written straight to the database (as an import or an older
 * version would have left it): an approved top-level comment by Ann, with `changes` applied.
 */
export function storedComment(
  changes: Partial<Omit<NewCommentRow, 'pageId'>> = {},
): Omit<NewCommentRow, 'pageId'> {
  const body = changes.body ?? 'A comment.';
  return {
    parentId: null,
    depth: 1,
    status: 'approved',
    name: 'Ann',
    email: 'ann@example.com',
    website: null,
    body,
    html: `<p>${body}</p>`,
    tokenHash: `token-${body}`,
    ipHash: null,
    userAgent: null,
    createdAt: new Date().toISOString(),
    ...changes,
  };
}
