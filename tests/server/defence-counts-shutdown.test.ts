/**
 * The defences' counts of the real `leave-a-reply serve` process are in the database once it
 * has stopped on SIGTERM: written before the database closes, not lost with the process.
 */
import { describe, expect, it } from 'vitest';
import { DEFENCES_OFF, newComment } from '../helpers/app.ts';
import { runSqlAt, storageOf, useProcessDatabases } from '../helpers/scene.ts';
import { useServerProcesses } from '../helpers/server-process.ts';
import { useFolders } from '../helpers/test-apps.ts';

const makeFolder = useFolders('defence-counts-shutdown');
const makeDatabase = useProcessDatabases();
const servers = useServerProcesses();

describe('the defences’ counts when the server stops', () => {
  it('writes what was counted since the last write before the database closes', async () => {
    const dir = makeFolder();
    const env = { ...DEFENCES_OFF, ...(await makeDatabase(dir)) };
    const server = await servers.start(dir, env);
    const posted = await fetch(`${server.address}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(newComment({ homepage: 'https://bot.example' })),
    });
    expect(posted.status).toBe(201);
    // Well within the 5 s between writes: only the stop can have written it.
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(server.output()).not.toMatch(/Defence counts could not be written/);
    expect(
      await runSqlAt(storageOf(env), 'SELECT defence, outcome, count FROM defence_counts'),
    ).toEqual([{ defence: 'honeypot', outcome: 'stopped', count: 1 }]);
  });
});
