/**
 * The worker that empties the mail queue: it takes one due mail at a time, hands it to the SMTP
 * server and records the outcome. The queue lives in SQLite, so a restart or an SMTP outage
 * loses nothing; a lease on each mail taken means that a worker which dies mid-send leaves it
 * for another try, and that two workers never send the same mail.
 */
import type { MailStore, QueuedMailRow } from '../storage/mail-store.ts';

/** Where mail is handed over; nodemailer's transport is one. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    headers: Record<string, string>;
  }): Promise<unknown>;
  close(): void;
}

export interface MailWorkerOptions {
  mailStore: MailStore;
  transport: MailTransport;
  /** The sender of every mail. */
  from: string;
  /** The clock that decides what is due; tests pass a fake one. */
  now?: () => Date;
  /** How often to look for due mail when nothing wakes the worker. */
  pollMs?: number;
  /** How long a mail stays taken by this worker; longer than any send can take. */
  leaseMs?: number;
  /** Told about every failure to send, and when a mail is given up. */
  log?: (message: string) => void;
}

export interface MailWorker {
  start(): void;
  /** Finishes the send in progress, if any, and stops; the transport is closed. */
  stop(): Promise<void>;
  /** Looks for due mail now, not at the next poll: something was just queued. */
  wake(): void;
  /** Resolves the next time the worker finds no due mail: for tests and for a clean shutdown. */
  whenIdle(): Promise<void>;
  /** Calls `listener` after each send that failed (metrics count them); returns its removal. */
  onFailure(listener: () => void): () => void;
}

/** Waits before each new try: 10 s, 30 s, 2 min, 10 min, then hourly, until the last. */
const RETRY_DELAYS_MS = [10_000, 30_000, 120_000, 600_000, 3_600_000];
/** After this many tries a mail stays unsent, with the last error kept for the site owner. */
export const MAX_ATTEMPTS = 10;
const DEFAULT_POLL_MS = 5_000;
// Nodemailer's timeouts (see createSmtpTransport) end any send well within this.
const DEFAULT_LEASE_MS = 5 * 60_000;
const STOP_GRACE_MS = 10_000;

/** The wait before the next try after `attempts` tries; null once the mail is given up. */
export function retryDelay(attempts: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] ?? 3_600_000;
}

/** A worker for one server process; it does nothing until started. */
export function createMailWorker({
  mailStore,
  transport,
  from,
  now = () => new Date(),
  pollMs = DEFAULT_POLL_MS,
  leaseMs = DEFAULT_LEASE_MS,
  log = (message) => console.error(message),
}: MailWorkerOptions): MailWorker {
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];
  const failureListeners = new Set<() => void>();

  const later = (ms: number) => new Date(now().getTime() + ms).toISOString();

  function pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  }

  function idle(): void {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  async function send(mail: QueuedMailRow): Promise<void> {
    try {
      await transport.sendMail({
        from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: JSON.parse(mail.headers) as Record<string, string>,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const delay = retryDelay(mail.attempts);
      // A mail given up keeps a next try in the past; the attempt count keeps workers off it.
      mailStore.markFailed(mail.id, message, delay === null ? later(0) : later(delay));
      log(
        delay === null
          ? `Mail ${mail.id} (${mail.dedupe_key}) could not be sent after ${mail.attempts} tries and is given up: ${message}`
          : `Mail ${mail.id} (${mail.dedupe_key}) could not be sent, trying again in ${delay / 1000} s: ${message}`,
      );
      for (const listener of failureListeners) listener();
      return;
    }
    mailStore.markSent(mail.id, now().toISOString());
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        const mail = mailStore.claimDue(now().toISOString(), later(leaseMs), MAX_ATTEMPTS);
        if (mail) {
          await send(mail);
          continue;
        }
        idle();
      } catch (error) {
        // The database may be busy or full for a while; the mail waits in it meanwhile.
        log(`The mail queue could not be read: ${error instanceof Error ? error.message : error}`);
      }
      await pause();
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wakeUp?.();
      // A send that hangs must not keep the server from stopping; its lease runs out, and the
      // next start tries that mail again.
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_GRACE_MS);
      });
      await Promise.race([loop, grace]);
      clearTimeout(timer);
      loop = null;
      idle();
      transport.close();
    },
    wake() {
      wakeUp?.();
    },
    whenIdle() {
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    onFailure(listener) {
      failureListeners.add(listener);
      return () => failureListeners.delete(listener);
    },
  };
}
