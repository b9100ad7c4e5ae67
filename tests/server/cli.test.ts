import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { version } from '../../package.json';
import { runCli } from '../../server/cli.ts';
import { type Config, loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createStore } from '../../server/storage/store.ts';
import { storedComment } from '../helpers/app.ts';
import { runCommand } from '../helpers/cli-process.ts';

let dir: string;
let config: Config;
let output: string[];
/** What the command wrote to standard error itself, past the console: its notes. */
let notes: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-cli-'));
  config = loadConfig({ DATABASE_PATH: join(dir, 'comments.db') });
  output = [];
  notes = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => output.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args) => output.push(args.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    notes.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function seed(status: 'pending' | 'approved', body: string, email = 'ann@example.com'): number {
  const db = openDatabase(config.databasePath);
  const row = createStore(db).insertComment(
    { key: 'https://example.com/a', url: 'https://example.com/a', title: 'Post A' },
    storedComment({ status, email, body, tokenHash: `${body}-token` }),
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
    openDatabase(config.databasePath).close();
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
    openDatabase(config.databasePath).close();
    const { verifyPassword } = await import('../../server/http/admin-session.ts');
    expect(
      await runCli(['admin', 'set-password'], config, Readable.from(['a much longer secret\n'])),
    ).toBe(0);
    const db = openDatabase(config.databasePath);
    const stored = createStore(db).getSetting('admin_password_hash') as string;
    db.close();
    expect(stored).not.toContain('a much longer secret');
    expect(await verifyPassword('a much longer secret', stored)).toBe(true);
    expect(await runCli(['admin', 'set-password'], config, Readable.from(['short\n']))).toBe(1);
  });
});

/** Every command and sub-command, as typed. */
const COMMANDS = [
  ['serve'],
  ['comments', 'list'],
  ['comments', 'approve'],
  ['comments', 'unapprove'],
  ['comments', 'spam'],
  ['comments', 'delete'],
  ['data', 'export'],
  ['data', 'erase'],
  ['admin', 'set-password'],
  ['backup'],
  ['export'],
  ['copy'],
  ['import', 'json'],
  ['import', 'disqus'],
  ['import', 'isso'],
  ['import', 'wordpress'],
];

