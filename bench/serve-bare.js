// The reference: Fastify with no plugins and one route that sends fixed bytes (a thread as our
// server answered it, read from BENCH_BODY_FILE), and a second for its HTML (BENCH_HTML_FILE). What it achieves is the most any Fastify route
// can achieve on this machine with a body of that size. Plain JavaScript, run by plain Node, as
// our built server is, so that neither carries a compiler.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const body = readFileSync(process.env.BENCH_BODY_FILE);
const app = Fastify();
app.get('/api/comments', (_request, reply) => {
  reply.type('application/json').send(body);
});
if (process.env.BENCH_HTML_FILE) {
  const html = readFileSync(process.env.BENCH_HTML_FILE);
  app.get('/api/comments.html', (_request, reply) => {
    reply.type('text/html; charset=utf-8').send(html);
  });
}
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`Bare Fastify is running at ${address}`);
