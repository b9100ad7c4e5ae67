/**
 * What the server tells Prometheus: requests by route and status and how long they took,
 * comments posted by outcome, the mail queue's depth and the sends that failed, the job queue's
 * depth (webhooks, Akismet), and Node's own
 * process metrics (memory, CPU, event-loop lag). Built only when METRICS_TOKEN is set: without
 * it the server adds no hook and counts nothing.
 *
 * Every label value comes from a short, fixed list (route patterns, methods, status codes,
 * outcomes), never from a request's URL or body: a label per page or per reader would grow
 * without end in memory, and would publish who commented where.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { MAX_ATTEMPTS, type MailWorker } from '../mail/queue.ts';
import type { Storage } from '../storage/storage.ts';

/** What became of a posted comment: shown at once, held for moderation, or turned away. */
export type PostOutcome = 'approved' | 'held' | 'refused';

export interface Metrics {
  /** The registry GET /metrics renders: this app's own, never prom-client's global one. */
  registry: Registry;
  /** Counts a post: `refused` for the honeypot and the spam defences' refusals. */
  commentPosted(outcome: PostOutcome): void;
  /** Counts a post that failed as refused when the spam defences turned it away. */
  postFailed(error: unknown): void;
  /** Reports, at each scrape, what the thread cache keeps (server/comments/thread-answers.ts). */
  watchThreadCache(kept: () => { answers: number; bytes: number }): void;
  /** Counts a thread answer serialised afresh: a new version of its page, or of its likes. */
  threadSerialised(): void;
}

/** Route label of a request no route matched: its URL is anyone's choice, so it is not kept. */
const UNMATCHED_ROUTE = 'unmatched';

// From a quarter of a millisecond (a thread answered from memory) to seconds (a big import
// or a slow disk): the buckets below and above say little.
const LATENCY_BUCKETS = [
  0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

/** The error codes by which the spam defences turn a comment away (see comment-policy.ts). */
const REFUSAL_CODES = new Set([
  'form_unverified',
  'form_expired',
  'too_fast',
  'flood',
  'blocked',
  'duplicate',
]);

/** Whether a failed post was turned away by the spam defences, rather than malformed. */
function isRefusal(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    REFUSAL_CODES.has((error as { code?: unknown }).code as string)
  );
}

export interface MetricsOptions {
  /** The queue whose depth is read at each scrape. */
  mailStore: Storage['mail'];
  /** The worker whose failed sends are counted; null when SMTP_URL is unset. */
  worker: MailWorker | null;
  /** The job queue (webhooks, Akismet), whose depth is read at each scrape too. */
  jobStore?: Storage['jobs'];
}

/**
 * Builds this app's metrics and adds the one hook that counts requests. Call it on the root
 * instance, so that the hook sees every route.
 */
export function setUpMetrics(
  app: FastifyInstance,
  { mailStore, worker, jobStore }: MetricsOptions,
): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'leave_a_reply_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'leave_a_reply_http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its answer, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const posted = new Counter({
    name: 'leave_a_reply_comments_posted_total',
    help: 'Comments posted, by outcome: approved (shown at once), held (for moderation) or refused (by the spam defences).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  for (const outcome of ['approved', 'held', 'refused'] as const) posted.inc({ outcome }, 0);
  const serialised = new Counter({
    name: 'leave_a_reply_thread_serialisations_total',
    help: 'Thread answers serialised afresh, because their page or its likes changed or they were not kept.',
    registers: [registry],
  });
  const failures = new Counter({
    name: 'leave_a_reply_mail_failures_total',
    help: 'Mail sends that failed: refused by the SMTP server or not handed over.',
    registers: [registry],
  });
  new Gauge({
    name: 'leave_a_reply_mail_queue_depth',
    help: 'Mail waiting in the queue to be sent, including mail waiting to be tried again.',
    registers: [registry],
    async collect() {
      this.set((await mailStore.countUnsent(MAX_ATTEMPTS)).waiting);
    },
  });
  new Gauge({
    name: 'leave_a_reply_mail_given_up',
    help: `Mail left unsent after ${MAX_ATTEMPTS} failed tries (its last error is in mail_queue.last_error).`,
    registers: [registry],
    async collect() {
      this.set((await mailStore.countUnsent(MAX_ATTEMPTS)).givenUp);
    },
  });

  if (jobStore) {
    new Gauge({
      name: 'leave_a_reply_job_queue_depth',
      help: 'Outgoing calls (webhooks, Akismet) waiting in the job queue, including those waiting to be tried again.',
      registers: [registry],
      async collect() {
        this.set((await jobStore.countUnsent(MAX_ATTEMPTS)).waiting);
      },
    });
    new Gauge({
      name: 'leave_a_reply_jobs_given_up',
      help: `Outgoing calls left undone after ${MAX_ATTEMPTS} failed tries (their last error is in jobs.last_error).`,
      registers: [registry],
      async collect() {
        this.set((await jobStore.countUnsent(MAX_ATTEMPTS)).givenUp);
      },
    });
  }

  if (worker) {
    const stopCounting = worker.onFailure(() => failures.inc());
    app.addHook('onClose', (_instance, done) => {
      stopCounting();
      done();
    });
  }
  // One hook for every route, callback-style: a promise per request would cost on the
  // hottest path. The route is the pattern a request matched, never its URL.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const method = request.method;
    requests.inc({ method, route, status: reply.statusCode });
    latency.observe({ method, route }, reply.elapsedTime / 1000);
    done();
  });

  return {
    registry,
    commentPosted(outcome) {
      posted.inc({ outcome });
    },
    postFailed(error) {
      if (isRefusal(error)) posted.inc({ outcome: 'refused' });
    },
    threadSerialised() {
      serialised.inc();
    },
    watchThreadCache(kept) {
      new Gauge({
        name: 'leave_a_reply_thread_cache_bytes',
        help: 'Bytes of thread answers kept ready to send, compressed copies included (at most THREAD_CACHE_MB).',
        registers: [registry],
        collect() {
          this.set(kept().bytes);
        },
      });
      new Gauge({
        name: 'leave_a_reply_thread_cache_answers',
        help: 'Thread answers kept ready to send: one per page, cursor and limit read lately.',
        registers: [registry],
        collect() {
          this.set(kept().answers);
        },
      });
    },
  };
}
