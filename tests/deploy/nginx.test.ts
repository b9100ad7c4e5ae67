/**
 * The deployment README describes, for real: Debian's nginx with README's configuration and a
 * self-signed certificate, in front of `leave-a-reply serve` with the settings of README's
 * systemd unit, reached over https by readers at different loopback addresses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useServerProcesses } from '../helpers/server-process.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import { type Certificate, freePort, makeCertificate, useNginx } from './nginx.ts';
import { type Answer, errorCode, type Reader, readerAt } from './reader.ts';
import { readmeFile, unitEnvironment } from './readme.ts';
import { deployTools } from './tools.ts';

const tools = deployTools('tests/deploy/nginx.test.ts', ['nginx', 'openssl']);

const DOCUMENTED = unitEnvironment(readmeFile('/etc/systemd/system/leave-a-reply.service'));
const PAGE = new URL('/posts/hello/', DOCUMENTED.SITE_ORIGINS?.split(',')[0]).href;
const PASSWORD = 'a long passphrase';
const OWNER = 'owner@example.com';
const WAIT = { timeout: 10_000, interval: 20 };

let certificate: Certificate;
let certificateDir: string;
let dir: string | null = null;
let smtp: TestSmtpServer | null = null;

afterEach(async () => {
  await smtp?.close();
  smtp = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});
const servers = useServerProcesses();
const nginxes = useNginx(tools?.nginx ?? 'nginx');

interface Deployment {
  /** https://127.0.0.1:PORT, through nginx: PUBLIC_URL. */
  origin: string;
  /** The same nginx's plain-http port. */
  plain: string;
  /** The server itself, on loopback, as a reader who goes around nginx reaches it. */
  direct: string;
  /** Two readers, at addresses of their own. */
  ann: Reader;
  bob: Reader;
}

/** The documented server behind the documented nginx, with `settings` over the unit's. */
async function deploy(settings: Record<string, string> = {}): Promise<Deployment> {
  dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-nginx-'));
  smtp = await startSmtpServer();
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const origin = `https://127.0.0.1:${httpsPort}`;
  const server = await servers.start(dir, {
    ...DOCUMENTED,
    PORT: '0',
    DATABASE_PATH: join(dir, 'comments.db'),
    PUBLIC_URL: origin,
    SMTP_URL: smtp.url,
    NOTIFY_EMAIL: OWNER,
    ADMIN_PASSWORD: PASSWORD,
    MIN_SUBMIT_SECONDS: '0',
    ...settings,
  });
  const upstreamPort = Number(new URL(server.address).port);
  await nginxes.start(dir, { upstreamPort, httpPort, httpsPort, certificate });
  return {
    origin,
    plain: `http://127.0.0.1:${httpPort}`,
    direct: server.address,
    ann: readerAt('127.0.0.2', certificate.pem),
    bob: readerAt('127.0.0.3', certificate.pem),
  };
}

let posted = 0;
/** Posts a new comment (new text each time) as `reader`, with any extra headers. */
function postComment(
  deployment: Deployment,
  reader: Reader,
  name: string,
  headers: Record<string, string> = {},
  to = deployment.origin,
): Promise<Answer> {
  posted++;
  return reader(`${to}/api/comments`, {
    method: 'POST',
    headers,
    json: {
      url: PAGE,
      name,
      email: `${name.toLowerCase()}@example.com`,
      body: `Comment number ${posted}, from ${name}.`,
    },
  });
}

/** A header a reader may send to pass for someone else; nginx must replace it. */
const forged = (n: number) => ({ 'x-forwarded-for': `203.0.113.${n}` });

