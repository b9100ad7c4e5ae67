/**
 * How many new comments each defence stopped or held, per day, for the dashboard's overview.
 * Counted in memory as it happens and written to the database every few seconds: a stream of
 * refused posts must not cost a database write each. What the last seconds before a crash
 * counted is lost, and nothing else.
 */
import { DEFENCES, type Defence } from '../../shared/defences.ts';
import type { Storage } from '../storage/storage.ts';

export type { Defence };

/** Stopped: refused, or marked spam. Held: stored for the site owner to decide. */
export type DefenceOutcome = 'stopped' | 'held';

/** The refusals of a new comment that are a defence's work, by their error code. */
const DEFENCE_OF_CODE: Readonly<Record<string, Defence>> = {
  form_unverified: 'timing',
  form_expired: 'timing',
  too_fast: 'timing',
  flood: 'flood',
  rate_limited: 'rate_limit',
  blocked: 'blocklist',
  challenge_invalid: 'challenge',
  challenge_used: 'challenge',
  challenge_expired: 'challenge',
};

export type DefenceTotals = Record<Defence, Record<DefenceOutcome, number>>;

export interface DefenceTally {
  count(defence: Defence, outcome: DefenceOutcome): void;
  /** Counts a refused new comment, if a defence refused it (not a bad field, a closed page…). */
  refused(error: unknown): void;
  /** Each defence's counts from `sinceDay` (YYYY-MM-DD, UTC) on, those not yet written included. */
  totals(sinceDay: string): Promise<DefenceTotals>;
  /** Writes what is counted; kept for the next try when the database cannot take it. */
  flush(): Promise<void>;
  /** Writes what is counted; what is counted after is kept in memory only (the database closes). */
  close(): Promise<void>;
}

const FLUSH_MS = 5_000;

export function createDefenceTally(
  counts: Storage['defenceCounts'],
  now: () => Date,
  log: (message: string) => void = (message) => console.error(message),
): DefenceTally {
  // "day defence outcome" → count, not yet in the database.
  let pending = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.size === 0) return;
    const rows = [...pending].map(([key, count]) => {
      const [day = '', defence = '', outcome = ''] = key.split(' ');
      return { day, defence, outcome, count };
    });
    const written = pending;
    pending = new Map();
    try {
      await counts.add(rows);
    } catch (error) {
      // A busy or read-only database: the counts wait in memory for the next flush.
      for (const [key, count] of written) pending.set(key, (pending.get(key) ?? 0) + count);
      log(`Defence counts could not be written: ${error instanceof Error ? error.message : error}`);
    }
  }

  function count(defence: Defence, outcome: DefenceOutcome): void {
    const key = `${now().toISOString().slice(0, 10)} ${defence} ${outcome}`;
    pending.set(key, (pending.get(key) ?? 0) + 1);
    if (!timer && !closed) {
      // flush() logs its own failures: nothing of it is left to handle here.
      timer = setTimeout(() => void flush(), FLUSH_MS);
      timer.unref();
    }
  }

  return {
    count,
    refused(error) {
      const code = (error as { code?: unknown } | null)?.code;
      const defence = typeof code === 'string' ? DEFENCE_OF_CODE[code] : undefined;
      if (defence) count(defence, 'stopped');
    },
    async totals(sinceDay) {
      const totals = Object.fromEntries(
        DEFENCES.map((defence) => [defence, { stopped: 0, held: 0 }]),
      ) as DefenceTotals;
      const add = (day: string, defence: string, outcome: string, n: number) => {
        const entry = totals[defence as Defence];
        if (day >= sinceDay && entry && (outcome === 'stopped' || outcome === 'held'))
          entry[outcome] += n;
      };
      for (const row of await counts.since(sinceDay))
        add(row.day, row.defence, row.outcome, row.count);
      for (const [key, n] of pending) {
        const [day = '', defence = '', outcome = ''] = key.split(' ');
        add(day, defence, outcome, n);
      }
      return totals;
    },
    flush,
    async close() {
      // Set first: what is counted while the last write is under way waits for no timer.
      closed = true;
      await flush();
    },
  };
}
