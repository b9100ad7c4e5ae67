import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { MAX_ATTEMPTS } from '../../server/mail/queue.ts';
import type { TestApp } from '../helpers/app.ts';
import { closedSmtpPort, MAIL_WAIT, OWNER, useSmtpServers } from '../helpers/mail.ts';
import { asAdmin, postComment, readThread } from '../helpers/requests.ts';
import { runSql } from '../helpers/scene.ts';
import { SMTP_USER } from '../helpers/smtp.ts';
import { useTestApps } from '../helpers/test-apps.ts';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

// Mail runs on a fake clock, so that a failed mail is tried again only when a test says so.
let clock = 0;
const now = () => new Date(clock);
const smtpServers = useSmtpServers();
const setUp = useTestApps({ METRICS_TOKEN, MODERATION: 'none' });

/** An app with mail on, sending through `smtpUrl` on the fake clock. */
async function setUpWithMail(smtpUrl: string): Promise<TestApp> {
  clock = Date.now();
  return setUp(
    { SMTP_URL: smtpUrl, NOTIFY_EMAIL: OWNER },
    { mail: { now, pollMs: 10, log: () => {} } },
  );
}

function scrape(test: TestApp, authorization = `Bearer ${METRICS_TOKEN}`) {
  return test.app.inject({ method: 'GET', url: '/metrics', headers: { authorization } });
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads Prometheus's text format: one sample per line that is not a comment. */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`Not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[name as string] = value as string;
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample named so whose labels include `labels`; undefined when none. */
function sampleValue(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = samples.filter(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match`);
  return found[0]?.value;
}

async function metricsOf(test: TestApp): Promise<Sample[]> {
  const response = await scrape(test);
  expect(response.statusCode, response.body).toBe(200);
  return parseMetrics(response.body);
}

describe('GET /metrics without METRICS_TOKEN', () => {
  it('is unknown, like any other address: 404 with the usual error body', async () => {
    const test = await setUp({ METRICS_TOKEN: '' });
    const response = await scrape(test);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('adds no hook to a reader’s request', async () => {
    const off = await setUp({ METRICS_TOKEN: '' });
    const on = await setUp();
    await off.app.ready();
    await on.app.ready();
    const hooksOf = (test: TestApp) => test.app.printRoutes({ includeHooks: true });
    expect(hooksOf(off)).not.toMatch(/onResponse/);
    expect(hooksOf(on)).toMatch(/onResponse/);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  it('refuses a scrape without the token or with a wrong one: 401, WWW-Authenticate: Bearer', async () => {
    const test = await setUp();
    const refusals = [
      await test.app.inject({ method: 'GET', url: '/metrics' }),
      await scrape(test, 'Bearer wrong-token-0123456789abcdef'),
      await scrape(test, `Bearer ${METRICS_TOKEN.slice(0, -1)}`),
      await scrape(test, `Basic ${Buffer.from(`x:${METRICS_TOKEN}`).toString('base64')}`),
      await scrape(test, `Bearer ${METRICS_TOKEN.replace('metrics', 'admin')}`),
    ];
    for (const response of refusals) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.json()).toEqual({
        error: {
          code: 'unauthorized',
          message: 'This needs the metrics token, sent as "Authorization: Bearer METRICS_TOKEN".',
        },
      });
      expect(response.body).not.toMatch(/leave_a_reply_|process_cpu/);
    }
  });

  it('answers the token with Prometheus text that no cache may keep, with process metrics', async () => {
    const test = await setUp();
    const response = await scrape(test);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers['cache-control']).toBe('no-store');
    const samples = parseMetrics(response.body);
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ])
      expect(sampleValue(samples, name), name).toBeGreaterThanOrEqual(0);
  });

  it('counts requests under their route pattern and status, never their address', async () => {
    const test = await setUp();
    expect((await readThread(test)).statusCode).toBe(200);
    expect((await readThread(test)).statusCode).toBe(200);
    expect((await postComment(test, { email: 'not an address' })).statusCode).toBe(400);
    const unknown = await test.app.inject({ method: 'GET', url: '/secret-page-of-ann?id=42' });
    expect(unknown.statusCode).toBe(404);
    const approve = await asAdmin(test, 'POST', '/comments/4711/approve');
    expect(approve.statusCode).toBe(404);

    const response = await scrape(test);
    const samples = parseMetrics(response.body);
    const requests = 'leave_a_reply_http_requests_total';
    expect(
      sampleValue(samples, requests, { method: 'GET', route: '/api/comments', status: '200' }),
    ).toBe(2);
    expect(
      sampleValue(samples, requests, { method: 'POST', route: '/api/comments', status: '400' }),
    ).toBe(1);
    expect(
      sampleValue(samples, requests, { method: 'POST', route: '/api/comments', status: '201' }),
    ).toBe(undefined);
    expect(
      sampleValue(samples, requests, { method: 'GET', route: 'unmatched', status: '404' }),
    ).toBe(1);
    const pattern = { method: 'POST', route: '/api/admin/comments/:id/approve', status: '404' };
    expect(sampleValue(samples, requests, pattern)).toBe(1);
    expect(response.body).not.toMatch(/secret-page|posts\/hello|url=|4711/);

    const latency = 'leave_a_reply_http_request_duration_seconds';
    expect(
      sampleValue(samples, `${latency}_count`, { method: 'GET', route: '/api/comments' }),
    ).toBe(2);
    expect(
      sampleValue(samples, `${latency}_bucket`, {
        method: 'GET',
        route: '/api/comments',
        le: '+Inf',
      }),
    ).toBe(2);
    expect(
      sampleValue(samples, `${latency}_sum`, { method: 'GET', route: '/api/comments' }),
    ).toBeGreaterThan(0);

    // The scrape itself is a request like the others, counted once it is answered.
    const again = parseMetrics((await scrape(test)).body);
    expect(sampleValue(again, requests, { method: 'GET', route: '/metrics', status: '200' })).toBe(
      1,
    );
  });

  it('counts comments posted as approved, held or refused by the spam defences', async () => {
    const test = await setUp({ HOLD_WORDS: 'casino', BLOCK_WORDS: 'cheap pills' });
    const posted = 'leave_a_reply_comments_posted_total';
    const before = await metricsOf(test);
    for (const outcome of ['approved', 'held', 'refused'])
      expect(sampleValue(before, posted, { outcome }), outcome).toBe(0);

    expect((await postComment(test, { body: 'A kind word.' })).json().comment.status).toBe(
      'approved',
    );
    const afterApproved = await metricsOf(test);
    expect(sampleValue(afterApproved, posted, { outcome: 'approved' })).toBe(1);
    expect(sampleValue(afterApproved, posted, { outcome: 'held' })).toBe(0);

    expect((await postComment(test, { body: 'The casino next door.' })).json().comment.status).toBe(
      'pending',
    );
    expect((await postComment(test, { body: 'A kind word.' })).statusCode).toBe(409);
    expect((await postComment(test, { body: 'cheap pills here' })).statusCode).toBe(403);
    expect((await postComment(test, { homepage: 'http://spam.example' })).statusCode).toBe(201);
    // Malformed posts are no one's comment: they show in the requests by status only.
    expect((await postComment(test, { body: '' })).statusCode).toBe(400);

    const after = await metricsOf(test);
    expect(sampleValue(after, posted, { outcome: 'approved' })).toBe(1);
    expect(sampleValue(after, posted, { outcome: 'held' })).toBe(1);
    expect(sampleValue(after, posted, { outcome: 'refused' })).toBe(3);
  });

  it('reads the mail queue’s depth at each scrape: queued, then none once delivered', async () => {
    // An SMTP server that is down: nothing listens on its port until the test starts one there.
    const port = await closedSmtpPort();
    const test = await setUpWithMail(`smtp://127.0.0.1:${port}`);
    const depth = 'leave_a_reply_mail_queue_depth';
    expect(sampleValue(await metricsOf(test), depth)).toBe(0);

    expect((await postComment(test)).statusCode).toBe(201);
    expect(sampleValue(await metricsOf(test), depth)).toBe(1);
    await vi.waitFor(async () => {
      expect(sampleValue(await metricsOf(test), 'leave_a_reply_mail_failures_total')).toBe(1);
    }, MAIL_WAIT);
    expect(sampleValue(await metricsOf(test), depth)).toBe(1);

    const smtp = await smtpServers.start(port);
    clock += 10_000;
    test.mail?.worker?.wake();
    await vi.waitFor(() => expect(smtp.received).toHaveLength(1), MAIL_WAIT);
    const after = await metricsOf(test);
    expect(sampleValue(after, depth)).toBe(0);
    expect(sampleValue(after, 'leave_a_reply_mail_failures_total')).toBe(1);
    expect(sampleValue(after, 'leave_a_reply_mail_given_up')).toBe(0);
  });

  it('counts each send the SMTP server refuses, and the mail given up after the last try', async () => {
    const smtp = await smtpServers.start();
    const test = await setUpWithMail(`smtp://${SMTP_USER}:wrong-password@127.0.0.1:${smtp.port}`);
    const failures = 'leave_a_reply_mail_failures_total';
    expect(sampleValue(await metricsOf(test), failures)).toBe(0);

    expect((await postComment(test)).statusCode).toBe(201);
    await vi.waitFor(
      async () => expect(sampleValue(await metricsOf(test), failures)).toBe(1),
      MAIL_WAIT,
    );
    clock += 10_000;
    test.mail?.worker?.wake();
    await vi.waitFor(
      async () => expect(sampleValue(await metricsOf(test), failures)).toBe(2),
      MAIL_WAIT,
    );
    expect(smtp.received).toHaveLength(0);

    // The tries between are the queue's own business (tests/server/mail.test.ts); here the mail
    // is brought to its last one.
    await runSql(test, 'UPDATE mail_queue SET attempts = ?', [MAX_ATTEMPTS - 1]);
    clock += 60 * 60_000;
    test.mail?.worker?.wake();
    await vi.waitFor(
      async () => expect(sampleValue(await metricsOf(test), failures)).toBe(3),
      MAIL_WAIT,
    );
    const after = await metricsOf(test);
    expect(sampleValue(after, 'leave_a_reply_mail_queue_depth')).toBe(0);
    expect(sampleValue(after, 'leave_a_reply_mail_given_up')).toBe(1);
  });

  it('shows no email address, IP address, page address or comment text', async () => {
    const smtp = await smtpServers.start();
    const test = await setUpWithMail(smtp.url);
    const comment = {
      email: 'ann.private@example.org',
      website: 'https://ann.example.net',
      body: 'My neighbour’s dog is called Biscuit.',
    };
    expect((await postComment(test, comment)).statusCode).toBe(201);
    await readThread(test, undefined, {}, { remoteAddress: '203.0.113.77' });
    await vi.waitFor(() => expect(smtp.received).toHaveLength(1), MAIL_WAIT);

    const text = (await scrape(test)).body;
    expect(text).toContain('leave_a_reply_comments_posted_total');
    expect(text).not.toMatch(/@|example\.(org|net|com)|localhost|Biscuit|posts\/hello/);
    expect(text).not.toMatch(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b|::1|::ffff/);
  });

  it('keeps each app’s counts apart when two run in one process', async () => {
    const first = await setUp();
    const second = await setUp();
    await readThread(first);
    await readThread(first);
    await readThread(second);
    const labels = { method: 'GET', route: '/api/comments', status: '200' };
    const requests = 'leave_a_reply_http_requests_total';
    expect(sampleValue(await metricsOf(first), requests, labels)).toBe(2);
    expect(sampleValue(await metricsOf(second), requests, labels)).toBe(1);
  });
});

describe('METRICS_TOKEN', () => {
  it('must be at least 16 characters long', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short-token' })).toThrow(
      /METRICS_TOKEN must be at least 16 characters long/,
    );
    expect(loadConfig({ METRICS_TOKEN: METRICS_TOKEN }).metricsToken).toBe(METRICS_TOKEN);
    expect(loadConfig({}).metricsToken).toBeNull();
  });
});
