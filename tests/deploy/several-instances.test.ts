/**
 * README's "Running several instances", for real: two `leave-a-reply serve` processes with the
 * settings of README's unit over one PostgreSQL database, reached on their own ports or through
 * Debian's nginx with README's file for several instances (round-robin, over https on loopback).
 * What one instance did, the other knows at once: comments, throttles, spent mail links and
 * dashboard sessions; queued mail and webhooks go out once, and none is lost, nor any comment
 * answered 201, when an instance is killed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFENCES_OFF } from '../helpers/app.ts';
import { pathOf, useSmtpServers } from '../helpers/mail.ts';
import { describePostgres } from '../helpers/postgres.ts';
import {
  type ReceivedRequest,
  useWebhookReceivers,
  verifiedBody,
  WEBHOOK_SECRET,
} from '../helpers/webhook-receiver.ts';
import {
  documentedInstancesSite,
  holdingConnectionTo,
  type Instance,
  type Instances,
  UNIT_SETTINGS,
  UPSTREAM_HEADER,
  useGates,
  useInstances,
} from './instances.ts';
import { type Certificate, freePort, makeCertificate, useNginx } from './nginx.ts';
import { type Answer, errorCode, type Reader, readerAt } from './reader.ts';
import { deployTools } from './tools.ts';

const tools = deployTools('tests/deploy/several-instances.test.ts', ['nginx', 'openssl']);

const PAGE = new URL('/posts/hello/', UNIT_SETTINGS.SITE_ORIGINS?.split(',')[0]).href;
const PASSWORD = 'a long passphrase';
const OWNER = 'owner@example.com';
/** Long enough for a queue's poll (5 s) and a delivery, on two busy cores. */
const WAIT = { timeout: 20_000, interval: 50 };
/** Requests to an instance's own port, from nginx's address, as nginx sends them. */
const direct = readerAt('127.0.0.1', '');

// Closed after the instances are stopped (afterEach hooks run last registered first).
const smtps = useSmtpServers();
const receivers = useWebhookReceivers();
const gates = useGates();
const startInstances = useInstances();
const nginxes = useNginx(tools?.nginx ?? 'nginx');

let certificate: Certificate;
let certificateDir: string | null = null;

interface Site extends Instances {
  /** PUBLIC_URL: https://127.0.0.1:PORT, nginx, with the instances behind it in turn. */
  origin: string;
}

/** Two instances with the unit's settings and `settings` over them; with `nginx`, behind it. */
async function deploy(settings: Record<string, string>, { nginx = false } = {}): Promise<Site> {
  const base = { MIN_SUBMIT_SECONDS: '0', ...settings };
  if (!nginx) return { ...(await startInstances(base)), origin: UNIT_SETTINGS.PUBLIC_URL ?? '' };
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const origin = `https://127.0.0.1:${httpsPort}`;
  const instances = await startInstances({ PUBLIC_URL: origin, ...base });
  const upstreamPorts = [instances.a.port, instances.b.port] as const;
  await nginxes.start(
    instances.dir,
    documentedInstancesSite({ upstreamPorts, httpPort, httpsPort, certificate }),
  );
  return { ...instances, origin };
}

let posted = 0;
/** Posts a new comment on `page` (new text each time, unless `body` is given) to `to` as `reader`. */
function post(
  reader: Reader,
  to: string,
  name: string,
  { body, page = PAGE }: { body?: string; page?: string } = {},
): Promise<Answer> {
  posted++;
  return reader(`${to}/api/comments`, {
    method: 'POST',
    json: {
      url: page,
      name,
      email: `${name.toLowerCase().replaceAll(' ', '.')}@example.com`,
      body: body ?? `Comment number ${posted}, from ${name}.`,
    },
  });
}

/** Reads `page`'s thread from `from` as `reader`. */
function read(
  reader: Reader,
  from: string,
  { page = PAGE, headers = {} }: { page?: string; headers?: Record<string, string> } = {},
) {
  return reader(`${from}/api/comments?url=${encodeURIComponent(page)}`, { headers });
}

/** The id of the comment a 201 answer took. */
const idOf = (answer: Answer) =>
  (JSON.parse(answer.text) as { comment: { id: number } }).comment.id;

