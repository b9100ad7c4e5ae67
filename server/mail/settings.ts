/** The settings of mail: how it goes out, from whom, and where its links lead. */
import { isIP } from 'node:net';
import { isEmail } from '../../shared/validate.ts';
import type { Config } from '../config.ts';

export type MailSettings = Pick<Config, 'smtpUrl' | 'notifyEmail' | 'mailFrom' | 'publicUrl'>;

/** SMTP_URL, NOTIFY_EMAIL, MAIL_FROM and PUBLIC_URL: how mail goes out and where its links lead. */
export function mailSettings(
  env: NodeJS.ProcessEnv,
  port: number,
  problems: string[],
): MailSettings {
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:$/.test(parsedUrl(smtpUrl)?.protocol ?? ''))
    problems.push('SMTP_URL must be a URL like smtp://user:password@mail.example.com:587.');

  const notifyEmail = env.NOTIFY_EMAIL?.trim() || null;
  if (notifyEmail && !isEmail(notifyEmail))
    problems.push(`NOTIFY_EMAIL must be an email address, not "${notifyEmail}".`);

  // A wildcard address is where the server listens, not where anyone can reach it.
  const host = env.HOST?.trim() || 'localhost';
  const reachable = ['0.0.0.0', '::', '[::]'].includes(host)
    ? 'localhost'
    : isIP(host) === 6
      ? `[${host}]`
      : host;
  let publicUrl = env.PUBLIC_URL?.trim().replace(/\/+$/, '') || `http://${reachable}:${port}`;
  const parsed = parsedUrl(publicUrl);
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.search || parsed.hash) {
    problems.push(
      `PUBLIC_URL must be the server's public http(s) address, like https://comments.example.com, not "${publicUrl}".`,
    );
    publicUrl = `http://${reachable}:${port}`;
  }

  const mailFrom =
    env.MAIL_FROM?.trim() || `Leave a Reply <noreply@${new URL(publicUrl).hostname}>`;
  if (/[\r\n]/.test(mailFrom)) problems.push('MAIL_FROM must be on one line.');
  return { smtpUrl, notifyEmail, mailFrom, publicUrl };
}

function parsedUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
