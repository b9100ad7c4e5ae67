/**
 * How soon the server listens after its process starts, how soon a command-line command exits,
 * and that a running server has no process beside it (nothing is built or compiled at run time).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './load.ts';
import { BIN, startServerProcess } from './server-process.ts';

/** Starts and commands each run this many times; the median is quoted, the worst shown. */
const RUNS = 10;
/** The commands timed: the quickest, a read of the database, and a whole export. */
export const CLI_COMMANDS = [['--version'], ['comments', 'list'], ['export']] as const;

export interface Timing {
  medianMs: number;
  maxMs: number;
}

export interface StartupResult {
  /** Process start to the line saying it listens, on an existing database. */
  serve: Timing;
  /** The same for the very first start, which creates the database and its secrets. */
  firstServeMs: number;
  /** Process start to exit, per command (joined with spaces). */
  cli: Record<string, Timing>;
  /** Processes the running server has started: none, since nothing builds at run time. */
  childProcesses: number;
}

function timing(samples: number[]): Timing {
  return { medianMs: median(samples), maxMs: Math.max(...samples) };
}

/** Milliseconds from spawning `node bin.js serve` to its "running at" line; then stops it. */
async function timeOneStart(databasePath: string): Promise<{ ms: number; children: number }> {
  const started = performance.now();
  const server = await startServerProcess([BIN, 'serve'], { DATABASE_PATH: databasePath });
  const ms = performance.now() - started;
  const children = childrenOf(server.pid);
  await server.stop();
  return { ms, children };
}

/** Milliseconds from spawning `node bin.js ARGS` to its exit; throws if it fails. */
function timeOneCommand(args: readonly string[], databasePath: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: databasePath },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`leave-a-reply ${args.join(' ')} exited with ${code}: ${errors}`));
    });
  });
}

/** How many processes have `pid` as their parent, from /proc. */
function childrenOf(pid: number): number {
  let children = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The parent's pid is the second field after the command name in brackets.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) children++;
    } catch {
      // The process ended between the listing and the read: it is no child of a live server.
    }
  }
  return children;
}

export async function measureStartup(workDir: string): Promise<StartupResult> {
  const databasePath = join(workDir, 'startup', 'comments.db');
  const first = await timeOneStart(databasePath);
  const starts: number[] = [];
  let childProcesses = first.children;
  for (let run = 0; run < RUNS; run++) {
    const { ms, children } = await timeOneStart(databasePath);
    starts.push(ms);
    childProcesses = Math.max(childProcesses, children);
  }
  const cli: Record<string, Timing> = {};
  for (const args of CLI_COMMANDS) {
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) samples.push(await timeOneCommand(args, databasePath));
    cli[args.join(' ')] = timing(samples);
  }
  return { serve: timing(starts), firstServeMs: first.ms, cli, childProcesses };
}
