/**
 * The Fastify instance the settings describe: its logger, body limit, proxies and timeouts,
 * with the cap on connections per client. It neither routes nor listens.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import { LIMITS } from '../../shared/limits.ts';
import type { Config } from '../config.ts';
import { answerClientError } from './client-errors.ts';
import { capConnectionsPerClient, trustsPeer } from './connection-cap.ts';
import { answerError } from './error-handler.ts';
import { type LogSink, logDestination } from './logging.ts';

/** A Fastify instance for `config`, logging to `logSink` (standard output by default). */
export function createServer(config: Config, logSink?: LogSink) {
  const logStream = logDestination(config.logFormat, logSink);
  const trustProxy = fastifyTrustProxy(config.trustProxy);
  const app = Fastify({
    // Errors are always logged; the request log only when asked for. Without it, requests share
    // the server's logger instead of getting one of their own, which costs a read a tenth of its time.
    logger: logStream ? { stream: logStream } : true,
    logController: new LogController({ disableRequestLogging: !config.logRequests }),
    ...(config.logRequests ? {} : { childLoggerFactory: (logger: FastifyBaseLogger) => logger }),
    bodyLimit: LIMITS.requestBytesMax,
    trustProxy,
    // A malformed URL is refused before routing; it gets the same error shape as the rest.
    frameworkErrors: (error, request, reply) => answerError(error, request, reply),
    ...connectionTimeouts(config),
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();
  capConnectionsPerClient(app.server, {
    maxPerClient: config.maxConnectionsPerClient,
    isProxy: trustsPeer(trustProxy),
  });
  return app;
}

/**
 * Every wait on a client is bounded (see server/config.ts): Node's requestTimeout covers the
 * whole request, so a body trickled in a byte at a time is cut off, not only slow headers.
 * Node checks those two only every connectionsCheckingInterval (30 s by default, which would
 * let a slow request live twice its timeout); a quarter of the headers timeout keeps the
 * overrun small, and checking costs little beside the connections it frees.
 */
function connectionTimeouts(config: Config) {
  const requestTimeout = config.requestTimeoutSeconds * 1000;
  const headersTimeout = config.headersTimeoutSeconds * 1000;
  return {
    requestTimeout,
    connectionTimeout: config.connectionTimeoutSeconds * 1000,
    keepAliveTimeout: config.keepAliveTimeoutSeconds * 1000,
    // requestTimeout again here: Node checks headersTimeout against it as the server is made,
    // before Fastify sets it, and would compare with its own default (300 s) instead.
    http: {
      requestTimeout,
      headersTimeout,
      connectionsCheckingInterval: Math.min(1000, headersTimeout / 4),
    },
  };
}

/** A hop count becomes a function: "trust the nearest n proxies". */
function fastifyTrustProxy(setting: Config['trustProxy']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}
