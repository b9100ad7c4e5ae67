/**
 * Thread answers kept ready to send, as JSON or as HTML. A popular page is read far more often
 * than it changes, so each answer is serialised once per version of its page, gets the form's
 * timestamp put into it once a second, and is compressed once per second and encoding: most
 * readers get a copy of bytes that already exist.
 *
 * What is kept is bounded by what the site owner publishes, not by how readers spell addresses:
 * answers are kept under what they are about (the page's key, the cursor, the limit), never under
 * the request's spelling, and all of them together, with their compressed copies, fit in a byte
 * budget (THREAD_CACHE_MB), the least recently read going first. Spellings (`#comments`,
 * `?utm_source=…`) only map to those answers, in a small index of their own.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';

export type Encoding = 'br' | 'gzip' | 'identity';
const ENCODINGS: Encoding[] = ['br', 'gzip', 'identity'];

/** The encoding to send, from the client's Accept-Encoding; identity when it names none of ours. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  return (
    negotiate(acceptEncoding.toLowerCase().replace(/\bx-gzip\b/g, 'gzip'), ENCODINGS) ?? 'identity'
  );
}

/** Below this, compression saves too little to be worth a header. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * Spellings of requests remembered, each with what it was read as. A spelling is at most a few
 * KB (an address and a page id of bounded length), so this index stays within a few MB however
 * many spellings arrive; a forgotten one is only read again.
 */
const NAMES_MAX = 1000;

