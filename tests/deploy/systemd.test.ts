/**
 * README's systemd units and cron line, as files: checked by systemd's own `systemd-analyze
 * verify`, and their backup commands run against a live server's database.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { useServerProcesses } from '../helpers/server-process.ts';
import { readmeFile, substitute, unitEnvironment, unitSection, unitValue } from './readme.ts';
import { deployTools } from './tools.ts';

const tools = deployTools('tests/deploy/systemd.test.ts', ['systemd-analyze']);

const SERVICE = '/etc/systemd/system/leave-a-reply.service';
const BACKUP_SERVICE = '/etc/systemd/system/leave-a-reply-backup.service';
const BACKUP_TIMER = '/etc/systemd/system/leave-a-reply-backup.timer';
const CRON = '/etc/cron.d/leave-a-reply';
const UNITS = [SERVICE, BACKUP_SERVICE, BACKUP_TIMER];

/** Where README installs the program and keeps its data and backups. */
const INSTALL = '/opt/leave-a-reply';
const COMMAND = `${INSTALL}/node_modules/.bin/leave-a-reply`;
const DATA = '/var/lib/leave-a-reply';
const BACKUPS = '/var/backups/leave-a-reply';
const BIN = fileURLToPath(new URL('../../server/bin.js', import.meta.url));

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});
const servers = useServerProcesses();

/**
 * A folder standing in for the machine: the program installed where README puts it (npm links
 * a package's command into node_modules/.bin the same way), and the data and backup folders.
 */
function machine(): string {
  dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-systemd-'));
  const command = join(dir, COMMAND);
  mkdirSync(dirname(command), { recursive: true });
  symlinkSync(BIN, command);
  mkdirSync(join(dir, DATA), { recursive: true });
  mkdirSync(join(dir, BACKUPS), { recursive: true });
  return dir;
}

/** `text` with README's paths (the install, the data, the backups) moved under `root`. */
function relocate(text: string, root: string): string {
  return [INSTALL, DATA, BACKUPS].reduce(
    (placed, path) => placed.split(path).join(join(root, path)),
    text,
  );
}

/** `systemd-analyze verify` on the units in `folder`: what it printed, line by line, and its status. */
function verify(folder: string, names: string[]) {
  const result = spawnSync(
    tools?.['systemd-analyze'] ?? 'systemd-analyze',
    ['verify', '--man=no', ...names.map((name) => join(folder, name))],
    { encoding: 'utf8', env: { ...process.env, SYSTEMD_LOG_COLOR: '0' } },
  );
  const lines = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.trim());
  // verify also loads the units ours name (multi-user.target, network-online.target, …) from
  // the machine's own folders, and on a machine not booted with systemd (a container) some of
  // those may draw complaints of their own. A line that starts with another unit's file or name
  // is about that unit; every other line, and any line about ours, fails the test.
  const ours = new Set(names);
  const unrelated = (line: string) => {
    const subject =
      /^(\S+?\.(?:service|socket|target|timer|path|mount|slice|scope|device))[:\s]/.exec(line)?.[1];
    return subject !== undefined && !ours.has(basename(subject));
  };
  return { status: result.status, lines: lines.filter((line) => !unrelated(line)) };
}

/** Runs one command line of a unit or of cron through sh, with `env`; what it printed. */
function run(command: string, env: Record<string, string>) {
  const result = spawnSync('/bin/sh', ['-c', command], {
    encoding: 'utf8',
    // Only what cron or systemd would give it, and TZ, so that `date` and the test agree on the day.
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...(process.env.TZ === undefined ? {} : { TZ: process.env.TZ }),
      ...env,
    },
  });
  expect(result.status, `${command}\n${result.stdout}${result.stderr}`).toBe(0);
  return result.stdout;
}