/** The ids of a thread's comments, as an answer to GET /api/comments lists them. */
function shown(answer: Answer): number[] {
  expect(answer.status, answer.text).toBe(200);
  return (JSON.parse(answer.text) as { comments: Array<{ id: number }> }).comments.map(
    ({ id }) => id,
  );
}

/** The instance nginx passed a request to, as 127.0.0.1:PORT. */
const upstreamOf = (answer: Answer) => answer.headers[UPSTREAM_HEADER];

const range = (n: number) => Array.from({ length: n }, (_, index) => index);

describePostgres('several instances over one PostgreSQL database', () => {
  describe('on their own ports', () => {
    it('show a comment posted through either in the very next read through the other, which kept the thread', async () => {
      // PAGE_SIZE 200: every round's comment is on the thread's first part.
      const site = await deploy({ ...DEFENCES_OFF, MODERATION: 'none', PAGE_SIZE: '200' });
      const ids: number[] = [];
      // Enough rounds to catch an instance that answers from memory until a notice of the change
      // arrives: such notices came up to 58 ms after the writer's 201, one read in six too late.
      for (let round = 1; round <= 100; round++) {
        const [writer, reader] = round % 2 === 1 ? [site.a, site.b] : [site.b, site.a];
        // Read first, so that the reader keeps the thread as it is: the post must replace that.
        expect(shown(await read(direct, reader.address)), `round ${round}, before`).toEqual(ids);
        const answer = await post(direct, writer.address, 'Ann');
        expect(answer.status, answer.text).toBe(201);
        ids.push(idOf(answer));
        expect(shown(await read(direct, reader.address)), `round ${round}, after`).toEqual(ids);
      }
    }, 60_000);

    it('keep a dashboard session made on one good on the other, and closed on both once closed on either', async () => {
      const site = await deploy({ ADMIN_PASSWORD: PASSWORD, CHALLENGE: 'off' });
      const held = await post(direct, site.a.address, 'Ann');
      expect(held.status, held.text).toBe(201);

      const signIn = await direct(`${site.a.address}/api/admin/session`, {
        method: 'POST',
        json: { password: PASSWORD },
      });
      expect(signIn.status, signIn.text).toBe(200);
      const { csrfToken } = JSON.parse(signIn.text) as { csrfToken: string };
      const cookie = (signIn.headers['set-cookie'] ?? [])
        .find((line) => line.startsWith('lar_admin='))
        ?.split(';')[0] as string;
      expect(cookie).toBeTruthy();

      const onB = await direct(`${site.b.address}/api/admin/session`, { headers: { cookie } });
      expect([onB.status, JSON.parse(onB.text)]).toEqual([200, { csrfToken }]);
      // A change on B, which checks the session's CSRF token as A made it.
      const approved = await direct(`${site.b.address}/api/admin/comments/${idOf(held)}/approve`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken },
      });
      expect(approved.status, approved.text).toBe(200);
      expect(shown(await read(direct, site.a.address))).toEqual([idOf(held)]);

      const signOut = await direct(`${site.b.address}/api/admin/session`, {
        method: 'DELETE',
        headers: { cookie },
      });
      expect(signOut.status).toBe(204);
      const onA = await direct(`${site.a.address}/api/admin/session`, { headers: { cookie } });
      expect([onA.status, errorCode(onA)]).toEqual([401, 'unauthorized']);
    }, 60_000);

    it('refuse a moderation link from mail on one once it was used on the other', async () => {
      const smtp = await smtps.start();
      const site = await deploy({ SMTP_URL: smtp.url, NOTIFY_EMAIL: OWNER, CHALLENGE: 'off' });
      const held = await post(direct, site.a.address, 'Ann');
      expect(held.status, held.text).toBe(201);
      const [mail] = await smtps.receivedBy(OWNER, 1);
      const approve = pathOf(/Approve: (\S+)/.exec(mail?.mail.text ?? '')?.[1] ?? '');
      const form = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      };

      const done = await direct(`${site.a.address}${approve}`, form);
      expect([done.status, done.text]).toEqual([200, expect.stringContaining('is approved')]);
      for (const again of [
        await direct(`${site.b.address}${approve}`, form),
        await direct(`${site.b.address}${approve}`),
      ])
        expect([again.status, again.text]).toEqual([
          410,
          expect.stringContaining('This link has been used already'),
        ]);
      expect(shown(await read(direct, site.b.address))).toEqual([idOf(held)]);
    }, 60_000);

    it('deliver each moderation mail and each webhook exactly once, whichever instance takes it', async () => {
      const smtp = await smtps.start();
      const receiver = await receivers();
      const site = await deploy({
        ...DEFENCES_OFF,
        SMTP_URL: smtp.url,
        NOTIFY_EMAIL: OWNER,
        WEBHOOK_URLS: receiver.url,
        WEBHOOK_SECRET,
      });
      // Held (first-time commenters), posted all at once, half through each instance: both
      // instances' workers are woken, and take from the one queue together.
      const bodies = range(10).map((n) => `Held comment ${n}.`);
      const answers = await Promise.all(
        bodies.map((body, n) =>
          post(direct, (n % 2 === 0 ? site.a : site.b).address, `Reader ${n}`, { body }),
        ),
      );
      for (const answer of answers) expect(answer.status, answer.text).toBe(201);
      const ids = answers.map(idOf).sort((x, y) => x - y);

      // A row is taken only while unsent: once all are sent, no second take can come.
      await vi.waitFor(async () => {
        expect(
          await site.query('SELECT attempts, sent_at IS NOT NULL AS sent FROM mail_queue'),
        ).toEqual(bodies.map(() => ({ attempts: expect.any(Number), sent: true })));
        expect(await site.query('SELECT attempts, done_at IS NOT NULL AS done FROM jobs')).toEqual(
          bodies.map(() => ({ attempts: expect.any(Number), done: true })),
        );
      }, WAIT);
      // Each was taken once (a take counts an attempt), and arrived once.
      for (const table of ['mail_queue', 'jobs'])
        expect(await site.query(`SELECT DISTINCT attempts FROM ${table}`)).toEqual([
          { attempts: 1 },
        ]);
      const mailed = smtp.received.map(({ mail }) =>
        bodies.find((body) => mail.text?.includes(body)),
      );
      expect(mailed.sort()).toEqual([...bodies].sort());
      const told = receiver.requests.map((request) => commentIdOf(request)).sort((x, y) => x - y);
      expect(told).toEqual(ids);
      expect(new Set(receiver.requests.map(({ headers }) => headers['webhook-id'])).size).toBe(10);
    }, 60_000);

    it('deliver a mail and a webhook whose instance was killed while sending them, through another once their lease is over', async () => {
      const smtp = await smtps.start();
      // The mail's first connection is held by the gate, the webhook's first request unanswered.
      const gate = await gates(smtp.port);
      const smtpUrl = new URL(smtp.url);
      smtpUrl.port = String(gate.port);
      const receiver = await receivers();
      receiver.answerWith(0);
      const site = await deploy({
        ...DEFENCES_OFF,
        SMTP_URL: smtpUrl.href,
        NOTIFY_EMAIL: OWNER,
        WEBHOOK_URLS: receiver.url,
        WEBHOOK_SECRET,
      });
      const body = 'Held while its instance dies.';
      const held = await post(direct, site.a.address, 'Ann', { body });
      expect(held.status, held.text).toBe(201);
      await vi.waitFor(() => {
        expect(gate.held).toHaveLength(1);
        expect(receiver.requests).toHaveLength(1);
      }, WAIT);

      const instances = [site.a, site.b];
      const mailer = holdingConnectionTo(gate.port, instances);
      const poster = holdingConnectionTo(Number(new URL(receiver.url).port), instances);
      expect([mailer.length, poster.length]).toEqual([1, 1]);
      const killed = new Set<Instance>([...mailer, ...poster]);
      for (const instance of killed)
        expect(await instance.server.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

      // Still taken by the dead instance: no other may send them until their lease is over.
      const now = new Date().toISOString();
      const [mail] = await site.query<{ sending_until: string; sent_at: string | null }>(
        'SELECT sending_until, sent_at FROM mail_queue',
      );
      expect(mail?.sent_at).toBeNull();
      expect((mail?.sending_until ?? '') > now, mail?.sending_until).toBe(true);
      const [job] = await site.query<{ running_until: string; done_at: string | null }>(
        'SELECT running_until, done_at FROM jobs',
      );
      expect(job?.done_at).toBeNull();
      expect((job?.running_until ?? '') > now, job?.running_until).toBe(true);
      // A lease is 5 minutes, with no setting to shorten it: it is ended here as time would end it.
      await site.query('UPDATE mail_queue SET sending_until = $1', [now]);
      await site.query('UPDATE jobs SET running_until = $1', [now]);
      gate.open();
      receiver.answerWith(204);
      // With both killed, a fresh instance takes over, as a restart would.
      if (killed.size === instances.length) await site.another();

      await vi.waitFor(async () => {
        expect(
          await site.query('SELECT attempts FROM mail_queue WHERE sent_at IS NOT NULL'),
        ).toEqual([{ attempts: 2 }]);
        expect(await site.query('SELECT attempts FROM jobs WHERE done_at IS NOT NULL')).toEqual([
          { attempts: 2 },
        ]);
      }, WAIT);
      expect(smtp.received.map(({ mail: sent }) => sent.text?.includes(body))).toEqual([true]);
      expect(receiver.delivered()).toHaveLength(1);
      const [first, second] = receiver.requests;
      expect(receiver.requests).toHaveLength(2);
      expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
      expect(commentIdOf(second as ReceivedRequest)).toBe(idOf(held));
    }, 60_000);
  });

  describe.skipIf(!tools)('behind nginx, with README’s file for several instances', () => {
    beforeAll(() => {
      certificateDir = mkdtempSync(join(tmpdir(), 'leave-a-reply-certificate-'));
      certificate = makeCertificate(tools?.openssl ?? 'openssl', certificateDir);
    });
    afterAll(() => {
      if (certificateDir) rmSync(certificateDir, { recursive: true, force: true });
    });
    const reader = (address: string) => readerAt(address, certificate.pem);

    it('answer a thread from each in turn with one ETag, and 304 from each to a read that holds it', async () => {
      const site = await deploy({ ...DEFENCES_OFF, MODERATION: 'none' }, { nginx: true });
      const ann = reader('127.0.0.2');
      expect((await post(ann, site.origin, 'Ann')).status).toBe(201);

      const reads = [];
      for (const _ of range(4)) reads.push(await read(ann, site.origin));
      const upstreams = reads.map(upstreamOf);
      expect(new Set(upstreams)).toEqual(new Set([site.a.hostPort, site.b.hostPort]));
      for (const n of range(3)) expect(upstreams[n + 1]).not.toBe(upstreams[n]);
      const etag = reads[0]?.headers.etag as string;
      expect(etag).toBeTruthy();
      expect(reads.map((answer) => [answer.status, answer.headers.etag])).toEqual(
        reads.map(() => [200, etag]),
      );

      const revalidated = [
        await read(ann, site.origin, { headers: { 'if-none-match': etag } }),
        await read(ann, site.origin, { headers: { 'if-none-match': etag } }),
      ];
      expect(revalidated.map((answer) => [answer.status, answer.text])).toEqual([
        [304, ''],
        [304, ''],
      ]);
      expect(new Set(revalidated.map(upstreamOf))).toEqual(
        new Set([site.a.hostPort, site.b.hostPort]),
      );
    }, 60_000);

    it('refuse on one the post a reader just made through the other, and count their rate limit together', async () => {
      const site = await deploy(
        { FLOOD_SECONDS: '3600', RATE_LIMIT_PER_MINUTE: '2' },
        { nginx: true },
      );
      const [ann, bob] = [reader('127.0.0.2'), reader('127.0.0.3')];
      const first = await post(ann, site.origin, 'Ann');
      expect(first.status, first.text).toBe(201);
      const second = await post(ann, site.origin, 'Ann');
      expect([second.status, errorCode(second)]).toEqual([429, 'flood']);
      // The instance that answered the first has seen one request of hers, of the two a minute
      // it allows: it refuses the third because the other counted the second.
      const third = await post(ann, site.origin, 'Ann');
      expect([third.status, errorCode(third)]).toEqual([429, 'rate_limited']);
      expect(upstreamOf(second)).not.toBe(upstreamOf(first));
      expect(upstreamOf(third)).toBe(upstreamOf(first));

      // Bob, at another address, is held back by neither, and earns his own pause.
      const bobs = await post(bob, site.origin, 'Bob');
      expect(bobs.status, bobs.text).toBe(201);
      const bobsSecond = await post(bob, site.origin, 'Bob');
      expect([bobsSecond.status, errorCode(bobsSecond)]).toEqual([429, 'flood']);
    }, 60_000);

    it('refuse a comment sent again to the other as a duplicate', async () => {
      const site = await deploy(DEFENCES_OFF, { nginx: true });
      const ann = reader('127.0.0.2');
      const body = 'Said once, sent twice.';
      const first = await post(ann, site.origin, 'Ann', { body });
      expect(first.status, first.text).toBe(201);
      const again = await post(ann, site.origin, 'Ann', { body });
      expect([again.status, errorCode(again)]).toEqual([409, 'duplicate']);
      expect(upstreamOf(again)).not.toBe(upstreamOf(first));
      const other = await post(ann, site.origin, 'Ann', { body: 'Said something else.' });
      expect(other.status, other.text).toBe(201);
    }, 60_000);

    it('lock a client out of the dashboard after ten wrong passwords sent to both', async () => {
      const site = await deploy({ ADMIN_PASSWORD: PASSWORD }, { nginx: true });
      const guesser = reader('127.0.0.4');
      const signIn = (password: string) =>
        guesser(`${site.origin}/api/admin/session`, { method: 'POST', json: { password } });
      const wrong: Answer[] = [];
      for (const n of range(10)) wrong.push(await signIn(`wrong guess ${n}`));
      expect(wrong.map((answer) => [answer.status, errorCode(answer)])).toEqual(
        wrong.map(() => [401, 'wrong_password']),
      );
      // Five to each: either alone has seen half the allowance.
      expect(wrong.filter((answer) => upstreamOf(answer) === site.a.hostPort)).toHaveLength(5);
      const eleventh = await signIn('wrong guess 11');
      expect([eleventh.status, errorCode(eleventh)]).toEqual([429, 'rate_limited']);
      const twelfth = await signIn('wrong guess 12');
      expect([twelfth.status, errorCode(twelfth)]).toEqual([429, 'rate_limited']);
      expect(upstreamOf(twelfth)).not.toBe(upstreamOf(eleventh));
      // The right password still gets in, on either.
      expect((await signIn(PASSWORD)).status).toBe(200);
      expect((await signIn(PASSWORD)).status).toBe(200);
    }, 60_000);

    it('keep every comment they answered 201 when one is killed under a load of posts', async () => {
      const site = await deploy({ ...DEFENCES_OFF, MODERATION: 'none' }, { nginx: true });
      const acknowledged = new Map<number, string>();
      const failed: number[] = [];
      let killing: Promise<unknown> | null = null;
      let afterKill = 0;
      let killedAt = Number.POSITIVE_INFINITY;
      // Eight readers at addresses of their own, each posting ten comments one after another.
      const postAll = async (n: number) => {
        const client = reader(`127.0.0.${10 + n}`);
        for (const m of range(10)) {
          const body = `Comment ${m} of reader ${n}.`;
          const sentAt = Date.now();
          const answer = await post(client, site.origin, `Reader ${n}`, { body });
          if (answer.status !== 201) {
            failed.push(answer.status);
            continue;
          }
          acknowledged.set(idOf(answer), `<p>${body}</p>`);
          if (sentAt > killedAt) afterKill++;
          if (acknowledged.size === 20)
            killing ??= site.b.server.stop('SIGKILL').then((exit) => {
              killedAt = Date.now();
              return exit;
            });
        }
      };
      await Promise.all(range(8).map(postAll));
      expect(await killing).toEqual({ code: null, signal: 'SIGKILL' });
      // Posts sent once B was gone went to A.
      expect(afterKill).toBeGreaterThan(0);
      // A post B took and died under is answered 502 by nginx, never sent again.
      expect(failed.filter((status) => status !== 502)).toEqual([]);

      const rows = await site.query<{ id: number; html: string }>(
        'SELECT id::int AS id, html FROM comments',
      );
      const stored = new Map(rows.map(({ id, html }) => [id, html]));
      for (const [id, html] of acknowledged) expect(stored.get(id), `comment ${id}`).toBe(html);
      expect(new Set(rows.map(({ html }) => html)).size).toBe(rows.length);
      expect(rows.length).toBeLessThanOrEqual(acknowledged.size + failed.length);
    }, 60_000);
  });
});

/** The id of the comment a webhook told of, from its signed body. */
function commentIdOf(request: ReceivedRequest): number {
  return (verifiedBody(request) as { data: { comment: { id: number } } }).data.comment.id;
}
