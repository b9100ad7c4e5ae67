import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useServerProcesses } from '../helpers/server-process.ts';

let dir: string | null = null;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const servers = useServerProcesses();

describe('leave-a-reply serve', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves the demo, the widget and the API, then closes cleanly on %s',
    async (signal) => {
      dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-serve-'));
      const { address, stop } = await servers.start(dir);
      const database = join(dir, 'data', 'comments.db');
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

      expect(await stop(signal)).toEqual({ code: 0, signal: null });
      // The last connection to close checkpoints the write-ahead log and removes it.
      expect(existsSync(`${database}-wal`)).toBe(false);
    },
    60_000,
  );

  it('logs requests only when LOG_REQUESTS=true, and errors either way', async () => {
    dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-serve-'));
    const logged = async (env: Record<string, string>) => {
      const server = await servers.start(dir as string, env);
      let output = '';
      server.child.stdout?.on('data', (chunk) => {
        output += chunk;
      });
      await fetch(`${server.address}/api/health`);
      await server.stop();
      return output;
    };
    expect(await logged({ LOG_REQUESTS: 'true' })).toContain('"url":"/api/health"');
    expect(await logged({ LOG_REQUESTS: 'false' })).not.toContain('/api/health');
  }, 60_000);
});
