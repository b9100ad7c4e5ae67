/**
 * What the proof-of-work challenge costs: how long headless Chromium takes to solve one at the
 * default CHALLENGE_COST (the built solver, widget/on-demand/challenge.ts), how long the server
 * takes to verify a solution, and that ordinary comments with CHALLENGE=suspicious still post
 * as fast as ever (each from an address of its own, as readers' comments come).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createChallenge } from 'altcha-lib/v1';
import { createChallengeGate } from '../server/comments/challenge.ts';
import { CHALLENGE_COST_DEFAULT } from '../server/config.ts';
import { WIDGET_DIST_DIR } from '../server/package-paths.ts';
import { openSqliteStorage } from '../server/storage/sqlite-storage.ts';
import type { ChallengeOffer } from '../shared/types.ts';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { solveChallenge } from '../tests/helpers/challenge.ts';
import { type LoadResult, measureLoad, median } from './load.ts';
import { format, type Row } from './report.ts';
import { commentBody } from './seed.ts';
import { delay, withApp } from './server-process.ts';

const SOLVES = 20;
const VERIFICATIONS = 2000;
const KEY = 'bench-challenge-key';
/** The goals: a median solve of 0.3–1 s, a verification ≤ 0.1 ms, ≥ 2,000 posts/s. */
const SOLVE_GOAL_MS = [300, 1000] as const;
const VERIFY_GOAL_MICROS = 100;
const POSTS_GOAL = 2000;
const POST_LOAD = { connections: 50, seconds: 5, warmUpSeconds: 2 };
const PAGES = 100;

export interface ChallengeResult {
  cost: number;
  solveMs: number[];
  medianSolveMs: number;
  worstSolveMs: number;
  verifyMicros: number;
  posts: LoadResult & { acceptedPerSecond: number };
  /** The same load with CHALLENGE=off, right after: what the machine does meanwhile. */
  postsWithout: LoadResult & { acceptedPerSecond: number };
}

const offerFor = async (cost: number): Promise<ChallengeOffer> => {
  const made = await createChallenge({
    hmacKey: KEY,
    maxnumber: cost,
    expires: new Date(Date.now() + 600_000),
  });
  return { ...made, maxnumber: cost };
};