describe('leave-a-reply without a database at DATABASE_PATH', () => {
  it('refuses every command but serve and import, naming the path and the fix, and creates nothing', async () => {
    const missing = loadConfig({ DATABASE_PATH: join(dir, 'site', 'comments.db') });
    const refused = [
      ['comments', 'list'],
      ['comments', 'approve', '1'],
      ['comments', 'spam', '1'],
      ['comments', 'delete', '1'],
      ['data', 'export', 'ann@example.com'],
      ['data', 'erase', 'ann@example.com'],
      ['admin', 'set-password'],
      ['backup', join(dir, 'copy.db')],
      ['export'],
    ];
    for (const args of refused) {
      output.length = 0;
      const code = await runCli(args, missing, Readable.from(['a long enough password\n']));
      expect({ args, code, output }).toEqual({
        args,
        code: 1,
        output: [
          `There is no database at ${join(dir, 'site', 'comments.db')}. Set DATABASE_PATH to your site's database, or run "leave-a-reply serve" once to create one.`,
        ],
      });
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('creates it for an import, readable by its owner only, in a folder of its own', async () => {
    seed('approved', 'Carried over');
    expect(await runCli(['export'], config)).toBe(0);
    const file = join(dir, 'all.json');
    writeFileSync(file, output.join('\n'));
    const fresh = loadConfig({ DATABASE_PATH: join(dir, 'new-site', 'comments.db') });
    expect(await runCli(['import', 'json', file], fresh)).toBe(0);
    expect(statSync(fresh.databasePath).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'new-site')).mode & 0o777).toBe(0o700);
  });

  it('checks the command line before the database: a usage error is a usage error', async () => {
    const missing = loadConfig({ DATABASE_PATH: join(dir, 'site', 'comments.db') });
    expect(await runCli(['comments', 'approve', 'twelve'], missing)).toBe(2);
    expect(output[0]).toMatch(/^"comments approve" needs a comment ID\./);
    expect(existsSync(join(dir, 'site'))).toBe(false);
  });
});

describe('leave-a-reply names the database it used', () => {
  it('on standard error, for every command, keeping standard output pure JSON', async () => {
    seed('approved', 'Listed', 'dana@example.com');
    for (const args of [['export'], ['data', 'export', 'dana@example.com'], ['comments', 'list']]) {
      output.length = 0;
      notes.length = 0;
      expect(await runCli(args, config)).toBe(0);
      expect(notes).toEqual([`Database: ${config.databasePath}\n`]);
      if (args[1] !== 'list') expect(() => JSON.parse(output.join('\n'))).not.toThrow();
    }
  });

  it('as an absolute path, when DATABASE_PATH is relative', async () => {
    const relative = loadConfig({ DATABASE_PATH: 'relative-site/comments.db' });
    expect(await runCli(['export'], relative)).toBe(1);
    expect(output).toEqual([
      `There is no database at ${join(process.cwd(), 'relative-site', 'comments.db')}. Set DATABASE_PATH to your site's database, or run "leave-a-reply serve" once to create one.`,
    ]);
  });
});

describe('leave-a-reply --version and --help', () => {
  it('prints the version from package.json for --version and -v', async () => {
    expect(await runCli(['--version'], config)).toBe(0);
    expect(await runCli(['-v'], config)).toBe(0);
    expect(output).toEqual([version, version]);
  });

  it("prints each command's own usage for help COMMAND, COMMAND --help and COMMAND -h, touching no database", async () => {
    const missing = loadConfig({ DATABASE_PATH: join(dir, 'site', 'comments.db') });
    for (const words of COMMANDS) {
      for (const args of [
        ['help', ...words],
        [...words, '--help'],
        [...words, '-h'],
      ]) {
        output.length = 0;
        expect({ args, code: await runCli(args, missing) }).toEqual({ args, code: 0 });
        expect(output).toHaveLength(1);
        expect(output[0]).toMatch(new RegExp(`^Usage: leave-a-reply ${words.join(' ')}[ \n]`));
        expect(output[0]).toContain('-h, --help');
      }
    }
    // Even with the words it needs missing, or followed by an option it does not know.
    output.length = 0;
    expect(await runCli(['backup', '--help'], missing)).toBe(0);
    expect(await runCli(['comments', 'list', '--bogus', '--help'], missing)).toBe(0);
    expect(output[0]).toContain('Usage: leave-a-reply backup PATH [--force]');
    expect(output[1]).toContain('--status S');
    expect(notes).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names a PostgreSQL database without its password, and sends its backups to pg_dump', async () => {
    const postgres = loadConfig({
      DATABASE_PATH: join(dir, 'comments.db'),
      DATABASE_URL: 'postgres://reply:s3cret@db.example.com:5432/comments',
    });
    expect(await runCli(['backup', join(dir, 'copy.db')], postgres)).toBe(1);
    expect(notes).toEqual(['Database: postgres://reply:***@db.example.com:5432/comments\n']);
    expect(output).toEqual([
      'DATABASE_URL names a PostgreSQL database: back it up with pg_dump (pg_dump -Fc DB > comments.dump), or copy it into a SQLite file with "leave-a-reply copy --from URL --to FILE.db".',
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("lists a group's commands for comments --help and help import, and every command for --help", async () => {
    expect(await runCli(['comments', '--help'], config)).toBe(0);
    expect(await runCli(['help', 'import'], config)).toBe(0);
    expect(await runCli(['--help'], config)).toBe(0);
    const [comments, imports, everything] = output;
    expect(comments).toMatch(
      /^Usage: leave-a-reply comments <list\|approve\|unapprove\|spam\|delete>/,
    );
    expect(imports).toContain(
      'import wordpress FILE.xml [--map-origin OLD=NEW] [--with-pingbacks]',
    );
    expect(imports).not.toContain('comments list');
    for (const words of COMMANDS) expect(everything).toContain(`  ${words.join(' ')}`);
    expect(everything).toContain('-v, --version');
  });

  it('answers an option it does not know with a usage error naming it, exit code 2', async () => {
    const cases = [
      { args: ['comments', 'list', '--bogus'], option: '--bogus', command: 'comments list' },
      { args: ['export', '--pretty'], option: '--pretty', command: 'export' },
      { args: ['serve', '--port', '3000'], option: '--port', command: 'serve' },
      { args: ['backup', 'copy.db', '--forse'], option: '--forse', command: 'backup' },
      {
        args: ['import', 'disqus', 'export.xml', '--origin', 'https://a.example'],
        option: '--origin',
        command: 'import disqus',
      },
    ];
    for (const { args, option, command } of cases) {
      output.length = 0;
      expect({ args, code: await runCli(args, config) }).toEqual({ args, code: 2 });
      expect(
        output[0]?.startsWith(
          `Unknown option "${option}" for "${command}".\n\nUsage: leave-a-reply ${command}`,
        ),
      ).toBe(true);
    }
    expect(existsSync(config.databasePath)).toBe(false);
  });
});

describe('the leave-a-reply command, run as a process', () => {
  it('prints pure JSON on stdout and the database on stderr, refuses a missing database, and helps', async () => {
    seed('approved', 'From the built command');
    const env = { DATABASE_PATH: config.databasePath };
    const exported = await runCommand(['export'], { env, cwd: dir });
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe(`Database: ${config.databasePath}\n`);
    expect(JSON.parse(exported.stdout).comments[0].body).toBe('From the built command');

    const missing = join(dir, 'elsewhere', 'comments.db');
    const refused = await runCommand(['comments', 'list'], { env: { DATABASE_PATH: missing } });
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: `There is no database at ${missing}. Set DATABASE_PATH to your site's database, or run "leave-a-reply serve" once to create one.\n`,
    });
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);

    // Neither needs settings that would let the server start.
    const broken = { DATABASE_PATH: missing, PORT: 'not a port' };
    expect(await runCommand(['--version'], { env: broken })).toEqual({
      code: 0,
      stdout: `${version}\n`,
      stderr: '',
    });
    const help = await runCommand(['import', 'wordpress', '--help'], { env: broken });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: leave-a-reply import wordpress FILE\.xml/);
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
  }, 30_000);
});
