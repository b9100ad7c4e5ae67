/**
 * Slow clients: connections that send complete headers and then trickle a request body in, a
 * byte at a time, so that each holds one of the server's file descriptors for as long as it
 * likes. Enough of them, from one address, once left no descriptor for any reader. The server
 * now cuts every request off at REQUEST_TIMEOUT_SECONDS and refuses a client's connections
 * past MAX_CONNECTIONS_PER_CLIENT, so readers are answered throughout.
 */
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { connect, Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { capConnectionsPerClient, trustsPeer } from '../../server/http/connection-cap.ts';
import { createTestApp, DEFENCES_OFF, type TestApp } from '../helpers/app.ts';
import { useServerProcesses } from '../helpers/server-process.ts';

/** Short timeouts, so that a test waits seconds for what takes half a minute by default. */
const SHORT_TIMEOUTS = { REQUEST_TIMEOUT_SECONDS: '2', HEADERS_TIMEOUT_SECONDS: '1' };
const READER_PATH = `/api/comments?url=${encodeURIComponent('http://localhost:8080/posts/hello')}`;

let dir: string | null = null;
const apps: TestApp[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(apps.splice(0).map((app) => app.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const servers = useServerProcesses();

/** The app on a real port of 127.0.0.1, with these settings. */
async function listening(env: Record<string, string>): Promise<number> {
  const test = await createTestApp(env);
  apps.push(test);
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  return (test.app.server.address() as { port: number }).port;
}

interface Connection {
  socket: Socket;
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<string>;
  isOpen: () => boolean;
}

/** A connection from `localAddress` (any of 127.0.0.0/8 is this machine) that sends `start`. */
function open(port: number, localAddress: string, start = ''): Connection {
  const socket = connect({ port, host: '127.0.0.1', localAddress });
  sockets.push(socket);
  let received = '';
  let isOpen = true;
  socket.on('data', (chunk) => {
    received += chunk;
  });
  // A refused connection may be reset as well as answered: what was answered is what counts.
  socket.on('error', () => {});
  const closed = new Promise<string>((resolve) =>
    socket.once('close', () => {
      isOpen = false;
      resolve(received);
    }),
  );
  if (start) socket.once('connect', () => socket.write(start));
  return { socket, closed, isOpen: () => isOpen };
}

/**
 * A POST whose headers arrive whole, announcing a 1,000-byte body that then comes one byte
 * every 200 ms: each byte keeps the connection from ever being idle.
 */
function slowBody(port: number, localAddress: string): Connection {
  const connection = open(
    port,
    localAddress,
    'POST /api/comments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
  );
  const drip = setInterval(() => {
    if (connection.socket.writable) connection.socket.write(' ');
  }, 200);
  void connection.closed.finally(() => clearInterval(drip));
  return connection;
}

/** Resolves once the server has answered `request` on `connection` (keeping it open or not). */
function answerOn(connection: Connection, request: string): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    const collect = (chunk: Buffer) => {
      received += chunk;
      if (received.includes('\r\n\r\n')) {
        connection.socket.off('data', collect);
        resolve(received);
      }
    };
    connection.socket.on('data', collect);
    // Refused as it was accepted, a connection may be answered before the request is sent.
    void connection.closed.then((all) => resolve(received || all));
    if (connection.socket.connecting)
      connection.socket.once('connect', () => connection.socket.write(request));
    else connection.socket.write(request);
  });
}

const HEALTH = 'GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n';

/** The status code an answer starts with, e.g. 200. */
function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
}

/** The JSON body of a whole answer. */
function bodyOf(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
}

/** A reader's GET of a thread on a connection of its own: its status, or why it failed. */
function read(port: number): Promise<number | string> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: READER_PATH, agent: false });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Reads, one reader after another, for as long as `attackGoesOn`; stops at the first failure. */
async function readWhile(port: number, attackGoesOn: () => boolean): Promise<(number | string)[]> {
  const answers: (number | string)[] = [];
  while (attackGoesOn()) {
    const answer = await read(port);
    answers.push(answer);
    if (answer !== 200) break;
  }
  return answers;
}

/** Waits until every connection is open (its headers sent) or already closed by the server. */
async function settled(connections: Connection[]): Promise<void> {
  await Promise.all(
    connections.map(
      ({ socket, closed }) =>
        new Promise<void>((resolve) => {
          if (!socket.connecting) resolve();
          socket.once('connect', () => resolve());
          void closed.then(() => resolve());
        }),
    ),
  );
}

