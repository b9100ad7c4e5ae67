import { describe, expect, it } from 'vitest';
import { DEFENCES } from '../../shared/defences.ts';
import { newComment, type TestApp } from '../helpers/app.ts';
import { asAdmin, PAGE, readThread, sendComment } from '../helpers/requests.ts';
import { useFolders, useTestApps } from '../helpers/test-apps.ts';

const folder = useFolders('defence-counts-');
const setUp = useTestApps({ MODERATION: 'none' });

async function defences(test: TestApp): Promise<Record<string, { stopped: number; held: number }>> {
  const response = await asAdmin(test, 'GET', '/overview');
  expect(response.statusCode, response.body).toBe(200);
  return response.json().defences;
}

/** Every defence at zero but `changes`. */
function counts(changes: Record<string, { stopped?: number; held?: number }>) {
  return Object.fromEntries(
    DEFENCES.map((defence) => [defence, { stopped: 0, held: 0, ...changes[defence] }]),
  );
}

describe('the overview’s count of what each defence stopped or held', () => {
  it('starts at zero for every defence', async () => {
    const test = await setUp();
    expect(await defences(test)).toEqual(counts({}));
  });

  it('counts the honeypot, the form’s timing, flood control and the block lists, each once per post', async () => {
    const test = await setUp({ FLOOD_SECONDS: '60', BLOCK_EMAILS: 'spammer@example.com' });
    const from = (ip: string) => ({ remoteAddress: ip });
    expect(
      (await sendComment(test, newComment({ homepage: 'x' }), from('192.0.2.1'))).statusCode,
    ).toBe(201);
    expect(
      (await sendComment(test, newComment({ body: 'One' }), from('192.0.2.2'))).statusCode,
    ).toBe(201);
    expect(
      (await sendComment(test, newComment({ body: 'Two' }), from('192.0.2.2'))).json().error.code,
    ).toBe('flood');
    const blocked = newComment({ email: 'spammer@example.com', body: 'Buy' });
    expect((await sendComment(test, blocked, from('192.0.2.3'))).json().error.code).toBe('blocked');
    // A refusal that is no defence's work is not counted.
    expect((await sendComment(test, newComment({ body: '' }), from('192.0.2.4'))).statusCode).toBe(
      400,
    );
    expect(await defences(test)).toEqual(
      counts({ honeypot: { stopped: 1 }, flood: { stopped: 1 }, blocklist: { stopped: 1 } }),
    );
  });

  it('counts a post without the form’s token, and one sent too soon, as the timing’s', async () => {
    const test = await setUp({ MIN_SUBMIT_SECONDS: '30' });
    expect((await sendComment(test, newComment())).json().error.code).toBe('form_unverified');
    const form = (await readThread(test)).json().form as string;
    expect((await sendComment(test, newComment({ form }))).json().error.code).toBe('too_fast');
    expect((await defences(test)).timing).toEqual({ stopped: 2, held: 0 });
  });

  it('counts comments held for their links and for hold words as held', async () => {
    const test = await setUp({
      MAX_LINKS: '1',
      HOLD_WORDS: 'casino',
      HOLD_EMAILS: 'odd@example.com',
    });
    const links = newComment({ body: 'See https://a.example and https://b.example' });
    expect((await sendComment(test, links)).json().comment.status).toBe('pending');
    expect(
      (await sendComment(test, newComment({ body: 'Best casino' }))).json().comment.status,
    ).toBe('pending');
    const odd = newComment({ email: 'odd@example.com', body: 'Hello' });
    expect((await sendComment(test, odd)).json().comment.status).toBe('pending');
    expect((await sendComment(test, newComment({ body: 'Fine' }))).json().comment.status).toBe(
      'approved',
    );
    expect(await defences(test)).toEqual(
      counts({ links: { held: 1 }, words: { held: 1 }, blocklist: { held: 1 } }),
    );
  });

  it('counts each request the rate limit refuses, from the widget and from the page without JavaScript', async () => {
    const test = await setUp({ RATE_LIMIT_PER_MINUTE: '1' });
    await sendComment(test, newComment({ body: 'First' }));
    expect((await sendComment(test, newComment({ body: 'Second' }))).statusCode).toBe(429);
    expect((await sendComment(test, newComment({ body: 'Third' }))).statusCode).toBe(429);
    const form = new URLSearchParams({
      url: PAGE,
      name: 'Ann',
      email: 'ann@example.com',
      body: 'Hi',
    });
    const thread = () =>
      test.app.inject({
        method: 'POST',
        url: '/thread',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form.toString(),
        remoteAddress: '198.51.100.9',
      });
    await thread();
    expect((await thread()).statusCode).toBe(429);
    expect((await defences(test)).rate_limit).toEqual({ stopped: 3, held: 0 });
  });

  it('keeps the counts over a restart', async () => {
    const dir = folder();
    const first = await setUp({}, { dir });
    await sendComment(first, newComment({ homepage: 'bot' }));
    await first.close();
    const again = await setUp({}, { dir });
    expect((await defences(again)).honeypot).toEqual({ stopped: 1, held: 0 });
  });

  it('shows the last 90 days only', async () => {
    let now = new Date('2026-01-01T12:00:00Z');
    const dir = folder();
    const first = await setUp({}, { dir, clock: () => now });
    await sendComment(first, newComment({ homepage: 'bot' }));
    now = new Date('2026-02-15T12:00:00Z');
    await sendComment(first, newComment({ homepage: 'bot', body: 'Again' }));
    await first.close();
    now = new Date('2026-04-05T12:00:00Z');
    const later = await setUp({}, { dir, clock: () => now });
    // 2026-01-01 is 94 days before 2026-04-05: out of the window; 2026-02-15 is in it.
    expect((await defences(later)).honeypot).toEqual({ stopped: 1, held: 0 });
  });
});
