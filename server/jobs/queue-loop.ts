/**
 * The loop that empties a durable queue kept in the database (the mail queue, the job queue): it takes
 * one due item at a time under a lease, hands it over, and looks again, or waits for the next
 * poll or a wake-up. What an item is, how it is taken and how its outcome is recorded is the
 * queue's own; the waiting, waking, idling and stopping are the same for every queue.
 */

export interface QueueLoopOptions<Item> {
  /** Takes the next due item, leased to this worker until `leaseUntil`; null when none is due. */
  claim(now: string, leaseUntil: string): Promise<Item | null>;
  /** Hands one taken item over and records how it went; a rejection is logged, not retried. */
  handle(item: Item): Promise<void>;
  /** Called each time the queue is found empty, before the loop waits. */
  onIdle?(): Promise<void>;
  now: () => Date;
  pollMs: number;
  leaseMs: number;
  /** Told when the queue cannot be read, or an outcome not recorded. */
  log: (message: string) => void;
  /** Names the queue in log lines: "mail queue", "job queue". */
  name: string;
}

export interface QueueLoop {
  start(): void;
  /** Finishes the item in progress, if any (for at most a grace period), and stops. */
  stop(): Promise<void>;
  /** Looks for due items now, not at the next poll: something was just queued. */
  wake(): void;
  /** Resolves the next time the loop finds nothing due: for tests and for a clean shutdown. */
  whenIdle(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;

/** A loop for one server process; it does nothing until started. */
export function createQueueLoop<Item>({
  claim,
  handle,
  onIdle = async () => {},
  now,
  pollMs,
  leaseMs,
  log,
  name,
}: QueueLoopOptions<Item>): QueueLoop {
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];

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

  async function run(): Promise<void> {
    while (running) {
      try {
        const at = now();
        const item = await claim(at.toISOString(), new Date(at.getTime() + leaseMs).toISOString());
        if (item) {
          await handle(item);
          continue;
        }
        await onIdle();
        idle();
      } catch (error) {
        // The database may be busy or full for a while; the items wait in it meanwhile.
        log(`The ${name} could not be read: ${error instanceof Error ? error.message : error}`);
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
      // A call that hangs must not keep the server from stopping; its lease runs out, and the
      // next start tries that item again.
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_GRACE_MS);
      });
      await Promise.race([loop, grace]);
      clearTimeout(timer);
      loop = null;
      idle();
    },
    wake() {
      wakeUp?.();
    },
    whenIdle() {
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