/** A live server on the machine's data folder, holding one approved comment. */
async function liveServer(root: string, databasePath: string) {
  const server = await servers.start(root, {
    DATABASE_PATH: databasePath,
    MIN_SUBMIT_SECONDS: '0',
    MODERATION: 'none',
  });
  const response = await fetch(`${server.address}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      url: 'http://localhost/posts/hello/',
      name: 'Ann',
      email: 'ann@example.com',
      body: 'Kept safe every night.',
    }),
  });
  expect(response.status, await response.text()).toBe(201);
  return server;
}

/** Backups planted in `folder`: one 40 days old (to go), one a day old (to stay). */
function plantOldBackups(folder: string) {
  const day = 86_400;
  const now = Date.now() / 1000;
  const old = join(folder, 'comments-2000-01-01.db');
  const recent = join(folder, 'comments-2000-01-02.db');
  for (const [path, age] of [
    [old, 40 * day],
    [recent, day],
  ] as const) {
    writeFileSync(path, 'an older backup');
    utimesSync(path, now - age, now - age);
  }
  return { old, recent };
}

/** Today's date as `date +%F` writes it, in this machine's time zone. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Checks the folder holds one new backup, named by today, with the live database's comment. */
function expectDatedBackup(
  folder: string,
  planted: { old: string; recent: string },
  before: string,
) {
  expect(existsSync(planted.old)).toBe(false);
  expect(existsSync(planted.recent)).toBe(true);
  const made = readdirSync(folder).filter((name) => name !== basename(planted.recent));
  // Named by the day the command ran: today, or yesterday if it ran across midnight.
  expect(made).toHaveLength(1);
  expect([`comments-${before}.db`, `comments-${today()}.db`]).toContain(made[0]);
  const copy = new BetterSqlite3(join(folder, made[0] as string), { readonly: true });
  try {
    expect(copy.prepare('SELECT body FROM comments').all()).toEqual([
      { body: 'Kept safe every night.' },
    ]);
  } finally {
    copy.close();
  }
}

describe("README's systemd units", () => {
  it('run the server as its own user, on loopback, with its database in the folder systemd keeps writable', () => {
    const service = readmeFile(SERVICE);
    const user = unitValue(service, 'Service', 'User');
    expect(user).toBe('leave-a-reply');
    expect(unitValue(service, 'Service', 'ExecStart')).toBe(`${COMMAND} serve`);

    // StateDirectory=NAME is /var/lib/NAME: made for the user, writable under ProtectSystem.
    expect(join('/var/lib', unitValue(service, 'Service', 'StateDirectory'))).toBe(DATA);
    expect(unitValue(service, 'Service', 'WorkingDirectory')).toBe(DATA);
    const environment = unitEnvironment(service);
    expect(dirname(environment.DATABASE_PATH as string)).toBe(DATA);
    expect(environment.HOST).toBe('127.0.0.1');
    expect(environment.TRUST_PROXY).toBe('127.0.0.1');
    expect(environment.PUBLIC_URL).toMatch(/^https:\/\//);
    for (const [key, value] of [
      ['NoNewPrivileges', 'true'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', 'true'],
      ['PrivateTmp', 'true'],
    ])
      expect(unitValue(service, 'Service', key as string), key).toBe(value);

    const backup = readmeFile(BACKUP_SERVICE);
    expect(unitValue(backup, 'Service', 'User')).toBe(user);
    expect(unitEnvironment(backup).DATABASE_PATH).toBe(environment.DATABASE_PATH);
    expect(unitValue(backup, 'Service', 'ReadWritePaths').split(' ')).toEqual([DATA, BACKUPS]);
    expect(unitValue(backup, 'Service', 'ProtectSystem')).toBe('strict');

    const timer = readmeFile(BACKUP_TIMER);
    expect(unitValue(timer, 'Timer', 'Persistent')).toBe('true');
    expect(unitSection(timer, 'Timer').get('OnCalendar')).toHaveLength(1);
  });

  it.skipIf(!tools)(
    'pass systemd-analyze verify without a word, and a misspelt setting would not',
    () => {
      const root = machine();
      const folder = join(root, 'units');
      mkdirSync(folder);
      const names = UNITS.map((unit) => basename(unit));
      for (const unit of UNITS)
        writeFileSync(join(folder, basename(unit)), relocate(readmeFile(unit), root));

      expect(verify(folder, names)).toEqual({ status: 0, lines: [] });

      // The same check finds a mistake in one of them: it would not pass for saying nothing.
      const misspelt = join(folder, 'leave-a-reply.service');
      writeFileSync(
        misspelt,
        substitute(
          relocate(readmeFile(SERVICE), root),
          '\nProtectSystem=strict\n',
          '\nProtectSytem=strict\n',
        ),
      );
      expect(verify(folder, names).lines).toEqual([
        expect.stringMatching(/leave-a-reply\.service:\d+: Unknown key 'ProtectSytem'/),
      ]);
    },
  );

  it("back up the live database into a file named by the day, and drop copies older than 30 days, from the timer's service", async () => {
    const root = machine();
    const unit = relocate(readmeFile(BACKUP_SERVICE), root);
    const environment = unitEnvironment(unit);
    const server = await liveServer(root, environment.DATABASE_PATH as string);
    const planted = plantOldBackups(join(root, BACKUPS));
    const before = today();

    // systemd reads %% as %; the rest means to it what it means to sh: a program and its
    // arguments, quoted.
    const unescaped = (line: string) => line.replaceAll('%%', '%');
    const printed = run(unescaped(unitValue(unit, 'Service', 'ExecStart')), environment);
    expect(printed).toMatch(/^Backed up 1 comment to .*comments-\d{4}-\d{2}-\d{2}\.db/);
    run(unescaped(unitValue(unit, 'Service', 'ExecStartPost')), environment);

    expectDatedBackup(join(root, BACKUPS), planted, before);
    expect(server.child.exitCode).toBeNull(); // the server went on running throughout
  }, 60_000);

  it('back up the same way from the cron line, as the same user', async () => {
    const root = machine();
    const lines = relocate(readmeFile(CRON), root)
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'));
    const assignments = lines.filter((line) => /^\w+=/.test(line));
    const environment = Object.fromEntries(
      assignments.map((line) => [
        line.slice(0, line.indexOf('=')),
        line.slice(line.indexOf('=') + 1),
      ]),
    );
    const jobs = lines.filter((line) => !assignments.includes(line));
    expect(jobs).toHaveLength(1);
    // minute, hour, day of month, month, day of week, user, command
    const job = /^(\d+) (\d+) \* \* \* (\S+) (.+)$/.exec(jobs[0] as string);
    expect(job?.[3]).toBe('leave-a-reply');
    const command = job?.[4] as string;
    // cron turns a bare % into a line break; README escapes each as \%.
    expect(command.replaceAll('\\%', '')).not.toContain('%');

    await liveServer(root, environment.DATABASE_PATH as string);
    const planted = plantOldBackups(join(root, BACKUPS));
    const before = today();
    run(command.replaceAll('\\%', '%'), environment);
    expectDatedBackup(join(root, BACKUPS), planted, before);
  }, 60_000);
});
