/** The table's rows: each figure next to the peer or the goal it is measured against. */
import { cpus } from 'node:os';
import type { BrowserResult } from './browser.ts';
import {
  COMMENTS,
  GET_LOAD,
  type GetThroughputResult,
  LIKES_PER_SECOND,
  type PostgresGetResult,
} from './get-throughput.ts';
import { INSTANCES_POST_LOAD, INSTANCES_READ_LOAD, type InstancesResult } from './instances.ts';
import type { LoadResult, TurnsCompared } from './load.ts';
import type { PayloadResult, Sizes } from './payload.ts';
import { POST_LOAD, type PostRunResult, type PostThroughputResult } from './post-throughput.ts';
import { format, type Row } from './report.ts';
import { BIG_SITE, SCALE_LOAD, type ScaleResult, type SiteReads, SMALL_SITE } from './scale.ts';
import {
  GUESSING_LOAD,
  type GuessedReads,
  type Reads,
  type SignInGuessingResult,
} from './sign-in-guessing.ts';
import type { StartupResult, Timing } from './startup.ts';

// Goals from ../shared/PEERS.md.
const PAYLOAD_GOAL_GZIP = 10 * 1024;
const PAYLOAD_LIMIT_GZIP = 14 * 1024;
const GET_RATIO_GOAL = 0.8;
const POSTS_PER_SECOND_GOAL = 2000;
/** Posting from one address, whose history grows through the run, against many authors. */
const ONE_ADDRESS_RATIO_GOAL = 0.8;
const SCALE_RATIO_GOAL = 1.5;
const LONG_TASK_GOAL_MS = 200;
const SERVE_START_GOAL_MS = 1000;
const CLI_EXIT_GOAL_MS = 500;
const RSS_RATIO_GOAL = 1.3;

const yesNo = (met: boolean) => (met ? 'yes' : 'no');
const sizes = ({ raw, gzip, brotli }: Sizes) =>
  `${format.count(raw)} / ${format.count(gzip)} / ${format.count(brotli)}`;
const latency = (load: LoadResult) => `${format.ms(load.p50Ms)} / ${format.ms(load.p99Ms)}`;
const cpu = (load: LoadResult) => `${load.serverCpuMsPerRequest.toFixed(3)} ms`;
const loadShape = (load: {
  connections: number;
  seconds: number;
  warmUpSeconds: number;
  rounds?: number;
}) =>
  load.rounds
    ? `${load.connections} connections, ${load.warmUpSeconds} s warm-up, then ${load.rounds} turns of ${load.seconds} s each, the two servers in alternation`
    : `${load.connections} connections, ${load.seconds} s after ${load.warmUpSeconds} s warm-up`;

export function payloadRows(payload: PayloadResult): Row[] {
  const { thread } = payload;
  const threadMet =
    thread.gzip <= PAYLOAD_GOAL_GZIP
      ? 'yes'
      : thread.gzip <= PAYLOAD_LIMIT_GZIP
        ? 'no (within the 14 KB hard limit)'
        : 'no (over the 14 KB hard limit)';
  return [
    { measure: 'Reader payload, bytes raw / gzip / brotli' },
    { measure: 'embed.js', ours: sizes(payload.embedScript) },
    { measure: payload.stylesheet.file, ours: sizes(payload.stylesheet) },
    {
      measure: 'thread: embed.js + stylesheet',
      ours: sizes(thread),
      reference:
        'goal ≤ 10 KB gzip, hard limit 14 KB; Artalk Lite 157,199 / 42,844 / 37,361; Preact + hooks alone 13,446 / 5,708 / 5,158',
      met: threadMet,
    },
    { measure: 'count.js', ours: sizes(payload.countScript) },
    { measure: 'Loaded on demand, only by the readers who need them, bytes raw / gzip / brotli' },
    ...payload.onDemand.map((module) => ({ measure: module.file, ours: sizes(module) })),
    {
      measure:
        'Per locale: the words file at the thread’s render (a fourth request; English has none) / the words of what loads on demand, bytes gzip',
    },
    ...payload.locales.map(({ locale, shown, more }) => ({
      measure: `${locale}: thread ${format.count(thread.gzip + (shown?.gzip ?? 0))} B gzip`,
      ours: `${shown ? format.count(shown.gzip) : '0'} / ${format.count(more.gzip)}`,
      reference: 'at most 1,500 more at the render than English',
      met: (shown?.gzip ?? 0) <= 1500 ? 'yes' : 'no',
    })),
    { measure: 'What each source adds to embed.js, minified bytes before compression' },
    ...payload.parts.map((part) => ({ measure: part.source, ours: format.count(part.bytes) })),
  ];
}

