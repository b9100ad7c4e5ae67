/**
 * A folder of its own and captured output for each test that runs the command line, the imports
 * tests run most, and what an import left in the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { runCli } from '../../server/cli.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/storage/open.ts';
import type { CommentRow } from '../../server/storage/store.ts';

export interface CliSandbox {
  /** This test's temporary folder. */
  readonly dir: string;
  /** What the command printed, a line per console call; emptied before each test. */
  readonly output: string[];
  /** What the command printed, as one text. */
  said(): string;
  /** What it wrote to standard error directly (the database it used, progress), in order. */
  readonly notes: string[];
  /** Settings for a database in its own subfolder of `dir`. */
  configFor(name?: string): Config;
  /**
   * Runs `leave-a-reply import …args` into the database `configFor(name)`, which must succeed;
   * its settings, every comment it then holds, and the times just before and after the import
   * (what it dates a comment without a date between).
   */
  imported(args: string[], name?: string): Promise<Imported>;
  /**
   * Runs `leave-a-reply import …args` into a database of its own, which must refuse the file
   * (exit code 1) and write nothing; what the command said.
   */
  refused(args: string[]): Promise<string>;
  /**
   * Runs `leave-a-reply import …args` twice into one database of its own, and both must
   * succeed; the database's settings, every comment after the first run, and what the second
   * run said.
   */
  reimported(args: string[]): Promise<{ config: Config; first: StoredComment[]; said: string }>;
}

/** A database an import wrote to: its settings, its comments, and when the import ran (ISO). */
export interface Imported {
  config: Config;
  comments: StoredComment[];
  before: string;
  after: string;
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
  const configFor = (name = 'site') =>
    loadConfig({ DATABASE_PATH: join(dir, name, 'comments.db') });
  const said = () => output.join('\n');
  const imported: CliSandbox['imported'] = async (args, name) => {
    const config = configFor(name);
    const before = new Date().toISOString();
    expect(await runCli(['import', ...args], config), said()).toBe(0);
    const after = new Date().toISOString();
    return { config, comments: readComments(config), before, after };
  };
  return {
    get dir() {
      return dir;
    },
    output,
    notes,
    said,
    configFor,
    imported,
    async refused(args) {
      const config = configFor('refused');
      output.length = 0;
      expect(await runCli(['import', ...args], config)).toBe(1);
      expect(countRows(config)).toEqual({ pages: 0, comments: 0 });
      return said();
    },
    async reimported(args) {
      const { config, comments: first } = await imported(args, 'reimported');
      output.length = 0;
      expect(await runCli(['import', ...args], config), said()).toBe(0);
      return { config, first, said: said() };
    },
  };
}

/** A file of the repository's own fixtures, in tests/fixtures/. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** A stored comment, its row as the database holds it, with its page's key and title. */
export type StoredComment = CommentRow & { key: string; title: string | null };

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

/** How many of `comments` have each status. */
export function countByStatus(comments: StoredComment[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const comment of comments) counts[comment.status] = (counts[comment.status] ?? 0) + 1;
  return counts;
}

/**
 * Checks the ten-deep chain of replies whose texts start with `chainStart`: each under the one
 * before, all under the top-level comment, depth capped at 5; and that the reply `heldText`,
 * held, keeps its place under the approved comment it answers.
 */
export function expectDeepChain(
  comments: StoredComment[],
  chainStart: string,
  heldText: string,
): void {
  const chain = comments.filter((comment) => comment.body.startsWith(chainStart));
  expect(chain).toHaveLength(10);
  const [top, ...replies] = chain as [StoredComment, ...StoredComment[]];
  expect(top).toMatchObject({ parent_id: null, root_id: null, depth: 1 });
  let parent = top;
  for (const reply of replies) {
    expect(reply.parent_id).toBe(parent.id);
    expect(reply.root_id).toBe(top.id);
    parent = reply;
  }
  expect(chain.map((comment) => comment.depth)).toEqual([1, 2, 3, 4, 5, 5, 5, 5, 5, 5]);
  const held = comments.find((comment) => comment.body === heldText);
  expect(held).toMatchObject({ status: 'pending', depth: 2 });
  expect(comments.find((comment) => comment.id === held?.parent_id)?.status).toBe('approved');
}

/**
 * Checks that the text of a comment imported from WordPress's HTML holds `words`, its line breaks
 * and quotes as text (no <br> or entity left in it), and that its HTML shows the breaks again.
 */
export function expectBreaksAsText(comment: StoredComment | undefined, words: string): void {
  expect(comment?.body).toContain(words);
  expect(comment?.body).not.toMatch(/<br|&#039;/);
  expect(comment?.html).toContain('<br />');
}

/** True when `date` (ISO) falls between `before` and `after`: a date given at import time. */
export function datedBetween(date: string | undefined, before: string, after: string): boolean {
  return date !== undefined && date >= before && date <= after;
}
