/**
 * What every route shares on the wire: CORS for pages on any site, the per-client rate limit
 * (which routes opt into, counted in the database for every instance), and compression of JSON
 * answers.
 */
import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { clientSubject } from '../comments/defences.ts';
import type { Config } from '../config.ts';
import { problems } from '../errors.ts';
import type { Storage } from '../storage/storage.ts';
import { rateLimitStoreOf } from './rate-limit-store.ts';

/**
 * The route options that apply RATE_LIMIT_PER_MINUTE to a route that writes; none when it is 0.
 * Counted as the request arrives, unless `once: 'read'`: then once its body is read (and before
 * it is checked), for a route that answers a refusal with the form and what was typed into it.
 * `onExceeded` is told of each request the limit refuses.
 */
export function writeLimitOf(
  config: Pick<Config, 'rateLimitPerMinute'>,
  { once, onExceeded }: { once?: 'read'; onExceeded?: () => void } = {},
): object {
  const hook = once === 'read' ? { hook: 'preValidation' } : {};
  const told = onExceeded ? { onExceeded } : {};
  return config.rateLimitPerMinute > 0
    ? {
        config: {
          rateLimit: { max: config.rateLimitPerMinute, timeWindow: 60_000, ...hook, ...told },
        },
      }
    : {};
}

/**
 * The route options that apply LIKE_RATE_LIMIT_PER_MINUTE to the likes route, counted apart from
 * posts: a reader going down a thread liking comments must not use up their posts, nor the other
 * way round. None when it is 0.
 */
export function likeLimitOf(config: Pick<Config, 'likeRateLimitPerMinute'>): object {
  return config.likeRateLimitPerMinute > 0
    ? { config: { rateLimit: { max: config.likeRateLimitPerMinute, timeWindow: 60_000 } } }
    : {};
}

export interface TransportOptions {
  /** Where the rate limits count each client's requests. */
  throttles: Storage['throttles'];
  /** Hashes clients' addresses before they are counted. */
  ipHashKey: string;
  /** The server's clock, which the limits' windows follow. */
  now: () => Date;
}

/** CORS, rate limiting and compression, for every route registered after it. */
export const transport = fastifyPlugin(
  async (app: FastifyInstance, { throttles, ipHashKey, now }: TransportOptions) => {
    await app.register(cors, {
      origin: true,
      maxAge: 86_400,
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    });
    await app.register(rateLimit, {
      global: false,
      store: rateLimitStoreOf(throttles, now),
      keyGenerator: (request) => clientSubject(request.ip, ipHashKey),
      errorResponseBuilder: (_request, context) =>
        problems.rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
    });
    await app.register(compress, {
      // JSON answers only: the widget's files are compressed once, at build time.
      threshold: 1024,
      brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
      zlibOptions: { level: 6 },
    });
  },
  { name: 'transport' },
);