export function getRows(get: GetThroughputResult): Row[] {
  return [
    {
      measure: `GET /api/comments, ${get.comments}-comment thread (${format.count(get.bodyBytes)} B JSON, no compression; ${loadShape(GET_LOAD)})`,
    },
    {
      measure: 'ours: requests/s',
      ours: format.count(get.ours.requestsPerSecond),
      reference: 'Waline, 1 worker, 100 comments: 7–10',
    },
    { measure: 'ours: p50 / p99', ours: latency(get.ours), reference: 'Waline: ~9 s p99' },
    {
      measure: 'bare Fastify, same bytes: requests/s',
      ours: format.count(get.bare.requestsPerSecond),
      reference: 'PEERS.md, 2 KB body: 15,770–24,639',
    },
    {
      measure: 'bare Fastify: p50 / p99',
      ours: latency(get.bare),
      reference: 'PEERS.md: 4–5 ms p99',
    },
    {
      measure: 'ours / bare, requests/s',
      ours: `${format.ratio(get.ratio)} (turns: ${get.roundRatios.map(format.ratio).join(', ')})`,
      reference: `goal ≥ ${GET_RATIO_GOAL}`,
      met: yesNo(get.ratio >= GET_RATIO_GOAL),
    },
    {
      measure: `ours while readers like its comments (${LIKES_PER_SECOND}/s asked, ${format.count(get.likes.given / get.likes.seconds)}/s given): requests/s`,
      ours: format.count(get.liked.requestsPerSecond),
    },
    { measure: 'ours while liked: p50 / p99', ours: latency(get.liked) },
    {
      measure: 'ours while liked / bare, requests/s',
      ours: `${format.ratio(get.likedRatio)} (turns: ${get.likedRoundRatios.map(format.ratio).join(', ')})`,
      reference: `beside ours / bare above: ${format.ratio(get.ratio)}`,
    },
    {
      measure: 'server CPU per request: ours / bare',
      ours: `${cpu(get.ours)} / ${cpu(get.bare)} (bare / ours = ${format.ratio(get.cpuRatio)})`,
      reference: 'the same ratio from CPU time: steadier when other processes share the machine',
    },
    {
      measure: `GET /api/comments.html, the same thread (${format.count(get.html.bodyBytes)} B HTML, no compression)`,
    },
    { measure: 'ours: requests/s', ours: format.count(get.html.ours.requestsPerSecond) },
    { measure: 'ours: p50 / p99', ours: latency(get.html.ours) },
    {
      measure: 'bare Fastify, same bytes: requests/s',
      ours: format.count(get.html.bare.requestsPerSecond),
    },
    {
      measure: 'ours / bare, requests/s',
      ours: `${format.ratio(get.html.ratio)} (turns: ${get.html.roundRatios.map(format.ratio).join(', ')})`,
      reference: `goal ≥ ${HTML_RATIO_GOAL}`,
      met: yesNo(get.html.ratio >= HTML_RATIO_GOAL),
    },
  ];
}

/** GET /api/comments.html against bare Fastify sending its bytes. */
const HTML_RATIO_GOAL = 0.8;

