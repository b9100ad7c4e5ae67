import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retryDelay } from '../../server/jobs/retry-schedule.ts';
import { createJobWorker, type JobHandler } from '../../server/jobs/worker.ts';
import * as mailQueue from '../../server/mail/queue.ts';
import { createJobStore, type JobStore, payloadOf } from '../../server/storage/job-store.ts';
import { openDatabase } from '../../server/storage/open.ts';
import { createSqliteStorage, openSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { standingClock } from '../helpers/standing-clock.ts';
import { useFolders } from '../helpers/test-apps.ts';

const makeFolder = useFolders('jobs');
const T0 = '2025-03-01T12:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

function memoryStore(): JobStore {
  return createJobStore(openDatabase(':memory:'));
}

/** The job queue of a storage on a database in memory, as the worker takes it. */
function memoryQueue(): Storage['jobs'] {
  return openSqliteStorage(':memory:').jobs;
}

describe('the job store', () => {
  it('queues a job once per dedupe key and keeps its payload as JSON', () => {
    const jobs = memoryStore();
    const payload = { url: 'https://a.example', nested: [1, 'two', null] };
    expect(jobs.queueJob({ kind: 'webhook', dedupeKey: 'event-1', payload }, T0)).toBe(true);
    expect(jobs.queueJob({ kind: 'webhook', dedupeKey: 'event-1', payload: 'other' }, T0)).toBe(
      false,
    );
    const job = jobs.claimDue(T0, at(60_000), MAX_ATTEMPTS);
    expect(job).toMatchObject({ kind: 'webhook', dedupe_key: 'event-1', attempts: 1 });
    expect(job && payloadOf(job)).toEqual(payload);
    expect(job?.payload).toBe(JSON.stringify(payload));
  });

  it('leases a claimed job to one worker until the lease runs out', () => {
    const jobs = memoryStore();
    jobs.queueJob({ kind: 'k', dedupeKey: 'a', payload: 1 }, T0);
    const first = jobs.claimDue(T0, at(60_000), MAX_ATTEMPTS);
    expect(first?.dedupe_key).toBe('a');
    expect(jobs.claimDue(at(59_999), at(120_000), MAX_ATTEMPTS)).toBeNull();
    // A worker that died mid-call leaves it to another once the lease is over.
    const again = jobs.claimDue(at(60_000), at(120_000), MAX_ATTEMPTS);
    expect(again).toMatchObject({ id: first?.id, attempts: 2 });
  });

  it('waits a failed job until its next try, and never takes a done one again', () => {
    const jobs = memoryStore();
    jobs.queueJob({ kind: 'k', dedupeKey: 'a', payload: 1 }, T0);
    const job = jobs.claimDue(T0, at(60_000), MAX_ATTEMPTS);
    jobs.markFailed(job?.id as number, 'answered 503', at(10_000));
    expect(jobs.claimDue(at(9_999), at(60_000), MAX_ATTEMPTS)).toBeNull();
    const retried = jobs.claimDue(at(10_000), at(60_000), MAX_ATTEMPTS);
    expect(retried).toMatchObject({ attempts: 2, last_error: 'answered 503' });
    jobs.markDone(retried?.id as number, at(10_001));
    expect(jobs.claimDue(at(999_999_999), at(999_999_999), MAX_ATTEMPTS)).toBeNull();
    expect(jobs.countUnsent(MAX_ATTEMPTS)).toEqual({ waiting: 0, givenUp: 0 });
  });

  it('counts jobs waiting and given up, and gives up after the last attempt', () => {
    const jobs = memoryStore();
    jobs.queueJob({ kind: 'k', dedupeKey: 'a', payload: 1 }, T0);
    jobs.queueJob({ kind: 'k', dedupeKey: 'b', payload: 2 }, T0);
    expect(jobs.countUnsent(2)).toEqual({ waiting: 2, givenUp: 0 });
    for (let attempt = 0; attempt < 2; attempt++) {
      const job = jobs.claimDue(T0, T0, 2);
      expect(job?.dedupe_key).toBe('a');
      jobs.markFailed(job?.id as number, 'refused', T0);
    }
    expect(jobs.countUnsent(2)).toEqual({ waiting: 1, givenUp: 1 });
    expect(jobs.claimDue(T0, T0, 2)?.dedupe_key).toBe('b');
  });

  it('takes only the kinds a worker handles', () => {
    const jobs = memoryStore();
    jobs.queueJob({ kind: 'akismet-check', dedupeKey: 'a', payload: 1 }, T0);
    jobs.queueJob({ kind: 'webhook', dedupeKey: 'b', payload: 2 }, T0);
    const lease = at(60_000);
    expect(jobs.claimDue(T0, lease, MAX_ATTEMPTS, ['webhook'])?.dedupe_key).toBe('b');
    expect(jobs.claimDue(T0, lease, MAX_ATTEMPTS, ['webhook'])).toBeNull();
    expect(jobs.claimDue(T0, lease, MAX_ATTEMPTS)?.dedupe_key).toBe('a');
  });

  it('deletes the jobs about erased comments, and keeps the others', () => {
    const db = openDatabase(':memory:');
    const jobs = createJobStore(db);
    jobs.queueJob({ kind: 'k', dedupeKey: 'a', payload: 1, commentId: 7 }, T0);
    jobs.queueJob({ kind: 'k', dedupeKey: 'b', payload: 2, commentId: 8 }, T0);
    jobs.queueJob({ kind: 'k', dedupeKey: 'c', payload: 3 }, T0);
    jobs.eraseAbout([7, 9]);
    const left = db.prepare('SELECT dedupe_key FROM jobs ORDER BY id').pluck().all();
    expect(left).toEqual(['b', 'c']);
  });

  it('deletes done jobs after 7 days and any other after 30, but not one being run', () => {
    const db = openDatabase(':memory:');
    const jobs = createJobStore(db);
    const day = 86_400_000;
    for (const key of ['done-long-ago', 'done-lately', 'given-up', 'running', 'young'])
      jobs.queueJob(
        { kind: 'k', dedupeKey: key, payload: key },
        key === 'young' ? at(20 * day) : T0,
      );
    const claim = () => jobs.claimDue(at(20 * day), at(31 * day + 1), MAX_ATTEMPTS, ['k']);
    jobs.markDone(claim()?.id as number, at(20 * day)); // done-long-ago
    jobs.markDone(claim()?.id as number, at(29 * day)); // done-lately
    jobs.markFailed(claim()?.id as number, 'refused', at(20 * day)); // given-up (for this test)
    claim(); // running: leased until after the purge
    expect(jobs.purge(at(31 * day))).toBe(2);
    const left = db.prepare('SELECT dedupe_key FROM jobs ORDER BY id').pluck().all();
    expect(left).toEqual(['done-lately', 'running', 'young']);
  });

  it('keeps queued jobs in the database file across a restart', async () => {
    const path = join(makeFolder(), 'comments.db');
    const before = openSqliteStorage(path);
    await before.jobs.queueJob({ kind: 'webhook', dedupeKey: 'kept', payload: { a: 1 } }, T0);
    await before.close();
    const after = openSqliteStorage(path);
    const job = await after.jobs.claimDue(T0, T0, MAX_ATTEMPTS);
    expect(job && payloadOf(job)).toEqual({ a: 1 });
    await after.close();
  });
});

describe('the job worker', () => {
  // The schedule itself is pinned by the mail queue's tests.
  it('shares the mail’s retry schedule, the very same function and limit', () => {
    expect(mailQueue.retryDelay).toBe(retryDelay);
    expect(mailQueue.MAX_ATTEMPTS).toBe(MAX_ATTEMPTS);
  });

  it('hands each payload to its kind’s handler, tries a failing one on the schedule, then gives up', async () => {
    const jobs = memoryQueue();
    const time = standingClock(T0);
    const logs: string[] = [];
    const seen: unknown[] = [];
    const handlers: Record<string, JobHandler> = {
      good: async (payload) => {
        seen.push(payload);
      },
      bad: async () => {
        throw new Error('the receiver answered 500');
      },
    };
    const worker = createJobWorker({
      jobStore: jobs,
      handlers,
      now: time.clock,
      pollMs: 60_000,
      log: (line) => logs.push(line),
    });
    const settle = async () => {
      const idle = worker.whenIdle();
      worker.wake();
      await idle;
    };
    await jobs.queueJob({ kind: 'good', dedupeKey: 'g', payload: { n: 1 } }, T0);
    await jobs.queueJob({ kind: 'bad', dedupeKey: 'b', payload: null }, T0);
    worker.start();
    await settle();
    expect(seen).toEqual([{ n: 1 }]);
    expect(logs).toEqual(['Job 2 (b) failed, trying again in 10 s: the receiver answered 500']);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      time.moveOn(retryDelay(attempt) as number);
      await settle();
    }
    expect(logs).toHaveLength(MAX_ATTEMPTS);
    expect(logs.at(-1)).toBe(
      `Job 2 (b) failed after ${MAX_ATTEMPTS} tries and is given up: the receiver answered 500`,
    );
    time.moveOn(86_400_000);
    await settle();
    expect(logs).toHaveLength(MAX_ATTEMPTS);
    expect(await jobs.countUnsent(MAX_ATTEMPTS)).toEqual({ waiting: 0, givenUp: 1 });
    await worker.stop();
  });

  it('never runs one job in two workers, even two on one database file', async () => {
    const path = join(makeFolder(), 'comments.db');
    const [one, two] = [1, 2].map(() => openSqliteStorage(path));
    if (!one || !two) throw new Error('two storages');
    const runs: string[] = [];
    const byWorker = new Map<string, number>();
    const workerWith = (name: string, storage: typeof one) =>
      createJobWorker({
        jobStore: storage.jobs,
        pollMs: 60_000,
        handlers: {
          count: async (payload) => {
            runs.push(payload as string);
            byWorker.set(name, (byWorker.get(name) ?? 0) + 1);
            // Each call lets the other worker run meanwhile, as a network call does.
            await new Promise((resolve) => setImmediate(resolve));
          },
        },
      });
    for (let n = 0; n < 40; n++)
      await one.jobs.queueJob({ kind: 'count', dedupeKey: `job-${n}`, payload: `job-${n}` }, T0);
    const workers = [workerWith('one', one), workerWith('two', two)];
    const idle = workers.map((worker) => worker.whenIdle());
    for (const worker of workers) worker.start();
    await Promise.all(idle);
    expect(runs.sort()).toEqual(Array.from({ length: 40 }, (_, n) => `job-${n}`).sort());
    expect(byWorker.get('one')).toBeGreaterThan(0);
    expect(byWorker.get('two')).toBeGreaterThan(0);
    await Promise.all(workers.map((worker) => worker.stop()));
    await one.close();
    await two.close();
  });

  it('leaves jobs of a kind it has no handler for in the queue', async () => {
    const jobs = memoryQueue();
    const now = new Date().toISOString();
    await jobs.queueJob({ kind: 'akismet-feedback', dedupeKey: 'a', payload: 1 }, now);
    const worker = createJobWorker({ jobStore: jobs, handlers: { webhook: async () => {} } });
    const idle = worker.whenIdle();
    worker.start();
    await idle;
    await worker.stop();
    expect(await jobs.countUnsent(MAX_ATTEMPTS)).toEqual({ waiting: 1, givenUp: 0 });
    expect((await jobs.claimDue(now, now, MAX_ATTEMPTS))?.attempts).toBe(1);
  });

  it('deletes done jobs a week after, when it finds the queue empty', async () => {
    const db = openDatabase(':memory:');
    const { jobs } = createSqliteStorage(db, ':memory:');
    const time = standingClock(T0);
    const worker = createJobWorker({
      jobStore: jobs,
      handlers: { k: async () => {} },
      now: time.clock,
      pollMs: 60_000,
    });
    const settle = async () => {
      const idle = worker.whenIdle();
      worker.wake();
      await idle;
    };
    await jobs.queueJob({ kind: 'k', dedupeKey: 'a', payload: 'quotes a comment' }, T0);
    worker.start();
    await settle();
    const count = () => db.prepare('SELECT count(*) FROM jobs').pluck().get();
    expect(count()).toBe(1);
    time.moveOn(7 * 86_400_000);
    await settle();
    expect(count()).toBe(0);
    await worker.stop();
  });
});
