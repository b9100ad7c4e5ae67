/**
 * `npm run bench`: what readers download, how fast threads are read and comments posted, whether
 * reads slow down on a big site, how much memory the server takes, and how soon a long thread
 * is on screen. Prints one table and keeps it in bench/results (JSON and Markdown).
 *
 * Then the same on PostgreSQL: the cached read, posting, two instances behind nginx against one,
 * and reads on a big site, on a throw-away cluster of the benchmark's own.
 *
 * Every server runs in a process of its own, measured one after the other, on 127.0.0.1 only.
 * About seven minutes on two cores, four of them PostgreSQL's; every load test runs for a fixed
 * time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAll } from '../server/build.ts';
import { measureBrowser } from './browser.ts';
import { challengeRows, measureChallenge } from './challenge.ts';
import { measureGetThroughput, measurePostgresGetThroughput } from './get-throughput.ts';
import { measureInstances } from './instances.ts';
import { measurePayload } from './payload.ts';
import {
  measurePostgresPostThroughput,
  measurePostThroughput,
  POST_SETTINGS,
} from './post-throughput.ts';
import { benchPostgres } from './postgres.ts';
import {
  describeMachine,
  type Report,
  type Row,
  Skipped,
  saveReport,
  toMarkdown,
} from './report.ts';
import {
  browserRows,
  getRows,
  guessingRows,
  instancesRows,
  memoryRows,
  payloadRows,
  postgresGetRows,
  postgresPostRows,
  postgresScaleRows,
  postRows,
  scaleRows,
  startupRows,
} from './rows.ts';
import { measurePostgresScale, measureScale } from './scale.ts';
import { measureSignInGuessing } from './sign-in-guessing.ts';
import { measureStartup } from './startup.ts';

/**
 * Each part in turn; one that fails is reported and the others still run, and one that cannot run
 * here (PostgreSQL or nginx not installed) says so in its row. Parts named on the command line
 * (`npm run bench -- get post`) run alone, and their table is printed but not kept; a group's
 * name runs all of its parts (`postgres`: every `postgres-…`).
 */
