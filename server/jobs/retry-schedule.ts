/**
 * When a failed outgoing call (a mail, a webhook, a call to Akismet) is tried again: one schedule
 * for every queue, so that an outage looks the same from each and the site owner learns it once.
 */

/** Waits before each new try: 10 s, 30 s, 2 min, 10 min, then hourly, until the last. */
const RETRY_DELAYS_MS = [10_000, 30_000, 120_000, 600_000, 3_600_000];

/** After this many tries a mail or a job is given up, with the last error kept. */
export const MAX_ATTEMPTS = 10;

/** The wait before the next try after `attempts` tries; null once the call is given up. */
export function retryDelay(attempts: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  return RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] ?? 3_600_000;
}