describe('slow clients', () => {
  it('keeps answering readers while one address trickles hundreds of request bodies, under a 256-descriptor limit', async () => {
    dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-slow-'));
    const server = await servers.start(dir, { ...DEFENCES_OFF, ...SHORT_TIMEOUTS });
    // The server may open 256 files and sockets at most: 400 connections held open would take
    // every one of them, and a reader's connection would be closed as soon as it is accepted.
    execFileSync('prlimit', [`--pid=${server.child.pid}`, '--nofile=256:256']);
    const port = Number(new URL(server.address).port);

    const attack = Array.from({ length: 400 }, () => slowBody(port, '127.0.0.2'));
    await settled(attack);
    const answers = await readWhile(port, () => attack.some((connection) => connection.isOpen()));
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer !== 200)).toEqual([]);

    const outcomes = (await Promise.all(attack.map(({ closed }) => closed))).map(statusOf);
    // Past MAX_CONNECTIONS_PER_CLIENT (50) a connection is refused at once, with a 503 (or a
    // reset, when its request was already there unread); those let in are cut off with 408 at
    // REQUEST_TIMEOUT_SECONDS, whatever their body still owes.
    expect(outcomes.filter((status) => ![503, 408, 0].includes(status))).toEqual([]);
    expect(outcomes.filter((status) => status === 408).length).toBeLessThanOrEqual(50);
    expect(await read(port)).toBe(200);
  }, 120_000);

  it('cuts off every request whose body or headers trickle in with a 408, while readers are answered', async () => {
    const port = await listening({ ...SHORT_TIMEOUTS });
    // Ten addresses, thirty connections each: under the per-client cap, so only the timeouts
    // stand between these connections and forever.
    const bodies = Array.from({ length: 300 }, (_, n) => slowBody(port, `127.0.1.${1 + (n % 10)}`));
    const headers = Array.from({ length: 10 }, () => {
      const connection = open(port, '127.0.2.1', 'POST /api/comments HTTP/1.1\r\nHost: loc');
      const drip = setInterval(() => {
        if (connection.socket.writable) connection.socket.write('a');
      }, 200);
      void connection.closed.finally(() => clearInterval(drip));
      return connection;
    });
    const silent = Array.from({ length: 10 }, () => open(port, '127.0.2.2'));
    const attack = [...bodies, ...headers, ...silent];
    await settled(attack);

    const answers = await readWhile(port, () => attack.some((connection) => connection.isOpen()));
    const closedWith = await Promise.all(attack.map(({ closed }) => closed));

    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer !== 200)).toEqual([]);
    expect(closedWith.filter((answer) => statusOf(answer) !== 408)).toEqual([]);
    expect(bodyOf(closedWith[0] as string)).toEqual({
      error: {
        code: 'request_timeout',
        message:
          'The request took too long to arrive, so the server stopped waiting for it. Please try again.',
      },
    });
  }, 60_000);

  it('closes a kept-alive connection left idle after KEEP_ALIVE_TIMEOUT_SECONDS, and a stalled request after CONNECTION_TIMEOUT_SECONDS', async () => {
    const idleTimeouts = {
      KEEP_ALIVE_TIMEOUT_SECONDS: '1',
      CONNECTION_TIMEOUT_SECONDS: '1',
      // Long enough that only the two above can end a connection here.
      REQUEST_TIMEOUT_SECONDS: '600',
      HEADERS_TIMEOUT_SECONDS: '600',
    };
    const port = await listening(idleTimeouts);
    const idle = open(port, '127.0.0.4');
    const answer = await answerOn(idle, HEALTH);
    expect(statusOf(answer)).toBe(200);
    expect(answer.toLowerCase()).toContain('\r\nkeep-alive: timeout=1\r\n');
    // Nothing else is sent: the server closes the connection on its own.
    await idle.closed;

    // Headers whole, then not one byte of the body: only the idle timeout ends this one.
    const unsent = open(
      port,
      '127.0.0.5',
      'POST /api/comments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n',
    );
    expect(await unsent.closed).toBe('');
  });

  it("refuses a client's connections past MAX_CONNECTIONS_PER_CLIENT with a 503, and serves another address", async () => {
    const port = await listening({ MAX_CONNECTIONS_PER_CLIENT: '5' });
    const held = Array.from({ length: 5 }, () => open(port, '127.0.0.2'));
    for (const connection of held) expect(statusOf(await answerOn(connection, HEALTH))).toBe(200);

    // It is answered as soon as it is accepted, before it has said anything: a request sent
    // meanwhile would go unread, and closing on unread bytes resets the connection.
    const answer = await open(port, '127.0.0.2').closed;
    expect(statusOf(answer)).toBe(503);
    expect(answer).toMatch(/\r\nRetry-After: 5\r\n/);
    expect(bodyOf(answer)).toEqual({
      error: {
        code: 'too_many_connections',
        message:
          'Too many connections are open from your address. Please try again in a few seconds.',
      },
    });

    const other = open(port, '127.0.0.3');
    expect(statusOf(await answerOn(other, HEALTH))).toBe(200);

    // A connection that closes makes room for the next one from its address.
    held[0]?.socket.destroy();
    await held[0]?.closed;
    let next = open(port, '127.0.0.2');
    let status = statusOf(await answerOn(next, HEALTH));
    // The server hears of the close a moment after the client: until then it may still refuse
    // (with a 503, or a reset when the request was already there).
    while (status !== 200) {
      next = open(port, '127.0.0.2');
      status = statusOf(await answerOn(next, HEALTH));
    }
    expect(status).toBe(200);
  });

  it('leaves the connections of a proxy that TRUST_PROXY names uncapped, and caps everyone else', async () => {
    const port = await listening({ MAX_CONNECTIONS_PER_CLIENT: '5', TRUST_PROXY: '127.0.0.2' });
    const proxy = Array.from({ length: 12 }, () => open(port, '127.0.0.2'));
    for (const connection of proxy) expect(statusOf(await answerOn(connection, HEALTH))).toBe(200);

    const reader = Array.from({ length: 5 }, () => open(port, '127.0.0.3'));
    for (const connection of reader) expect(statusOf(await answerOn(connection, HEALTH))).toBe(200);
    expect(statusOf(await open(port, '127.0.0.3').closed)).toBe(503);
  });

  it('counts an IPv6 client by its /64, an IPv4 one by its address', () => {
    const server = new Server();
    capConnectionsPerClient(server, { maxPerClient: 2, isProxy: () => false });
    const accept = (remoteAddress: string) => {
      const socket = Object.assign(new EventEmitter(), {
        remoteAddress,
        refused: false,
        write: () => true,
        destroy: () => {
          socket.refused = true;
        },
      });
      server.emit('connection', socket);
      return !socket.refused;
    };
    expect(accept('2001:db8:1:2::a')).toBe(true);
    expect(accept('2001:db8:1:2:ffff:1:2:3')).toBe(true);
    expect(accept('2001:db8:1:2::b')).toBe(false);
    expect(accept('2001:db8:1:3::a')).toBe(true);
    expect(accept('::ffff:192.0.2.1')).toBe(true);
    expect(accept('192.0.2.1')).toBe(true);
    expect(accept('192.0.2.1')).toBe(false);
    expect(accept('192.0.2.2')).toBe(true);
  });

  it('takes a peer for a proxy exactly where Fastify believes its X-Forwarded-For', () => {
    const none = trustsPeer(false);
    const listed = trustsPeer(['127.0.0.1', '10.0.0.0/8']);
    const nearest = trustsPeer((_address: string, hop: number) => hop < 1);
    expect([none('127.0.0.1'), none('203.0.113.9')]).toEqual([false, false]);
    expect([listed('127.0.0.1'), listed('10.1.2.3'), listed('203.0.113.9')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(nearest('203.0.113.9')).toBe(true);
  });
});