export function postgresGetRows(get: PostgresGetResult): Row[] {
  return [
    {
      measure: `PostgreSQL: GET /api/comments, the same ${get.comments}-comment thread (${format.count(get.bodyBytes)} B JSON, no compression; ${loadShape(GET_LOAD)}; DATABASE_POOL_SIZE 10, the default)`,
    },
    { measure: 'ours: requests/s', ours: format.count(get.ours.requestsPerSecond) },
    { measure: 'ours: p50 / p99', ours: latency(get.ours) },
    {
      measure: 'bare Fastify, same bytes: requests/s',
      ours: format.count(get.reference.requestsPerSecond),
    },
    { measure: 'bare Fastify: p50 / p99', ours: latency(get.reference) },
    {
      measure: 'ours / bare, requests/s',
      ours: `${format.ratio(get.ratio)} (turns: ${get.roundRatios.map(format.ratio).join(', ')})`,
      reference: `goal ≥ ${GET_RATIO_GOAL}`,
      met: yesNo(get.ratio >= GET_RATIO_GOAL),
    },
    {
      measure: 'server CPU per request: ours / bare',
      ours: `${cpu(get.ours)} / ${cpu(get.reference)} (bare / ours = ${format.ratio(get.cpuRatio)})`,
      reference: "the server's own process: PostgreSQL's are not counted",
    },
  ];
}

export function postgresPostRows(post: PostRunResult): Row[] {
  return postRunRows(
    post,
    `PostgreSQL: POST /api/comments, the same settings and load, comments from 1,000 authors (DATABASE_POOL_SIZE 10, the default)`,
    "server CPU per request (the server's process: PostgreSQL's are not counted)",
  );
}

export function instancesRows({ reads, posts }: InstancesResult): Row[] {
  const ratio = (compared: TurnsCompared) =>
    `${format.ratio(compared.ratio)} (turns: ${compared.roundRatios.map(format.ratio).join(', ')})`;
  const accepted = (load: LoadResult) => format.count((load.statuses['201'] ?? 0) / load.seconds);
  const failures = (compared: TurnsCompared) =>
    [compared.reference, compared.ours]
      .map((load) => `${format.count(load.non2xx)} / ${format.count(load.errors)}`)
      .join('; ');
  const clean = (compared: TurnsCompared) =>
    yesNo([compared.reference, compared.ours].every((load) => load.non2xx + load.errors === 0));
  const { connections, warmUpSeconds, seconds, rounds } = INSTANCES_READ_LOAD;
  const shared = `here the instances, nginx, PostgreSQL and autocannon share ${cpus().length} cores`;
  return [
    {
      measure: `PostgreSQL behind nginx (README's file for several instances, plain http): two instances against one, side by side, ${connections} connections, ${warmUpSeconds} s warm-up each, then ${rounds} turns of ${seconds} s each, in alternation`,
    },
    {
      measure: `cached ${COMMENTS}-comment thread: requests/s, one instance / two`,
      ours: `${format.count(reads.reference.requestsPerSecond)} / ${format.count(reads.ours.requestsPerSecond)}`,
    },
    {
      measure: 'cached thread: p50 / p99, one instance; two',
      ours: `${latency(reads.reference)}; ${latency(reads.ours)}`,
    },
    {
      measure: 'cached thread: two instances / one, requests/s',
      ours: ratio(reads),
      reference: `above 1 only where a core is left for the second: ${shared}`,
    },
    {
      measure: 'cached thread: server CPU per request, one instance / two',
      ours: `${cpu(reads.reference)} / ${cpu(reads.ours)}`,
      reference: "the instances' processes: nginx's and PostgreSQL's are not counted",
    },
    {
      measure: 'cached thread: non-2xx / connection errors, one instance; two',
      ours: failures(reads),
      reference: 'expected 0 / 0',
      met: clean(reads),
    },
    {
      measure: `posting (POST settings, comments from 1,000 authors; ${INSTANCES_POST_LOAD.warmUpSeconds} s warm-up each, ${INSTANCES_POST_LOAD.rounds} turns of ${INSTANCES_POST_LOAD.seconds} s): accepted comments/s (201), one instance / two`,
      ours: `${accepted(posts.reference)} / ${accepted(posts.ours)}`,
    },
    {
      measure: 'posting: p50 / p99, one instance; two',
      ours: `${latency(posts.reference)}; ${latency(posts.ours)}`,
    },
    {
      measure: 'posting: two instances / one, accepted comments/s',
      ours: ratio(posts),
      reference: `above 1 only where a core is left for the second: ${shared}`,
    },
    {
      measure: 'posting: non-2xx / connection errors, one instance; two',
      ours: failures(posts),
      reference: 'expected 0 / 0',
      met: clean(posts),
    },
  ];
}

