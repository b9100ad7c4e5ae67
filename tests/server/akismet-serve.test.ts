/**
 * Akismet in `leave-a-reply serve` itself: the process says it is on, holds a comment Akismet
 * failed to judge, and its own job worker asks again and publishes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AkismetServer, startAkismetServer } from '../helpers/akismet-server.ts';
import { DEFENCES_OFF, newComment } from '../helpers/app.ts';
import { useServerProcesses } from '../helpers/server-process.ts';

const KEY = 'a1b2c3d4e5f6';
let dir: string | null = null;
let akismet: AkismetServer | null = null;

afterEach(async () => {
  await akismet?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = akismet = null;
});

const servers = useServerProcesses();

describe('Akismet in the server process', () => {
  it('holds a comment Akismet failed to judge, and publishes it once the worker’s re-check answers', async () => {
    dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-akismet-'));
    akismet = await startAkismetServer(KEY);
    const server = await servers.start(dir, {
      ...DEFENCES_OFF,
      MODERATION: 'none',
      DATABASE_PATH: join(dir, 'comments.db'),
      AKISMET_KEY: KEY,
      AKISMET_SITE: 'http://localhost:8080',
      AKISMET_URL: akismet.url,
    });
    const said = `Akismet checks new comments, as http://localhost:8080, at ${akismet.url}.`;
    await vi.waitFor(() => expect(server.output()).toContain(said));
    akismet.checks = 'fail';
    const posting = fetch(`${server.address}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Reader/1.0' },
      body: JSON.stringify(newComment()),
    });
    await akismet.waitFor('comment-check');
    akismet.checks = 'answer';
    const response = await posting;
    expect(response.status).toBe(201);
    const { comment } = (await response.json()) as { comment: { id: number; status: string } };
    expect(comment.status).toBe('pending');

    const thread = `${server.address}/api/comments?url=${encodeURIComponent(newComment().url)}`;
    await vi.waitFor(
      async () => {
        const { comments } = (await (await fetch(thread)).json()) as { comments: { id: number }[] };
        expect(comments.map((shown) => shown.id)).toEqual([comment.id]);
      },
      { timeout: 10_000, interval: 50 },
    );
    const [, recheck] = akismet.requestsTo('comment-check');
    expect(recheck?.fields).toMatchObject({ user_ip: '127.0.0.1', user_agent: 'Reader/1.0' });
  });
});
