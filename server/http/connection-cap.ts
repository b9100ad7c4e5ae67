/**
 * A cap on the connections one client holds open at once. Without it, a single address that
 * opens connections and trickles their requests in can take every file descriptor the process
 * has, and then no reader's connection is accepted at all.
 */
import type { Server, Socket } from 'node:net';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyServerOptions } from 'fastify';
import { clientKey } from '../comments/defences.ts';
import { problems } from '../errors.ts';
import { rawProblemResponse } from './raw-response.ts';

export interface ConnectionCapOptions {
  /** Connections one client may hold open at once; 0 leaves them uncapped. */
  maxPerClient: number;
  /** Whether the peer at this address is a reverse proxy of ours: its connections are not capped. */
  isProxy: (address: string) => boolean;
}

/** Connections close within the keep-alive or request timeout: a few seconds frees one. */
const RETRY_AFTER_SECONDS = 5;
const REFUSAL = rawProblemResponse(problems.tooManyConnections(RETRY_AFTER_SECONDS));

/**
 * Counts every accepted socket by the client it comes from, and refuses one over the cap with a
 * bare 503. The count is by the socket's own peer address, which is all there is when a
 * connection is accepted: X-Forwarded-For is a header of a request not read yet, and one that a
 * client could write anyway.
 */
export function capConnectionsPerClient(server: Server, options: ConnectionCapOptions): void {
  if (options.maxPerClient <= 0) return;
  const open = new Map<string, number>();
  // Put before http's own listener: a refused socket is closed before http gives it a parser,
  // so no byte of its request is read and no handler runs for it.
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    // A peer that reset the connection before it was accepted has no address left to count.
    if (address === undefined) {
      socket.destroy();
      return;
    }
    // A reverse proxy carries every reader's requests on its connections: capping it would cap
    // all readers together. Its own limits, and its buffering, stand in front of ours.
    if (options.isProxy(address)) return;
    // By the same key as every other per-client limit: an IPv6 client by its /64, which one
    // host is handed whole and may take a fresh address from for each connection.
    const client = clientKey(address);
    const count = open.get(client) ?? 0;
    if (count >= options.maxPerClient) {
      // Written and closed at once, not lingering to read the request: a refused socket must
      // cost less than an accepted one, or refusing would hold the descriptors it saves. A
      // client whose request had already arrived, unread, may get a reset instead of the 503.
      socket.write(REFUSAL);
      socket.destroy();
      return;
    }
    open.set(client, count + 1);
    socket.once('close', () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left > 0) open.set(client, left);
      else open.delete(client);
    });
  });
}

/**
 * Whether Fastify, given this `trustProxy`, takes a peer at `address` for a proxy: the same
 * rules it follows to believe X-Forwarded-For, so that the cap exempts exactly the proxies whose
 * word on the reader's address is taken.
 */
export function trustsPeer(
  trustProxy: FastifyServerOptions['trustProxy'],
): (address: string) => boolean {
  if (typeof trustProxy === 'function') return (address) => trustProxy(address, 0);
  if (trustProxy === true) return () => true;
  if (!trustProxy) return () => false;
  const trusted = proxyAddr.compile(
    typeof trustProxy === 'string'
      ? trustProxy.split(',').map((entry) => entry.trim())
      : trustProxy,
  );
  return (address) => trusted(address, 0);
}
