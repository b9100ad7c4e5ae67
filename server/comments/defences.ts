/**
 * Defences against spam and guessing: who a client is (and as the database keeps it), signed
 * form timestamps, a per-client allowance kept in memory, blocklists, link counting.
 */
import { createHmac } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { Blocklist } from '../config.ts';
import { hashIp, secretsEqual } from '../storage/secrets.ts';

/**
 * The key every per-client limit counts by (the rate limits, flood control, the lockout): an
 * IPv4 address, or the /64 network of an IPv6 one. A single IPv6 host is usually handed a whole
 * /64, so counting by address would give it 2^64 fresh starts.
 */
export function clientKey(ip: string): string {
  const address = ip.split('%')[0] as string;
  if (isIP(address) !== 6) return address;
  const groups = ipv6Groups(address);
  // An IPv4 client seen through an IPv6 socket (::ffff:192.0.2.1) is that IPv4 client.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/**
 * A client as the database keeps it for the defences that count there (flood control, the rate
 * limits, the sign-in lockout): its `clientKey` hashed with the kept IP hash key, as every
 * address the database holds is, and the same on every instance that shares the database.
 */
export function clientSubject(ip: string, ipHashKey: string): string {
  return hashIp(clientKey(ip), ipHashKey);
}

/** The eight 16-bit groups of a valid IPv6 address, "::" and a dotted IPv4 tail expanded. */
function ipv6Groups(address: string): number[] {
  const toGroups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((piece) => {
          if (!piece.includes('.')) return [Number.parseInt(piece, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = '', tail] = address.split('::');
  const first = toGroups(head);
  const last = tail === undefined ? [] : toGroups(tail);
  return [...first, ...Array(8 - first.length - last.length).fill(0), ...last];
}

/**
 * The form may stay open this long before its timestamp is no longer accepted: long enough to
 * write a considered comment, short enough that one token fetched by a script is soon useless.
 */
export const FORM_TOKEN_MAX_AGE_HOURS = 4;
const FORM_TOKEN_MAX_AGE_SECONDS = FORM_TOKEN_MAX_AGE_HOURS * 3600;

export interface FormTokens {
  /** A token that records, signed, when a form was rendered, for the page (key) it was shown on. */
  issue: (now: Date, page: string) => string;
  /**
   * Seconds since the token was issued for `page`; `expired` for one older than
   * FORM_TOKEN_MAX_AGE_HOURS; null for a token this server did not sign for that page.
   */
  ageOf: (token: string, page: string, now: Date) => number | 'expired' | null;
}

/**
 * Signs form timestamps with the server's key, each for one page, so that a client can neither
 * make one up nor take one page's form to post on every other page.
 */
export function createFormTokens(key: string): FormTokens {
  // The time is digits only, so the newline cannot be part of it: no two (time, page) pairs
  // sign the same text.
  const sign = (issued: string, page: string) =>
    createHmac('sha256', key).update(`form:${issued}\n${page}`).digest('base64url');
  return {
    issue: (now, page) => {
      const issued = String(Math.floor(now.getTime() / 1000));
      return `${issued}.${sign(issued, page)}`;
    },
    ageOf: (token, page, now) => {
      const [issued = '', signature = ''] = token.split('.');
      if (!/^\d{1,12}$/.test(issued) || !secretsEqual(signature, sign(issued, page))) return null;
      const age = Math.floor(now.getTime() / 1000) - Number(issued);
      if (age < 0) return null;
      return age <= FORM_TOKEN_MAX_AGE_SECONDS ? age : 'expired';
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