/** The rows of one posting run under POST_LOAD, under `heading`. */
function postRunRows(
  post: PostRunResult,
  heading: string,
  cpuOf = 'server CPU per request',
): Row[] {
  const stored = Object.entries(post.stored)
    .map(([status, count]) => `${format.count(count)} ${status}`)
    .join(', ');
  return [
    { measure: heading },
    {
      measure: 'accepted comments/s (201)',
      ours: format.count(post.acceptedPerSecond),
      reference: `goal ≥ ${format.count(POSTS_PER_SECOND_GOAL)}; Waline, 1 worker: ~110`,
      met: yesNo(post.acceptedPerSecond >= POSTS_PER_SECOND_GOAL),
    },
    { measure: 'p50 / p99', ours: latency(post), reference: 'Waline: 0.6–1.0 s p99' },
    {
      measure: cpuOf,
      ours: cpu(post),
      reference: `${format.count(1000 / post.serverCpuMsPerRequest)}/s if one core did nothing else`,
    },
    {
      measure: 'non-2xx / connection errors',
      ours: `${format.count(post.non2xx)} / ${format.count(post.errors)}`,
      reference: 'expected 0 / 0',
      met: yesNo(post.non2xx === 0 && post.errors === 0),
    },
    {
      measure: 'rows stored / 201s counted (probe + warm-up + run)',
      ours: `${format.count(post.storedTotal)} / ${format.count(post.acceptedInAll)} (${stored})`,
      reference: `equal, but for requests in flight when a run stops (≤ ${POST_LOAD.connections} per run) or timed out`,
      met: yesNo(
        post.storedTotal >= post.acceptedInAll &&
          post.storedTotal - post.acceptedInAll <= 2 * POST_LOAD.connections + post.errors,
      ),
    },
  ];
}

export function postRows(post: PostThroughputResult): Row[] {
  const { oneAddress } = post;
  const oneAddressRatio = oneAddress.acceptedPerSecond / post.acceptedPerSecond;
  return [
    ...postRunRows(
      post,
      `POST /api/comments, spam defences on but FLOOD_SECONDS=0 and RATE_LIMIT_PER_MINUTE=0 (${loadShape(POST_LOAD)})`,
    ),
    {
      measure: `The same, every comment from one address (a regular: published at once; ${format.count(oneAddress.storedTotal)} comments from it by the end)`,
    },
    {
      measure: 'one address: accepted comments/s (201)',
      ours: `${format.count(oneAddress.acceptedPerSecond)} (${format.ratio(oneAddressRatio)} of many authors)`,
      reference: `goal ≥ ${ONE_ADDRESS_RATIO_GOAL}× the many-author run: the duplicate and first-time checks do not read the poster's history`,
      met: yesNo(oneAddressRatio >= ONE_ADDRESS_RATIO_GOAL),
    },
    { measure: 'one address: p50 / p99', ours: latency(oneAddress) },
    { measure: 'one address: server CPU per request', ours: cpu(oneAddress) },
    {
      measure: 'one address: non-2xx / connection errors',
      ours: `${format.count(oneAddress.non2xx)} / ${format.count(oneAddress.errors)}`,
      reference: 'expected 0 / 0',
      met: yesNo(oneAddress.non2xx === 0 && oneAddress.errors === 0),
    },
  ];
}

export function scaleRows(scale: ScaleResult): Row[] {
  return siteGrowthRows(scale, 'Scale', 'default PAGE_SIZE, no ANALYZE');
}

export function postgresScaleRows(scale: ScaleResult): Row[] {
  return siteGrowthRows(
    scale,
    'PostgreSQL, scale',
    'default PAGE_SIZE and DATABASE_POOL_SIZE; VACUUM ANALYZE after the load, as autovacuum does',
  );
}

