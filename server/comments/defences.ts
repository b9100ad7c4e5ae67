/**
 * Defences against spam and guessing: who a client is, signed form timestamps, flood control,
 * the lockout after wrong credentials, blocklists, link counting.
 */
import { createHmac } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { Blocklist } from '../config.ts';
import { secretsEqual } from '../storage/secrets.ts';

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

/**
 * Remembers when each client (by `clientKey`) last posted, in memory only: addresses are never
 * written down.
 */
export function createFloodGuard(seconds: number) {
  const lastPost = new Map<string, number>();
  const windowMs = seconds * 1000;
  return {
    /** Seconds the client at `ip` must still wait, or 0. */
    waitFor(ip: string, now: number): number {
      const last = lastPost.get(clientKey(ip));
      if (last === undefined || seconds === 0) return 0;
      return Math.max(0, Math.ceil((last + windowMs - now) / 1000));
    },
    record(ip: string, now: number): void {
      if (seconds === 0) return;
      if (lastPost.size > 10_000) {
        for (const [key, time] of lastPost) if (time + windowMs <= now) lastPost.delete(key);
      }
      lastPost.set(clientKey(ip), now);
    },
  };
}

/** Clients remembered by the lockout at most; past it the oldest are forgotten first. */
const LOCKOUT_CLIENTS_MAX = 100_000;

/**
 * Counts wrong credentials per client (by `clientKey`), in memory only. Past `allowed` wrong
 * ones within `windowMs` of the first, the client's wrong ones are answered 429 until the window
 * ends. Only what is counted is refused: the caller counts a credential only once it is known
 * to be wrong, so a right one always gets in (see "Security and privacy" in README.md).
 */
export function createLockout(allowed: number, windowMs: number) {
  const failures = new Map<string, { count: number; until: number }>();
  return {
    /** Counts one wrong credential from `ip`; returns the seconds its lockout has left, or 0. */
    fail(ip: string, now: number): number {
      const key = clientKey(ip);
      const entry = failures.get(key);
      if (entry && entry.until > now) {
        entry.count++;
        return entry.count > allowed ? Math.ceil((entry.until - now) / 1000) : 0;
      }
      failures.delete(key);
      if (failures.size >= LOCKOUT_CLIENTS_MAX) {
        for (const [known, { until }] of failures) if (until <= now) failures.delete(known);
        // Insertion order is the order of first failures: the oldest windows go first.
        for (const known of failures.keys()) {
          if (failures.size < LOCKOUT_CLIENTS_MAX) break;
          failures.delete(known);
        }
      }
      failures.set(key, { count: 1, until: now + windowMs });
      return 0;
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
