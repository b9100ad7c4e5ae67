/**
 * Verified addresses (schema/15-verified-addresses.ts): each row is one browser's request to
 * verify an address, found by the hash of the browser's secret or of its mail link's token.
 * Neither secret nor token is stored as it is, so a copy of the database verifies nobody.
 */
import type { Database } from 'better-sqlite3';
import { sourcesOf } from './rows.ts';

export interface VerificationRow {
  secret_hash: string;
  email: string;
  link_hash: string;
  created_at: string;
  /** Until then the link confirms; a confirmed secret stays good after it. */
  expires_at: string;
  confirmed_at: string | null;
}

export interface NewVerification {
  secretHash: string;
  email: string;
  linkHash: string;
  createdAt: string;
  expiresAt: string;
}

export type VerifiedAddresses = ReturnType<typeof createVerifiedAddresses>;

export function createVerifiedAddresses(db: Database) {
  const statements = {
    insert: db.prepare<NewVerification>(
      `INSERT INTO verified_addresses (secret_hash, email, link_hash, created_at, expires_at)
       VALUES (@secretHash, @email, @linkHash, @createdAt, @expiresAt)`,
    ),
    askedSince: db
      .prepare<[string, string], number>(
        'SELECT count(*) FROM verified_addresses WHERE email = ? AND created_at > ?',
      )
      .pluck(),
    findByLink: db.prepare<[string], VerificationRow>(
      'SELECT * FROM verified_addresses WHERE link_hash = ?',
    ),
    confirm: db.prepare<{ hash: string; now: string }, VerificationRow>(
      // Checked and spent in one statement: two presses at once confirm once.
      `UPDATE verified_addresses SET confirmed_at = @now
       WHERE link_hash = @hash AND confirmed_at IS NULL AND expires_at > @now
       RETURNING *`,
    ),
    isConfirmedSecret: db
      .prepare<[string, string], number>(
        `SELECT count(*) FROM verified_addresses
         WHERE secret_hash = ? AND email = ? AND confirmed_at IS NOT NULL`,
      )
      .pluck(),
    hasConfirmed: db
      .prepare<[string], number>(
        `SELECT count(*) FROM (SELECT 1 FROM verified_addresses
         WHERE email = ? AND confirmed_at IS NOT NULL LIMIT 1)`,
      )
      .pluck(),
    dropExpired: db.prepare<[string]>(
      'DELETE FROM verified_addresses WHERE confirmed_at IS NULL AND expires_at <= ?',
    ),
    erase: db.prepare<[string]>('DELETE FROM verified_addresses WHERE email = ?'),
  };

  return {
    /** The SQL of every statement, by name, so that tests can check each one's query plan. */
    statementSources: () => sourcesOf(statements),
    add(row: NewVerification): void {
      statements.insert.run(row);
    },
    /** How many verifications of `email` were asked for after `since` (an ISO time). */
    askedSince(email: string, since: string): number {
      return statements.askedSince.get(email, since) ?? 0;
    },
    findByLink(linkHash: string): VerificationRow | null {
      return statements.findByLink.get(linkHash) ?? null;
    },
    /** Confirms the verification of this link, if it is unused and unexpired; null otherwise. */
    confirm(linkHash: string, now: string): VerificationRow | null {
      return statements.confirm.get({ hash: linkHash, now }) ?? null;
    },
    /** True when `secretHash` is a confirmed verification of `email` (case ignored). */
    isConfirmedSecret(secretHash: string, email: string): boolean {
      return (statements.isConfirmedSecret.get(secretHash, email) ?? 0) > 0;
    },
    /** True when any browser has confirmed `email` (case ignored). */
    hasConfirmed(email: string): boolean {
      return (statements.hasConfirmed.get(email) ?? 0) > 0;
    },
    /** Forgets the links that expired unconfirmed at least before `before`. */
    dropExpired(before: string): void {
      statements.dropExpired.run(before);
    },
    /** Forgets every verification of `email`, confirmed or not (an erasure under the GDPR). */
    eraseAddress(email: string): void {
      statements.erase.run(email);
    },
  };
}