/** The same reads on a small site and a big one, under `heading`, with how the sites were set up. */
function siteGrowthRows({ small, big }: ScaleResult, heading: string, setUp: string): Row[] {
  const ms = (value: number) => (value < 10 ? `${value.toFixed(2)} ms` : format.ms(value));
  const growth = (pick: (reads: SiteReads) => number) => {
    const ratio = pick(big) / pick(small);
    return { ratio, text: `${ms(pick(small))} → ${ms(pick(big))} (${format.ratio(ratio)})` };
  };
  /** Two rows for one read: its latencies against the goal, and the server's CPU time. */
  const compare = (measure: string, pick: (reads: SiteReads) => LoadResult): Row[] => {
    const p50 = growth((reads) => pick(reads).p50Ms);
    const p99 = growth((reads) => pick(reads).p99Ms);
    const cpuTime = growth((reads) => pick(reads).serverCpuMsPerRequest);
    return [
      {
        measure: `${measure}: p50; p99`,
        ours: `${p50.text}; ${p99.text}`,
        reference: `goal ≤ ${SCALE_RATIO_GOAL}× each`,
        met: yesNo(p50.ratio <= SCALE_RATIO_GOAL && p99.ratio <= SCALE_RATIO_GOAL),
      },
      { measure: `${measure}: server CPU per request`, ours: cpuTime.text },
    ];
  };
  return [
    {
      measure: `${heading}: ${format.count(SMALL_SITE.comments)} → ${format.count(BIG_SITE.comments)} comments (${loadShape(SCALE_LOAD)}; ${setUp})`,
    },
    {
      measure: `seeding ${format.count(BIG_SITE.comments)} comments on ${format.count(BIG_SITE.pages)} pages`,
      ours: format.seconds(big.seedSeconds),
      reference: 'goal: well under a minute',
      met: yesNo(big.seedSeconds < 60),
    },
    {
      measure: 'longest thread: comments, and comments on its first page',
      ours: `${format.count(SMALL_SITE.longest)} → ${format.count(BIG_SITE.longest)}; ${small.longThreadFirstPage.comments} → ${big.longThreadFirstPage.comments}`,
    },
    ...compare('10-comment page, repeated (thread cache)', (reads) => reads.shortThread.repeated),
    ...compare('10-comment page, every read a cache miss', (reads) => reads.shortThread.cacheMiss),
    ...compare(
      'longest thread, first page, repeated',
      (reads) => reads.longThreadFirstPage.repeated,
    ),
    ...compare(
      'longest thread, first page, every read a cache miss',
      (reads) => reads.longThreadFirstPage.cacheMiss,
    ),
  ];
}

export function guessingRows({ idle, manyAddresses, oneAddress }: SignInGuessingResult): Row[] {
  const reads = (run: Reads) =>
    `${format.ms(run.p50Ms)} / ${format.ms(run.p99Ms)} (worst ${format.ms(run.maxMs)})`;
  const answered = ({ guesses }: GuessedReads) =>
    Object.entries(guesses)
      .map(([status, count]) => `${format.count(count)} × ${status}`)
      .join(', ');
  const { connections, readsPerSecond, seconds, guessesPerSecond } = GUESSING_LOAD;
  return [
    {
      measure: `Reading while the dashboard password is guessed: ${format.count(readsPerSecond)} reads/s over ${connections} connections, ${guessesPerSecond} wrong passwords/s, ${seconds} s each`,
    },
    { measure: 'reader p50 / p99, no guessing', ours: reads(idle) },
    {
      measure: 'reader p50 / p99 during a stream of wrong passwords, each from a new address',
      ours: reads(manyAddresses.reads),
      reference: `idle p99 ${format.ms(idle.p99Ms)}; with scrypt on the event loop, here: 68–91 ms p99 (4–10 ms idle)`,
    },
    {
      measure: 'those guesses',
      ours: answered(manyAddresses),
      reference:
        'what many addresses still get: 401 each, at most 2 checked at once, the rest 429 busy',
    },
    {
      measure: 'reader p50 / p99 during a stream of wrong passwords from one address',
      ours: reads(oneAddress.reads),
    },
    {
      measure: 'those guesses',
      ours: answered(oneAddress),
      reference:
        '10 × 401, then 429: 10 more checked (the lockout), the rest unchecked (20 sign-ins a minute)',
    },
  ];
}

