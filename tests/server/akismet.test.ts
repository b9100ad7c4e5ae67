/**
 * Akismet, against a local server that speaks its REST API 1.1: each new comment is checked
 * before it is answered; spam is stored as spam, a good comment judged as before; a comment
 * Akismet could not judge is held and checked again from the job queue; the site owner's marks
 * are reported back; the dashboard shows the verdict.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { type AkismetServer, SPAM_AUTHOR, startAkismetServer } from '../helpers/akismet-server.ts';
import { newComment, type TestApp } from '../helpers/app.ts';
import { MAIL_WAIT, mailSettings, OWNER, useSmtpServers } from '../helpers/mail.ts';
import { asAdmin, postComment, readThread, runCliQuietly } from '../helpers/requests.ts';
import { standingClock } from '../helpers/standing-clock.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const KEY = 'a1b2c3d4e5f6';
const SITE = 'http://localhost:8080';

const servers: AkismetServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});
const smtp = useSmtpServers();
const setUp = useTestApps();

/** An app whose Akismet is the local server, with its job worker running. */
async function withAkismet(env: Record<string, string> = {}, now?: () => Date, mail = false) {
  const akismet = await startAkismetServer(KEY);
  servers.push(akismet);
  const test = await setUp(
    { AKISMET_KEY: KEY, AKISMET_SITE: SITE, AKISMET_URL: akismet.url, ...env },
    {
      jobs: { pollMs: 20 },
      ...(now ? { clock: now } : {}),
      ...(mail ? { mail: { pollMs: 10 } } : {}),
    },
  );
  return { test, akismet };
}

const FROM_BROWSER = {
  remoteAddress: '203.0.113.7',
  headers: {
    'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0',
    referer: 'http://localhost:8080/posts/hello',
  },
};

async function post(test: TestApp, changes: object = {}) {
  const response = await postComment(test, changes, FROM_BROWSER);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { comment: { id: number; status: string }; token: string };
}

async function dashboardComment(test: TestApp, id: number, status: string) {
  const response = await asAdmin(test, 'GET', `/comments?status=${status}`);
  expect(response.statusCode).toBe(200);
  return (response.json().comments as { id: number; akismet: string | null }[]).find(
    (comment) => comment.id === id,
  );
}

function statusOf(test: TestApp, id: number): string | undefined {
  return (
    test.db.prepare('SELECT status FROM comments WHERE id = ?').get(id) as
      | { status: string }
      | undefined
  )?.status;
}

describe('Akismet settings', () => {
  it('is off unless both AKISMET_KEY and AKISMET_SITE are set, and refuses one without the other', () => {
    expect(loadConfig({}).akismet).toBeNull();
    expect(loadConfig({ AKISMET_KEY: KEY, AKISMET_SITE: SITE }).akismet).toEqual({
      key: KEY,
      site: SITE,
      url: 'https://rest.akismet.com',
    });
    expect(() => loadConfig({ AKISMET_KEY: KEY })).toThrow(
      /AKISMET_KEY is set without AKISMET_SITE/,
    );
    expect(() => loadConfig({ AKISMET_SITE: SITE })).toThrow(
      /AKISMET_SITE is set without AKISMET_KEY/,
    );
    expect(() => loadConfig({ AKISMET_KEY: KEY, AKISMET_SITE: 'blog' })).toThrow(
      /AKISMET_SITE must/,
    );
  });
});

