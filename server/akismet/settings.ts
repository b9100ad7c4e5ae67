/** The settings of Akismet: the key, the site it was issued for, and where its API answers. */

/** What the server needs to ask Akismet about a comment; null in Config while Akismet is off. */
export interface AkismetSettings {
  /** AKISMET_KEY. */
  key: string;
  /** AKISMET_SITE: the front page Akismet knows the key by (its `blog`). */
  site: string;
  /** AKISMET_URL, without a trailing slash. */
  url: string;
}

export const DEFAULT_AKISMET_URL = 'https://rest.akismet.com';

/**
 * AKISMET_KEY, AKISMET_SITE and AKISMET_URL. Akismet is on only with both the key and the site:
 * one without the other is a mistake to report, not a reason to run half-configured.
 */
export function akismetSettings(
  env: NodeJS.ProcessEnv,
  problems: string[],
): { akismet: AkismetSettings | null } {
  const key = env.AKISMET_KEY?.trim() || null;
  const site = env.AKISMET_SITE?.trim() || null;
  const url = (env.AKISMET_URL?.trim() || DEFAULT_AKISMET_URL).replace(/\/+$/, '');
  if (!isHttpUrl(url))
    problems.push(
      `AKISMET_URL must be an http(s) address like ${DEFAULT_AKISMET_URL}, not "${url}".`,
    );
  if (site && !isHttpUrl(site))
    problems.push(
      `AKISMET_SITE must be the site's front page, like https://blog.example.com, not "${site}".`,
    );
  if (key && /[\s&=]/.test(key)) problems.push('AKISMET_KEY must be one word.');
  if (key && !site) problems.push('AKISMET_KEY is set without AKISMET_SITE: set both, or neither.');
  if (site && !key) problems.push('AKISMET_SITE is set without AKISMET_KEY: set both, or neither.');
  return { akismet: key && site ? { key, site, url } : null };
}

function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}
