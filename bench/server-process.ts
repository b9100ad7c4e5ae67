/** Starting, questioning and stopping a server process from the benchmark. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromServer, ServerUsage, ToServer } from './messages.ts';

const PROJECT_DIR = fileURLToPath(new URL('../', import.meta.url));
/** Starting tsx, the app and SQLite takes a second or two; more means something is wrong. */
const START_TIMEOUT_MS = 30_000;
/** A server answers a report at once, and stops once its open requests end. */
const REPORT_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ServerProcess {
  /** e.g. http://127.0.0.1:43121 */
  origin: string;
  /** The server's memory now and CPU time so far. */
  usage: () => Promise<ServerUsage>;
  stop: () => Promise<void>;
}

/**
 * Runs `bench/<script>` in its own Node process, with `env` added to this one's environment,
 * and resolves once it listens.
 */
export async function startServerProcess(
  script: 'serve-app.ts' | 'serve-bare.ts',
  env: Record<string, string>,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', `bench/${script}`], {
    cwd: PROJECT_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const { port } = await nextMessage(child, 'ready', START_TIMEOUT_MS).catch(async (error) => {
    await forceStop(child, exited);
    throw error;
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    usage: async () => {
      const reply = nextMessage(child, 'report', REPORT_TIMEOUT_MS);
      send(child, { type: 'report' });
      const { rssBytes, cpuMicros } = await reply;
      return { rssBytes, cpuMicros };
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      send(child, { type: 'stop' });
      const stopped = await Promise.race([
        exited.then(() => true),
        delay(STOP_TIMEOUT_MS).then(() => false),
      ]);
      if (!stopped) await forceStop(child, exited);
    },
  };
}

/**
 * Runs the real application in its own process with these settings (as the environment would
 * give them, over the defaults), hands it to `use`, and stops it however `use` ends.
 */
export async function withApp<T>(
  settings: Record<string, string>,
  use: (server: ServerProcess) => Promise<T>,
  widgetDir?: string,
): Promise<T> {
  const env: Record<string, string> = {
    BENCH_SETTINGS: JSON.stringify(settings),
  };
  if (widgetDir) env.BENCH_WIDGET_DIR = widgetDir;
  return withServer('serve-app.ts', env, use);
}

/** Runs `script` as a server process, hands it to `use`, and stops it however `use` ends. */
export async function withServer<T>(
  script: 'serve-app.ts' | 'serve-bare.ts',
  env: Record<string, string>,
  use: (server: ServerProcess) => Promise<T>,
): Promise<T> {
  const server = await startServerProcess(script, env);
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

function send(child: ChildProcess, message: ToServer): void {
  child.send(message);
}

/** The child's next message of this type; rejects if it exits or stays silent too long. */
function nextMessage<T extends FromServer['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`no "${type}" from the server in time`)),
      timeoutMs,
    );
    const onMessage = (message: FromServer) => {
      if (message.type === type) finish(null, message as Extract<FromServer, { type: T }>);
    };
    const onExit = (code: number | null) =>
      finish(new Error(`the server exited (code ${code}) before "${type}"`));
    function finish(error: Error | null, message?: Extract<FromServer, { type: T }>) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as Extract<FromServer, { type: T }>);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
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
