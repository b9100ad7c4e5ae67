/** Settings from the environment: the only place that reads process.env. */
import { originOf } from '../shared/page-key.ts';

export type Moderation = 'none' | 'first-time' | 'all';

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** Origins whose pages may hold comments; empty means the built-in default. */
  siteOrigins: string[];
  moderation: Moderation;
  /** Token for the admin API; when null, one is generated and kept in the database. */
  adminToken: string | null;
  /** Logs each request; off in tests. */
  logRequests: boolean;
}

const MODERATION_MODES: readonly Moderation[] = ['none', 'first-time', 'all'];

/** Reads the configuration, reporting every problem at once so that one restart fixes all. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be a whole number from 0 to 65535, not "${env.PORT}".`);

  const moderation = (env.MODERATION ?? 'first-time') as Moderation;
  if (!MODERATION_MODES.includes(moderation))
    problems.push(
      `MODERATION must be one of ${MODERATION_MODES.join(', ')}, not "${env.MODERATION}".`,
    );

  const siteOrigins: string[] = [];
  for (const entry of (env.SITE_ORIGINS ?? '').split(',')) {
    const trimmed = entry.trim();
    if (!trimmed) continue;
    const origin = originOf(trimmed);
    if (origin) siteOrigins.push(origin);
    else
      problems.push(
        `SITE_ORIGINS entry "${trimmed}" is not an origin like https://blog.example.com.`,
      );
  }

  const adminToken = env.ADMIN_TOKEN?.trim() || null;
  if (adminToken && adminToken.length < 16)
    problems.push('ADMIN_TOKEN must be at least 16 characters long.');

  if (problems.length > 0) throw new Error(`Invalid configuration:\n- ${problems.join('\n- ')}`);

  return {
    port,
    host: env.HOST?.trim() || 'localhost',
    databasePath: env.DATABASE_PATH?.trim() || './data/comments.db',
    siteOrigins,
    moderation,
    adminToken,
    logRequests: env.LOG_REQUESTS !== 'false',
  };
}
