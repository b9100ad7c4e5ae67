/**
 * Starting, questioning and stopping a server process from the benchmark. Ours is the real
 * command, `leave-a-reply serve` from the build, as a site owner runs it; the reference is a
 * bare Fastify script run by plain Node. Memory and CPU are read from outside, in /proc, so that
 * nothing is added to either process to measure it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PROJECT_DIR = fileURLToPath(new URL('../', import.meta.url));
export const BIN = fileURLToPath(new URL('../server/bin.js', import.meta.url));
const BARE = fileURLToPath(new URL('serve-bare.js', import.meta.url));
/** A start takes well under a second; more means something is wrong. */
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Linux counts a process's CPU time in clock ticks of 1/100 s (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

/** What a server has used so far. */
export interface ServerUsage {
  /** Resident set size now, in bytes. */
  rssBytes: number;
  /** CPU time (user and system) since the process started, in microseconds. */
  cpuMicros: number;
}

export interface ServerProcess {
  /** e.g. http://127.0.0.1:43121 */
  origin: string;
  pid: number;
  /** The server's memory now and CPU time so far. */
  usage: () => Promise<ServerUsage>;
  stop: () => Promise<void>;
}

/** Every server this benchmark started and has not stopped, killed if the benchmark dies. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * The environment a server gets: the settings given and nothing from the shell's own, so that a
 * developer's DATABASE_PATH or ADMIN_TOKEN cannot reach a benchmark.
 */
function serverEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: '0',
    HOST: '127.0.0.1',
    // Every connection of the load comes from 127.0.0.1, standing for many readers: under the
    // per-client cap (50) the load's own connections would be refused. The cap stays on, above
    // them, so that what it costs a connection is measured.
    MAX_CONNECTIONS_PER_CLIENT: '1000',
    ...settings,
  };
}

/**
 * Runs `node ARGS` with these settings and resolves once it prints the address it listens at
 * ("… running at http://127.0.0.1:PORT").
 */
export async function startServerProcess(
  args: string[],
  settings: Record<string, string>,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_DIR,
    env: serverEnvironment(settings),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  const origin = await listeningAddress(child, exited).catch(async (error) => {
    await forceStop(child, exited);
    throw error;
  });
  const pid = child.pid as number;
  return {
    origin,
    pid,
    usage: async () => readUsage(pid),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([
        exited.then(() => true),
        delay(STOP_TIMEOUT_MS).then(() => false),
      ]);
      if (!stopped) await forceStop(child, exited);
    },
  };
}

/** The address the process prints once it listens; rejects if it exits or stays silent. */
export function listeningAddress(child: ChildProcess, exited: Promise<void>): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no address in time:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const collect = (chunk: Buffer) => {
      output += chunk;
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      // Keep reading, so that a full pipe never blocks the server.
      child.stdout?.resume();
      child.stderr?.resume();
      resolve(match[1]);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    void exited.then(() => {
      clearTimeout(timer);
      const how = child.signalCode ? `on ${child.signalCode}` : `with code ${child.exitCode}`;
      reject(new Error(`the server exited ${how} before listening:\n${output}`));
    });
  });
}

/** Resident memory and CPU time of a running process, from /proc. */
export function readUsage(pid: number): ServerUsage {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
  // Fields after the command name (which may hold spaces, so split after its closing bracket):
  // utime and stime are the 14th and 15th fields of the whole line.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssBytes: rssKb * 1024, cpuMicros: (ticks / TICKS_PER_SECOND) * 1_000_000 };
}

/**
 * Runs the real application, `leave-a-reply serve`, with these settings (as the environment
 * would give them, over the defaults), hands it to `use`, and stops it however `use` ends.
 */
export async function withApp<T>(
  settings: Record<string, string>,
  use: (server: ServerProcess) => Promise<T>,
): Promise<T> {
  return withServer([BIN, 'serve'], { LOG_REQUESTS: 'false', ...settings }, use);
}

/** Runs bare Fastify sending the bytes of `bodyFile`, hands it to `use`, then stops it. */
export async function withBareFastify<T>(
  bodyFile: string,
  use: (server: ServerProcess) => Promise<T>,
  htmlFile?: string,
): Promise<T> {
  const files = { BENCH_BODY_FILE: bodyFile, ...(htmlFile ? { BENCH_HTML_FILE: htmlFile } : {}) };
  return withServer([BARE], files, use);
}

async function withServer<T>(
  args: string[],
  settings: Record<string, string>,
  use: (server: ServerProcess) => Promise<T>,
): Promise<T> {
  const server = await startServerProcess(args, settings);
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

/** Ends a child that did not stop when asked: this process started it, by its own handle. */
async function forceStop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await exited;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
