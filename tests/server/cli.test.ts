import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../server/cli.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/open.ts';
import { createStore } from '../../server/db/store.ts';

let dir: string;
let config: Config;
let output: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-cli-'));
  config = loadConfig({ DATABASE_PATH: join(dir, 'comments.db') });
  output = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => output.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args) => output.push(args.join(' ')));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function seed(status: 'pending' | 'approved', body: string, email = 'ann@example.com'): number {
  const db = openDatabase(config.databasePath);
  const row = createStore(db).insertComment(
    { key: 'https://example.com/a', url: 'https://example.com/a', title: 'Post A' },
    {
      parentId: null,
      depth: 1,
      status,
      name: 'Ann',
      email,
      website: null,
      body,
      html: `<p>${body}</p>`,
      tokenHash: `${body}-token`,
      ipHash: null,
      userAgent: null,
      createdAt: new Date().toISOString(),
    },
  );
  db.close();
  return row.id;
}

function statusOf(id: number): string | undefined {
  const db = openDatabase(config.databasePath);
  const status = createStore(db).findComment(id)?.status;
  db.close();
  return status;
}

describe('leave-a-reply comments', () => {
  it('lists held comments with author, email, page and text', async () => {
    const id = seed('pending', 'Held words');
    seed('approved', 'Shown words');
    expect(await runCli(['comments', 'list', '--status', 'pending'], config)).toBe(0);
    const text = output.join('\n');
    expect(text).toContain(`#${id}  pending`);
    expect(text).toContain('Ann <ann@example.com>');
    expect(text).toContain('"Post A" https://example.com/a');
    expect(text).toContain('Held words');
    expect(text).not.toContain('Shown words');
  });

  it('approves, marks as spam and deletes by ID', async () => {
    const first = seed('pending', 'one');
    const second = seed('pending', 'two');
    const third = seed('pending', 'three');
    expect(await runCli(['comments', 'approve', String(first)], config)).toBe(0);
    expect(await runCli(['comments', 'spam', String(second)], config)).toBe(0);
    expect(await runCli(['comments', 'delete', String(third)], config)).toBe(0);
    expect(statusOf(first)).toBe('approved');
    expect(statusOf(second)).toBe('spam');
    expect(statusOf(third)).toBeUndefined();
  });

  it('says so when there is no such comment, with exit code 1', async () => {
    expect(await runCli(['comments', 'approve', '404'], config)).toBe(1);
    expect(output.join('\n')).toContain('There is no comment with ID 404.');
  });

  it('explains its usage for an unknown command or a bad status, with exit code 2', async () => {
    expect(await runCli(['frobnicate'], config)).toBe(2);
    expect(await runCli(['comments', 'list', '--status', 'lost'], config)).toBe(2);
    expect(output.join('\n')).toContain('Usage: leave-a-reply');
  });

  it('exports, as JSON, everything stored for an email address, and erases it', async () => {
    const id = seed('approved', 'Mine', 'dana@example.com');
    seed('approved', 'Not mine', 'erin@example.com');
    expect(await runCli(['data', 'export', 'dana@example.com'], config)).toBe(0);
    const exported = JSON.parse(output.join('\n'));
    expect(exported.email).toBe('dana@example.com');
    expect(exported.comments).toEqual([
      expect.objectContaining({ id, body: 'Mine', email: 'dana@example.com' }),
    ]);

    output.length = 0;
    expect(await runCli(['data', 'erase', 'dana@example.com'], config)).toBe(0);
    expect(output.join('\n')).toBe('Erased 1 comment stored for dana@example.com.');
    expect(statusOf(id)).toBeUndefined();
  });

  it('sets the dashboard password from standard input, kept only as a hash', async () => {
    const { Readable } = await import('node:stream');
    const { verifyPassword } = await import('../../server/admin-session.ts');
    expect(
      await runCli(['admin', 'set-password'], config, Readable.from(['a much longer secret\n'])),
    ).toBe(0);
    const db = openDatabase(config.databasePath);
    const stored = createStore(db).getSetting('admin_password_hash') as string;
    db.close();
    expect(stored).not.toContain('a much longer secret');
    expect(verifyPassword('a much longer secret', stored)).toBe(true);
    expect(await runCli(['admin', 'set-password'], config, Readable.from(['short\n']))).toBe(1);
  });
});
