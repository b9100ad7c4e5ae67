/**
 * Verified commenters. A reader's browser asks to verify an address and keeps the secret it is
 * given; the address receives a link whose button confirms that one secret. A comment that then
 * carries the secret, with that address, is the address's owner's: first-time moderation knows
 * them by the address alone, and holds comments that give the address without its secret.
 *
 * Each request makes a secret of its own, so each browser verifies itself, and confirming one
 * link confirms only the browser that asked for it: someone who asks for the victim's address at
 * the same moment gets a secret the victim's click does not confirm. Confirmed secrets stay good
 * (a reader may verify their phone and their laptop) until the address's data is erased.
 */
import type { Locale } from '../../shared/i18n/locales.ts';
import type { Config } from '../config.ts';
import { mailLink } from '../mail/links.ts';
import { createToken, hashToken } from '../storage/secrets.ts';
import type { Storage } from '../storage/storage.ts';
import type { VerificationRow } from '../storage/verified-addresses.ts';
import { verificationMail } from './mail.ts';

/** How long a link to verify an address works. */
export const VERIFY_LINK_TTL_MS = 7 * 24 * 60 * 60_000;

/**
 * How many verifications one address may be asked for in a day: past that, no more mail goes to
 * it, so that the form cannot be used to fill a stranger's inbox. The answer stays the same.
 */
export const VERIFY_MAILS_PER_DAY = 5;

/** What a new comment's verification says of it. */
export type AddressProof =
  /** It carries a confirmed secret of its own address. */
  | 'verified'
  /** Its address was verified by someone's browser, and it carries no secret of it. */
  | 'unverified'
  /** Nobody ever verified its address. */
  | 'unknown';

export interface VerificationRequest {
  email: string;
  /** The origin of the page that asked, named in the mail. */
  site: string;
  locale: Locale;
}

export type Verifications = ReturnType<typeof createVerifications>;

export function createVerifications({
  config,
  storage,
  onQueued = () => {},
}: {
  config: Pick<Config, 'publicUrl' | 'smtpUrl'>;
  /** Where requests are kept and their mail queued. */
  storage: Storage;
  /** Called after a mail was queued, so that the worker sends it at once. */
  onQueued?: () => void;
}) {
  return {
    /**
     * A new secret for the browser that asks, and the mail with the link that confirms it. The
     * secret is the same kind of answer whatever the address: known, verified, unsubscribed or
     * asked too often, nobody can tell from it.
     */
    async request({ email, site, locale }: VerificationRequest, now: Date): Promise<string> {
      const secret = createToken();
      const link = createToken();
      const at = now.toISOString();
      const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
      const queued = await storage.transaction(async (tx) => {
        await tx.verifications.dropExpired(dayAgo);
        // An address that unsubscribed gets no mail at all, this one included.
        if ((await tx.mail.findSubscriber(email))?.unsubscribed_at) return false;
        if ((await tx.verifications.askedSince(email, dayAgo)) >= VERIFY_MAILS_PER_DAY)
          return false;
        await tx.verifications.add({
          secretHash: hashToken(secret),
          email,
          linkHash: hashToken(link),
          createdAt: at,
          expiresAt: new Date(now.getTime() + VERIFY_LINK_TTL_MS).toISOString(),
        });
        const content = verificationMail(
          locale,
          new URL(site).host,
          mailLink(config.publicUrl, 'verify', link, locale),
        );
        return tx.mail.queueMail(
          { dedupeKey: `verify:${hashToken(link)}`, recipient: email, ...content },
          at,
        );
      });
      if (queued) onQueued();
      return secret;
    },

    /** What the link `token` stands for, for the page it opens; null when unknown. */
    findLink(token: string): Promise<VerificationRow | null> {
      return storage.verifications.findByLink(hashToken(token));
    },

    /** Confirms the link's secret: once, before it expires. Null when it cannot. */
    confirm(token: string, now: Date): Promise<VerificationRow | null> {
      return storage.verifications.confirm(hashToken(token), now.toISOString());
    },

    /**
     * What `secret` (a comment's `verification`, if it has one) proves of `email`, read through
     * `tx`: the transaction that stores the comment.
     */
    async prove(email: string, secret: string | undefined, tx: Storage): Promise<AddressProof> {
      if (secret && (await tx.verifications.isConfirmedSecret(hashToken(secret), email)))
        return 'verified';
      // Without mail no comment is held for want of a verification (the policy goes by name and
      // email, as WordPress does): whether the address has one is not worth a read.
      if (config.smtpUrl === null) return 'unknown';
      return (await tx.verifications.hasConfirmed(email)) ? 'unverified' : 'unknown';
    },
  };
}
