/** A site that sends mail, a real SMTP server that receives it, and the links in what it sent. */
import { afterEach, expect, vi } from 'vitest';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from './smtp.ts';
import type { Settings } from './test-apps.ts';

/** Where the test sites say they are served, as their mail links it. */
export const PUBLIC_URL = 'https://comments.example.com';
/** The site owner's address, NOTIFY_EMAIL. */
export const OWNER = 'owner@example.com';
/** How long a test waits for mail to arrive, and how often it looks. */
export const MAIL_WAIT = { timeout: 5_000, interval: 10 };

/** The settings of a site that mails its owner and readers through `smtpUrl` and publishes at once. */
export function mailSettings(smtpUrl: string): Settings {
  return { SMTP_URL: smtpUrl, NOTIFY_EMAIL: OWNER, PUBLIC_URL, MODERATION: 'none' };
}

export interface SmtpServers {
  /** Starts an SMTP server on `port`, or on any free port. */
  start(port?: number): Promise<TestSmtpServer>;
  /** What the servers started in this test received for `address`, in order. */
  mailTo(address: string): ReceivedMail[];
  /** Waits until `address` has received `count` mails, and returns them. */
  receivedBy(address: string, count: number): Promise<ReceivedMail[]>;
}

/**
 * Registers, after each test of the calling file, the closing of every SMTP server it started.
 * Call it before `useTestApps`: afterEach hooks run last registered first, so the apps (and
 * their mail workers) stop before the servers they send to.
 */
export function useSmtpServers(): SmtpServers {
  const servers: TestSmtpServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });
  const mailTo = (address: string) =>
    servers
      .flatMap((server) => server.received)
      .filter((mail) => mail.recipients.includes(address));
  return {
    async start(port = 0) {
      const server = await startSmtpServer(port);
      servers.push(server);
      return server;
    },
    mailTo,
    async receivedBy(address, count) {
      await vi.waitFor(() => expect(mailTo(address)).toHaveLength(count), MAIL_WAIT);
      return mailTo(address);
    },
  };
}

/** A port where nothing listens: an SMTP server that is down. */
export async function closedSmtpPort(): Promise<number> {
  const server = await startSmtpServer();
  await server.close();
  return server.port;
}

/** The path and query of `link`, for app.inject. */
export function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}
