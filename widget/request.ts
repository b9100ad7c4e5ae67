/**
 * The one way the reader's widget and the site owner's dashboard call their server: JSON in
 * and out, and every failure turned into a `RequestFailed` in words a person can act on. Each
 * side brings its own words, headers and cookies; the rules for reading an answer are here.
 */
import type { ApiError, ChallengeOffer, FieldErrors } from '../shared/types.ts';

/**
 * A failed call, in words the person at the screen can act on. Its properties are assigned, not
 * declared as class fields: esbuild lowers fields for the oldest browsers we serve with a helper
 * that would cost the reader's script some 190 bytes. What the server said of the failure
 * (`detail`, its answer's `error`) is copied whole, so that a new part of it costs nothing here.
 */
export class RequestFailed extends Error {
  /** The HTTP status; 0 when no answer came. */
  declare readonly status: number;
  declare readonly fields: FieldErrors;
  /** The server's error code, e.g. `form_expired`; empty when it sent none. */
  declare readonly code: string;
  /** The proof-of-work challenge a 428 asks to be solved. */
  declare readonly challenge?: ChallengeOffer;

  constructor(message: string, status: number, detail?: Partial<ApiError['error']>) {
    super(message);
    Object.assign(this, { status, fields: {}, code: '' }, detail);
  }
}

/** What to say when a call fails and the server's answer says nothing of its own. */
export interface FailureWords {
  /** No answer came at all. */
  unreachable: string;
  /** The server answered `status` without a message. */
  failed: (status: number) => string;
}

export interface RequestOptions {
  method?: string;
  /**
   * Sent as JSON. Without it the request has no body and no JSON content type: Fastify refuses
   * a JSON content type with an empty body.
   */
  body?: unknown;
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
}

/**
 * Calls `url` and returns its JSON answer (nothing for 204). A failure throws `RequestFailed`
 * with the server's message, field errors and code when it sent them, else with `words`.
 */
export async function requestJson<T>(
  url: string,
  words: FailureWords,
  { body, headers, ...init }: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new RequestFailed(words.unreachable, 0);
  }
  if (response.status === 204) return undefined as T;
  if (response.ok) return (await response.json()) as T;
  const failure = ((await response.json().catch(() => null)) as ApiError | null)?.error;
  throw new RequestFailed(
    failure?.message ?? words.failed(response.status),
    response.status,
    failure,
  );
}

/** The words to show for `error`: a failed call's own, else `fallback`. */
export function failureMessage(error: unknown, fallback: string): string {
  return error instanceof RequestFailed ? error.message : fallback;
}
