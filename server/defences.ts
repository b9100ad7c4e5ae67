/** Defences against spam: signed form timestamps, flood control, blocklists, link counting. */
import { createHmac } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { Blocklist } from './config.ts';
import { secretsEqual } from './secrets.ts';

/** The form may stay open this long before its timestamp is no longer accepted. */
const FORM_TOKEN_MAX_AGE_SECONDS = 7 * 24 * 3600;

export interface FormTokens {
  /** A token that records, signed, when a form was rendered. */
  issue: (now: Date) => string;
  /** Seconds since the token was issued, or null for a token this server did not sign. */
  ageOf: (token: string, now: Date) => number | null;
}

/** Signs form timestamps with the server's key, so that a client cannot make one up. */
export function createFormTokens(key: string): FormTokens {
  const sign = (issued: string) =>
    createHmac('sha256', key).update(`form:${issued}`).digest('base64url');
  return {
    issue: (now) => {
      const issued = String(Math.floor(now.getTime() / 1000));
      return `${issued}.${sign(issued)}`;
    },
    ageOf: (token, now) => {
      const [issued = '', signature = ''] = token.split('.');
      if (!/^\d{1,12}$/.test(issued) || !secretsEqual(signature, sign(issued))) return null;
      const age = Math.floor(now.getTime() / 1000) - Number(issued);
      return age >= 0 && age <= FORM_TOKEN_MAX_AGE_SECONDS ? age : null;
    },
  };
}

/** Remembers when each client last posted, in memory only: addresses are never written down. */
export function createFloodGuard(seconds: number) {
  const lastPost = new Map<string, number>();
  const windowMs = seconds * 1000;
  return {
    /** Seconds the client must still wait, or 0. */
    waitFor(client: string, now: number): number {
      const last = lastPost.get(client);
      if (last === undefined || seconds === 0) return 0;
      return Math.max(0, Math.ceil((last + windowMs - now) / 1000));
    },
    record(client: string, now: number): void {
      if (seconds === 0) return;
      if (lastPost.size > 10_000) {
        for (const [key, time] of lastPost) if (time + windowMs <= now) lastPost.delete(key);
      }
      lastPost.set(client, now);
    },
  };
}

export interface CommentText {
  name: string;
  email: string;
  website: string;
  body: string;
}

/** Tests a comment against one blocklist: words anywhere, emails or domains, IP ranges. */
export function createBlocklistMatcher(list: Blocklist) {
  const ranges = new BlockList();
  for (const entry of list.ips) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) ranges.addAddress(address, family);
    else ranges.addSubnet(address, Number(bits), family);
  }
  return (comment: CommentText, ip: string): boolean => {
    const text =
      `${comment.name}\n${comment.email}\n${comment.website}\n${comment.body}`.toLowerCase();
    if (list.words.some((word) => text.includes(word))) return true;
    const email = comment.email.toLowerCase();
    if (
      list.emails.some((entry) => (entry.startsWith('@') ? email.endsWith(entry) : email === entry))
    )
      return true;
    const family = isIP(ip);
    return family !== 0 && ranges.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/** How many links a rendered comment holds. */
export function countLinks(html: string): number {
  return html.match(/<a\s/g)?.length ?? 0;
}
