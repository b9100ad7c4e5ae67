/**
 * An HTTP proxy on loopback that takes the host names it is given for 127.0.0.1: a browser set
 * to use it reaches http://dashboard.test:PORT/ at http://127.0.0.1:PORT/, as it would reach a
 * server on the LAN by its name, without a line in /etc/hosts. To the browser the name is a host
 * like any other (neither localhost nor a loopback address), so it applies every rule it keeps
 * for those. Any other host is refused, as on a machine without a network (browsers call home).
 *
 * It speaks plain http only: a CONNECT (what a browser sends to reach https through a proxy) is
 * refused, and kept in `tunnels` when it names one of the names, so a test can see that nothing
 * was asked of them over https.
 */
import { createServer, request as forward, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export interface LoopbackProxy {
  /** e.g. http://127.0.0.1:43121, as browsers take a proxy's address. */
  url: string;
  port: number;
  /** Every address of the names asked for, e.g. http://dashboard.test:43122/admin. */
  requests: string[];
  /** Every host:port of the names a CONNECT asked for (https), refused. */
  tunnels: string[];
  close(): Promise<void>;
}

/** Starts the proxy, taking `names` for 127.0.0.1, on 127.0.0.1 on a free port. */
export async function startLoopbackProxy(names: readonly string[]): Promise<LoopbackProxy> {
  const taken = new Set(names.map((name) => name.toLowerCase()));
  const requests: string[] = [];
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((incoming, answer) => {
    const target = targetOf(incoming);
    if (!target || !taken.has(target.hostname)) {
      answer.writeHead(502, { 'content-type': 'text/plain' }).end('No such host here.\n');
      return;
    }
    requests.push(target.href);
    const { 'proxy-connection': _hop, ...headers } = incoming.headers;
    const outgoing = forward(
      {
        host: '127.0.0.1',
        port: target.port || 80,
        method: incoming.method,
        path: `${target.pathname}${target.search}`,
        // The Host header keeps the name the browser asked for, as a server on the LAN sees it.
        headers,
      },
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.rawHeaders);
        response.pipe(answer);
      },
    );
    outgoing.on('error', (error) => {
      if (!answer.headersSent) answer.writeHead(502, { 'content-type': 'text/plain' });
      answer.end(`${error.message}\n`);
    });
    incoming.pipe(outgoing);
  });
  server.on('connect', (incoming: IncomingMessage, socket: Socket) => {
    const host = (incoming.url ?? '').replace(/:\d+$/, '').toLowerCase();
    if (taken.has(host)) tunnels.push(incoming.url ?? '');
    socket.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    tunnels,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Browsers keep connections to a proxy open: they are cut, as the proxy is done.
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The absolute http address a proxy request names, or null for anything else. */
function targetOf(incoming: IncomingMessage): URL | null {
  try {
    const target = new URL(incoming.url ?? '');
    return target.protocol === 'http:' ? target : null;
  } catch {
    // A path alone ("/admin") is a request to the proxy itself, not through it.
    return null;
  }
}
