/**
 * Thread answers kept ready to send. A popular page is read far more often than it changes, so
 * each answer is serialised once per version of its page, gets the form's timestamp added once
 * a second, and is compressed once per second and encoding: most readers get a copy of bytes
 * that already exist.
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

const COMPRESS: Record<Exclude<Encoding, 'identity'>, (body: Buffer) => Buffer> = {
  // Quality 4 is brotli's fast end and still beats gzip; these run once a second, not per read.
  br: (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
  gzip: (body) => gzipSync(body, { level: 6 }),
};

interface Entry {
  /** The page this answer is about, to look its version up; null when it has no comments yet. */
  pageKey: string;
  version: number;
  /** The answer without its first `{`, serialised once for this version. */
  rest: Buffer;
  /** The second the bodies below carry in their form token. */
  second: number;
  bodies: Partial<Record<Encoding, Buffer>>;
}

export interface ThreadAnswers {
  /** The page key an answer kept under `name` was about, if one is kept. */
  pageKeyOf(name: string): string | undefined;
  /**
   * The body to send for `name` at this version of its page, in `accepted` encoding if it is
   * worth compressing, with the form token of `now`'s second; `serialise` runs only when this
   * version has no answer yet.
   */
  body(
    name: string,
    page: { key: string; version: number },
    accepted: Encoding,
    now: Date,
    serialise: () => string,
  ): { bytes: Buffer; encoding: Encoding };
}

/**
 * Keeps up to `capacity` answers, forgetting the least recently made first. `formToken` gives
 * the form token for a moment; it must be the same for every moment of one second.
 */
export function createThreadAnswers(
  formToken: (now: Date) => string,
  capacity = 500,
): ThreadAnswers {
  const entries = new Map<string, Entry>();

  function entryFor(name: string, page: { key: string; version: number }, serialise: () => string) {
    const kept = entries.get(name);
    if (kept && kept.version === page.version && kept.pageKey === page.key) return kept;
    const json = serialise();
    const entry: Entry = {
      pageKey: page.key,
      version: page.version,
      rest: Buffer.from(json.slice(1)),
      second: -1,
      bodies: {},
    };
    entries.delete(name);
    if (entries.size >= capacity) entries.delete(entries.keys().next().value as string);
    entries.set(name, entry);
    return entry;
  }

  return {
    pageKeyOf: (name) => entries.get(name)?.pageKey,
    body(name, page, accepted, now, serialise) {
      const entry = entryFor(name, page, serialise);
      const second = Math.floor(now.getTime() / 1000);
      if (entry.second !== second) {
        entry.second = second;
        entry.bodies = {
          identity: Buffer.concat([
            Buffer.from(`{"form":${JSON.stringify(formToken(now))},`),
            entry.rest,
          ]),
        };
      }
      const identity = entry.bodies.identity as Buffer;
      if (accepted === 'identity' || identity.length < COMPRESS_FROM_BYTES)
        return { bytes: identity, encoding: 'identity' };
      let bytes = entry.bodies[accepted];
      if (!bytes) {
        bytes = COMPRESS[accepted](identity);
        entry.bodies[accepted] = bytes;
      }
      return { bytes, encoding: accepted };
    },
  };
}
