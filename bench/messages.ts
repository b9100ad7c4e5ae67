/**
 * What the benchmark and its server processes say to each other over the IPC channel. Each
 * server runs in a process of its own so that it does not share an event loop (or a core) with
 * autocannon, which would measure the client as much as the server.
 */
import type { FastifyInstance } from 'fastify';

/** From the benchmark to a server. */
export type ToServer = { type: 'report' } | { type: 'stop' };

/** From a server to the benchmark. */
export type FromServer = { type: 'ready'; port: number } | ({ type: 'report' } & ServerUsage);

/** What a server has used so far. */
export interface ServerUsage {
  /** Resident set size now, in bytes. */
  rssBytes: number;
  /** CPU time (user and system) since the process started, in microseconds. */
  cpuMicros: number;
}

/**
 * Listens on loopback, tells the parent the port, then answers its reports and stops when told
 * to (or when the parent goes away, so that a crashed benchmark leaves no server behind).
 */
export async function serveForBenchmark(app: FastifyInstance): Promise<void> {
  const send = (message: FromServer) => process.send?.(message);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    // With the channel closed and the server gone, nothing keeps the process alive.
    if (process.connected) process.disconnect();
  };
  process.on('message', (message: ToServer) => {
    if (message.type === 'report') {
      const { user, system } = process.cpuUsage();
      send({ type: 'report', rssBytes: process.memoryUsage().rss, cpuMicros: user + system });
    } else if (message.type === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());

  await app.listen({ port: 0, host: '127.0.0.1' });
  send({ type: 'ready', port: (app.server.address() as { port: number }).port });
}
