/** Settings from the environment: the only place that reads process.env. */
import { isIP } from 'node:net';
import { LIMITS } from '../shared/limits.ts';
import { originOf } from '../shared/page-key.ts';
import { type AkismetSettings, akismetSettings } from './akismet/settings.ts';
import { AVATAR_MODES, type AvatarMode } from './comments/avatars.ts';
import { connectionSettings, parseTrustProxy } from './http/connection-settings.ts';
import { type WebhookSettings, webhookSettings } from './jobs/webhook-settings.ts';
import { mailSettings } from './mail/settings.ts';

export type Moderation = 'none' | 'first-time' | 'all';

/** When a post must carry a solved proof-of-work challenge (CHALLENGE). */
export type ChallengeMode = 'off' | 'suspicious' | 'always';

/** How log lines are written: one JSON object each, or a line a person reads on a terminal. */
export type LogFormat = 'json' | 'pretty';

/** What a blocklist does with a comment that matches it. */
export interface Blocklist {
  words: string[];
  /** Whole addresses, or `@domain` for a whole domain. */
  emails: string[];
  /** Addresses or CIDR ranges, IPv4 or IPv6. */
  ips: string[];
}

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /**
   * DATABASE_URL: a PostgreSQL database (postgres://USER:PASSWORD@HOST:PORT/DB) instead of the
   * SQLite file at DATABASE_PATH, for several instances sharing one database.
   */
  databaseUrl: string | null;
  /** DATABASE_POOL_SIZE: at most this many PostgreSQL connections per instance. */
  databasePoolSize: number;
  /** Origins whose pages may hold comments; empty means the built-in default. */
  siteOrigins: string[];
  moderation: Moderation;
  /** Token for the admin API; when null, one is generated and kept in the database. */
  adminToken: string | null;
  /** The dashboard's sign-in password; kept only as a hash in the database. */
  adminPassword: string | null;
  /** Bearer token for GET /metrics; null leaves metrics off, and /metrics unknown. */
  metricsToken: string | null;
  /** The name shown on the site owner's replies. */
  ownerName: string;
  /** Logs each request; off in tests. */
  logRequests: boolean;
  /** LOG_FORMAT; by default pretty on a terminal and JSON lines otherwise (a file, journald). */
  logFormat: LogFormat;
  /** Serves the demo blog at /; off, / is a short page naming the server. */
  demo: boolean;
  /** Seconds a reader must spend between the form's render and posting; 0 turns the check off. */
  minSubmitSeconds: number;
  /** Seconds between two comments from one client; 0 turns the check off. */
  floodSeconds: number;
  /** Writes per minute per client; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Whether readers may like comments (LIKES). */
  likes: boolean;
  /** Likes given or taken back per minute per client, apart from posts; 0 turns the limit off. */
  likeRateLimitPerMinute: number;
  /** A comment with more links than this is held; 0 turns the check off. */
  maxLinks: number;
  /** Which posts must carry a solved proof-of-work challenge (CHALLENGE). */
  challenge: ChallengeMode;
  /** Seconds a challenge, and so its solution, stays good (CHALLENGE_SECONDS). */
  challengeSeconds: number;
  /** ALTCHA's maxnumber: the secret number is drawn from 0 to this (CHALLENGE_COST). */
  challengeCost: number;
  /** Minutes during which an author may edit or delete their comment. */
  editWindowMinutes: number;
  /** Days after its publication that a page stops taking new comments; 0 never closes one. */
  closeAfterDays: number;
  /** Whether a keyed hash of the client's IP address (and its user agent) is stored. */
  storeIp: boolean;
  /**
   * Whose X-Forwarded-For to believe: nobody (false), the nearest n hops (TRUST_PROXY=1, 2;
   * `true` is read as 1), or the proxies at these addresses and CIDR ranges.
   */
  trustProxy: false | number | string[];
  hold: Blocklist;
  block: Blocklist;
  /** Top-level comments per page of a thread. */
  pageSize: number;
  /**
   * What each comment carries for its author's picture (AVATARS): an identicon seed, that and
   * Gravatar's hash, or nothing.
   */
  avatars: AvatarMode;
  /** Seconds a shared cache (a CDN) may keep a thread before asking again. */
  cacheSeconds: number;
  /** Megabytes the server keeps of ready thread answers (serialised and compressed); 0 keeps none. */
  threadCacheMb: number;
  /** Seconds a whole request, body included, may take to arrive (REQUEST_TIMEOUT_SECONDS). */
  requestTimeoutSeconds: number;
  /** Seconds a request's headers may take to arrive; at most requestTimeoutSeconds. */
  headersTimeoutSeconds: number;
  /** Seconds a connection may pass with nothing arriving or leaving before it is closed. */
  connectionTimeoutSeconds: number;
  /** Seconds an idle connection is kept open after an answer, for the client's next request. */
  keepAliveTimeoutSeconds: number;
  /** Connections one client address (an IPv6 /64) may hold open at once; 0 leaves them uncapped. */
  maxConnectionsPerClient: number;
  /** Where mail goes out, e.g. smtp://user:pass@host:587; null sends no mail at all. */
  smtpUrl: string | null;
  /** The site owner's address, told about every new comment; null tells nobody. */
  notifyEmail: string | null;
  /** The sender of every mail, e.g. `Leave a Reply <noreply@example.com>`. */
  mailFrom: string;
  /** The server's public address, without a trailing slash, for links in mail. */
  publicUrl: string;
  /** Where events about comments are posted, and how (WEBHOOK_*). */
  webhooks: WebhookSettings;
  /** AKISMET_KEY, AKISMET_SITE, AKISMET_URL; null while Akismet is off (either is unset). */
  akismet: AkismetSettings | null;
}

