/**
 * Webhooks from the real `leave-a-reply serve` process: a delivery that failed before the server
 * stopped, and one queued by the command line while no server ran, both reach the receiver once
 * the server is started again, each under the webhook-id it was queued with.
 */
import { describe, expect, it } from 'vitest';
import { DEFENCES_OFF, newComment } from '../helpers/app.ts';
import { runCommand } from '../helpers/cli-process.ts';
import { runSqlAt, storageOf, useProcessDatabases } from '../helpers/scene.ts';
import { type ServerProcess, useServerProcesses } from '../helpers/server-process.ts';
import { useFolders } from '../helpers/test-apps.ts';
import { useWebhookReceivers, verifiedBody, WEBHOOK_SECRET } from '../helpers/webhook-receiver.ts';

const makeFolder = useFolders('webhook-restart');
const makeDatabase = useProcessDatabases();
const servers = useServerProcesses();
const startReceiver = useWebhookReceivers();

/** Resolves once the server has printed something that matches `pattern`. */
function printed(server: ServerProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!pattern.test(server.output())) return;
      server.child.stdout?.off('data', check);
      server.child.stderr?.off('data', check);
      resolve();
    };
    server.child.stdout?.on('data', check);
    server.child.stderr?.on('data', check);
    void server.exited.then(() => reject(new Error(`The server exited:\n${server.output()}`)));
    check();
  });
}

describe('webhooks across a restart', () => {
  it('delivers a failed delivery and one the command line queued once the server is back', async () => {
    const dir = makeFolder();
    const hook = await startReceiver();
    const env = {
      ...DEFENCES_OFF,
      MODERATION: 'none',
      ...(await makeDatabase(dir)),
      WEBHOOK_URLS: hook.url,
      WEBHOOK_SECRET,
    };

    hook.answerWith(503);
    const first = await servers.start(dir, env);
    await printed(first, /Webhooks \(standard\) go to 1 receiver, signed\./);
    const posted = await fetch(`${first.address}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(newComment()),
    });
    expect(posted.status).toBe(201);
    const { comment } = (await posted.json()) as { comment: { id: number } };
    await printed(
      first,
      /failed, trying again in 10 s: the webhook receiver at 127\.0\.0\.1:\d+ answered 503/,
    );
    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    // Ten seconds pass while the server is down: the next try is due when it comes back.
    const database = storageOf(env);
    expect(await runSqlAt(database, 'SELECT attempts, done_at FROM jobs')).toEqual([
      { attempts: 1, done_at: null },
    ]);
    await runSqlAt(database, 'UPDATE jobs SET next_attempt_at = ?', [new Date().toISOString()]);

    const spam = await runCommand(['comments', 'spam', String(comment.id)], { cwd: dir, env });
    expect(spam.code, spam.stderr).toBe(0);

    hook.answerWith(204);
    await servers.start(dir, env);
    const requests = await hook.waitForRequests(3);

    const types = requests.map((request) => (verifiedBody(request) as { type: string }).type);
    expect(types).toEqual(['comment.created', 'comment.created', 'comment.spam']);
    expect(requests.map((request) => request.status)).toEqual([503, 204, 204]);
    const [failed, retried, marked] = requests;
    expect(retried?.headers['webhook-id']).toBe(failed?.headers['webhook-id']);
    expect(retried?.body).toBe(failed?.body);
    expect(marked?.headers['webhook-id']).not.toBe(failed?.headers['webhook-id']);
    // Two server processes start and stop, and a command runs, one after another.
  }, 60_000);
});
