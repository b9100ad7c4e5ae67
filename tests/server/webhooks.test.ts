import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { DISCORD_CONTENT_MAX } from '../../server/jobs/webhook-messages.ts';
import { newComment, type TestApp } from '../helpers/app.ts';
import { asAdmin, deleteOwnComment, PAGE, postComment, readThread } from '../helpers/requests.ts';
import { rowCount, runSql } from '../helpers/scene.ts';
import { standingClock } from '../helpers/standing-clock.ts';
import { type Settings, useTestApps } from '../helpers/test-apps.ts';
import {
  type ReceivedRequest,
  useWebhookReceivers,
  verifiedBody,
  WEBHOOK_SECRET,
} from '../helpers/webhook-receiver.ts';

const PUBLIC_URL = 'https://comments.example.com';

interface StandardBody {
  type: string;
  timestamp: string;
  data: {
    comment: Record<string, unknown> & { id: number; status: string };
    page: { url: string; title: string | null };
    dashboard: string;
  };
}

const startApp = useTestApps({ PUBLIC_URL, WEBHOOK_SECRET });
const startReceiver = useWebhookReceivers();

/** An app whose webhooks go to `urls`; its job worker only runs when something is queued. */
function appWithWebhooks(urls: string[], env: Settings = {}, clock?: () => Date) {
  const logs: string[] = [];
  return {
    logs,
    started: startApp(
      { WEBHOOK_URLS: urls.join(','), ...env },
      { jobs: { pollMs: 60_000, log: (line) => logs.push(line) }, ...(clock ? { clock } : {}) },
    ),
  };
}

/** Lets the job worker look at the queue now, and resolves once it finds nothing due. */
async function settle(test: TestApp): Promise<void> {
  const worker = test.jobs?.worker;
  if (!worker) throw new Error('The app has no job worker.');
  const idle = worker.whenIdle();
  worker.wake();
  await idle;
}

async function post(test: TestApp, changes: object = {}) {
  const response = await postComment(test, changes);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { comment: { id: number }; token: string };
}

async function act(test: TestApp, id: number, what: string) {
  const response =
    what === 'delete'
      ? await asAdmin(test, 'DELETE', `/comments/${id}`)
      : await asAdmin(test, 'POST', `/comments/${id}/${what}`);
  expect(response.statusCode, response.body).toBeLessThan(300);
}

const standard = (request: ReceivedRequest) => verifiedBody(request) as StandardBody;

/** The one request a receiver got. */
function onlyRequest(requests: ReceivedRequest[]): ReceivedRequest {
  expect(requests).toHaveLength(1);
  return requests[0] as ReceivedRequest;
}