describe.skipIf(!tools)('behind nginx, as README deploys it', () => {
  beforeAll(() => {
    certificateDir = mkdtempSync(join(tmpdir(), 'leave-a-reply-certificate-'));
    certificate = makeCertificate(tools?.openssl ?? 'openssl', certificateDir);
  });
  afterAll(() => rmSync(certificateDir, { recursive: true, force: true }));

  // The unit's value trusts nginx's address alone; a hop count trusts the one hop in front,
  // whoever it is, and "true" is read as one hop. Behind README's nginx, which replaces the header
  // a reader sends, all three give each reader their own limits.
  it.each([
    ['as the unit sets it', DOCUMENTED.TRUST_PROXY as string],
    ['as a hop count', '1'],
    ['true, read as one hop', 'true'],
  ])(
    'keeps a flood pause and a rate limit to the reader who earned them, with TRUST_PROXY %s',
    async (_name, trustProxy) => {
      expect(trustProxy).toBeTruthy();
      const site = await deploy({
        TRUST_PROXY: trustProxy,
        FLOOD_SECONDS: '3600',
        RATE_LIMIT_PER_MINUTE: '2',
      });

      expect((await postComment(site, site.ann, 'Ann')).status).toBe(201);
      // Ann's second comment meets the flood pause, her third the rate limit (2 a minute); an
      // X-Forwarded-For of her own, a new address each time, changes neither.
      const second = await postComment(site, site.ann, 'Ann', forged(1));
      expect([second.status, errorCode(second)]).toEqual([429, 'flood']);
      expect(second.headers['retry-after']).toBeTruthy();
      const third = await postComment(site, site.ann, 'Ann', forged(2));
      expect([third.status, errorCode(third)]).toEqual([429, 'rate_limited']);

      // Bob, at another address, is held back by neither, and earns his own pause.
      const bobs = await postComment(site, site.bob, 'Bob');
      expect(bobs.status, bobs.text).toBe(201);
      const bobsSecond = await postComment(site, site.bob, 'Bob');
      expect([bobsSecond.status, errorCode(bobsSecond)]).toEqual([429, 'flood']);
    },
    60_000,
  );

  it('keeps a flood pause to a reader who goes around nginx with an X-Forwarded-For of their own, with TRUST_PROXY as the unit sets it', async () => {
    const site = await deploy({ FLOOD_SECONDS: '3600', RATE_LIMIT_PER_MINUTE: '2' });
    // Straight to the server's loopback port, from an address that is not nginx's.
    const first = await postComment(site, site.ann, 'Ann', forged(1), site.direct);
    expect(first.status, first.text).toBe(201);
    const second = await postComment(site, site.ann, 'Ann', forged(2), site.direct);
    expect([second.status, errorCode(second)]).toEqual([429, 'flood']);
    // Through nginx she is the same reader: her pause holds there too.
    const third = await postComment(site, site.ann, 'Ann', forged(3));
    expect([third.status, errorCode(third)]).toEqual([429, 'rate_limited']);
  }, 60_000);

  it('gives every reader behind the same nginx one flood pause and one rate limit without TRUST_PROXY', async () => {
    const site = await deploy({
      TRUST_PROXY: '',
      FLOOD_SECONDS: '3600',
      RATE_LIMIT_PER_MINUTE: '2',
    });

    expect((await postComment(site, site.ann, 'Ann')).status).toBe(201);
    const bobs = await postComment(site, site.bob, 'Bob');
    expect([bobs.status, errorCode(bobs)]).toEqual([429, 'flood']);
    const bobsSecond = await postComment(site, site.bob, 'Bob');
    expect([bobsSecond.status, errorCode(bobsSecond)]).toEqual([429, 'rate_limited']);
  }, 60_000);

  it('signs the owner in over https with a Secure, HttpOnly, SameSite=Strict cookie that then works', async () => {
    const site = await deploy();
    const signIn = await site.ann(`${site.origin}/api/admin/session`, {
      method: 'POST',
      json: { password: PASSWORD },
    });
    expect(signIn.status, signIn.text).toBe(200);
    const cookie = signIn.headers['set-cookie']?.find((line) => line.startsWith('lar_admin='));
    const attributes = (cookie ?? '').split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict']));

    const session = await site.ann(`${site.origin}/api/admin/session`, {
      headers: { cookie: (cookie ?? '').split(';')[0] as string },
    });
    expect(session.status, session.text).toBe(200);
    expect(JSON.parse(session.text)).toEqual({ csrfToken: expect.any(String) });
  }, 60_000);

  it('mails the owner moderation links that start with PUBLIC_URL and act through nginx', async () => {
    const site = await deploy();
    expect((await postComment(site, site.ann, 'Ann')).status).toBe(201);
    await vi.waitFor(() => expect(smtp?.received).toHaveLength(1), WAIT);
    const { text = '', html } = smtp?.received[0]?.mail ?? {};

    // Every link but the one to the page leads to the server, at PUBLIC_URL, in both parts.
    const inText = [...text.matchAll(/https?:\/\/\S+/g)].map(([link]) => link);
    const inHtml = [...String(html).matchAll(/href="([^"]+)"/g)].map(([, link]) =>
      (link as string).replaceAll('&amp;', '&'),
    );
    for (const links of [inText, inHtml]) {
      const ours = links.filter((link) => new URL(link).origin !== new URL(PAGE).origin);
      expect(ours).toHaveLength(3); // Approve, Spam, Trash
      for (const link of ours) expect(link.startsWith(`${site.origin}/mail/`), link).toBe(true);
    }

    const approve = /Approve: (\S+)/.exec(text)?.[1] as string;
    const question = await site.bob(approve);
    expect([question.status, question.text]).toEqual([
      200,
      expect.stringContaining('Approve this comment?'),
    ]);
    const done = await site.bob(approve, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect([done.status, done.text]).toEqual([200, expect.stringContaining('is approved')]);

    const thread = await site.bob(`${site.origin}/api/comments?url=${encodeURIComponent(PAGE)}`);
    expect(JSON.parse(thread.text)).toMatchObject({ count: 1, comments: [{ name: 'Ann' }] });
  }, 60_000);

  it('redirects plain http to https, and leaves refusing an oversized body to the server', async () => {
    const site = await deploy();
    const plain = await site.ann(`${site.plain}/admin?from=mail`);
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe('https://127.0.0.1/admin?from=mail');

    const oversized = await site.ann(`${site.origin}/api/comments`, {
      method: 'POST',
      json: { url: PAGE, name: 'Ann', email: 'ann@example.com', body: 'x'.repeat(100_000) },
    });
    expect([oversized.status, errorCode(oversized)]).toEqual([413, 'body_too_large']);
  }, 60_000);
});
