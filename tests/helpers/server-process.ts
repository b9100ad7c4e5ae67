/**
 * `leave-a-reply serve` as a real process, for what only a process shows: how it answers a
 * signal, what survives a crash, a database written by it and by another process at once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const BIN = fileURLToPath(new URL('../../server/bin.js', import.meta.url));

/** How a process ended: its exit code, or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  child: ChildProcess;
  /** Where it listens, as it printed it, e.g. http://127.0.0.1:43121 */
  address: string;
  exited: Promise<Exit>;
  /** Everything it printed so far, standard output and error together, from its first line. */
  output(): string;
  /** Sends `signal` and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

export interface ServerProcesses {
  /**
   * Starts `leave-a-reply serve` in `cwd` on a free port of 127.0.0.1, with `env` over this
   * process's environment; resolves once it prints that it listens.
   */
  start(cwd: string, env?: Record<string, string>): Promise<ServerProcess>;
}

/**
 * Registers killing, after each test of the calling file, every server it started that still
 * runs, and waiting until it has exited. Vitest runs afterEach hooks last registered first: call
 * this after registering the removal of the folder a server runs in, so that nothing writes there
 * while it is removed.
 */
export function useServerProcesses(): ServerProcesses {
  const stops: Array<ServerProcess['stop']> = [];
  afterEach(async () => {
    await Promise.all(stops.map((stop) => stop('SIGKILL')));
    stops.length = 0;
  });
  return {
    start: async (cwd, env = {}) => {
      // A developer's own settings must not reach the test's server: its database, admin token,
      // password and sites are a real site's, and the demo and log format what a test expects.
      const {
        DATABASE_PATH: _path,
        ADMIN_TOKEN: _token,
        SITE_ORIGINS: _origins,
        ADMIN_PASSWORD: _password,
        DEMO: _demo,
        LOG_FORMAT: _format,
        ...own
      } = process.env;
      const child = spawn(process.execPath, [BIN, 'serve'], {
        cwd,
        env: { ...own, PORT: '0', HOST: '127.0.0.1', LOG_REQUESTS: 'false', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<Exit>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
        child.kill(signal);
        return exited;
      };
      stops.push(stop);
      let output = '';
      const record = (chunk: Buffer) => {
        output += chunk;
      };
      child.stdout?.on('data', record);
      child.stderr?.on('data', record);
      const address = await addressOnceListening(child, exited);
      return { child, address, exited, stop, output: () => output };
    },
  };
}

/** The address the server prints once it listens; fails if it exits first. */
function addressOnceListening(child: ChildProcess, exited: Promise<Exit>): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk;
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    void exited.then(({ code, signal }) =>
      reject(new Error(`serve exited with ${code ?? signal} before listening:\n${output}`)),
    );
  });
}
