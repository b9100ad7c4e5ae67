/**
 * What `leave-a-reply serve` tells the site owner as a real process: how to reach the dashboard
 * and set its password, and its logs on standard output.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_PASSWORD_NOTE } from '../../server/errors.ts';
import { type ServerProcess, useServerProcesses } from '../helpers/server-process.ts';

let dir: string | null = null;
let onTerminal: ChildProcess | null = null;

afterEach(() => {
  onTerminal?.kill('SIGKILL');
  onTerminal = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const servers = useServerProcesses();

/** Waits, however long a busy machine takes, until the server has printed `text`. */
async function printed(server: ServerProcess, text: string): Promise<string> {
  await vi.waitFor(() => expect(server.output()).toContain(text), {
    timeout: 50_000,
    interval: 20,
  });
  return server.output();
}

function start(env: Record<string, string> = {}): Promise<ServerProcess> {
  dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-start-'));
  return servers.start(dir, env);
}

async function postComment(server: ServerProcess): Promise<number> {
  const response = await fetch(`${server.address}/api/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      url: `${server.address}/posts/hello`,
      name: 'Ann Reader',
      email: 'ann@example.com',
      body: 'A first thought.',
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { comment: { id: number } }).comment.id;
}

const NO_DEFENCES = { MIN_SUBMIT_SECONDS: '0', FLOOD_SECONDS: '0', RATE_LIMIT_PER_MINUTE: '0' };

describe('the first start', () => {
  it('prints the dashboard address and, with no password set, how to set one', async () => {
    const server = await start();
    const output = await printed(server, 'Mail is off');
    const lines = output.split('\n');
    expect(lines).toContain(`Moderate comments in the dashboard: ${server.address}/admin`);
    expect(lines).toContain(NO_PASSWORD_NOTE);
    expect(NO_PASSWORD_NOTE).toContain('ADMIN_PASSWORD');
    expect(NO_PASSWORD_NOTE).toContain('leave-a-reply admin set-password');
    expect(output).toMatch(/^Leave a Reply is running at http:\/\/127\.0\.0\.1:\d+ \(database: /m);
  }, 60_000);

  it('names PUBLIC_URL in the dashboard address, and says nothing of passwords once one is set', async () => {
    const server = await start({
      ADMIN_PASSWORD: 'a long enough password',
      PUBLIC_URL: 'https://comments.example.com',
    });
    const output = await printed(server, 'Mail is off');
    expect(output.split('\n')).toContain(
      'Moderate comments in the dashboard: https://comments.example.com/admin',
    );
    expect(output).not.toContain('No dashboard password');
  }, 60_000);
});

describe('the logs of a running server', () => {
  it('are JSON lines when standard output is not a terminal', async () => {
    const server = await start(NO_DEFENCES);
    const id = await postComment(server);
    const output = await printed(server, 'Comment held for moderation');
    const line = output.split('\n').find((text) => text.includes('Comment held'));
    expect(JSON.parse(line as string)).toMatchObject({
      level: 30,
      msg: 'Comment held for moderation',
      comment: id,
      reason: 'first-time commenter',
    });
  }, 60_000);

  it('are readable lines with LOG_FORMAT=pretty', async () => {
    const server = await start({ ...NO_DEFENCES, LOG_FORMAT: 'pretty' });
    const id = await postComment(server);
    const output = await printed(server, 'Comment held for moderation');
    expect(output).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d INFO  Comment held for moderation  comment=${id} page=\\S+/posts/hello reason="first-time commenter"$`,
        'm',
      ),
    );
  }, 60_000);

  // util-linux's `script` runs the server on a pseudo-terminal, as a shell would. The shell it
  // starts ($SHELL, else sh) must give way to the server: dash would otherwise stay as the
  // server's parent and die of the Ctrl+C itself, whatever the server does with it.
  it.skipIf(!existsSync('/usr/bin/script'))(
    'are readable lines by default when standard output is a terminal',
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-start-'));
      const bin = fileURLToPath(new URL('../../server/bin.js', import.meta.url));
      const {
        LOG_FORMAT: _format,
        DATABASE_PATH: _path,
        SITE_ORIGINS: _sites,
        ...own
      } = process.env;
      const child = spawn(
        '/usr/bin/script',
        ['-qfec', `exec "${process.execPath}" "${bin}" serve`, '/dev/null'],
        {
          cwd: dir,
          env: { ...own, PORT: '0', HOST: '127.0.0.1' },
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      onTerminal = child;
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk;
      });
      await vi.waitFor(() => expect(output).toContain('Mail is off'), {
        timeout: 50_000,
        interval: 20,
      });
      expect(output).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INFO {2}Server listening at http:/m);
      expect(output).not.toContain('"level":');
      // Ctrl+C on the terminal: the server closes as it would in a shell.
      child.stdin.write('\x03');
      expect(await exited).toBe(0);
      onTerminal = null;
    },
    60_000,
  );
});
