/** One load test with autocannon against one server process, and what came of it. */
import autocannon, { type Request, type Result } from 'autocannon';
import type { ServerProcess } from './server-process.ts';

export interface LoadOptions {
  /** Path and query of the first request, e.g. /api/comments?url=… */
  path: string;
  connections: number;
  seconds: number;
  /** A shorter run first, not counted: lets V8 optimise and SQLite fill its cache. */
  warmUpSeconds: number;
  /** Requests built one by one (for a new body each time); default: GET `path` again and again. */
  requests?: Request[];
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Latencies of every response in the measured run, from autocannon's own timer, in ms. */
  p50Ms: number;
  p99Ms: number;
  responses: number;
  /** Responses per status code, e.g. { "201": 31000 }. */
  statuses: Record<string, number>;
  non2xx: number;
  /** Connection errors and timeouts: no response at all. */
  errors: number;
  seconds: number;
  /** Responses per status code in the warm-up run, which the figures above leave out. */
  warmUpStatuses: Record<string, number>;
  /**
   * The server's CPU time (user and system) per response in the measured run, in ms. Unlike
   * requests per second it hardly changes when other processes share the machine.
   */
  serverCpuMsPerRequest: number;
  /** The server's CPU time over the run's wall time: 1 means one core kept busy throughout. */
  serverCpuShare: number;
  /** The server's resident memory after the run, in bytes. */
  rssBytes: number;
}

/** Warms up, then measures for `seconds` with `connections` connections kept busy. */
export async function measureLoad(
  server: ServerProcess,
  options: LoadOptions,
): Promise<LoadResult> {
  const url = `${server.origin}${options.path}`;
  const warmUp = options.warmUpSeconds > 0 ? await run(url, options, options.warmUpSeconds) : null;
  const before = await server.usage();
  const latencies: number[] = [];
  const result = await run(url, options, options.seconds, latencies);
  const after = await server.usage();
  const responses = latencies.length;
  const cpuMs = (after.cpuMicros - before.cpuMicros) / 1000;
  return {
    requestsPerSecond: responses / result.duration,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    responses,
    statuses: statusCounts(result),
    non2xx: result.non2xx,
    errors: result.errors,
    seconds: result.duration,
    warmUpStatuses: warmUp ? statusCounts(warmUp) : {},
    serverCpuMsPerRequest: cpuMs / responses,
    serverCpuShare: cpuMs / 1000 / result.duration,
    rssBytes: after.rssBytes,
  };
}

async function run(url: string, options: LoadOptions, seconds: number, latencies?: number[]) {
  const instance = autocannon({
    url,
    connections: options.connections,
    duration: seconds,
    requests: options.requests,
  });
  // autocannon's histogram keeps whole milliseconds; on loopback most answers take less than
  // two, so the percentiles are taken from its raw per-response times instead.
  if (latencies) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  return await instance;
}

/**
 * Several runs against one server as one: requests per second and CPU per request over all of
 * them, latency percentiles the median of each run's, counts added up.
 */
export function combineLoads(runs: LoadResult[]): LoadResult {
  const sum = (value: (run: LoadResult) => number) =>
    runs.reduce((total, run) => total + value(run), 0);
  const responses = sum((run) => run.responses);
  const seconds = sum((run) => run.seconds);
  const cpuMs = sum((run) => run.serverCpuMsPerRequest * run.responses);
  const statuses: Record<string, number> = {};
  for (const run of runs) {
    for (const [code, count] of Object.entries(run.statuses))
      statuses[code] = (statuses[code] ?? 0) + count;
  }
  return {
    requestsPerSecond: responses / seconds,
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    responses,
    statuses,
    non2xx: sum((run) => run.non2xx),
    errors: sum((run) => run.errors),
    seconds,
    warmUpStatuses: runs[0]?.warmUpStatuses ?? {},
    serverCpuMsPerRequest: cpuMs / responses,
    serverCpuShare: cpuMs / 1000 / seconds,
    rssBytes: runs.at(-1)?.rssBytes ?? 0,
  };
}

function statusCounts(result: Result): Record<string, number> {
  return Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
  );
}

/** The value below which `fraction` of the samples fall (nearest rank). */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] as number;
}

/** The middle value: of five browser runs, the one that is neither lucky nor unlucky. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

/**
 * Loads each server in turn (a, b, a, b…) for `rounds` rounds, the first turn of each after
 * its warm-up, so that a neighbour taking the machine for a while weighs on all alike; each
 * server's runs, in the order given.
 */
export async function loadInTurns(
  servers: readonly ServerProcess[],
  load: LoadOptions & { rounds: number },
): Promise<LoadResult[][]> {
  const runs = servers.map((): LoadResult[] => []);
  for (let round = 0; round < load.rounds; round++) {
    for (const [i, server] of servers.entries()) {
      const warmUpSeconds = round === 0 ? load.warmUpSeconds : 0;
      runs[i]?.push(await measureLoad(server, { ...load, warmUpSeconds }));
    }
  }
  return runs;
}

/** Two servers' runs in turns, each as one, and the first's rate over the second's. */
export interface TurnsCompared {
  ours: LoadResult;
  reference: LoadResult;
  /** The rate compared (requests per second unless said otherwise), all turns together. */
  ratio: number;
  /** The same, turn by turn. */
  roundRatios: number[];
  /** The reference's server CPU time per request over ours: the same ratio, less noisy. */
  cpuRatio: number;
}

/** Compares runs by `rate`: requests per second, or for instance 201s per second. */
export function compareTurns(
  oursRuns: LoadResult[],
  referenceRuns: LoadResult[],
  rate: (run: LoadResult) => number = (run) => run.requestsPerSecond,
): TurnsCompared {
  const ours = combineLoads(oursRuns);
  const reference = combineLoads(referenceRuns);
  return {
    ours,
    reference,
    ratio: rate(ours) / rate(reference),
    roundRatios: oursRuns.map((run, round) => rate(run) / rate(referenceRuns[round] as LoadResult)),
    cpuRatio: reference.serverCpuMsPerRequest / ours.serverCpuMsPerRequest,
  };
}