/**
 * ALTCHA's maxnumber by default: the solver tries 0, 1, 2… up to the secret number, so a reader
 * computes about half this many SHA-256 hashes. Measured in headless Chromium on the bench
 * machine (`npm run bench -- challenge`), see README's "Proof-of-work challenge".
 */
export const CHALLENGE_COST_DEFAULT = 150_000;

const MODERATION_MODES: readonly Moderation[] = ['none', 'first-time', 'all'];
const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];
const CHALLENGE_MODES: readonly ChallengeMode[] = ['off', 'suspicious', 'always'];

/**
 * Reads the configuration, reporting every problem at once so that one restart fixes all.
 * `terminal` says whether standard output is a terminal, which picks the default LOG_FORMAT.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  terminal: boolean = process.stdout.isTTY === true,
): Config {
  const problems: string[] = [];

  const whole = (name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= 0 && value <= max) return value;
    problems.push(`${name} must be a whole number from 0 to ${max}, not "${raw}".`);
    return fallback;
  };

  // A challenge that is never good, or whose number is always 0, protects nothing.
  const atLeastOne = (name: string, fallback: number, max: number): number => {
    const value = whole(name, fallback, max);
    if (value > 0) return value;
    problems.push(`${name} must be at least 1.`);
    return fallback;
  };

  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.trim().toLowerCase();
    if (!raw) return fallback;
    if (['true', '1', 'yes', 'on'].includes(raw)) return true;
    if (['false', '0', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false, not "${env[name]}".`);
    return fallback;
  };

  const list = (name: string): string[] =>
    (env[name] ?? '')
      .split(/[,\n]/)
      .map((entry) => entry.trim())
      .filter(Boolean);

  const blocklist = (prefix: 'HOLD' | 'BLOCK'): Blocklist => {
    const ips = list(`${prefix}_IPS`);
    for (const entry of ips) {
      const [address = '', bits] = entry.split('/');
      const family = isIP(address);
      const maxBits = family === 6 ? 128 : 32;
      const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
      if (!family || !validBits)
        problems.push(`${prefix}_IPS entry "${entry}" is not an IP address or CIDR range.`);
    }
    return {
      words: list(`${prefix}_WORDS`).map((word) => word.toLowerCase()),
      emails: list(`${prefix}_EMAILS`).map((email) => email.toLowerCase()),
      ips,
    };
  };

  const port = whole('PORT', 8080, 65535);

  const moderation = (env.MODERATION?.trim() || 'first-time') as Moderation;
  if (!MODERATION_MODES.includes(moderation))
    problems.push(
      `MODERATION must be one of ${MODERATION_MODES.join(', ')}, not "${env.MODERATION}".`,
    );

  const challenge = (env.CHALLENGE?.trim().toLowerCase() || 'suspicious') as ChallengeMode;
  if (!CHALLENGE_MODES.includes(challenge))
    problems.push(
      `CHALLENGE must be one of ${CHALLENGE_MODES.join(', ')}, not "${env.CHALLENGE}".`,
    );

  const siteOrigins: string[] = [];
  for (const entry of list('SITE_ORIGINS')) {
    const origin = originOf(entry);
    if (origin) siteOrigins.push(origin);
    else
      problems.push(
        `SITE_ORIGINS entry "${entry}" is not an origin like https://blog.example.com.`,
      );
  }

  const avatars = (env.AVATARS?.trim().toLowerCase() || 'identicon') as AvatarMode;
  if (!AVATAR_MODES.includes(avatars))
    problems.push(`AVATARS must be one of ${AVATAR_MODES.join(', ')}, not "${env.AVATARS}".`);

  const logFormat = (env.LOG_FORMAT?.trim().toLowerCase() ||
    (terminal ? 'pretty' : 'json')) as LogFormat;
  if (!LOG_FORMATS.includes(logFormat))
    problems.push(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, not "${env.LOG_FORMAT}".`);

  const adminToken = env.ADMIN_TOKEN?.trim() || null;
  if (adminToken && adminToken.length < 16)
    problems.push('ADMIN_TOKEN must be at least 16 characters long.');
  const adminPassword = env.ADMIN_PASSWORD || null;
  if (adminPassword && adminPassword.length < 8)
    problems.push('ADMIN_PASSWORD must be at least 8 characters long.');
  const metricsToken = env.METRICS_TOKEN?.trim() || null;
  if (metricsToken && metricsToken.length < 16)
    problems.push('METRICS_TOKEN must be at least 16 characters long.');

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\/./i.test(databaseUrl))
    problems.push(
      'DATABASE_URL must be a PostgreSQL address like postgres://USER:PASSWORD@HOST:5432/DB.',
    );

  const config: Config = {
    port,
    host: env.HOST?.trim() || 'localhost',
    databasePath: env.DATABASE_PATH?.trim() || './data/comments.db',
    databaseUrl,
    databasePoolSize: atLeastOne('DATABASE_POOL_SIZE', 10, 1000),
    siteOrigins,
    moderation,
    adminToken,
    adminPassword,
    metricsToken,
    ownerName: env.OWNER_NAME?.trim() || 'Site owner',
    logRequests: flag('LOG_REQUESTS', false),
    logFormat,
    // The demo is for trying the server out: once SITE_ORIGINS names real sites, it is off
    // unless asked for.
    demo: flag('DEMO', siteOrigins.length === 0),
    minSubmitSeconds: whole('MIN_SUBMIT_SECONDS', 3, 3600),
    floodSeconds: whole('FLOOD_SECONDS', 15, 86_400),
    rateLimitPerMinute: whole('RATE_LIMIT_PER_MINUTE', 5),
    likes: flag('LIKES', true),
    likeRateLimitPerMinute: whole('LIKE_RATE_LIMIT_PER_MINUTE', 30, 100_000),
    maxLinks: whole('MAX_LINKS', 2, 1000),
    challenge,
    challengeSeconds: atLeastOne('CHALLENGE_SECONDS', 600, 86_400),
    challengeCost: atLeastOne('CHALLENGE_COST', CHALLENGE_COST_DEFAULT, 1_000_000_000),
    editWindowMinutes: whole('EDIT_WINDOW_MINUTES', 15, 525_600),
    closeAfterDays: whole('CLOSE_AFTER_DAYS', 0, 100_000),
    storeIp: flag('STORE_IP', true),
    trustProxy: parseTrustProxy(env.TRUST_PROXY, problems),
    hold: blocklist('HOLD'),
    block: blocklist('BLOCK'),
    pageSize: whole('PAGE_SIZE', 50, LIMITS.pageSizeMax) || 50,
    avatars,
    cacheSeconds: whole('CACHE_SECONDS', 5, 86_400),
    threadCacheMb: whole('THREAD_CACHE_MB', 64, 65_536),
    ...connectionSettings(env, problems),
    ...mailSettings(env, port, problems),
    webhooks: webhookSettings(env, problems, flag),
    ...akismetSettings(env, problems),
  };
  if (problems.length > 0) throw new Error(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  return config;
}
