/**
 * The one place the job queue is put together from the settings: the handler of each kind of
 * job, the worker that runs them, and the notifiers that queue them (webhooks). The server
 * (main.ts) and the tests build it the same way, and combine its notifier with the mail's.
 */
import { setUpAkismetJobs } from '../akismet/jobs.ts';
import type { Config } from '../config.ts';
import { combineNotifiers, type Notifier, SILENT_NOTIFIER } from '../moderation/notifier.ts';
import type { Storage } from '../storage/storage.ts';
import { createWebhookHandler, createWebhookNotifier, WEBHOOK_KIND } from './webhooks.ts';
import { createJobWorker, type JobHandler, type JobWorker } from './worker.ts';

export interface Jobs {
  /** Queues jobs about comments (webhooks); silent when nothing is configured. */
  notifier: Notifier;
  /** Runs the queued jobs once started; null when no kind of job is configured. */
  worker: JobWorker | null;
}

export interface JobOptions {
  /** How often the worker looks for due jobs. */
  pollMs?: number;
  /** How long a job stays taken by a worker. */
  leaseMs?: number;
  /** How long a webhook receiver has to answer (WEBHOOK_TIMEOUT_MS by default). */
  webhookTimeoutMs?: number;
  log?: (message: string) => void;
  /**
   * The notifiers outside the queue (mail's), told with the queue's own when a job moves a
   * comment: an Akismet re-check that publishes one sends its reply notice.
   */
  alsoTell?: Notifier;
}

/** Everything the job queue needs, from the settings; the worker is not started yet. */
export async function setUpJobs(
  config: Config,
  storage: Storage,
  now: () => Date = () => new Date(),
  {
    pollMs,
    leaseMs,
    webhookTimeoutMs,
    log = (message) => console.error(message),
    alsoTell = SILENT_NOTIFIER,
  }: JobOptions = {},
): Promise<Jobs> {
  const { jobs: jobStore, secrets } = storage;
  const handlers: Record<string, JobHandler> = {};
  const notifiers: Notifier[] = [];
  // The worker is made below, once every handler is known; a notifier wakes it when it queues.
  let worker: JobWorker | null = null;
  const onQueued = () => worker?.wake();

  if (config.webhooks.urls.length > 0) {
    handlers[WEBHOOK_KIND] = createWebhookHandler(config.webhooks.secret, webhookTimeoutMs);
    notifiers.push(
      createWebhookNotifier({
        config,
        avatarKey: await secrets.avatarKey(),
        now,
        onQueued,
        log,
      }),
    );
  }

  if (config.akismet) {
    const akismet = setUpAkismetJobs({
      settings: config.akismet,
      storeIp: config.storeIp,
      storage,
      now,
      onQueued,
      notifier: () => combineNotifiers(alsoTell, notifier),
    });
    Object.assign(handlers, akismet.handlers);
    notifiers.push(akismet.notifier);
  }

  const notifier = combineNotifiers(...notifiers);
  if (Object.keys(handlers).length > 0)
    worker = createJobWorker({ jobStore, handlers, now, pollMs, leaseMs, log });
  return { notifier, worker };
}