export function browserRows(browser: BrowserResult): Row[] {
  return [
    { measure: 'Browser: demo page, 500 comments in 200 threads, median of 5 first visits' },
    {
      measure: 'embed.js arrived → Post Comment usable',
      ours: format.ms(browser.median.formReadyMs),
    },
    {
      measure: 'embed.js arrived → 500 comments rendered',
      ours: format.ms(browser.median.allRenderedMs),
    },
    { measure: 'the thread request (GET /api/comments)', ours: format.ms(browser.median.apiMs) },
    {
      measure: 'longest task: median / worst run',
      ours: `${format.ms(browser.median.longestTaskMs)} / ${format.ms(browser.worstTaskMs)}`,
      reference: `goal: none over ${LONG_TASK_GOAL_MS} ms`,
      met: yesNo(browser.worstTaskMs <= LONG_TASK_GOAL_MS),
    },
  ];
}

export function startupRows(startup: StartupResult): Row[] {
  const timed = ({ medianMs, maxMs }: Timing) =>
    `${format.ms(medianMs)} median, ${format.ms(maxMs)} worst`;
  return [
    { measure: "Start-up: process start to listening, and to a command's exit (10 runs each)" },
    {
      measure: '`leave-a-reply serve`, existing database',
      ours: timed(startup.serve),
      reference: `goal ≤ ${SERVE_START_GOAL_MS} ms; before the build step: 1.4–1.5 s here, 10.6 s on a busy machine`,
      met: yesNo(startup.serve.medianMs <= SERVE_START_GOAL_MS),
    },
    {
      measure: '`leave-a-reply serve`, first start (creates the database)',
      ours: format.ms(startup.firstServeMs),
    },
    ...Object.entries(startup.cli).map(([command, time]) => ({
      measure: `\`leave-a-reply ${command}\``,
      ours: timed(time),
      reference: `goal ≤ ${CLI_EXIT_GOAL_MS} ms; before the build step: 0.66–0.72 s here, 2.3–4.5 s on a busy machine`,
      met: yesNo(time.medianMs <= CLI_EXIT_GOAL_MS),
    })),
    {
      measure: 'processes beside the running server',
      ours: String(startup.childProcesses),
      reference: 'none: nothing is built at run time',
      met: yesNo(startup.childProcesses === 0),
    },
  ];
}

export function memoryRows(results: Record<string, unknown>): Row[] {
  const rss = (label: string, bytes: number | undefined): Row[] =>
    bytes === undefined ? [] : [{ measure: label, ours: format.megabytes(bytes) }];
  const get = results.get as GetThroughputResult | undefined;
  const post = results.post as PostThroughputResult | undefined;
  const scale = results.scale as ScaleResult | undefined;
  const browser = results.browser as BrowserResult | undefined;
  const guessing = results.guessing as SignInGuessingResult | undefined;
  const ratio = get ? get.ours.rssBytes / get.bare.rssBytes : undefined;
  return [
    { measure: 'Server memory: resident set size after its load' },
    ...rss('GET load (ours)', get?.ours.rssBytes),
    ...rss('GET load (bare Fastify)', get?.bare.rssBytes),
    ...(ratio === undefined
      ? []
      : [
          {
            measure: 'ours / bare Fastify after the GET load',
            ours: format.ratio(ratio),
            reference: `goal ≤ ${RSS_RATIO_GOAL}×; Remark42 32 MB`,
            met: yesNo(ratio <= RSS_RATIO_GOAL),
          },
        ]),
    ...rss('POST load', post?.rssBytes),
    ...rss(
      `reads, ${format.count(SMALL_SITE.comments)}-comment database`,
      scale?.small.longThreadFirstPage.cacheMiss.rssBytes,
    ),
    ...rss(
      `reads, ${format.count(BIG_SITE.comments)}-comment database`,
      scale?.big.longThreadFirstPage.cacheMiss.rssBytes,
    ),
    ...rss('browser runs', browser?.rssBytes),
    ...rss('password guessing', guessing?.rssBytes),
  ];
}