async function main(): Promise<void> {
  const only = new Set(process.argv.slice(2));
  const started = performance.now();
  const date = new Date().toISOString();
  const loadAtStart = loadavg()[0] ?? 0;
  const workDir = mkdtempSync(join(tmpdir(), 'leave-a-reply-bench-'));
  const results: Record<string, unknown> = {};
  const rows: Row[] = [];
  const failures: string[] = [];
  const postgres = benchPostgres();

  const part = async <T>(
    name: string,
    about: string,
    measure: () => Promise<T>,
    describe: (result: T) => Row[],
  ) => {
    const group = name.split('-')[0] as string;
    if (only.size > 0 && !only.has(name) && !only.has(group)) return;
    console.error(`bench: ${about}…`);
    try {
      const result = await measure();
      results[name] = result;
      rows.push(...describe(result));
    } catch (error) {
      if (error instanceof Skipped) {
        results[name] = { skipped: error.message };
        rows.push({ measure: about, ours: 'skipped', reference: error.message });
        return;
      }
      failures.push(`${name}: ${(error as Error).stack ?? error}`);
      // The first line: a table cell holds no line breaks; the whole stack is printed below it.
      const reason = String((error as Error).message ?? error).split('\n')[0];
      rows.push({ measure: about, ours: 'failed', reference: reason, met: 'no' });
    }
  };

  try {
    // Every server here is the built one, as a site owner runs it: build what is measured.
    console.error('bench: npm run build…');
    await buildAll();
    await part('payload', 'reader payload', () => measurePayload(), payloadRows);
    await part(
      'startup',
      'start-up: serve and command-line commands, 10 runs each (~10 s)',
      () => measureStartup(workDir),
      startupRows,
    );
    await part(
      'get',
      'GET throughput, ours then bare Fastify (~35 s)',
      () => measureGetThroughput(workDir),
      getRows,
    );
    await part(
      'post',
      'POST throughput, many authors then one (~40 s)',
      () => measurePostThroughput(workDir),
      postRows,
    );
    await part(
      'challenge',
      'proof-of-work: 20 solves in Chromium, verification, POST with CHALLENGE=suspicious (~30 s)',
      () => measureChallenge(workDir),
      challengeRows,
    );
    await part(
      'guessing',
      'reads while the dashboard password is guessed (~30 s)',
      () => measureSignInGuessing(workDir),
      guessingRows,
    );
    await part(
      'scale',
      'scale: seeding and reading 1K and 1M comments (~90 s)',
      () => measureScale(workDir),
      scaleRows,
    );
    await part(
      'browser',
      'browser: 500 comments, 5 runs (~15 s)',
      () => measureBrowser(workDir),
      browserRows,
    );
    await part(
      'postgres-get',
      'PostgreSQL: GET throughput, ours then bare Fastify (~35 s)',
      () => measurePostgresGetThroughput(workDir, postgres),
      postgresGetRows,
    );
    await part(
      'postgres-post',
      'PostgreSQL: POST throughput, many authors (~20 s)',
      () => measurePostgresPostThroughput(postgres),
      postgresPostRows,
    );
    await part(
      'postgres-instances',
      'PostgreSQL: two instances against one behind nginx, reads then posts (~65 s)',
      () => measureInstances(workDir, postgres),
      instancesRows,
    );
    await part(
      'postgres-scale',
      'PostgreSQL: scale, seeding and reading 1K and 1M comments (~2 min)',
      () => measurePostgresScale(postgres),
      postgresScaleRows,
    );
    rows.push(...memoryRows(results));
  } finally {
    await postgres.remove();
    rmSync(workDir, { recursive: true, force: true });
  }

  const report: Report = {
    date,
    machine: describeMachine(loadAtStart),
    seconds: (performance.now() - started) / 1000,
    rows,
    notes: [
      `POST: spam defences on (form token at least MIN_SUBMIT_SECONDS old, MAX_LINKS, HOLD_WORDS ${POST_SETTINGS.HOLD_WORDS}, BLOCK_WORDS ${POST_SETTINGS.BLOCK_WORDS}, BLOCK_EMAILS ${POST_SETTINGS.BLOCK_EMAILS}, duplicate check, honeypot, MODERATION first-time), except CHALLENGE=off (measured in its own part), FLOOD_SECONDS=0 and RATE_LIMIT_PER_MINUTE=0: one client posting thousands of comments a second is what those refuse. Each page's form token is fetched once, as its form would be. Run twice: comments from 1,000 authors, then every comment from one address that had one approved comment before the run.`,
      "GET: MODERATION none, PAGE_SIZE 100 so the whole thread is one answer; autocannon sends no Accept-Encoding, so both servers send the same uncompressed bytes. One URL read again and again is served from the server's thread cache after the first read. The liked run sends 20 likes a second to the thread's comments from 127.0.0.1 (LIKE_RATE_LIMIT_PER_MINUTE=0), each by a new voter, during each turn of ours.",
      'Scale: "repeated" reads one URL again and again (the thread cache answers); "every read a cache miss" asks for the same answer under names the cache has not kept (the 10-comment pages in turn with limits 10–200; the first page through a cursor before the first comment), so each read queries the database.',
      'Latency percentiles come from every response time autocannon measured, not from its whole-millisecond histogram.',
      'Guessing: readers ask for a 20-comment thread at a fixed rate from 127.0.0.1; the wrong passwords come from other loopback addresses, one connection each: a new address for every guess (past every per-client limit, as an attacker with many addresses would be), then all from 127.0.0.2.',
      'Browser: PAGE_SIZE may be at most 200, so the 500 comments are 200 top-level comments with 300 replies, all on the first page. Times run from embed.js responseEnd (Resource Timing) to the frame where the form is visible / all 500 li.comment exist.',
      "PostgreSQL: a throw-away cluster the benchmark starts as the tests start theirs (tests/helpers/postgres-setup.ts), the newest PostgreSQL installed, with its defaults but fsync and full_page_writes off; synchronous_commit is on, so that a commit is written to the operating system before the server answers, as SQLite's is in WAL mode with synchronous NORMAL. Every part gets new databases; the servers keep DATABASE_POOL_SIZE 10, the default. Its GET, POST and scale parts are the SQLite parts' method and settings; their server CPU is the server's process alone, not PostgreSQL's.",
      "PostgreSQL scale: the big site goes straight into PostgreSQL (the same rows as SQLite's, 10,000 to an INSERT sent as one array per column, the indexes built afterwards, triggers and foreign-key checks off), then VACUUM ANALYZE, as autovacuum would do within a minute of the load (and otherwise in the middle of the reads). Seeding the SQLite file and moving it with `leave-a-reply copy --to postgres://…` took 31 s + 95 s here, against 45–65 s for the direct load.",
      "Instances: two `leave-a-reply serve` processes on one database with TRUST_PROXY=127.0.0.1, against one of them alone, each setup behind an nginx of its own: Debian's /usr/sbin/nginx with its nginx.conf's settings (a worker per core, access log, gzip) and README's file for several instances, its upstream naming both instances or the first alone, its https block listening for plain http on 127.0.0.1 (no IPv6, no certificate). Reads: the GET part's thread and settings. Posts: the POST part's settings, one sequence of comments for both setups, the forms fetched through nginx.",
      'Machines like this one are noisy: compare ratios from one run rather than absolute figures across runs.',
    ],
    results,
  };
  console.log(toMarkdown(report));
  if (only.size === 0) console.log(`Written: ${saveReport(report).join(', ')}`);
  if (failures.length > 0) {
    console.error(failures.join('\n\n'));
    process.exitCode = 1;
  }
}

await main();
