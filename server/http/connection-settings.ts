/** The settings of the server's connections: how long clients may take, and which proxies to trust. */
import { isIP } from 'node:net';
import type { Config } from '../config.ts';

export type ConnectionSettings = Pick<
  Config,
  | 'requestTimeoutSeconds'
  | 'headersTimeoutSeconds'
  | 'connectionTimeoutSeconds'
  | 'keepAliveTimeoutSeconds'
  | 'maxConnectionsPerClient'
>;

/**
 * How long a client may take and how many connections it may hold. None of the timeouts can be
 * turned off: a connection without a time limit is one that a client trickling bytes keeps
 * forever, and enough of them take every file descriptor the server has.
 */
export function connectionSettings(env: NodeJS.ProcessEnv, problems: string[]): ConnectionSettings {
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
    return fallback;
  };
  const requestTimeoutSeconds = number('REQUEST_TIMEOUT_SECONDS', 30, 1, 3600);
  // Node refuses a headers timeout longer than the request timeout: the default follows a
  // shorter REQUEST_TIMEOUT_SECONDS down, and a setting above it is named as the problem.
  const headersTimeoutSeconds = number(
    'HEADERS_TIMEOUT_SECONDS',
    Math.min(10, requestTimeoutSeconds),
    1,
    3600,
  );
  if (headersTimeoutSeconds > requestTimeoutSeconds)
    problems.push(
      `HEADERS_TIMEOUT_SECONDS (${headersTimeoutSeconds}) must not be longer than REQUEST_TIMEOUT_SECONDS (${requestTimeoutSeconds}).`,
    );
  return {
    requestTimeoutSeconds,
    headersTimeoutSeconds,
    connectionTimeoutSeconds: number('CONNECTION_TIMEOUT_SECONDS', 30, 1, 3600),
    keepAliveTimeoutSeconds: number('KEEP_ALIVE_TIMEOUT_SECONDS', 10, 1, 300),
    maxConnectionsPerClient: number('MAX_CONNECTIONS_PER_CLIENT', 50, 0, 100_000),
  };
}

/**
 * TRUST_PROXY. `true` once meant "believe every X-Forwarded-For", whose leftmost address the
 * client writes itself: a new address per request passed every per-client limit. It now means
 * the one proxy in front, the setup it was written for; other forms name the hops or the proxies.
 */
export function parseTrustProxy(raw: string | undefined, problems: string[]): Config['trustProxy'] {
  const value = raw?.trim().toLowerCase();
  if (!value || value === 'false' || value === '0') return false;
  if (value === 'true') return 1;
  if (/^\d+$/.test(value)) return Number(value);
  const proxies = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const proxy of proxies) {
    if (!isAddressOrRange(proxy))
      problems.push(
        `TRUST_PROXY must be the number of proxies in front of the server (1, 2) or their addresses (127.0.0.1, 10.0.0.0/8, ::1); "${proxy}" is neither.`,
      );
  }
  return proxies;
}

/** An IPv4 or IPv6 address, alone or with a prefix length that fits it. */
function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
}
