/**
 * The package as a site owner installs it: `npm pack`, then `npm install --omit=dev` of the
 * tarball into an empty folder, then `npx --no leave-a-reply serve` there and the installed
 * command from any other folder. The commands are read out of the Dockerfile, so that the image
 * is built the way this test proves to work.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCKERFILE = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
const run = promisify(execFile);
/** npm install compiles better-sqlite3 where no prebuilt binary can be fetched: a minute or two. */
const INSTALL_TIMEOUT_MS = 600_000;

/** The Dockerfile's instructions, continuation lines joined, comments left out. */
function instructions(): Array<{ name: string; text: string }> {
  return DOCKERFILE.replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [name = '', ...rest] = line.split(/\s+/);
      return { name: name.toUpperCase(), text: rest.join(' ').replace(/\s+/g, ' ') };
    });
}

/** The one RUN instruction of the Dockerfile that starts with or holds `marker`. */
function runInstruction(marker: string): string {
  const found = instructions().filter(({ name, text }) => name === 'RUN' && text.includes(marker));
  expect(found, `one RUN with "${marker}" in the Dockerfile`).toHaveLength(1);
  return (found[0] as { text: string }).text;
}

/** The environment of a command a site owner types: this test's npm run leaves nothing in it. */
function ownerEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (
      /^npm_/i.test(name) ||
      /^(DATABASE_PATH|ADMIN_TOKEN|SITE_ORIGINS|ADMIN_PASSWORD|DEMO)$/.test(name)
    )
      continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

function shell(command: string, cwd: string) {
  return run('sh', ['-c', command], {
    cwd,
    env: ownerEnvironment(),
    maxBuffer: 64 * 1024 * 1024,
    timeout: INSTALL_TIMEOUT_MS,
  });
}

interface Started {
  origin: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Starts a command that serves, in a process group of its own (npx runs the server as its
 * child: stopping the group stops both), and resolves with the address it prints.
 */
function startServing(command: string, args: string[], cwd: string, env: Record<string, string>) {
  const child = spawn(command, args, {
    cwd,
    env: ownerEnvironment({ PORT: '0', HOST: '127.0.0.1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null)
      process.kill(-(child.pid as number), 'SIGTERM');
    await exited;
  };
  return new Promise<Started>((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk;
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ origin: match[1], child, stop });
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    void exited.then(() => reject(new Error(`${command} exited before listening:\n${output}`)));
  });
}

describe('the package, installed from its tarball', () => {
  const work = mkdtempSync(join(tmpdir(), 'leave-a-reply-package-'));
  const installDir = join(work, 'opt', 'leave-a-reply');
  const elsewhere = join(work, 'elsewhere');
  const servers: Started[] = [];

  beforeAll(async () => {
    for (const dir of [installDir, elsewhere]) await run('mkdir', ['-p', dir]);
    // The Dockerfile packs in /src, the sources; here they are this checkout.
    await shell(runInstruction('npm pack'), ROOT);
    await shell(runInstruction('npm install --omit=dev').replaceAll('/src/', ROOT), installDir);
  }, INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    for (const tarball of readdirSync(ROOT).filter((name) => name.endsWith('.tgz')))
      rmSync(join(ROOT, tarball));
    rmSync(work, { recursive: true, force: true });
  });

  it('builds and installs with the commands of the Dockerfile, from an image of Node 24', () => {
    const steps = instructions();
    expect(steps.filter(({ name }) => name === 'FROM').map(({ text }) => text)).toEqual([
      'node:24-bookworm-slim AS build',
      'node:24-bookworm-slim',
    ]);
    expect(
      steps.some(({ name, text }) => name === 'RUN' && text === 'npm ci --no-audit --no-fund'),
    ).toBe(true);
    const user = steps.find(({ name }) => name === 'USER')?.text;
    expect(user).toBe('leave-a-reply');
    expect(steps.find(({ name }) => name === 'VOLUME')?.text).toBe('/data');
    expect(steps.find(({ name }) => name === 'HEALTHCHECK')?.text).toContain('/api/health');
  });

  it('holds only what runs: the build, the demo and the command, none of the tools that build', () => {
    const installed = join(installDir, 'node_modules');
    const own = join(installed, 'leave-a-reply');
    expect(readdirSync(own).sort()).toEqual([
      'README.md',
      'demo',
      'dist',
      'package.json',
      'server',
    ]);
    expect(readdirSync(join(own, 'server'))).toEqual(['bin.js']);
    expect(existsSync(join(own, 'dist', 'server.js'))).toBe(true);
    expect(existsSync(join(own, 'dist', 'widget', 'embed.js'))).toBe(true);
    for (const tool of ['esbuild', 'terser', 'tsx', 'typescript', 'typebox', 'vitest'])
      expect(existsSync(join(installed, tool)), tool).toBe(false);
  });

  it('serves the demo, the widget, the dashboard and the API with npx in its folder', async () => {
    const data = join(work, 'npx-data');
    const server = await startServing('npx', ['--no', 'leave-a-reply', 'serve'], installDir, {
      DATABASE_PATH: join(data, 'comments.db'),
      MIN_SUBMIT_SECONDS: '0',
      MODERATION: 'none',
    });
    servers.push(server);
    const page = await fetch(`${server.origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/embed.js');
    const script = await fetch(`${server.origin}/embed.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${server.origin}/admin`)).status).toBe(200);

    const url = `${server.origin}/posts/installed`;
    const posted = await fetch(`${server.origin}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify({ url, name: 'Ann', email: 'ann@example.com', body: 'Installed.' }),
    });
    expect(posted.status).toBe(201);
    const thread = (await (
      await fetch(`${server.origin}/api/comments?url=${encodeURIComponent(url)}`)
    ).json()) as {
      comments: Array<{ body?: string; html?: string }>;
    };
    expect(thread.comments).toHaveLength(1);
    expect(existsSync(join(data, 'comments.db'))).toBe(true);
  });

  it('runs the installed command from any folder, and answers the health check', async () => {
    const cmd = instructions().find(({ name }) => name === 'CMD')?.text ?? '';
    const [bin, ...args] = JSON.parse(cmd) as string[];
    const server = await startServing(
      (bin as string).replace('/opt/leave-a-reply/', `${installDir}/`),
      args,
      elsewhere,
      { DATABASE_PATH: join(work, 'elsewhere-data', 'comments.db') },
    );
    servers.push(server);
    expect((await fetch(`${server.origin}/embed.js`)).status).toBe(200);
    // The HEALTHCHECK as the image runs it, against this server's port.
    const health = instructions().find(({ name }) => name === 'HEALTHCHECK')?.text ?? '';
    const probe = JSON.parse(health.slice(health.indexOf('['))) as string[];
    const port = new URL(server.origin).port;
    const [node, ...probeArgs] = probe.map((part) =>
      part.replace('127.0.0.1:8080', `127.0.0.1:${port}`),
    );
    await expect(run(node as string, probeArgs)).resolves.toBeDefined();
  });

  it("says its version and each command's usage", async () => {
    const bin = join(installDir, 'node_modules', '.bin', 'leave-a-reply');
    const { stdout } = await run(bin, ['--version'], { cwd: elsewhere, env: ownerEnvironment() });
    expect(stdout.trim()).toBe(VERSION);
    const help = await run(bin, ['backup', '--help'], { cwd: elsewhere, env: ownerEnvironment() });
    expect(help.stdout).toContain('backup PATH');
    expect(existsSync(join(elsewhere, 'data'))).toBe(false);
  });
});
