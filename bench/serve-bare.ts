/**
 * The reference: a Fastify instance with no plugins and one route that sends fixed bytes (a
 * thread as our server answered it, read from BENCH_BODY_FILE). What it achieves is the most
 * any Fastify route can achieve on this machine with a body of that size.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { serveForBenchmark } from './messages.ts';

const body = readFileSync(process.env.BENCH_BODY_FILE as string);
const app = Fastify();
app.get('/api/comments', (_request, reply) => {
  reply.type('application/json').send(body);
});
await serveForBenchmark(app);