const COMPRESS: Record<Exclude<Encoding, 'identity'>, (body: Buffer) => Buffer> = {
  // Quality 4 is brotli's fast end and still beats gzip; these run once a second, not per read.
  br: (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
  gzip: (body) => gzipSync(body, { level: 6 }),
};

/** What a request names, once read: the page it is about, and the answer that serves it. */
export interface AnswerName {
  pageKey: string;
  /** The answer's own key: the page key with what else shapes it (cursor, limit…). */
  answerKey: string;
}

interface Entry {
  /** When it was last read, in reads counted from the start: the least recent goes first. */
  used: number;
  /** The page this answer is about, to look its version up and to sign its form token for. */
  pageKey: string;
  version: number;
  /** The version of the page's likes it shows (comments/served-likes.ts). */
  likes: number;
  /** The answer up to where the form token goes, and after it: serialised once per version. */
  before: Buffer;
  /** Null when the answer takes no form token. */
  after: Buffer | null;
  /** The second the bodies below carry in their form token. */
  second: number;
  bodies: Partial<Record<Encoding, Buffer>>;
  /** before, after and bodies together, as counted against the budget. */
  bytes: number;
}

/**
 * An answer as serialised: what comes before the form token and what comes after it, or only
 * the answer where it has no form (the HTML of a closed page). A token is digits, a dot and
 * base64url, which JSON strings and HTML attributes take as they are.
 */
export type Serialised = [before: string, after?: string];

/** The page an answer is about, and which of its versions (and of its likes') it shows. */
interface PageState {
  key: string;
  version: number;
  likes?: number;
}

export interface ThreadAnswers {
  /** What a request spelt as `name` was read as, if that is still remembered. */
  nameOf(name: string): AnswerName | undefined;
  /** Remembers what `name` was read as, so that the next request spelt so need not be read. */
  rememberName(name: string, meaning: AnswerName): void;
  /**
   * The body to send for the answer `answerKey` at this version of its page (and of its likes,
   * 0 unless given), in `accepted` encoding if it is worth compressing, with the form token of
   * `now`'s second for the page; `serialise` runs only when these versions have no answer kept,
   * and gives the answer's two sides of where the token goes.
   */
  body(
    answerKey: string,
    page: PageState,
    accepted: Encoding,
    now: Date,
    serialise: () => Serialised,
  ): { bytes: Buffer; encoding: Encoding };
  /**
   * `body`'s answer while these versions have one kept; null when the thread must be read and
   * serialised (then given to `body`). The thread is read asynchronously, and a kept answer
   * must cost no read: so the kept one is asked for first.
   */
  keptBody(
    answerKey: string,
    page: PageState,
    accepted: Encoding,
    now: Date,
  ): { bytes: Buffer; encoding: Encoding } | null;
  /** What is kept: answers, their bytes (serialised and compressed copies), and spellings. */
  kept(): { answers: number; bytes: number; names: number };
}

/**
 * Keeps answers in at most `budgetBytes`, forgetting the least recently read first; an answer
 * larger than the whole budget is sent but not kept. `formToken` gives the form token for a
 * moment and a page; it must be the same for every moment of one second.
 */
export function createThreadAnswers(
  formToken: (now: Date, pageKey: string) => string,
  budgetBytes: number,
): ThreadAnswers {
  // Reads are counted, and each kept thing notes the count when it was last read; the least
  // recent is looked for only when something must go. Moving an entry to the end of its Map on
  // every read would keep each request's own copy of the key: one small string per read that
  // outlives the young generation, some 40 MB of old-space garbage per 500,000 cached reads.
  const entries = new Map<string, Entry>();
  const names = new Map<string, { meaning: AnswerName; used: number }>();
  let reads = 0;
  let total = 0;

  /** The key of the least recently read of `map`, other than `keep`. */
  function leastRecent<T extends { used: number }>(map: Map<string, T>, keep?: string) {
    let oldest: string | undefined;
    let oldestUse = Number.POSITIVE_INFINITY;
    for (const [key, value] of map) {
      if (key !== keep && value.used < oldestUse) {
        oldest = key;
        oldestUse = value.used;
      }
    }
    return oldest;
  }

  /** Drops the least recently read answers, never `keep`, until everything fits the budget. */
  function fit(keep: string): void {
    while (total > budgetBytes) {
      const oldest = leastRecent(entries, keep);
      if (oldest === undefined) break;
      total -= (entries.get(oldest) as Entry).bytes;
      entries.delete(oldest);
    }
    // Only `keep` is left and still does not fit: it is served this once and not kept.
    const kept = entries.get(keep);
    if (total > budgetBytes && kept) {
      entries.delete(keep);
      total -= kept.bytes;
    }
  }

  function resize(key: string, entry: Entry): void {
    const bytes =
      entry.before.length +
      (entry.after?.length ?? 0) +
      Object.values(entry.bodies).reduce((sum, body) => sum + (body?.length ?? 0), 0);
    if (entries.get(key) === entry) total += bytes - entry.bytes;
    entry.bytes = bytes;
    fit(key);
  }

  /** The entry kept for `key` while it was made for these versions of `page`. */
  function current(key: string, page: PageState): Entry | undefined {
    const kept = entries.get(key);
    if (
      kept &&
      kept.version === page.version &&
      kept.likes === (page.likes ?? 0) &&
      kept.pageKey === page.key
    ) {
      kept.used = ++reads;
      return kept;
    }
    return undefined;
  }

  function entryFor(key: string, page: PageState, serialise: () => Serialised) {
    const likes = page.likes ?? 0;
    const fresh = current(key, page);
    if (fresh) return fresh;
    const kept = entries.get(key);
    if (kept) {
      entries.delete(key);
      total -= kept.bytes;
    }
    const [before, after] = serialise();
    const entry: Entry = {
      used: ++reads,
      pageKey: page.key,
      version: page.version,
      likes,
      before: Buffer.from(before),
      after: after === undefined ? null : Buffer.from(after),
      second: -1,
      bodies: {},
      bytes: 0,
    };
    entries.set(key, entry);
    return entry;
  }

  /** The entry's body in `accepted` encoding, with the form token of `now`'s second. */
  function bodyOf(answerKey: string, entry: Entry, accepted: Encoding, now: Date) {
    const second = Math.floor(now.getTime() / 1000);
    if (entry.second !== second) {
      entry.second = second;
      entry.bodies = {
        identity: entry.after
          ? Buffer.concat([entry.before, Buffer.from(formToken(now, entry.pageKey)), entry.after])
          : entry.before,
      };
      resize(answerKey, entry);
    }
    const identity = entry.bodies.identity as Buffer;
    if (accepted === 'identity' || identity.length < COMPRESS_FROM_BYTES)
      return { bytes: identity, encoding: 'identity' as Encoding };
    let bytes = entry.bodies[accepted];
    if (!bytes) {
      bytes = COMPRESS[accepted](identity);
      entry.bodies[accepted] = bytes;
      resize(answerKey, entry);
    }
    return { bytes, encoding: accepted };
  }

  return {
    nameOf(name) {
      const known = names.get(name);
      if (!known) return undefined;
      known.used = ++reads;
      return known.meaning;
    },
    rememberName(name, meaning) {
      names.set(name, { meaning, used: ++reads });
      if (names.size > NAMES_MAX) names.delete(leastRecent(names, name) as string);
    },
    body: (answerKey, page, accepted, now, serialise) =>
      bodyOf(answerKey, entryFor(answerKey, page, serialise), accepted, now),
    keptBody(answerKey, page, accepted, now) {
      const entry = current(answerKey, page);
      return entry ? bodyOf(answerKey, entry, accepted, now) : null;
    },
    kept: () => ({ answers: entries.size, bytes: total, names: names.size }),
  };
}
