/**
 * @fastify/rate-limit's store, on the throttles table: each route's requests are counted per
 * client in the database, so that every instance sharing it counts a client's requests together
 * (the plugin's own store counts in one process's memory). Counted as that store counts: a window
 * opens at a client's first request and lasts the route's `timeWindow`, and the answer's wait is
 * what is left of it. One statement per request, which counts and answers at once.
 */
import type {
  FastifyRateLimitOptions,
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
} from '@fastify/rate-limit';
import type { Storage } from '../storage/storage.ts';

/**
 * What the plugin gives a store of the route it counts for: its limit's options, the route's
 * own under `routeInfo` (the plugin's README). Its types name the route's options instead.
 */
interface RouteLimit {
  routeInfo?: { method?: string | string[]; url?: string };
}

type Answer = Parameters<FastifyRateLimitStore['incr']>[1];
type RouteOptions = Parameters<FastifyRateLimitStore['child']>[0];

/**
 * The store class the plugin's `store` option takes: it makes one with the plugin's options,
 * then one per route through `child`. Requests are counted at `now()`, the server's one clock.
 */
export function rateLimitStoreOf(
  throttles: Storage['throttles'],
  now: () => Date,
): FastifyRateLimitStoreCtor {
  return class ThrottleStore implements FastifyRateLimitStore {
    /** The throttles' scope: each limited route counts apart, as the plugin's own store does. */
    readonly scope: string;

    constructor(options: FastifyRateLimitOptions | RouteOptions) {
      const { routeInfo } = options as RouteLimit;
      const method = [routeInfo?.method ?? ''].flat().join(',');
      this.scope = routeInfo?.url ? `rate ${method} ${routeInfo.url}` : 'rate';
    }

    /** Counts one request of the client `key` (its subject, already hashed). */
    incr(key: string, answer: Answer, timeWindow: number): void {
      const at = now();
      throttles.hit(this.scope, key, at, timeWindow).then(
        (window) =>
          answer(null, {
            current: window.hits,
            ttl: Date.parse(window.started_at) + timeWindow - at.getTime(),
          }),
        (error: Error) => answer(error),
      );
    }

    child(routeOptions: RouteOptions): ThrottleStore {
      return new ThrottleStore(routeOptions);
    }
  };
}
