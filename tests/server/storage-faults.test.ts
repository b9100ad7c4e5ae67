import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../server/cli.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { ADMIN_TOKEN, DEFENCES_OFF, newComment } from '../helpers/app.ts';
import { runCommand, useCommandProcesses } from '../helpers/cli-process.ts';
import { postComment, readThread } from '../helpers/requests.ts';
import { UNPRIVILEGED_UID, useMedia } from '../helpers/storage-media.ts';
import { useFolders, useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps({ MODERATION: 'none' });
afterEach(() => {
  vi.restoreAllMocks();
});

describe('when storage fails', () => {
  it('answers 503 while the database is read-only, keeps serving reads, and recovers', async () => {
    const test = await setUp();
    expect((await postComment(test)).statusCode).toBe(201);

    test.db.pragma('query_only = ON');
    const logged = vi.spyOn(test.app.log, 'error').mockImplementation(() => {});
    const refused = await postComment(test, { body: 'While read-only' });
    expect(refused.statusCode).toBe(503);
    // Logged for the site owner though the request log is off (LOG_REQUESTS=false in tests).
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ code: 'SQLITE_READONLY' }));
    expect(test.app.log.level).toBe('info');
    expect(refused.json().error).toEqual({
      code: 'storage_unavailable',
      message:
        'Comments cannot be saved right now: the server’s storage is unavailable. Please try again in a few minutes.',
    });
    expect(refused.headers['retry-after']).toBe('30');
    const read = await readThread(test);
    expect(read.json().count).toBe(1);

    test.db.pragma('query_only = OFF');
    expect((await postComment(test, { body: 'After recovery' })).statusCode).toBe(201);
  });

  it('answers 503 when the disk is full, and recovers when there is room again', async () => {
    const test = await setUp();
    expect((await postComment(test)).statusCode).toBe(201);

    // SQLite's own size cap gives the same SQLITE_FULL a full disk gives.
    const pages = test.db.pragma('page_count', { simple: true }) as number;
    test.db.pragma(`max_page_count = ${pages}`);
    const refused = await postComment(test, { body: 'y'.repeat(9_000) });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('storage_unavailable');

    test.db.pragma('max_page_count = 1073741823');
    expect((await postComment(test, { body: 'y'.repeat(9_000) })).statusCode).toBe(201);
    expect(test.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

const folder = useFolders('storage');
const media = useMedia();
const commands = useCommandProcesses();

/** A folder anyone may enter, so that the unprivileged user reaches what the test locks. */
function openFolder(): string {
  const made = folder();
  chmodSync(made, 0o755);
  return made;
}

/** Why the unprivileged user cannot run the command here, or null when it can. */
let unprivilegedRuns: Promise<string | null> | undefined;
function whyUnprivilegedCannotRun(): Promise<string | null> {
  unprivilegedRuns ??= runCommand(['--version'], { uid: UNPRIVILEGED_UID, cwd: '/' }).then(
    ({ code, stderr }) =>
      code === 0
        ? null
        : `Skipped: uid ${UNPRIVILEGED_UID} cannot run leave-a-reply from this checkout (${stderr.trim().split('\n')[0]}).`,
    (error: Error) => `Skipped: cannot run as uid ${UNPRIVILEGED_UID} here (${error.message}).`,
  );
  return unprivilegedRuns;
}

/** The line, with whoever the server ran as put as USER: nobody, or the tests' own user. */
const withUser = (line: string) =>
  line.replace(/ by (user [^\s,]+|the user with uid \d+)/, ' by USER');

describe('when the data folder or the database cannot be written', () => {
  const cases: Array<{
    name: string;
    lay: (folder: string) => string;
    says: (path: string) => string;
  }> = [
    {
      name: 'a data folder it may not create',
      lay: (folder) => {
        mkdirSync(join(folder, 'locked'), { mode: 0o555 });
        return join(folder, 'locked', 'data', 'comments.db');
      },
      says: (path) =>
        `Cannot create the database folder ${join(path, '..')}: permission denied. Make ${join(path, '..', '..')} writable by USER, or set DATABASE_PATH to a writable place.`,
    },
    {
      name: 'a data folder it may not write in',
      lay: (folder) => {
        mkdirSync(join(folder, 'locked'), { mode: 0o555 });
        return join(folder, 'locked', 'comments.db');
      },
      says: (path) =>
        `Cannot create the database ${path}: permission denied. Make ${join(path, '..')} writable by USER, or set DATABASE_PATH to a writable place.`,
    },
    {
      name: 'a database file it may not write',
      lay: (folder) => {
        const path = join(folder, 'site', 'comments.db');
        openDatabase(path).close();
        chmodSync(join(folder, 'site'), 0o777);
        chmodSync(path, 0o444);
        return path;
      },
      says: (path) =>
        `Cannot write the database ${path}: permission denied. Make ${path} writable by USER, or set DATABASE_PATH to a writable place.`,
    },
    {
      name: 'a folder where SQLite may not keep its write-ahead log',
      lay: (folder) => {
        const path = join(folder, 'site', 'comments.db');
        openDatabase(path).close();
        chmodSync(path, 0o666);
        chmodSync(join(folder, 'site'), 0o555);
        return path;
      },
      says: (path) =>
        `Cannot write in the database folder ${join(path, '..')}, where SQLite keeps the database's -wal and -shm files: permission denied. Make ${join(path, '..')} writable by USER, or set DATABASE_PATH to a writable place.`,
    },
  ];

  it.for(cases)(
    'stops the server with one line naming the path, the cause and the fix: $name',
    { timeout: 30_000 },
    async ({ lay, says }, context) => {
      const cannot = await whyUnprivilegedCannotRun();
      if (cannot) return context.skip(cannot);
      const folder = openFolder();
      const path = lay(folder);
      const before = readdirSync(folder, { recursive: true }).sort();
      const { code, stdout, stderr } = await runCommand(['serve'], {
        uid: UNPRIVILEGED_UID,
        cwd: '/',
        env: { DATABASE_PATH: path, PORT: '0', HOST: '127.0.0.1' },
      });
      expect(code).toBe(1);
      expect(stdout).not.toContain('running at');
      // One line, no stack trace: the message is all the site owner needs.
      expect(withUser(stderr)).toBe(`${says(path)}\n`);
      // Nothing was made: no folder, no file.
      expect(readdirSync(folder, { recursive: true }).sort()).toEqual(before);
    },
  );
});

describe('a database on a read-only file system', () => {
  const url = 'http://localhost:8080/posts/hello';

  it('serves its threads, counts and dashboard, answers every write 503, and says so at start', async (context) => {
    const medium = media.mountOrSkip(context);
    const path = join(medium.dir, 'comments.db');
    const env = {
      DATABASE_PATH: path,
      PORT: '0',
      HOST: '127.0.0.1',
      ADMIN_TOKEN,
      MODERATION: 'none',
      ...DEFENCES_OFF,
    };
    const first = commands(['serve'], { env });
    const [, writable] = (await first.waitFor(/running at (http:\/\/\S+)/)) as string[];
    const posted = await fetch(`${writable}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(newComment({ url, body: 'Written before the disk went read-only.' })),
    });
    expect(posted.status).toBe(201);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    medium.makeReadOnly();

    const server = commands(['serve'], { env });
    const [, address] = (await server.waitFor(/running at (http:\/\/\S+)/)) as string[];
    await server.waitFor(/read-only/);
    expect(server.stdout()).toContain(
      `The database ${path} is on a read-only file system: serving comments read-only. Posting, moderation and other writes answer 503, and no mail is sent, until it is writable again and the server restarted.\n`,
    );

    const thread = await fetch(`${address}/api/comments?url=${encodeURIComponent(url)}`);
    expect(thread.status).toBe(200);
    const { count, comments } = (await thread.json()) as {
      count: number;
      comments: Array<{ id: number; html: string }>;
    };
    expect(count).toBe(1);
    expect(comments[0]?.html).toContain('Written before the disk went read-only.');
    const counts = await fetch(`${address}/api/counts?url=${encodeURIComponent(url)}`);
    expect(await counts.json()).toEqual({ counts: { [url]: 1 } });
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const queue = await fetch(`${address}/api/admin/comments?status=approved`, { headers: admin });
    expect(queue.status).toBe(200);
    expect(((await queue.json()) as { comments: unknown[] }).comments).toHaveLength(1);

    const writes = [
      fetch(`${address}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(newComment({ url, body: 'Posted to a read-only disk.' })),
      }),
      fetch(`${address}/api/admin/comments/${comments[0]?.id}/spam`, {
        method: 'POST',
        headers: admin,
      }),
    ];
    for (const refused of await Promise.all(writes)) {
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('30');
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
        'storage_unavailable',
      );
    }
    expect(readdirSync(medium.dir)).toEqual(['comments.db']);
  }, 60_000);

  it('stops with one line when the start would have to write to it: a database never served', async (context) => {
    const medium = media.mountOrSkip(context);
    const path = join(medium.dir, 'comments.db');
    openDatabase(path).close();
    medium.makeReadOnly();
    const { code, stderr } = await runCommand(['serve'], {
      env: { DATABASE_PATH: path, PORT: '0', HOST: '127.0.0.1' },
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `Cannot start on the database ${path}: it is read-only, and this start has to write to it (the keys and admin token of a first start, or a changed ADMIN_PASSWORD). Start the server once with it writable, or set DATABASE_PATH to a writable copy.\n`,
    );
  }, 30_000);

  it('lists comments from the command line, and refuses a moderation in one line', async (context) => {
    const medium = media.mountOrSkip(context);
    const config = loadConfig({ DATABASE_PATH: join(medium.dir, 'comments.db') });
    openDatabase(config.databasePath).close();
    medium.makeReadOnly();
    const said: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line) => said.push(line));
    vi.spyOn(console, 'error').mockImplementation((line) => said.push(line));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runCli(['comments', 'list'], config)).toBe(0);
    expect(said).toEqual(['No pending comments.']);
    said.length = 0;
    expect(await runCli(['comments', 'spam', '1'], config)).toBe(1);
    expect(said).toEqual([
      `Cannot change the database ${config.databasePath}: it is read-only, so nothing was changed. Make it writable, or set DATABASE_PATH to a writable copy.`,
    ]);
  });
});
