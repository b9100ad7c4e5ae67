import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../server/bin.js', import.meta.url));

let child: ChildProcess | null = null;
let dir: string | null = null;

afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts `leave-a-reply serve` in a fresh folder; resolves with its address once it listens. */
function serve(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-serve-'));
  const { DATABASE_PATH: _ignored, ...env } = process.env;
  child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: dir,
    env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_REQUESTS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk;
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child?.stdout?.on('data', collect);
    child?.stderr?.on('data', collect);
    child?.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
}

function exitCode(process: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => process.on('exit', (code) => resolve(code)));
}

describe('leave-a-reply serve', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves the demo, the widget and the API, then closes cleanly on %s',
    async (signal) => {
      const address = await serve();
      const database = join(dir as string, 'data', 'comments.db');
      expect(existsSync(database)).toBe(true);

      const [page, script, health] = await Promise.all([
        fetch(`${address}/`),
        fetch(`${address}/embed.js`),
        fetch(`${address}/api/health`),
      ]);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script src="/embed.js" async></script>');
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      expect(await script.text()).toContain('LeaveAReply');
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });

      const exited = exitCode(child as ChildProcess);
      child?.kill(signal);
      expect(await exited).toBe(0);
      // The last connection to close checkpoints the write-ahead log and removes it.
      expect(existsSync(`${database}-wal`)).toBe(false);
    },
    60_000,
  );
});
