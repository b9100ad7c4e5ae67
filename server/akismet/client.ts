/**
 * Akismet's REST API, version 1.1: `comment-check`, `submit-spam` and `submit-ham`, each a POST
 * of form fields (https://akismet.com/developers/). Every call gives up after CALL_TIMEOUT_MS,
 * so that a post waits at most that long for Akismet; whatever is not a clear answer is an
 * error, for the caller to hold the comment and try again later.
 */
import type { AkismetSettings } from './settings.ts';

/** How long one call may take, answer included, before it counts as failed. */
export const CALL_TIMEOUT_MS = 3_000;

/** What Akismet answers to `submit-spam` and `submit-ham` when it took the report. */
const THANKS = 'Thanks for making the web a better place.';

/** The fields of one call, as Akismet names them; empty ones are left out. */
export type AkismetFields = Record<string, string | null | undefined>;

export type AkismetClient = ReturnType<typeof createAkismetClient>;

/** Akismet could not be asked, or gave no answer the server can act on. */
export class AkismetUnavailable extends Error {
  override name = 'AkismetUnavailable';
}

/** A client for the key and site of `settings`, at `settings.url`. */
export function createAkismetClient(settings: AkismetSettings) {
  async function call(
    endpoint: string,
    fields: AkismetFields,
  ): Promise<{ text: string; headers: Headers }> {
    const form = new URLSearchParams({ api_key: settings.key, blog: settings.site });
    for (const [name, value] of Object.entries(fields)) if (value) form.set(name, value);
    let response: Response;
    let text: string;
    try {
      // One signal for the request and its body: a server that sends headers and then stalls
      // is cut off at the same moment as one that never answers.
      const signal = AbortSignal.timeout(CALL_TIMEOUT_MS);
      response = await fetch(`${settings.url}/1.1/${endpoint}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
          'user-agent': 'LeaveAReply | Akismet/1.1',
        },
        body: form,
        signal,
      });
      text = (await response.text()).trim();
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new AkismetUnavailable(
        timedOut
          ? `Akismet did not answer ${endpoint} within ${CALL_TIMEOUT_MS / 1000} s.`
          : `Akismet could not be reached for ${endpoint}: ${describe(error)}`,
      );
    }
    if (!response.ok)
      throw new AkismetUnavailable(`Akismet answered ${endpoint} with HTTP ${response.status}.`);
    return { text, headers: response.headers };
  }

  return {
    /** Akismet's verdict on a new comment: spam or not. Throws AkismetUnavailable otherwise. */
    async commentCheck(fields: AkismetFields): Promise<'spam' | 'ham'> {
      const response = await call('comment-check', fields);
      if (response.text === 'true') return 'spam';
      if (response.text === 'false') return 'ham';
      const help = response.headers.get('x-akismet-debug-help');
      throw new AkismetUnavailable(
        `Akismet answered comment-check with "${response.text.slice(0, 100)}"${help ? ` (${help})` : ''}: check AKISMET_KEY and AKISMET_SITE.`,
      );
    },
    /** Tells Akismet it missed a spam (`spam`) or took a good comment for spam (`ham`). */
    async submit(kind: 'spam' | 'ham', fields: AkismetFields): Promise<void> {
      const response = await call(`submit-${kind}`, fields);
      if (response.text !== THANKS)
        throw new AkismetUnavailable(
          `Akismet answered submit-${kind} with "${response.text.slice(0, 100)}".`,
        );
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
