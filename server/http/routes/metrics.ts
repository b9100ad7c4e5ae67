/**
 * GET /metrics: the server's metrics in Prometheus's text format, for whoever holds
 * METRICS_TOKEN. Registered only when that setting is set; otherwise /metrics is unknown (404).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problems } from '../../errors.ts';
import { secretsEqual } from '../../storage/secrets.ts';
import type { Metrics } from '../metrics.ts';
import { ErrorSchema } from '../schemas.ts';

export interface MetricsRoutesOptions {
  metrics: Metrics;
  token: string;
}

const BEARER = /^Bearer\s+(.+)$/i;

export const metricsRoutes: FastifyPluginAsyncTypebox<MetricsRoutesOptions> = async (
  app,
  { metrics, token },
) => {
  const schema = { response: { 200: Type.String(), '4xx': ErrorSchema } };
  app.get('/metrics', { schema }, async (request, reply) => {
    const given = BEARER.exec(request.headers.authorization ?? '')?.[1]?.trim();
    if (!given || !secretsEqual(given, token)) {
      reply.header('www-authenticate', 'Bearer');
      throw problems.metricsUnauthorized();
    }
    const text = await metrics.registry.metrics();
    // Counts of this moment, for this scraper only: no cache, shared or not, may keep them.
    return reply.header('cache-control', 'no-store').type(metrics.registry.contentType).send(text);
  });
};
