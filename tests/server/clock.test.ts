/**
 * The server decides by one clock, the one handed to buildApp: an author's edit window, a
 * form's age, the flood guard, the lockout after wrong credentials, dashboard sessions, the
 * overview's days and the expiry of links in mail all follow it. Each test moves that clock
 * instead of waiting.
 */
import { describe, expect, it } from 'vitest';
import { newComment, type TestApp } from '../helpers/app.ts';
import { mailSettings, OWNER, pathOf, useSmtpServers } from '../helpers/mail.ts';
import {
  asAdmin,
  deleteOwnComment,
  editOwnComment,
  openSession,
  postComment,
  readThread,
  sendComment,
} from '../helpers/requests.ts';
import type { ReceivedMail } from '../helpers/smtp.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const smtpServers = useSmtpServers();
const start = useTestApps({ MODERATION: 'none' });

/** A clock that stands still until a test moves it. */
function standingClock(at = '2031-03-14T09:00:00.000Z') {
  let time = Date.parse(at);
  return {
    now: () => new Date(time),
    move: (ms: number) => {
      time += ms;
    },
  };
}

async function posted(test: TestApp, changes: object = {}, remoteAddress = '203.0.113.7') {
  const response = await postComment(test, changes, { remoteAddress });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { comment: { id: number }; token: string };
}

describe('an author’s edit window', () => {
  it('lets an author edit at minute N−1 and refuses after EDIT_WINDOW_MINUTES', async () => {
    const clock = standingClock();
    const test = await start({ EDIT_WINDOW_MINUTES: '15' }, { clock: clock.now });
    const { comment, token } = await posted(test);

    clock.move(14 * MINUTE);
    const edited = await editOwnComment(test, comment.id, token, 'A second thought.');
    expect(edited.statusCode, edited.body).toBe(200);

    clock.move(MINUTE + 1000);
    const late = await editOwnComment(test, comment.id, token, 'A third thought.');
    expect(late.statusCode).toBe(403);
    expect(late.json().error.code).toBe('edit_window_closed');
    const deleted = await deleteOwnComment(test, comment.id, token);
    expect(deleted.statusCode).toBe(403);
    expect(deleted.json().error.code).toBe('edit_window_closed');
    expect((await test.store.findComment(comment.id))?.body).toBe('A second thought.');
  });

  it('dates a comment and its edit by the clock', async () => {
    const clock = standingClock();
    const test = await start({}, { clock: clock.now });
    const { comment, token } = await posted(test);
    clock.move(5 * MINUTE);
    await editOwnComment(test, comment.id, token, 'Changed.');
    expect(await test.store.findComment(comment.id)).toMatchObject({
      created_at: '2031-03-14T09:00:00.000Z',
      edited_at: '2031-03-14T09:05:00.000Z',
    });
  });
});

describe('the flood guard', () => {
  it('lets a client post again once FLOOD_SECONDS have passed on the clock', async () => {
    const clock = standingClock();
    const test = await start({ FLOOD_SECONDS: '30' }, { clock: clock.now });
    await posted(test, { body: 'First.' });

    clock.move(29_000);
    const early = await postComment(test, { body: 'Second.' }, { remoteAddress: '203.0.113.7' });
    expect(early.statusCode).toBe(429);
    expect(early.json().error.code).toBe('flood');
    expect(early.headers['retry-after']).toBe('1');

    clock.move(1000);
    await posted(test, { body: 'Second.' });
  });
});

describe('the form’s signed timestamp', () => {
  it('is old enough after MIN_SUBMIT_SECONDS, and expired after four hours, on the clock', async () => {
    const clock = standingClock();
    const test = await start({ MIN_SUBMIT_SECONDS: '20' }, { clock: clock.now });
    const form = (await readThread(test)).json().form as string;

    const tooFast = await sendComment(test, newComment({ form, body: 'Quick.' }));
    expect(tooFast.json().error.code).toBe('too_fast');
    expect(tooFast.headers['retry-after']).toBe('20');

    clock.move(20_000);
    expect((await sendComment(test, newComment({ form, body: 'Considered.' }))).statusCode).toBe(
      201,
    );

    clock.move(4 * 60 * MINUTE);
    const expired = await sendComment(test, newComment({ form, body: 'Much later.' }));
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('form_expired');
  });
});

describe('the dashboard', () => {
  it('ends a lockout after fifteen minutes on the clock', async () => {
    const clock = standingClock();
    const test = await start({}, { clock: clock.now });
    const guess = () =>
      test.app.inject({
        method: 'GET',
        url: '/api/admin/counts',
        headers: { authorization: 'Bearer a-wrong-guess' },
        remoteAddress: '198.51.100.9',
      });
    for (let n = 0; n < 10; n++) expect((await guess()).statusCode).toBe(401);
    const locked = await guess();
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('900');

    clock.move(15 * MINUTE);
    expect((await guess()).statusCode).toBe(401);
  });

  it('ends a session after seven days on the clock', async () => {
    const clock = standingClock();
    const test = await start({ ADMIN_PASSWORD: 'a long enough password' }, { clock: clock.now });
    const { cookie } = await openSession(test, 'a long enough password');
    const session = () =>
      test.app.inject({ method: 'GET', url: '/api/admin/session', headers: { cookie } });

    clock.move(7 * DAY - MINUTE);
    expect((await session()).statusCode).toBe(200);
    clock.move(MINUTE);
    expect((await session()).statusCode).toBe(401);
  });

  it('counts the overview’s days up to the clock’s today', async () => {
    const clock = standingClock('2031-03-14T23:30:00.000Z');
    const test = await start({}, { clock: clock.now });
    await posted(test);
    const { perDay } = (await asAdmin(test, 'GET', '/overview')).json() as {
      perDay: { day: string; count: number }[];
    };
    expect(perDay).toHaveLength(90);
    expect(perDay.at(-1)).toEqual({ day: '2031-03-14', count: 1 });
    expect(perDay[0]?.day).toBe('2030-12-15');
  });
});

describe('a one-click link in mail', () => {
  /** A site that mails its owner a notice with moderation links for every comment. */
  async function siteWithNotice() {
    const clock = standingClock();
    const smtp = await smtpServers.start();
    const test = await start(
      { ...mailSettings(smtp.url), MODERATION: 'all' },
      { clock: clock.now, mail: { pollMs: 10 } },
    );
    const { comment } = await posted(test);
    const [notice] = await smtpServers.receivedBy(OWNER, 1);
    const link = (label: string) => {
      const found = new RegExp(`${label}: (\\S+)`).exec((notice as ReceivedMail).mail.text ?? '');
      return pathOf(found?.[1] as string);
    };
    return { test, clock, id: comment.id, link };
  }

  /** What a mail client's one-click POST (RFC 8058) sends. */
  function oneClick(test: TestApp, url: string) {
    return test.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
  }

  it('works for seven days and has expired after them', async () => {
    const { test, clock, id, link } = await siteWithNotice();

    clock.move(7 * DAY - MINUTE);
    expect((await oneClick(test, link('Approve'))).statusCode).toBe(200);
    expect((await test.store.findComment(id))?.status).toBe('approved');

    clock.move(MINUTE);
    const expired = await oneClick(test, link('Trash'));
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This link has expired');
    expect((await test.store.findComment(id))?.status).toBe('approved');
  });
});
