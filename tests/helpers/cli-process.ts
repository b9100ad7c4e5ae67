/**
 * `leave-a-reply COMMAND` as a real process (the built command, as a site owner runs it): what it
 * printed on each stream and how it ended, under a chosen umask or user.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const BIN = fileURLToPath(new URL('../../server/bin.js', import.meta.url));

export interface CommandOptions {
  /** Settings, over this process's environment less a developer's own site settings. */
  env?: Record<string, string>;
  cwd?: string;
  /** The file mode creation mask it runs under, e.g. 0o000 (the default: this process's). */
  umask?: number;
  /** The user (and group) id it runs as; root may choose any. */
  uid?: number;
  /** Sent to its standard input, which is then closed. */
  input?: string;
}

export interface CommandProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Its exit code, once it has exited (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Resolves once its output matches `pattern`; rejects if it exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the command; see `useCommandProcesses` to have it killed after the test. */
export function spawnCommand(args: string[], options: CommandOptions = {}): CommandProcess {
  // A developer's own settings must not reach the command: their database is a real site's.
  const {
    DATABASE_PATH: _path,
    ADMIN_TOKEN: _token,
    ADMIN_PASSWORD: _password,
    SITE_ORIGINS: _origins,
    DEMO: _demo,
    LOG_FORMAT: _format,
    ...own
  } = process.env;
  const [file, argv] =
    options.umask === undefined
      ? [process.execPath, [BIN, ...args]]
      : [
          '/bin/sh',
          [
            '-c',
            `umask ${options.umask.toString(8).padStart(3, '0')} && exec "$0" "$@"`,
            process.execPath,
            BIN,
            ...args,
          ],
        ];
  const child = spawn(file, argv, {
    cwd: options.cwd,
    env: { ...own, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  let stdout = '';
  let stderr = '';
  const watchers: Array<() => void> = [];
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
    for (const watch of watchers) watch();
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
    for (const watch of watchers) watch();
  });
  child.stdin?.end(options.input ?? '');
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const watch = () => {
          const match = pattern.exec(`${stdout}\n${stderr}`);
          if (match) resolve(match);
        };
        watchers.push(watch);
        watch();
        exited.then(
          (code) =>
            reject(
              new Error(`exited with ${code} before printing ${pattern}:\n${stdout}${stderr}`),
            ),
          reject,
        );
      }),
  };
}

/** Runs the command to its end. */
export async function runCommand(args: string[], options: CommandOptions = {}): Promise<Finished> {
  const command = spawnCommand(args, options);
  const code = await command.exited;
  return { code, stdout: command.stdout(), stderr: command.stderr() };
}

/**
 * Kills, after each test of the calling file, every command it started with the returned
 * function and waits until each has exited. Register it after what removes the commands'
 * folders (afterEach hooks run last registered first), so nothing writes there meanwhile.
 */
export function useCommandProcesses(): (
  args: string[],
  options?: CommandOptions,
) => CommandProcess {
  const started: CommandProcess[] = [];
  afterEach(async () => {
    for (const command of started.splice(0)) {
      command.child.kill('SIGKILL');
      await command.exited;
    }
  });
  return (args, options) => {
    const command = spawnCommand(args, options);
    started.push(command);
    return command;
  };
}