describe('webhooks', () => {
  it('delivers each event about a comment once, signed, with the comment as readers see it', async () => {
    const hook = await startReceiver();
    const test = await appWithWebhooks([hook.url], { MODERATION: 'all' }).started;

    const { comment } = await post(test, { body: 'A *first* thought.' });
    await act(test, comment.id, 'approve');
    const shown = (await readThread(test)).json().comments[0];
    await act(test, comment.id, 'spam');
    await act(test, comment.id, 'trash');
    await act(test, comment.id, 'delete');
    await settle(test);

    const bodies = hook.requests.map(standard);
    expect(bodies.map((body) => body.type)).toEqual([
      'comment.created',
      'comment.approved',
      'comment.spam',
      'comment.trashed',
      'comment.deleted',
    ]);
    expect(bodies.map((body) => body.data.comment.status)).toEqual([
      'pending',
      'approved',
      'spam',
      'trash',
      'deleted',
    ]);
    // The public comment as the API gives it, plus its status; the deleted one as it was.
    expect(bodies[1]?.data.comment).toEqual({ ...shown, status: 'approved' });
    expect(bodies[4]?.data.comment).toEqual({ ...shown, status: 'deleted' });
    for (const body of bodies) {
      expect(body.data.comment.id).toBe(comment.id);
      expect(body.data.page.url).toBe(PAGE);
      expect(Date.parse(body.timestamp)).not.toBeNaN();
    }
    expect(bodies[1]?.data.page.title).toBe('Hello');
    expect(bodies.map((body) => body.data.dashboard)).toEqual([
      `${PUBLIC_URL}/admin#pending`,
      `${PUBLIC_URL}/admin#approved`,
      `${PUBLIC_URL}/admin#spam`,
      `${PUBLIC_URL}/admin#trash`,
      `${PUBLIC_URL}/admin`,
    ]);
    const ids = hook.requests.map((request) => request.headers['webhook-id']);
    expect(new Set(ids).size).toBe(5);
    for (const request of hook.requests) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(String(request.headers['webhook-id'])).toMatch(/^msg_/);
      expect(String(request.headers['webhook-signature'])).toMatch(/^v1,/);
    }
  });

  it('tells of a comment approved at once, and of its author deleting it, but not of a honeypot post', async () => {
    const hook = await startReceiver();
    const test = await appWithWebhooks([hook.url], { MODERATION: 'none' }).started;

    await post(test, { homepage: 'https://bot.example', body: 'Buy now.' });
    const { comment, token } = await post(test);
    const deleted = await deleteOwnComment(test, comment.id, token);
    expect(deleted.statusCode).toBe(204);
    await settle(test);

    const bodies = hook.requests.map(standard);
    expect(bodies.map((body) => [body.type, body.data.comment.status])).toEqual([
      ['comment.created', 'approved'],
      ['comment.deleted', 'deleted'],
    ]);
    expect(bodies[0]?.data.comment.id).toBe(comment.id);
    expect(JSON.stringify(bodies)).not.toContain('Buy now.');
  });

  it('sends neither email nor IP address unless WEBHOOK_INCLUDE_EMAIL says so', async () => {
    const hook = await startReceiver();
    const quiet = await appWithWebhooks([hook.url]).started;
    await post(quiet);
    await settle(quiet);
    const [plain] = hook.requests;
    expect(plain?.body).not.toContain(newComment().email);
    expect(plain?.body).not.toContain('127.0.0.1');
    expect(plain?.body).not.toMatch(/"ip/i);
    expect(plain && standard(plain).data.comment).not.toHaveProperty('email');

    const told = await appWithWebhooks([hook.url], { WEBHOOK_INCLUDE_EMAIL: 'true' }).started;
    await post(told);
    await settle(told);
    const withEmail = hook.requests[1];
    expect(withEmail && standard(withEmail).data.comment.email).toBe(newComment().email);
    expect(withEmail?.body).not.toContain('127.0.0.1');
  });

  it('queues one delivery per receiver, each with its own webhook-id', async () => {
    const first = await startReceiver('/one');
    const second = await startReceiver('/two');
    const test = await appWithWebhooks([first.url, second.url]).started;
    await post(test);
    await settle(test);
    const [one, two] = [onlyRequest(first.requests), onlyRequest(second.requests)];
    expect(one.body).toBe(two.body);
    expect(one.headers['webhook-id']).not.toBe(two.headers['webhook-id']);
    expect(standard(one).type).toBe('comment.created');
    expect(standard(two).type).toBe('comment.created');
  });

  it('speaks Slack: one mrkdwn text with the author, the page, an excerpt and the dashboard link', async () => {
    const hook = await startReceiver();
    const test = await appWithWebhooks([hook.url], {
      WEBHOOK_FORMAT: 'slack',
      WEBHOOK_SECRET: '',
    }).started;
    await post(test, { body: 'Nice post <!channel> & more' });
    await settle(test);
    const request = onlyRequest(hook.requests);
    const body = JSON.parse(request.body) as { text: string };
    expect(Object.keys(body)).toEqual(['text']);
    expect(body.text).toContain('*Ann Reader*');
    expect(body.text).toContain(`<${PAGE}|`);
    expect(body.text).toContain('held for moderation');
    expect(body.text).toContain('Nice post &lt;!channel&gt; &amp; more');
    expect(body.text).not.toContain('<!channel>');
    expect(body.text).toContain(`<${PUBLIC_URL}/admin#pending|`);
    expect(body.text).not.toContain(newComment().email);
    // Without WEBHOOK_SECRET nothing is signed.
    expect(request.headers['webhook-signature']).toBeUndefined();
    expect(request.headers['webhook-id']).toMatch(/^msg_/);
  });

  it('speaks Discord: content within Discord’s 2000 characters that pings nobody', async () => {
    const hook = await startReceiver();
    const test = await appWithWebhooks([hook.url], { WEBHOOK_FORMAT: 'discord' }).started;
    await post(test, { body: `@everyone ${'very long words '.repeat(600)}` });
    await settle(test);
    const request = onlyRequest(hook.requests);
    // Signed too, when WEBHOOK_SECRET is set.
    const body = verifiedBody(request) as {
      content: string;
      allowed_mentions: { parse: string[] };
    };
    expect(body.content.length).toBeLessThanOrEqual(DISCORD_CONTENT_MAX);
    expect(body.content).toContain('**Ann Reader**');
    expect(body.content).toContain(`(<${PAGE}>)`);
    expect(body.content).toContain('very long words');
    expect(body.content).toContain(`(<${PUBLIC_URL}/admin#pending>)`);
    expect(body.content).toContain('\\@everyone');
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('delivers every event to a receiver that was down for a while, under the same webhook-id on each try', async () => {
    const hook = await startReceiver();
    const time = standingClock(new Date().toISOString());
    const { started, logs } = appWithWebhooks([hook.url], {}, time.clock);
    const test = await started;

    hook.answerWith(503);
    const { comment } = await post(test);
    await settle(test);
    expect(hook.requests).toHaveLength(1);
    expect(logs.at(-1)).toMatch(/failed, trying again in 10 s: .*answered 503/);

    await hook.goDown();
    const second = await post(test, { body: 'A second thought.', name: 'Bea' });
    await settle(test);
    expect(logs.at(-1)).toMatch(/could not be reached: ECONNREFUSED/);
    // Nothing is due until the next try's time has come.
    await settle(test);
    expect(hook.requests).toHaveLength(1);
    // 10 s later both are tried again, and refused again: the next tries wait 30 s.
    time.moveOn(10_000);
    await settle(test);
    expect(logs.at(-1)).toMatch(/trying again in 30 s/);

    await hook.comeBack();
    hook.answerWith(200);
    time.moveOn(30_000);
    await settle(test);

    const delivered = hook.delivered();
    expect(delivered.map((request) => standard(request).data.comment.id).sort()).toEqual(
      [comment.id, second.comment.id].sort(),
    );
    const triesOfFirst = hook.requests.filter(
      (request) => standard(request).data.comment.id === comment.id,
    );
    expect(triesOfFirst.map((request) => request.status)).toEqual([503, 200]);
    expect(new Set(triesOfFirst.map((request) => request.headers['webhook-id'])).size).toBe(1);
    expect(new Set(triesOfFirst.map((request) => request.body)).size).toBe(1);
    // The logs name the receiver's host, never the whole URL (a Slack URL is its secret).
    for (const line of logs) expect(line).not.toContain('/hook');
  });

  it('tries again a delivery that got no answer in time, or a redirect, which it does not follow', async () => {
    const hook = await startReceiver();
    const time = standingClock(new Date().toISOString());
    const logs: string[] = [];
    const test = await startApp(
      { WEBHOOK_URLS: hook.url },
      {
        clock: time.clock,
        jobs: { pollMs: 60_000, webhookTimeoutMs: 200, log: (line) => logs.push(line) },
      },
    );
    hook.answerWith(0);
    await post(test);
    await settle(test);
    expect(logs.at(-1)).toMatch(/trying again in 10 s: .* no answer within 0\.2 s/);
    hook.answerWith(302);
    time.moveOn(10_000);
    await settle(test);
    expect(logs.at(-1)).toMatch(/trying again in 30 s: .* answered 302/);
    hook.answerWith(204);
    time.moveOn(30_000);
    await settle(test);
    expect(hook.requests.map((request) => request.status)).toEqual([0, 302, 204]);
    expect(new Set(hook.requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
  });

  it('never delivers one event twice when two servers run on one database', async () => {
    const hook = await startReceiver();
    const time = standingClock(new Date().toISOString());
    const one = await appWithWebhooks([hook.url], { MODERATION: 'none' }, time.clock).started;
    const two = await startApp(
      { WEBHOOK_URLS: hook.url, MODERATION: 'none' },
      { dir: one.dir, clock: time.clock, jobs: { pollMs: 60_000, log: () => {} } },
    );
    hook.answerWith(503);
    for (let n = 0; n < 20; n++) await post(one, { body: `Thought number ${n}.` });
    await settle(one);
    expect(hook.requests).toHaveLength(20);

    // All twenty are due again at once, and both workers reach for them.
    hook.answerWith(204);
    time.moveOn(10_000);
    await Promise.all([settle(one), settle(two)]);
    const delivered = hook.delivered().map((request) => request.headers['webhook-id']);
    expect(delivered).toHaveLength(20);
    expect(new Set(delivered).size).toBe(20);
  });

  it('forgets the deliveries about an address’s comments when its data is erased', async () => {
    const hook = await startReceiver();
    hook.answerWith(503);
    const test = await appWithWebhooks([hook.url]).started;
    await post(test);
    await post(test, { name: 'Bea', email: 'bea@example.com', body: 'Another.' });
    await settle(test);
    const aboutAnn = () =>
      runSql(test, "SELECT count(*) AS n FROM jobs WHERE payload LIKE '%Ann Reader%'");
    expect(await aboutAnn()).toEqual([{ n: 1 }]);
    const erased = await asAdmin(test, 'DELETE', `/data?email=${newComment().email}`);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(await aboutAnn()).toEqual([{ n: 0 }]);
    expect(await rowCount(test, 'jobs')).toBe(1);
  });
});

describe('the job queue in the metrics', () => {
  const TOKEN = 'metrics-token-0123456789abcdef';
  const gauge = async (test: TestApp, name: string) => {
    const response = await test.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const line = response.body.split('\n').find((row) => row.startsWith(`${name} `));
    return Number(line?.split(' ')[1]);
  };

  it('shows deliveries waiting to be tried again, and none once they are through', async () => {
    const hook = await startReceiver();
    hook.answerWith(503);
    const time = standingClock(new Date().toISOString());
    const test = await appWithWebhooks([hook.url], { METRICS_TOKEN: TOKEN }, time.clock).started;
    expect(await gauge(test, 'leave_a_reply_job_queue_depth')).toBe(0);
    await post(test);
    await settle(test);
    expect(await gauge(test, 'leave_a_reply_job_queue_depth')).toBe(1);
    hook.answerWith(204);
    time.moveOn(10_000);
    await settle(test);
    expect(await gauge(test, 'leave_a_reply_job_queue_depth')).toBe(0);
    expect(await gauge(test, 'leave_a_reply_jobs_given_up')).toBe(0);
  });
});

describe('webhook settings', () => {
  const load = (env: Settings) => () => loadConfig({ DATABASE_PATH: ':memory:', ...env });

  it('takes http(s) URLs, a whsec_ secret, the include-email flag and a format', () => {
    const config = load({
      WEBHOOK_URLS: 'https://a.example/hook, http://127.0.0.1:9000/b',
      WEBHOOK_SECRET,
      WEBHOOK_INCLUDE_EMAIL: 'true',
      WEBHOOK_FORMAT: 'Discord',
    })();
    expect(config.webhooks).toEqual({
      urls: ['https://a.example/hook', 'http://127.0.0.1:9000/b'],
      secret: WEBHOOK_SECRET,
      includeEmail: true,
      format: 'discord',
    });
    expect(load({})().webhooks).toEqual({
      urls: [],
      secret: null,
      includeEmail: false,
      format: 'standard',
    });
  });

  it('refuses a URL that is not http(s), a secret not in whsec_ form, an unknown format', () => {
    expect(load({ WEBHOOK_URLS: 'ftp://a.example/x', WEBHOOK_SECRET })).toThrow(
      /WEBHOOK_URLS entry 1 is not an http\(s\) URL/,
    );
    expect(load({ WEBHOOK_URLS: 'https://a.example/x', WEBHOOK_SECRET: 'hunter2' })).toThrow(
      /WEBHOOK_SECRET must be "whsec_" followed by a base64 key/,
    );
    expect(load({ WEBHOOK_SECRET: 'whsec_not base64!' })).toThrow(/WEBHOOK_SECRET/);
    expect(load({ WEBHOOK_FORMAT: 'teams' })).toThrow(/WEBHOOK_FORMAT must be one of/);
    expect(load({ WEBHOOK_INCLUDE_EMAIL: 'maybe' })).toThrow(/WEBHOOK_INCLUDE_EMAIL/);
    // The problem never repeats a URL, which may hold a secret.
    expect(
      load({ WEBHOOK_URLS: 'hooks.slack.com/services/T0/B0/xoxsecret', WEBHOOK_SECRET }),
    ).toThrow(/^(?![\s\S]*xoxsecret)[\s\S]*WEBHOOK_URLS entry 1/);
  });

  it('needs WEBHOOK_SECRET for Standard Webhooks, not for Slack or Discord', () => {
    expect(load({ WEBHOOK_URLS: 'https://a.example/x' })).toThrow(/WEBHOOK_SECRET is needed/);
    expect(load({ WEBHOOK_URLS: 'https://a.example/x', WEBHOOK_FORMAT: 'slack' })).not.toThrow();
    expect(load({ WEBHOOK_URLS: 'https://a.example/x', WEBHOOK_FORMAT: 'discord' })).not.toThrow();
  });
});
