/**
 * A real webhook receiver on 127.0.0.1: it keeps every request it gets, answers each with the
 * status the test sets, and can go down (refusing connections) and come back on the same port.
 * Its deliveries are checked with the standardwebhooks package, as a receiver out there would.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach } from 'vitest';

/** A secret in Standard Webhooks' form, for the tests' receivers. */
export const WEBHOOK_SECRET = `whsec_${Buffer.from('a webhook key for tests, 32 bytes').toString('base64')}`;

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered with. */
  status: number;
}

export interface Receiver {
  /** Where to post, e.g. http://127.0.0.1:40123/hook */
  url: string;
  /** Every request that reached it, in order, whatever it answered. */
  requests: ReceivedRequest[];
  /** The requests it answered with a 2xx. */
  delivered(): ReceivedRequest[];
  /** The status of the next answers (204 at first); 0 answers nothing, holding the request. */
  answerWith(status: number): void;
  /** Resolves once `count` requests have reached it in all. */
  waitForRequests(count: number): Promise<ReceivedRequest[]>;
  /** Stops listening: connections to its port are refused until it comes back. */
  goDown(): Promise<void>;
  /** Listens again on the same port. */
  comeBack(): Promise<void>;
}

/** Headers a receiver checks, as the standardwebhooks package reads them. */
function signatureHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return {
    'webhook-id': String(headers['webhook-id'] ?? ''),
    'webhook-timestamp': String(headers['webhook-timestamp'] ?? ''),
    'webhook-signature': String(headers['webhook-signature'] ?? ''),
  };
}

/** The body of a request whose signature holds under `secret`, parsed; throws when it does not. */
export function verifiedBody(request: ReceivedRequest, secret = WEBHOOK_SECRET): unknown {
  return new Webhook(secret).verify(request.body, signatureHeaders(request.headers));
}

/**
 * Registers, after each test of the calling file, the closing of every receiver started with
 * the returned function.
 */
export function useWebhookReceivers(): (path?: string) => Promise<Receiver> {
  const open: Server[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map(closeServer));
  });
  return async (path = '/hook') => {
    const requests: ReceivedRequest[] = [];
    const waiters: Array<() => void> = [];
    let status = 204;
    let server: Server | undefined;
    const listen = async (port: number) => {
      server = createServer((request, response) => {
        let body = '';
        request.setEncoding('utf8');
        request.on('data', (chunk: string) => {
          body += chunk;
        });
        request.on('end', () => {
          requests.push({ headers: request.headers, body, status });
          if (status > 0) response.writeHead(status).end();
          for (const wake of waiters.splice(0)) wake();
        });
      });
      const listening = server;
      open.push(listening);
      await new Promise<void>((resolve) => listening.listen(port, '127.0.0.1', resolve));
      return (listening.address() as AddressInfo).port;
    };
    const port = await listen(0);
    return {
      url: `http://127.0.0.1:${port}${path}`,
      requests,
      delivered: () => requests.filter(({ status: answered }) => answered >= 200 && answered < 300),
      answerWith: (next) => {
        status = next;
      },
      waitForRequests: (count) =>
        new Promise((resolve) => {
          const check = () => {
            if (requests.length >= count) resolve(requests.slice(0, count));
            else waiters.push(check);
          };
          check();
        }),
      goDown: () => (server ? closeServer(server) : Promise.resolve()),
      comeBack: async () => {
        await listen(port);
      },
    };
  };
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
