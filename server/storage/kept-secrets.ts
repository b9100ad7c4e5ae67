/**
 * The secrets the server keeps in its database: the admin token's hash, the dashboard
 * password's hash, and the keys that sign form tokens and mail links and that hash addresses
 * (IP addresses, and emails into avatar seeds).
 * Each is read and made here only, so no other module knows where or how one is kept.
 */
import { createToken, hashToken } from './secrets.ts';
import type { Storage } from './storage.ts';

const SETTINGS = {
  /** The generated admin token is kept as its SHA-256 only, like every other token. */
  adminTokenHash: 'admin_token_hash',
  /** Where earlier versions kept the generated token itself. */
  plainAdminToken: 'admin_token',
  /** The dashboard password's scrypt hash. */
  passwordHash: 'admin_password_hash',
  formKey: 'form_key',
  ipHashKey: 'ip_hash_key',
  mailLinkKey: 'mail_link_key',
  avatarKey: 'avatar_key',
  likeKey: 'like_key',
  challengeKey: 'challenge_key',
} as const;

export interface AdminToken {
  /** The hash a bearer token is checked against. */
  hash: string;
  /** The token itself, only on the start that generates it (shown once) or when configured. */
  token: string | null;
  generated: boolean;
}

export type KeptSecrets = ReturnType<typeof createKeptSecrets>;

/** The secrets kept in `storageOf()`'s database (asked for lazily: the storage holds these). */
export function createKeptSecrets(storageOf: () => Storage) {
  /** A key made on first use and kept, so that it survives restarts. */
  async function key(name: string): Promise<string> {
    const { store } = storageOf();
    const kept = await store.getSetting(name);
    if (kept) return kept;
    // Another instance (or call) may make the same key at this moment: the first one stored is
    // the key of every one.
    return store.keepSetting(name, createToken(32));
  }

  return {
    /** Signs the form tokens a thread answer carries. */
    formKey: () => key(SETTINGS.formKey),
    /** Hashes readers' IP addresses, so that none is stored as it is. */
    ipHashKey: () => key(SETTINGS.ipHashKey),
    /** Signs the unsubscribe links in mail. */
    mailLinkKey: () => key(SETTINGS.mailLinkKey),
    /**
     * Keys the seeds of readers' avatars: kept, so that a reader's picture stays the same across
     * restarts, and secret, so that a seed cannot be worked back to an address.
     */
    avatarKey: () => key(SETTINGS.avatarKey),
    /** Hashes the ids readers like comments under, so that none is stored as it is. */
    likeKey: () => key(SETTINGS.likeKey),
    /** Signs proof-of-work challenges, so that a solution is one to a challenge this server set. */
    challengeKey: () => key(SETTINGS.challengeKey),

    /**
     * The admin token in force: ADMIN_TOKEN's (`configured`), else the generated one's. Nothing
     * in the database gives a generated token away after the start that shows it. A token an
     * earlier version kept as it is gets replaced by its hash, and keeps working.
     */
    async adminToken(configured: string | null): Promise<AdminToken> {
      const storage = storageOf();
      const { store } = storage;
      const plain = await store.getSetting(SETTINGS.plainAdminToken);
      if (configured) {
        // A token an earlier version kept as it is must not stay in the database (nor in its
        // exports) because ADMIN_TOKEN now overrides it.
        if (plain) await store.deleteSetting(SETTINGS.plainAdminToken);
        return { hash: hashToken(configured), token: configured, generated: false };
      }
      const kept = await store.getSetting(SETTINGS.adminTokenHash);
      if (kept) return { hash: kept, token: null, generated: false };
      if (plain) {
        const hash = hashToken(plain);
        await storage.transaction(async (tx) => {
          await tx.store.setSetting(SETTINGS.adminTokenHash, hash);
          await tx.store.deleteSetting(SETTINGS.plainAdminToken);
        });
        return { hash, token: null, generated: false };
      }
      const token = createToken(32);
      const hash = hashToken(token);
      // Of instances starting at once on a new database, one makes the token; the others use
      // its hash and show none.
      const stored = await store.keepSetting(SETTINGS.adminTokenHash, hash);
      if (stored !== hash) return { hash: stored, token: null, generated: false };
      return { hash, token, generated: true };
    },

    /** The dashboard password's hash; read each time, as the CLI may change it while serving. */
    passwordHash: (): Promise<string | null> => storageOf().store.getSetting(SETTINGS.passwordHash),

    /**
     * Makes `hash` the dashboard's password and ends every session, in one write: whoever signed
     * in with the password before must sign in with the new one.
     */
    replacePassword(hash: string): Promise<void> {
      return storageOf().transaction(async (tx) => {
        await tx.store.setSetting(SETTINGS.passwordHash, hash);
        await tx.sessions.closeAll();
      });
    },
  };
}
