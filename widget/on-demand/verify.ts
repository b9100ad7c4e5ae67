/**
 * Verifying the reader's address, loaded when they press "Verify my email" under their posted
 * comment: asks the server to mail them a link, and keeps the secret that the link confirms,
 * which every later comment under that address carries (widget/send-comment.ts).
 */
import { R } from '../../shared/i18n/reader-text.ts';
import { call } from '../api.ts';
import type { Client } from '../client.ts';
import { saveVerification } from '../storage.ts';

/** Asks for the mail; the words to show after, whatever the server answered. */
export function requestVerification(client: Client, email: string, page: string): Promise<string> {
  return call<{ verification: string }>(client, '/api/verifications', 'POST', {
    email,
    url: page,
  }).then(
    ({ verification }) => {
      saveVerification(client.server, email, verification);
      return client.say(R.VerifySent);
    },
    () => client.say(R.ActionFailed),
  );
}
