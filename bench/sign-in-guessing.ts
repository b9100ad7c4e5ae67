/**
 * Reading threads while someone guesses the dashboard password. Readers ask at a steady rate;
 * their p99 is measured at rest, then while wrong passwords stream in at a fixed rate: each from
 * an address of its own (no per-client limit stops that stream: it is what an attacker with
 * many addresses can still do), and all from one address (which the sign-in limits stop).
 *
 * The guesses come from other loopback addresses (127.x.y.z) than the readers' 127.0.0.1, so
 * that the server tells them apart as it would tell real clients apart.
 */
import { request } from 'node:http';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { percentile } from './load.ts';
import { type ServerProcess, withApp } from './server-process.ts';

/** Readers: 10 connections asking 500 times a second in all; guesses: 8 a second. */
export const GUESSING_LOAD = {
  connections: 10,
  readsPerSecond: 500,
  seconds: 8,
  warmUpSeconds: 2,
  guessesPerSecond: 8,
};
const PASSWORD = 'the owner’s real password';
/**
 * The settings the server runs with: a password to guess, and the defences that would refuse
 * the thread's comments, posted at once from one address, lifted (they guard no sign-in).
 */
export const GUESSING_SETTINGS = {
  ADMIN_PASSWORD: PASSWORD,
  MODERATION: 'none',
  MIN_SUBMIT_SECONDS: '0',
  FLOOD_SECONDS: '0',
  RATE_LIMIT_PER_MINUTE: '0',
  // A client posting again within a minute is asked to solve a challenge, as each of these is.
  CHALLENGE: 'off',
  SITE_ORIGINS: 'https://blog.example.com',
};
const PAGE_URL = 'https://blog.example.com/posts/guessed-at';
const COMMENTS = 20;

export interface Reads {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  responses: number;
  non2xx: number;
}

export interface GuessedReads {
  reads: Reads;
  /** Answers to the guesses, by status: 401 wrong, 429 past a limit (see guessingRows). */
  guesses: Record<string, number>;
}

export interface SignInGuessingResult {
  idle: Reads;
  /** Every guess from an address of its own. */
  manyAddresses: GuessedReads;
  /** Every guess from 127.0.0.2. */
  oneAddress: GuessedReads;
  /** The server's resident memory after the guessing. */
  rssBytes: number;
}

export async function measureSignInGuessing(workDir: string): Promise<SignInGuessingResult> {
  const settings = { ...GUESSING_SETTINGS, DATABASE_PATH: join(workDir, 'sign-in-guessing.db') };
  return withApp(settings, (server) => readWhileGuessing(server));
}

/**
 * The thread, then the three runs, against a server started with GUESSING_SETTINGS on a new
 * database. The thread is posted through the API, so that any version of the server can be
 * measured alike.
 */
export async function readWhileGuessing(server: ServerProcess): Promise<SignInGuessingResult> {
  for (let i = 0; i < COMMENTS; i++) await postComment(server, i);
  const path = `/api/comments?url=${encodeURIComponent(PAGE_URL)}`;
  await readFor(server, path, GUESSING_LOAD.warmUpSeconds);
  const idle = await readFor(server, path, GUESSING_LOAD.seconds);
  let next = 0;
  // 127.1.0.1, 127.1.0.2, …: a new address, so a new client, for every guess.
  const freshAddress = () => {
    next++;
    return `127.1.${next >> 8}.${(next & 255) + 1}`;
  };
  const manyAddresses = await guessWhileReading(server, path, freshAddress);
  const oneAddress = await guessWhileReading(server, path, () => '127.0.0.2');
  return { idle, manyAddresses, oneAddress, rssBytes: (await server.usage()).rssBytes };
}

async function guessWhileReading(
  server: ServerProcess,
  path: string,
  address: () => string,
): Promise<GuessedReads> {
  const guesses: Record<string, number> = {};
  const answers: Promise<void>[] = [];
  let n = 0;
  const timer = setInterval(() => {
    n++;
    answers.push(
      guess(server, address(), `wrong guess ${n}`).then((status) => {
        guesses[status] = (guesses[status] ?? 0) + 1;
      }),
    );
  }, 1000 / GUESSING_LOAD.guessesPerSecond);
  const reads = await readFor(server, path, GUESSING_LOAD.seconds).finally(() =>
    clearInterval(timer),
  );
  await Promise.all(answers);
  return { reads, guesses };
}

/** Readers at a steady rate for `seconds`; latencies from autocannon's own per-response timer. */
async function readFor(server: ServerProcess, path: string, seconds: number): Promise<Reads> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: `${server.origin}${path}`,
    connections: GUESSING_LOAD.connections,
    overallRate: GUESSING_LOAD.readsPerSecond,
    duration: seconds,
  });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  return {
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: Math.max(...latencies),
    responses: latencies.length,
    non2xx: result.non2xx,
  };
}

/** One wrong password sent from `localAddress` on a connection of its own; its status. */
function guess(server: ServerProcess, localAddress: string, password: string): Promise<number> {
  const body = JSON.stringify({ password });
  return new Promise((resolve, reject) => {
    const sent = request(
      `${server.origin}/api/admin/session`,
      {
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

async function postComment(server: ServerProcess, n: number): Promise<void> {
  const response = await fetch(`${server.origin}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      url: PAGE_URL,
      title: 'A post read while the password is guessed',
      name: `Reader ${n}`,
      email: `reader${n}@example.com`,
      body: `Comment number ${n}, with a few words to read.`,
    }),
  });
  if (response.status !== 201) throw new Error(`POST /api/comments: ${response.status}`);
}
