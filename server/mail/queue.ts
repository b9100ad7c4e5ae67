/**
 * The worker that empties the mail queue: it takes one due mail at a time, hands it to the SMTP
 * server and records the outcome. The queue lives in SQLite, so a restart or an SMTP outage
 * loses nothing; a lease on each mail taken means that a worker which dies mid-send leaves it
 * for another try, and that two workers never send the same mail.
 */
import { createQueueLoop } from '../jobs/queue-loop.ts';
import { MAX_ATTEMPTS, retryDelay } from '../jobs/retry-schedule.ts';
import type { QueuedMailRow } from '../storage/mail-store.ts';
import type { Storage } from '../storage/storage.ts';

// Where they used to live: the metrics and older callers import them from here.
export { MAX_ATTEMPTS, retryDelay };

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
  mailStore: Storage['mail'];
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

const DEFAULT_POLL_MS = 5_000;
// Nodemailer's timeouts (see createSmtpTransport) end any send well within this.
const DEFAULT_LEASE_MS = 5 * 60_000;

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
  const failureListeners = new Set<() => void>();
  const later = (ms: number) => new Date(now().getTime() + ms).toISOString();

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
      await mailStore.markFailed(mail.id, message, delay === null ? later(0) : later(delay));
      log(
        delay === null
          ? `Mail ${mail.id} (${mail.dedupe_key}) could not be sent after ${mail.attempts} tries and is given up: ${message}`
          : `Mail ${mail.id} (${mail.dedupe_key}) could not be sent, trying again in ${delay / 1000} s: ${message}`,
      );
      for (const listener of failureListeners) listener();
      return;
    }
    await mailStore.markSent(mail.id, now().toISOString());
  }

  const loop = createQueueLoop({
    claim: (at, leaseUntil) => mailStore.claimDue(at, leaseUntil, MAX_ATTEMPTS),
    handle: send,
    now,
    pollMs,
    leaseMs,
    log,
    name: 'mail queue',
  });

  return {
    start: loop.start,
    async stop() {
      await loop.stop();
      transport.close();
    },
    wake: loop.wake,
    whenIdle: loop.whenIdle,
    onFailure(listener) {
      failureListeners.add(listener);
      return () => failureListeners.delete(listener);
    },
  };
}
