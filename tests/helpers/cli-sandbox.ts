/** A folder of its own and captured output for each test that runs the command line. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, vi } from 'vitest';
import { type Config, loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/storage/open.ts';

export interface CliSandbox {
  /** This test's temporary folder. */
  readonly dir: string;
  /** What the command printed, a line per console call; emptied before each test. */
  readonly output: string[];
  /** What it wrote to standard error directly (the database it used, progress), in order. */
  readonly notes: string[];
  /** Settings for a database in its own subfolder of `dir`. */
  configFor(name?: string): Config;
}

/** Registers the folder and console capture around every test of the calling file. */
export function useCliSandbox(prefix: string): CliSandbox {
  let dir = '';
  const output: string[] = [];
  const notes: string[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `leave-a-reply-${prefix}-`));
    output.length = 0;
    notes.length = 0;
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      notes.push(String(chunk));
      return true;
    });
    vi.spyOn(console, 'log').mockImplementation((...args) => output.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args) => output.push(args.join(' ')));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    output,
    notes,
    configFor: (name = 'site') => loadConfig({ DATABASE_PATH: join(dir, name, 'comments.db') }),
  };
}

/** A file of the repository's own fixtures, in tests/fixtures/. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** A stored comment with its page's key and title. */
export interface StoredComment {
  id: number;
  parent_id: number | null;
  root_id: number | null;
  depth: number;
  status: string;
  trashed_from: string | null;
  name: string;
  email: string;
  website: string | null;
  body: string;
  html: string;
  token_hash: string | null;
  created_at: string;
  key: string;
  title: string | null;
}

/** Every comment in the database, with its page, in id order. */
export function readComments(config: Config): StoredComment[] {
  const db = openDatabase(config.databasePath);
  try {
    return db
      .prepare(
        `SELECT comments.*, pages.key, pages.title FROM comments
         JOIN pages ON pages.id = comments.page_id ORDER BY comments.id`,
      )
      .all() as StoredComment[];
  } finally {
    db.close();
  }
}

/** How many pages and comments the database holds. */
export function countRows(config: Config): { pages: number; comments: number } {
  const db = openDatabase(config.databasePath);
  try {
    return db
      .prepare(
        'SELECT (SELECT COUNT(*) FROM pages) AS pages, (SELECT COUNT(*) FROM comments) AS comments',
      )
      .get() as { pages: number; comments: number };
  } finally {
    db.close();
  }
}

/** True when `date` (ISO) falls between `before` and `after`: a date given at import time. */
export function datedBetween(date: string | undefined, before: string, after: string): boolean {
  return date !== undefined && date >= before && date <= after;
}