describe('checking a new comment', () => {
  it('stores a comment Akismet calls spam as spam, and its author sees it awaiting moderation', async () => {
    const { test } = await withAkismet({ MODERATION: 'none' });
    const { comment, token } = await post(test, { name: SPAM_AUTHOR });
    expect(comment.status).toBe('pending');
    expect(statusOf(test, comment.id)).toBe('spam');
    expect((await readThread(test)).json().comments).toEqual([]);
    expect(await dashboardComment(test, comment.id, 'spam')).toMatchObject({ akismet: 'spam' });
    // Later too: the widget asks for its author's comments with their tokens.
    const own = await test.app.inject({
      method: 'POST',
      url: '/api/comments/own',
      payload: { tokens: [token] },
    });
    expect(own.json().comments).toMatchObject([{ id: comment.id, status: 'pending' }]);
  });

  it('judges a comment Akismet calls good as the policy does: published, or held for a first-timer', async () => {
    const open = await withAkismet({ MODERATION: 'none' });
    const published = await post(open.test);
    expect(published.comment.status).toBe('approved');
    expect(await dashboardComment(open.test, published.comment.id, 'approved')).toMatchObject({
      akismet: 'ham',
    });

    const firstTime = await withAkismet();
    const held = await post(firstTime.test);
    expect(held.comment.status).toBe('pending');
    expect(statusOf(firstTime.test, held.comment.id)).toBe('pending');
  });

  it('sends the documented fields, with the client’s address, user agent and referrer', async () => {
    const { test, akismet } = await withAkismet({ MODERATION: 'none' });
    await post(test, { website: 'https://ann.example.com', body: 'A first *thought*.' });
    const [check] = akismet.requestsTo('comment-check');
    expect(check?.fields).toMatchObject({
      api_key: KEY,
      blog: SITE,
      user_ip: '203.0.113.7',
      user_agent: FROM_BROWSER.headers['user-agent'],
      referrer: FROM_BROWSER.headers.referer,
      permalink: newComment().url,
      comment_type: 'comment',
      comment_author: 'Ann Reader',
      comment_author_email: 'ann@example.com',
      comment_author_url: 'https://ann.example.com',
      comment_content: 'A first *thought*.',
      blog_charset: 'UTF-8',
      blog_lang: 'en',
    });
    expect(check?.fields.comment_date_gmt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(check?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it('checks a comment from the page without JavaScript the same way', async () => {
    const { test, akismet } = await withAkismet({ MODERATION: 'none' });
    const response = await test.app.inject({
      method: 'POST',
      url: '/thread',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...FROM_BROWSER.headers },
      remoteAddress: FROM_BROWSER.remoteAddress,
      payload: new URLSearchParams({
        url: newComment().url,
        name: SPAM_AUTHOR,
        email: 'bot@example.com',
        body: 'Cheap pills',
      }).toString(),
    });
    expect(response.statusCode).toBeLessThan(400);
    const [check] = akismet.requestsTo('comment-check');
    expect(check?.fields).toMatchObject({ user_ip: '203.0.113.7', comment_content: 'Cheap pills' });
    const id = test.db.prepare('SELECT id FROM comments').pluck().get() as number;
    expect(statusOf(test, id)).toBe('spam');
  });

  it('never asks Akismet about a bot that fills the honeypot', async () => {
    const { test, akismet } = await withAkismet({ MODERATION: 'none' });
    const response = await postComment(test, { homepage: 'https://bot.example' }, FROM_BROWSER);
    expect(response.statusCode).toBe(201);
    await post(test, { body: 'A real one.' });
    expect(akismet.requestsTo('comment-check')).toHaveLength(1);
    expect(akismet.requestsTo('comment-check')[0]?.fields.comment_content).toBe('A real one.');
  });

  it('never asks Akismet about the site owner’s reply', async () => {
    const { test, akismet } = await withAkismet({ MODERATION: 'none' });
    const { comment } = await post(test);
    const reply = await asAdmin(test, 'POST', `/comments/${comment.id}/reply`, { body: 'Thanks!' });
    expect(reply.statusCode).toBe(201);
    expect(akismet.requestsTo('comment-check')).toHaveLength(1);
    expect(reply.json().comment.akismet).toBeNull();
  });

  it('asks nobody while Akismet is off', async () => {
    const akismet = await startAkismetServer(KEY);
    servers.push(akismet);
    const test = await setUp({ AKISMET_URL: akismet.url, MODERATION: 'none' });
    const { comment } = await post(test);
    expect(comment.status).toBe('approved');
    expect(akismet.requests).toEqual([]);
    expect(await dashboardComment(test, comment.id, 'approved')).toMatchObject({ akismet: null });
  });
});

describe('when Akismet cannot answer', () => {
  it('holds a comment past the 3 s timeout, then the queue checks it again and publishes it', async () => {
    const { test, akismet } = await withAkismet({ MODERATION: 'none' });
    akismet.checks = 'hang';
    const posting = post(test);
    await akismet.waitFor('comment-check');
    akismet.checks = 'answer';
    const { comment } = await posting;
    expect(comment.status).toBe('pending');
    await vi.waitFor(() => expect(statusOf(test, comment.id)).toBe('approved'), {
      timeout: 10_000,
    });
    const [, recheck] = await akismet.waitFor('comment-check', 2);
    expect(recheck?.fields).toMatchObject({
      user_ip: '203.0.113.7',
      user_agent: FROM_BROWSER.headers['user-agent'],
      comment_author: 'Ann Reader',
    });
    expect(recheck?.fields.recheck_reason).toBeTruthy();
    expect(await dashboardComment(test, comment.id, 'approved')).toMatchObject({ akismet: 'ham' });
    expect((await readThread(test)).json().comments.map((c: { id: number }) => c.id)).toEqual([
      comment.id,
    ]);
  }, 20_000);

  it('holds a comment on an HTTP 500 as unchecked, and marks it spam once Akismet answers on a later try', async () => {
    const clock = standingClock();
    const { test, akismet } = await withAkismet({ MODERATION: 'none' }, clock.clock);
    akismet.checks = 'fail';
    const { comment } = await post(test, { name: SPAM_AUTHOR });
    expect(comment.status).toBe('pending');
    expect(statusOf(test, comment.id)).toBe('pending');
    expect(await dashboardComment(test, comment.id, 'pending')).toMatchObject({
      akismet: 'unchecked',
    });
    // The queue's first try meets the same failure, and waits for the next on the schedule.
    await vi.waitFor(() =>
      expect(
        test.db.prepare("SELECT attempts, last_error FROM jobs WHERE kind = 'akismet-check'").get(),
      ).toMatchObject({ attempts: 1, last_error: expect.stringMatching(/HTTP 500/) }),
    );
    expect(statusOf(test, comment.id)).toBe('pending');
    akismet.checks = 'answer';
    clock.moveOn(10_000);
    test.jobs?.worker?.wake();
    await vi.waitFor(() => expect(statusOf(test, comment.id)).toBe('spam'));
    expect(await dashboardComment(test, comment.id, 'spam')).toMatchObject({ akismet: 'spam' });
  });

  it('tells mail of a comment its re-check publishes: the address confirmation goes out then', async () => {
    const mailServer = await smtp.start();
    const { test, akismet } = await withAkismet(mailSettings(mailServer.url), undefined, true);
    akismet.checks = (fields) => (fields.recheck_reason ? 'answer' : 'fail');
    const { comment } = await post(test, { notify: true });
    expect(comment.status).toBe('pending');
    await vi.waitFor(() => expect(statusOf(test, comment.id)).toBe('approved'), MAIL_WAIT);
    const [confirmation] = await smtp.receivedBy('ann@example.com', 1);
    expect(confirmation?.mail.subject).toMatch(/confirm/i);
  });

  it('mails the site owner about a good comment, and not about spam', async () => {
    const mailServer = await smtp.start();
    const { test } = await withAkismet(mailSettings(mailServer.url), undefined, true);
    await post(test, { name: SPAM_AUTHOR, body: 'Cheap pills.' });
    await post(test, { body: 'A real thought.' });
    const [notice] = await smtp.receivedBy(OWNER, 1);
    expect(notice?.mail.text).toContain('A real thought.');
    await test.mail?.worker?.whenIdle();
    expect(smtp.mailTo(OWNER)).toHaveLength(1);
  });

  it('holds a comment when Akismet does not know the key, and logs its debug help', async () => {
    const { test } = await withAkismet({ MODERATION: 'none', AKISMET_KEY: 'wrong-key' });
    const { comment } = await post(test);
    expect(comment.status).toBe('pending');
    expect(test.logs.join('\n')).toMatch(/invalid.*unable to parse your blog URI/);
  });

  it('leaves the site owner’s decision when they moderated the comment before the re-check', async () => {
    const clock = standingClock();
    const { test, akismet } = await withAkismet({ MODERATION: 'none' }, clock.clock);
    akismet.checks = 'fail';
    const { comment } = await post(test, { name: SPAM_AUTHOR });
    await vi.waitFor(() =>
      expect(test.db.prepare('SELECT attempts FROM jobs').get()).toMatchObject({ attempts: 1 }),
    );
    expect((await asAdmin(test, 'POST', `/comments/${comment.id}/approve`)).statusCode).toBe(200);
    akismet.checks = 'answer';
    clock.moveOn(10_000);
    test.jobs?.worker?.wake();
    await vi.waitFor(() =>
      expect(test.db.prepare('SELECT done_at FROM jobs').get()).toMatchObject({
        done_at: expect.any(String),
      }),
    );
    expect(statusOf(test, comment.id)).toBe('approved');
    // Akismet took it for spam; the owner, who approved it, has the last word, and it hears so.
    await akismet.waitFor('submit-ham');
    expect(akismet.requestsTo('submit-spam')).toEqual([]);
  });
});

describe('the site owner’s feedback', () => {
  it('sends submit-spam once when a comment is marked spam, and submit-ham once when it leaves spam', async () => {
    const { test, akismet } = await withAkismet({ MODERATION: 'none' });
    const { comment } = await post(test);
    expect((await asAdmin(test, 'POST', `/comments/${comment.id}/spam`)).statusCode).toBe(200);
    const [spam] = await akismet.waitFor('submit-spam');
    expect(spam?.fields).toMatchObject({
      api_key: KEY,
      blog: SITE,
      user_ip: '203.0.113.7',
      user_agent: FROM_BROWSER.headers['user-agent'],
      comment_author: 'Ann Reader',
      comment_content: 'A first thought.',
    });

    expect((await asAdmin(test, 'POST', `/comments/${comment.id}/restore`)).statusCode).toBe(200);
    const [ham] = await akismet.waitFor('submit-ham');
    expect(ham?.fields).toMatchObject({ user_ip: '203.0.113.7', comment_author: 'Ann Reader' });
    await test.jobs?.worker?.whenIdle();
    expect(akismet.requestsTo('submit-spam')).toHaveLength(1);
    expect(akismet.requestsTo('submit-ham')).toHaveLength(1);
  });

  it('sends submit-ham when a comment Akismet called spam is approved, and nothing for its own verdict', async () => {
    const { test, akismet } = await withAkismet({ MODERATION: 'none' });
    const { comment } = await post(test, { name: SPAM_AUTHOR });
    expect((await asAdmin(test, 'POST', `/comments/${comment.id}/approve`)).statusCode).toBe(200);
    await akismet.waitFor('submit-ham');
    await test.jobs?.worker?.whenIdle();
    expect(akismet.requestsTo('submit-spam')).toEqual([]);
    expect(akismet.requestsTo('submit-ham')).toHaveLength(1);
  });

  it('reports a comment marked spam from the command line, sent by the server’s queue', async () => {
    const { test, akismet } = await withAkismet({ MODERATION: 'none' });
    const { comment } = await post(test);
    const cli = await runCliQuietly(['comments', 'spam', String(comment.id)], test.config);
    expect(cli.code).toBe(0);
    const [spam] = await akismet.waitFor('submit-spam');
    expect(spam?.fields).toMatchObject({ user_ip: '203.0.113.7', comment_author: 'Ann Reader' });
  });

  it('keeps no address for feedback with STORE_IP=false, and sends none', async () => {
    const { test, akismet } = await withAkismet({ MODERATION: 'none', STORE_IP: 'false' });
    const { comment } = await post(test);
    expect(test.db.prepare('SELECT count(*) AS n FROM akismet_facts').get()).toEqual({ n: 0 });
    expect((await asAdmin(test, 'POST', `/comments/${comment.id}/spam`)).statusCode).toBe(200);
    await test.jobs?.worker?.whenIdle();
    expect(akismet.requestsTo('submit-spam')).toEqual([]);
  });

  it('exports the kept address with its author’s data, and forgets it with the comment and with the erasure of the email', async () => {
    const { test } = await withAkismet({ MODERATION: 'none' });
    const first = await post(test);
    // A reply keeps the first comment's row as a placeholder when it is deleted.
    await post(test, {
      name: 'Ben',
      email: 'ben@example.com',
      body: 'Another.',
      parent: first.comment.id,
    });
    const facts = () =>
      test.db.prepare('SELECT comment_id FROM akismet_facts ORDER BY comment_id').pluck().all();
    expect(facts()).toHaveLength(2);
    const exported = await asAdmin(test, 'GET', '/data?email=ann@example.com');
    expect(exported.json().comments).toMatchObject([
      {
        id: first.comment.id,
        akismet: {
          verdict: 'ham',
          ip: '203.0.113.7',
          userAgent: FROM_BROWSER.headers['user-agent'],
          referrer: FROM_BROWSER.headers.referer,
        },
      },
    ]);
    expect((await asAdmin(test, 'DELETE', `/comments/${first.comment.id}`)).statusCode).toBe(204);
    expect(statusOf(test, first.comment.id)).toBe('deleted');
    expect(facts()).toHaveLength(1);
    const erased = await asAdmin(test, 'DELETE', '/data?email=ben@example.com');
    expect(erased.statusCode).toBe(200);
    expect(facts()).toEqual([]);
  });
});
