/**
 * The server's own pages over plain http, in every engine: the demo, the dashboard's sign-in and
 * the pages the links in mail lead to, at http://127.0.0.1:PORT and at a name that is not
 * loopback (http://dashboard.test:PORT, as on a LAN or a small site without TLS). Browsers keep
 * rules for names that they waive for loopback: WebKit, told `upgrade-insecure-requests`,
 * fetches such a page's scripts over https, which a server without TLS cannot answer, and the
 * page stays blank. The name reaches the server through a proxy that takes every name for
 * 127.0.0.1, so a second browser of the file's engine is started with that proxy.
 */
import { request } from 'node:http';
import { afterAll, expect, it, vi } from 'vitest';
import { createTestApp, newComment } from '../../helpers/app.ts';
import { INSECURE_ORIGIN_NOTES } from '../../helpers/browser.ts';
import { SIGNED_OUT } from '../../helpers/dashboard.ts';
import { type EngineSuite, FLOW_TIMEOUT } from '../../helpers/engine-suite.ts';
import { type EngineName, type EnginePage, freePort } from '../../helpers/engines.ts';
import { type LoopbackProxy, startLoopbackProxy } from '../../helpers/loopback-proxy.ts';
import { builtWidget, type RunningServer } from '../../helpers/server.ts';
import { startSmtpServer, type TestSmtpServer } from '../../helpers/smtp.ts';
import { threadLoaded } from './reader.ts';

/** A host name that is neither localhost nor a loopback address. */
const NAME = 'dashboard.test';
const OWNER = 'owner@example.com';
const READER = 'ann@example.com';

/**
 * What each engine may print on these pages and why; anything else fails the test.
 * - The dashboard asks "am I signed in?" on load and is answered 401; Chromium logs that answer.
 * - Chromium notes that it ignores two headers it honours only on https or localhost
 *   (INSECURE_ORIGIN_NOTES, in browser.ts, says why the server sends them over http too).
 * Firefox prints nothing on these pages. WebKit's recorder starts once a page has loaded, so a
 * script it failed to load is not seen there: the proxy's list of https tunnels is what sees it.
 */
const ALLOWED: Record<EngineName, RegExp[]> = {
  chromium: [SIGNED_OUT, ...INSECURE_ORIGIN_NOTES],
  firefox: [],
  webkit: [],
};

interface OwnPages {
  server: RunningServer;
  smtp: TestSmtpServer;
  /** Path and query of the owner's "Spam" link and of the reader's unsubscribe link. */
  action: string;
  unsubscribe: string;
}

/** The path and query of the link `pattern` finds in a mail sent to `address`, once it is sent. */
async function mailLink(smtp: TestSmtpServer, address: string, pattern: RegExp): Promise<string> {
  const link = await vi.waitFor(
    () => {
      const found = smtp.received
        .filter((mail) => mail.recipients.includes(address))
        .map((mail) => pattern.exec(mail.mail.text ?? '')?.[1])
        .find(Boolean);
      if (!found) throw new Error(`No link like ${pattern} sent to ${address} yet`);
      return found;
    },
    { timeout: 10_000, interval: 20 },
  );
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

/**
 * A demo server with mail, on plain http, whose PUBLIC_URL is http://dashboard.test:PORT, as an
 * owner sets it for a server that readers reach by that name: its demo then takes comments there
 * (and, as on any fresh install, on loopback). A reader's comment is shown at once: the owner's
 * notice has its moderation links, and the reader, who asked for reply mail, is asked to confirm
 * in a mail with an unsubscribe link. Opening a link only shows a page, so both tests share them.
 */
async function serveOwnPages(): Promise<OwnPages> {
  const [smtp, port] = await Promise.all([startSmtpServer(), freePort()]);
  const test = await createTestApp(
    {
      DEMO: 'true',
      PUBLIC_URL: `http://${NAME}:${port}`,
      SMTP_URL: smtp.url,
      NOTIFY_EMAIL: OWNER,
      MODERATION: 'none',
    },
    { widgetDir: await builtWidget(), mail: { pollMs: 20 } },
  );
  await test.app.listen({ port, host: '127.0.0.1' });
  const server: RunningServer = { ...test, origin: `http://127.0.0.1:${port}`, port };
  const posted = await server.app.inject({
    method: 'POST',
    url: '/api/comments',
    payload: newComment({ email: READER, notify: true }),
  });
  expect(posted.statusCode, posted.body).toBe(201);
  const [action, unsubscribe] = await Promise.all([
    mailLink(smtp, OWNER, /Spam: (\S+\/mail\/action\?token=\S+)/),
    mailLink(smtp, READER, /(\S+\/mail\/unsubscribe\?token=\S+)/),
  ]);
  return { server, smtp, action, unsubscribe };
}

/** The Content-Security-Policy of `url` fetched through `proxy`, as a browser there gets it. */
function policyThrough(proxy: LoopbackProxy, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: proxy.port, path: url }, (response) => {
      response.resume();
      expect(response.statusCode, url).toBe(200);
      resolve(String(response.headers['content-security-policy']));
    })
      .on('error', reject)
      .end();
  });
}

