/**
 * Several `leave-a-reply serve` processes over one PostgreSQL database, as README's "Running
 * several instances" runs them: the settings of README's systemd unit, each instance on a port of
 * its own, and nginx in front with README's file for several instances. Also what a test needs
 * to see which instance does what: which process holds a connection, and a TCP gate that holds
 * the first connections to a server until it is opened.
 */
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterEach } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';
import { queryOnce } from '../helpers/postgres-query.ts';
import { type ServerProcess, useServerProcesses } from '../helpers/server-process.ts';
import { type Certificate, onLoopback } from './nginx.ts';
import { readmeFile, substitute, unitEnvironment } from './readme.ts';

/** Where README puts nginx's configuration for several instances. */
export const INSTANCES_SITE = '/etc/nginx/sites-available/leave-a-reply-instances.conf';

/** The settings of README's systemd unit, which every instance keeps but for its database. */
export const UNIT_SETTINGS: Record<string, string> = (() => {
  const { DATABASE_PATH: _path, ...settings } = unitEnvironment(
    readmeFile('/etc/systemd/system/leave-a-reply.service'),
  );
  return settings;
})();

/** The response header naming the instance nginx passed a request to (its address and port). */
export const UPSTREAM_HEADER = 'x-upstream-address';

export interface InstancesSitePorts {
  /** Where the instances listen, on 127.0.0.1, in README's order. */
  upstreamPorts: readonly [number, number];
  httpPort: number;
  httpsPort: number;
  certificate: Certificate;
}

/**
 * README's nginx file for several instances, for these ports and this certificate; nginx also
 * names, in each answer, the instance that gave it (a header added outside README's blocks,
 * which they inherit: it changes nothing nginx does with a request).
 */
export function documentedInstancesSite({
  upstreamPorts: [first, second],
  httpPort,
  httpsPort,
  certificate,
}: InstancesSitePorts): string {
  let site = readmeFile(INSTANCES_SITE);
  site = substitute(site, 'server 127.0.0.1:8081;', `server 127.0.0.1:${first};`);
  site = substitute(site, 'server 127.0.0.1:8082;', `server 127.0.0.1:${second};`);
  site = onLoopback(site, { httpPort, httpsPort, certificate });
  return `add_header ${UPSTREAM_HEADER} $upstream_addr always;\n${site}`;
}

export interface Instance {
  server: ServerProcess;
  /** Its own address, e.g. http://127.0.0.1:43121, as nginx reaches it. */
  address: string;
  /** 127.0.0.1:43121, as nginx names it. */
  hostPort: string;
  port: number;
}

export interface Instances {
  a: Instance;
  b: Instance;
  /** The settings every instance got. */
  settings: Record<string, string>;
  /** The folder they run in. */
  dir: string;
  /** Starts one more instance with the same settings. */
  another(): Promise<Instance>;
  /** Runs `sql` on the instances' database, on a connection of its own. */
  query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<Row[]>;
}

/**
 * Registers stopping every instance after each test of the calling file (SIGKILL), and then
 * dropping its database and removing its folder. Call it before useNginx, so that nginx stops
 * first. The returned function starts two instances at once on a new database, with README's
 * unit settings and `settings` over them.
 */
export function useInstances(): (settings?: Record<string, string>) => Promise<Instances> {
  const databases: TestDatabase[] = [];
  const dirs: string[] = [];
  // Registered first, so that it runs after the servers are killed.
  afterEach(async () => {
    await Promise.all(databases.splice(0).map((database) => database.drop()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const servers = useServerProcesses();
  return async (extra = {}) => {
    const database = await createTestDatabase();
    databases.push(database);
    const dir = mkdtempSync(join(tmpdir(), 'leave-a-reply-instances-'));
    dirs.push(dir);
    const settings = { ...UNIT_SETTINGS, DATABASE_URL: database.url, PORT: '0', ...extra };
    const start = async (): Promise<Instance> => {
      const server = await servers.start(dir, settings);
      const { port, host } = new URL(server.address);
      return { server, address: server.address, hostPort: host, port: Number(port) };
    };
    // Started at once on the new database: the schema is made by one of them, under its lock.
    const [a, b] = await Promise.all([start(), start()]);
    const query = <Row extends pg.QueryResultRow>(sql: string, values: unknown[] = []) =>
      queryOnce<Row>(database.url, sql, values);
    return {
      a: a as Instance,
      b: b as Instance,
      settings,
      dir,
      another: start,
      query,
    };
  };
}

/** The inodes of the TCP connections open to 127.0.0.1:`port`, from /proc/net/tcp (Linux). */
function connectionsTo(port: number): Set<string> {
  const remote = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set<string>();
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    // Fields: sl, local address, remote address, state (01: established), …, inode (10th).
    if (fields[2] === remote && fields[3] === '01' && fields[9]) inodes.add(fields[9]);
  }
  return inodes;
}

/** Which of `instances` holds a connection open to 127.0.0.1:`port` now. */
export function holdingConnectionTo(port: number, instances: readonly Instance[]): Instance[] {
  const sockets = new Set([...connectionsTo(port)].map((inode) => `socket:[${inode}]`));
  return instances.filter(({ server }) => {
    const fds = `/proc/${server.child.pid}/fd`;
    return readdirSync(fds).some((fd) => {
      try {
        return sockets.has(readlinkSync(join(fds, fd)));
      } catch {
        // The descriptor was closed between listing and reading: it held nothing then.
        return false;
      }
    });
  });
}

export interface Gate {
  /** Where clients connect: 127.0.0.1:port. */
  port: number;
  /** The connections held so far: accepted, and never passed on. */
  held: Socket[];
  /** Passes every later connection on to the server behind. */
  open(): void;
}

/**
 * Registers closing, after each test, every gate started with the returned function. A gate
 * takes connections meant for 127.0.0.1:`target` and holds them, unanswered, until it is
 * opened: a server that stalls a client mid-delivery, for as long as the test wants.
 */
export function useGates(): (target: number) => Promise<Gate> {
  const closing: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(closing.splice(0).map((close) => close()));
  });
  return async (target) => {
    const held: Socket[] = [];
    const passed: Socket[] = [];
    let opened = false;
    const server: Server = createServer((client) => {
      client.on('error', () => client.destroy());
      if (!opened) {
        held.push(client);
        return;
      }
      const onward = createConnection(target, '127.0.0.1');
      onward.on('error', () => client.destroy());
      passed.push(client, onward);
      client.pipe(onward).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closing.push(
      () =>
        new Promise((resolve) => {
          for (const socket of [...held, ...passed]) socket.destroy();
          server.close(() => resolve());
        }),
    );
    return {
      port: (server.address() as { port: number }).port,
      held,
      open: () => {
        opened = true;
      },
    };
  };
}
