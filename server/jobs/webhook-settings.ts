/** The settings of webhooks: where events go, how they are signed, and in which shape. */

/** `standard`: Standard Webhooks' JSON; `slack` and `discord`: a message for their webhooks. */
export type WebhookFormat = 'standard' | 'slack' | 'discord';

export const WEBHOOK_FORMATS: readonly WebhookFormat[] = ['standard', 'slack', 'discord'];

export interface WebhookSettings {
  /** Where every event is posted (WEBHOOK_URLS); empty sends none. */
  urls: string[];
  /** The Standard Webhooks key (`whsec_` + base64) that signs every delivery; null signs none. */
  secret: string | null;
  /** Whether a comment's author's email goes with it (WEBHOOK_INCLUDE_EMAIL). */
  includeEmail: boolean;
  format: WebhookFormat;
}

// Standard base64 with its padding, as the standardwebhooks package decodes it.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * WEBHOOK_URLS, WEBHOOK_SECRET, WEBHOOK_INCLUDE_EMAIL and WEBHOOK_FORMAT. Problems name the
 * setting and the entry, never the value: a Slack or Discord URL is itself a secret.
 */
export function webhookSettings(
  env: NodeJS.ProcessEnv,
  problems: string[],
  flag: (name: string, fallback: boolean) => boolean,
): WebhookSettings {
  const urls = (env.WEBHOOK_URLS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  urls.forEach((url, index) => {
    if (!isHttpUrl(url))
      problems.push(
        `WEBHOOK_URLS entry ${index + 1} is not an http(s) URL like https://example.com/hook.`,
      );
  });

  const format = (env.WEBHOOK_FORMAT?.trim().toLowerCase() || 'standard') as WebhookFormat;
  if (!WEBHOOK_FORMATS.includes(format))
    problems.push(
      `WEBHOOK_FORMAT must be one of ${WEBHOOK_FORMATS.join(', ')}, not "${env.WEBHOOK_FORMAT}".`,
    );

  const secret = env.WEBHOOK_SECRET?.trim() || null;
  if (secret !== null) {
    const key = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : '';
    if (!key || !BASE64.test(key))
      problems.push(
        'WEBHOOK_SECRET must be "whsec_" followed by a base64 key, e.g. whsec_$(openssl rand -base64 32).',
      );
  } else if (urls.length > 0 && format === 'standard') {
    problems.push(
      'WEBHOOK_SECRET is needed with WEBHOOK_URLS: Standard Webhooks are signed (e.g. whsec_$(openssl rand -base64 32)).',
    );
  }

  return { urls, secret, includeEmail: flag('WEBHOOK_INCLUDE_EMAIL', false), format };
}

function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}