/** Whether every stylesheet of the page loaded: one the browser could not fetch has no rules. */
function stylesLoaded(page: EnginePage): Promise<boolean> {
  return page.evaluate(() =>
    [...document.styleSheets].every((sheet) => sheet.href === null || sheet.cssRules.length > 0),
  );
}

/** Opens each of the server's own pages at `origin` and checks what it shows. */
async function walkOwnPages(page: EnginePage, origin: string, own: OwnPages): Promise<void> {
  await page.goto(`${origin}/`);
  // Rendered by the server's script from its stylesheet and API, like any thread.
  await threadLoaded(page);
  expect(await stylesLoaded(page), `${origin}/`).toBe(true);

  await page.goto(`${origin}/admin`);
  await page.visible({ css: 'label', text: 'Password' });
  await page.visible('#password');
  await page.visible({ css: 'button', text: 'Sign in' });
  expect(await stylesLoaded(page), `${origin}/admin`).toBe(true);

  await page.goto(`${origin}${own.action}`);
  await page.visible({ css: 'h1', text: 'Mark this comment as spam?' });
  await page.visible({ css: 'button', text: 'Spam' });
  expect(await stylesLoaded(page), 'the moderation page').toBe(true);

  await page.goto(`${origin}${own.unsubscribe}`);
  await page.visible({ css: 'h1', text: 'Unsubscribe?' });
  await page.visible({ css: 'button', text: 'Unsubscribe' });
  expect(await stylesLoaded(page), 'the unsubscribe page').toBe(true);
}

export function ownPagesFlows(suite: EngineSuite): void {
  let own: Promise<OwnPages> | null = null;
  let proxy: LoopbackProxy | null = null;
  afterAll(async () => {
    await proxy?.close();
    const started = await own;
    await started?.server.close();
    await started?.smtp.close();
  }, FLOW_TIMEOUT);

  it('shows the demo, the dashboard sign-in and the mail pages at http://127.0.0.1:PORT', async () => {
    own ??= serveOwnPages();
    const pages = await own;
    const page = await suite.open();
    page.expectProblems(...ALLOWED[suite.name]);
    await walkOwnPages(page, pages.server.origin, pages);
  });

  it(`shows them at http://${NAME}:PORT too, with nothing asked over https`, async () => {
    own ??= serveOwnPages();
    const pages = await own;
    proxy ??= await startLoopbackProxy([NAME]);
    const origin = `http://${NAME}:${pages.server.port}`;

    // What made WebKit fetch the scripts over https: it is not sent over plain http.
    for (const path of ['/', '/admin', pages.action, pages.unsubscribe]) {
      const policy = await policyThrough(proxy, `${origin}${path}`);
      expect(policy, path).toContain("script-src 'self'");
      expect(policy, path).not.toContain('upgrade-insecure-requests');
    }

    // A page of a browser of this engine that goes through the proxy.
    const page = await suite.open({ proxy: proxy.url });
    page.expectProblems(...ALLOWED[suite.name]);
    await walkOwnPages(page, origin, pages);
    // The pages came through the proxy by their name, and nothing was upgraded to https.
    expect(proxy.requests).toContain(`${origin}/admin`);
    expect(proxy.requests).toContain(`${origin}/api/admin/session`);
    expect(proxy.tunnels).toEqual([]);
  });
}
