/**
 * The notes posting writes under the form's button (CommentForm's `note`). Made here, in the
 * module loaded on demand, with the embed script's own preact (widget/on-demand/preact-parts.ts):
 * readers who never post download none of them.
 */
import { R } from '../shared/i18n/reader-text.ts';
import { importOnce } from './import-once.ts';
import type { Sending } from './send-comment.ts';

type Verifier = typeof import('./on-demand/verify.ts');

/** "Checking…": what the form is busy with while a challenge is solved. */
export function checkingNote(text: string) {
  return <p class="form-status">{text}</p>;
}

/**
 * Offers to verify `email` under the form; pressed, the verifier is loaded and asks the server
 * to mail the reader a link, and the offer gives way to what became of that.
 */
export function offerVerification(
  { client, config, setNote, onAnnounce }: Sending,
  email: string,
): void {
  const { say } = client;
  const request = () => {
    setNote(<p class="verify" />);
    importOnce<Verifier>(client.server, __VERIFY__)
      .then((verifier) => verifier.requestVerification(client, email, config.page.url))
      .catch(() => say(R.ActionFailed))
      .then((text) => {
        setNote(<p class="verify">{text}</p>);
        onAnnounce(text);
      });
  };
  setNote(
    <p class="verify">
      <button type="button" class="link" onClick={request}>
        {say(R.VerifyEmail)}
      </button>
    </p>,
  );
}
