/**
 * A stream of wrong passwords must not stop the server: each scrypt check runs off the event
 * loop. The measure is relative, not a time: the loop's longest stall while twenty checks run,
 * against how long one check takes. A check on the event loop stalls it for a whole check.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/requests.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const setUp = useTestApps();

describe('checking passwords', () => {
  it('never stalls the event loop for as long as one check takes while twenty wrong passwords are checked', async () => {
    const test = await setUp({ ADMIN_PASSWORD: 'correct horse battery staple' });
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const statuses: number[] = [];
    // How long one check takes, measured as each sign-in's own time: on a busy machine checks
    // take longer, and the event loop's stalls may too.
    const checkMs: number[] = [];
    loop.enable();
    // One after the other, each from its own address: past no client's rate limit or lockout,
    // so that every one of the twenty is checked.
    for (let i = 1; i <= 20; i++) {
      const started = performance.now();
      const answer = await signIn(test, `wrong guess ${i}`, { remoteAddress: `203.0.113.${i}` });
      checkMs.push(performance.now() - started);
      statuses.push(answer.statusCode);
    }
    loop.disable();

    expect(statuses).toEqual(Array(20).fill(401));
    // A check on the event loop stalls it for the whole check; one on libuv's threads, for
    // none of it. The quarter left is the margin for a busy machine's scheduling.
    const oneCheckMs = checkMs.sort((a, b) => a - b)[checkMs.length / 2] as number;
    expect(loop.max / 1e6).toBeLessThan(0.75 * oneCheckMs);
  }, 60_000);
});
