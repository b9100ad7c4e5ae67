/**
 * The part of autocannon's API the benchmark uses. autocannon ships no types and there is no
 * @types package for version 8, so the shapes are written down here from its README.
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Called before each request is sent; what it returns is sent instead. */
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
  }

  export interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    requests?: Request[];
    /** Seconds a request may take before it counts as timed out. */
    timeout?: number;
    /** Requests per second from all connections together; as fast as possible without it. */
    overallRate?: number;
  }

  export interface Result {
    /** Seconds the run actually lasted. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    requests: { average: number; total: number };
    /** Whole milliseconds: autocannon's histogram cannot tell 0.2 ms from 0.9 ms. */
    latency: { p50: number; p99: number };
  }

  /** A running load test: a promise of its result that also reports every response. */
  export interface Instance extends EventEmitter, PromiseLike<Result> {
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, bytes: number, milliseconds: number) => void,
    ): this;
    stop(): void;
  }

  export default function autocannon(options: Options): Instance;
}
