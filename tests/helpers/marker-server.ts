/**
 * A server that only listens and writes down: every request it gets, whatever its path. A
 * payload that makes a page ask for one of its addresses has done something, scripts running
 * or not, and the server saw it.
 */
import { createServer, type Server } from 'node:http';

export interface MarkerServer {
  /** e.g. http://127.0.0.1:43123 */
  origin: string;
  /** The address of `path` here, e.g. url('/hit/7') → http://127.0.0.1:43123/hit/7 */
  url(path: string): string;
  /** Every request so far, as "METHOD /path?query", in the order they came. */
  hits(): string[];
  close(): Promise<void>;
}

/** Starts a marker server on a free port of 127.0.0.1; it answers every request 204. */
export async function startMarkerServer(): Promise<MarkerServer> {
  const hits: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits.push(`${request.method} ${path}`);
    // No body, and no type that a browser would complain about: the request is what counts.
    response.writeHead(204, { 'Cache-Control': 'no-store' });
    response.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    hits: () => [...hits],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
