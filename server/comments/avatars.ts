/**
 * What a comment carries to draw its author's picture (AVATARS): a seed the widget turns into
 * an identicon, and with AVATARS=gravatar the hash Gravatar's image addresses are made of.
 *
 * The seed is keyed by a secret the server keeps: a plain hash of an address (MD5 as Gravatar
 * once used, or SHA-256) can be looked up in lists of known addresses, so anyone reading a thread
 * could tell who wrote what. A keyed one names an author only on this server: the same reader
 * gets the same picture on every page, and nobody can work back to their address.
 */
import { createHash, createHmac } from 'node:crypto';

export const AVATAR_MODES = ['identicon', 'gravatar', 'none'] as const;
export type AvatarMode = (typeof AVATAR_MODES)[number];

/** The fields a comment gains for its author's picture; none with AVATARS=none. */
export interface AvatarFields {
  avatar?: string;
  gravatar?: string;
}

/** The picture fields of an author, from their email address. */
export type Avatars = (email: string) => AvatarFields;

/** How many hex characters of the keyed hash a seed keeps: 64 bits tell authors apart. */
const SEED_HEX_CHARS = 16;

/** An address as its author may type it on any page: surrounding spaces and case ignored. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The identicon seed of an address under `key`: the start of its HMAC-SHA256. */
export function avatarSeed(email: string, key: string): string {
  return createHmac('sha256', key)
    .update(normaliseEmail(email))
    .digest('hex')
    .slice(0, SEED_HEX_CHARS);
}

/** The hash Gravatar's image addresses name an address by: SHA-256 of the normalised address. */
export function gravatarHash(email: string): string {
  return createHash('sha256').update(normaliseEmail(email)).digest('hex');
}

const NO_AVATAR: AvatarFields = Object.freeze({});

/** The picture fields for AVATARS=`mode`, seeds keyed by `key` (a secret the server keeps). */
export function createAvatars(mode: AvatarMode, key: string): Avatars {
  if (mode === 'none') return () => NO_AVATAR;
  if (mode === 'identicon') return (email) => ({ avatar: avatarSeed(email, key) });
  return (email) => ({ avatar: avatarSeed(email, key), gravatar: gravatarHash(email) });
}