/** Solves SOLVES challenges at the default cost in headless Chromium, each timed alone. */
async function measureSolves(): Promise<number[]> {
  const solver = readdirSync(WIDGET_DIST_DIR).find((name) => /^challenge\.\w+\.js$/.test(name));
  if (!solver) throw new Error(`${WIDGET_DIST_DIR} holds no built solver`);
  const code = readFileSync(join(WIDGET_DIST_DIR, solver));
  // A page of loopback's own origin: a secure context, where Web Crypto is.
  const server = createServer((request, response) => {
    const isSolver = request.url === `/${solver}`;
    response.setHeader('content-type', isSolver ? 'text/javascript' : 'text/html');
    response.end(isSolver ? code : '<!doctype html><title>solve</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const times: number[] = [];
    for (let run = 0; run < SOLVES; run++) {
      const offer = await offerFor(CHALLENGE_COST_DEFAULT);
      const { ms, payload } = await page.evaluate(
        async ({ file, offer }) => {
          const { solveChallenge } = await import(`/${file}`);
          const started = performance.now();
          const payload = await solveChallenge(offer);
          return { ms: performance.now() - started, payload: payload as string | null };
        },
        { file: solver, offer },
      );
      if (!payload) throw new Error('Chromium found no solution');
      times.push(ms);
    }
    return times;
  } finally {
    await browser.close();
    server.close();
  }
}

/** Microseconds the server takes to verify one solution, the spent-solution lookup included. */
async function measureVerification(workDir: string): Promise<number> {
  const storage = openSqliteStorage(join(workDir, 'challenge-verify.db'));
  try {
    const gate = createChallengeGate({
      config: { challenge: 'suspicious', challengeSeconds: 600, challengeCost: 1000 },
      hasApprovedCommentFrom: async () => true,
      holdReason: () => null,
      spent: storage.spentChallenges,
      key: KEY,
    });
    const solutions = await Promise.all(
      Array.from({ length: VERIFICATIONS }, async () => solveChallenge(await offerFor(1000))),
    );
    const text = { name: 'Ann', email: 'ann@example.com', website: '', body: 'Hello.' };
    const now = new Date();
    const started = performance.now();
    for (const [n, solution] of solutions.entries())
      await gate.admit(
        { text, html: '', ip: `10.0.${n >> 8}.${n & 255}`, solution, holdInstead: false },
        now,
      );
    return ((performance.now() - started) * 1000) / VERIFICATIONS;
  } finally {
    await storage.close();
  }
}

/** Ordinary comments (no link, no held word), each from its own address, CHALLENGE=suspicious. */
async function measurePosts(
  workDir: string,
  mode: 'suspicious' | 'off',
): Promise<ChallengeResult['posts']> {
  const settings = {
    DATABASE_PATH: join(workDir, `challenge-posts-${mode}.db`),
    CHALLENGE: mode,
    FLOOD_SECONDS: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    // Loopback is the proxy: X-Forwarded-For names each reader.
    TRUST_PROXY: '127.0.0.1',
  };
  const pageUrl = (n: number) => `http://localhost:8080/posts/${n % PAGES}`;
  return withApp(settings, async (server) => {
    const forms: string[] = [];
    for (let page = 0; page < PAGES; page++) {
      const thread = await fetch(
        `${server.origin}/api/comments?url=${encodeURIComponent(pageUrl(page))}`,
      );
      forms.push(((await thread.json()) as { form: string }).form);
    }
    await delay(3_100);
    let posted = 0;
    const comment = (n: number) => ({
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      },
      body: JSON.stringify({
        url: pageUrl(n),
        name: `Reader ${n % 1000}`,
        email: `reader${n % 1000}@example.com`,
        body: commentBody(n),
        form: forms[n % PAGES],
      }),
    });
    const probe = await fetch(`${server.origin}/api/comments`, {
      method: 'POST',
      ...comment(posted++),
    });
    if (probe.status !== 201)
      throw new Error(`a first post got ${probe.status}: ${await probe.text()}`);
    const measured = await measureLoad(server, {
      path: '/api/comments',
      ...POST_LOAD,
      requests: [
        {
          method: 'POST',
          path: '/api/comments',
          setupRequest: (request) => ({ ...request, ...comment(posted++) }),
        },
      ],
    });
    return { ...measured, acceptedPerSecond: (measured.statuses['201'] ?? 0) / measured.seconds };
  });
}

export async function measureChallenge(workDir: string): Promise<ChallengeResult> {
  const solveMs = await measureSolves();
  return {
    cost: CHALLENGE_COST_DEFAULT,
    solveMs,
    medianSolveMs: median(solveMs),
    worstSolveMs: Math.max(...solveMs),
    verifyMicros: await measureVerification(workDir),
    posts: await measurePosts(workDir, 'suspicious'),
    postsWithout: await measurePosts(workDir, 'off'),
  };
}

export function challengeRows(result: ChallengeResult): Row[] {
  const [least, most] = SOLVE_GOAL_MS;
  return [
    { measure: `proof-of-work challenge, CHALLENGE_COST=${format.count(result.cost)} (default)` },
    {
      measure: `solve in headless Chromium, median / worst of ${SOLVES}`,
      ours: `${format.ms(result.medianSolveMs)} / ${format.ms(result.worstSolveMs)}`,
      reference: `median ${least}–${most} ms`,
      met: result.medianSolveMs >= least && result.medianSolveMs <= most ? 'yes' : 'no',
    },
    {
      measure: 'server: verify one solution (hash, signature, expiry, spent lookup)',
      ours: `${result.verifyMicros.toFixed(1)} µs`,
      reference: `≤ ${VERIFY_GOAL_MICROS} µs`,
      met: result.verifyMicros <= VERIFY_GOAL_MICROS ? 'yes' : 'no',
    },
    {
      measure: `POST, CHALLENGE=suspicious, ordinary comments from many addresses (${POST_LOAD.connections} connections, ${POST_LOAD.seconds} s): accepted/s`,
      ours: format.count(result.posts.acceptedPerSecond),
      reference: `goal ≥ ${format.count(POSTS_GOAL)}; CHALLENGE=off: ${format.count(result.postsWithout.acceptedPerSecond)}; non-2xx ${format.count(result.posts.non2xx)}`,
      met: result.posts.acceptedPerSecond >= POSTS_GOAL && result.posts.non2xx === 0 ? 'yes' : 'no',
    },
    {
      measure: 'server CPU per post, CHALLENGE=suspicious / off',
      ours: `${result.posts.serverCpuMsPerRequest.toFixed(3)} ms / ${result.postsWithout.serverCpuMsPerRequest.toFixed(3)} ms`,
      reference: 'the least affected by other processes',
    },
  ];
}
