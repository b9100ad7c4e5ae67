/**
 * The worker that empties the job queue: it takes one due job at a time, hands its payload to
 * the handler of its kind and records the outcome. A handler that throws has its job tried again
 * on the mail's schedule (retry-schedule.ts); the lease on each job taken means that a worker
 * which dies mid-call leaves it for another try, and that two workers never run the same job.
 */
import { type JobRow, payloadOf } from '../storage/job-store.ts';
import type { Storage } from '../storage/storage.ts';
import { createQueueLoop, type QueueLoop } from './queue-loop.ts';
import { MAX_ATTEMPTS, retryDelay } from './retry-schedule.ts';

/** Makes one job's call; throws (or rejects) for the job to be tried again later. */
export type JobHandler = (payload: unknown) => Promise<void>;

export interface JobWorkerOptions {
  jobStore: Storage['jobs'];
  /** The handler of each kind; jobs of other kinds wait in the queue for one. */
  handlers: Record<string, JobHandler>;
  /** The clock that decides what is due; tests pass a fake one. */
  now?: () => Date;
  /** How often to look for due jobs when nothing wakes the worker. */
  pollMs?: number;
  /** How long a job stays taken by this worker; longer than any handler can take. */
  leaseMs?: number;
  /** Told about every failure, and when a job is given up. */
  log?: (message: string) => void;
}

export type JobWorker = QueueLoop;

const DEFAULT_POLL_MS = 5_000;
// Every handler's calls time out well within this (a webhook after 10 s).
const DEFAULT_LEASE_MS = 5 * 60_000;
/** Old jobs are looked for at most this often, when the queue is found empty. */
const PURGE_EVERY_MS = 60 * 60_000;

/** A worker for one server process; it does nothing until started. */
export function createJobWorker({
  jobStore,
  handlers,
  now = () => new Date(),
  pollMs = DEFAULT_POLL_MS,
  leaseMs = DEFAULT_LEASE_MS,
  log = (message) => console.error(message),
}: JobWorkerOptions): JobWorker {
  const kinds = Object.keys(handlers);
  const later = (ms: number) => new Date(now().getTime() + ms).toISOString();
  let purgedAt = Number.NEGATIVE_INFINITY;

  async function run(job: JobRow): Promise<void> {
    try {
      const handler = handlers[job.kind];
      if (!handler) throw new Error(`No handler for jobs of kind "${job.kind}".`);
      await handler(payloadOf(job));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const delay = retryDelay(job.attempts);
      // A job given up keeps a next try in the past; the attempt count keeps workers off it.
      await jobStore.markFailed(job.id, message, later(delay ?? 0));
      log(
        delay === null
          ? `Job ${job.id} (${job.dedupe_key}) failed after ${job.attempts} tries and is given up: ${message}`
          : `Job ${job.id} (${job.dedupe_key}) failed, trying again in ${delay / 1000} s: ${message}`,
      );
      return;
    }
    await jobStore.markDone(job.id, now().toISOString());
  }

  /** Done jobs quote comments: they go once kept long enough (see job-store.ts's purge). */
  async function purgeOld(): Promise<void> {
    const at = now().getTime();
    if (at - purgedAt < PURGE_EVERY_MS) return;
    purgedAt = at;
    await jobStore.purge(new Date(at).toISOString());
  }

  return createQueueLoop({
    claim: (at, leaseUntil) => jobStore.claimDue(at, leaseUntil, MAX_ATTEMPTS, kinds),
    handle: run,
    onIdle: purgeOld,
    now,
    pollMs,
    leaseMs,
    log,
    name: 'job queue',
  });
}