describe('connection settings', () => {
  it('bound every wait on a client by default, and cap each client at 50 connections', () => {
    expect(loadConfig({})).toMatchObject({
      requestTimeoutSeconds: 30,
      headersTimeoutSeconds: 10,
      connectionTimeoutSeconds: 30,
      keepAliveTimeoutSeconds: 10,
      maxConnectionsPerClient: 50,
    });
    expect(loadConfig({ REQUEST_TIMEOUT_SECONDS: '5' }).headersTimeoutSeconds).toBe(5);
    expect(loadConfig({ MAX_CONNECTIONS_PER_CLIENT: '0' }).maxConnectionsPerClient).toBe(0);
  });

  it('refuses a timeout that is off, and headers allowed longer than the whole request', () => {
    expect(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: '0' })).toThrow(
      'REQUEST_TIMEOUT_SECONDS must be a whole number from 1 to 3600, not "0".',
    );
    expect(() => loadConfig({ KEEP_ALIVE_TIMEOUT_SECONDS: '900' })).toThrow(
      'KEEP_ALIVE_TIMEOUT_SECONDS must be a whole number from 1 to 300, not "900".',
    );
    expect(() => loadConfig({ CONNECTION_TIMEOUT_SECONDS: 'soon' })).toThrow(
      'CONNECTION_TIMEOUT_SECONDS must be a whole number from 1 to 3600, not "soon".',
    );
    expect(() =>
      loadConfig({ REQUEST_TIMEOUT_SECONDS: '20', HEADERS_TIMEOUT_SECONDS: '25' }),
    ).toThrow('HEADERS_TIMEOUT_SECONDS (25) must not be longer than REQUEST_TIMEOUT_SECONDS (20).');
  });
});
