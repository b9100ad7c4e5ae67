/**
 * Verified addresses in PostgreSQL (../verified-addresses.ts). SQLite's email column compares
 * under NOCASE; here every comparison is nocase(email) = nocase($n), as the index is on it.
 */
import type { Storage } from '../storage.ts';
import type { VerificationRow } from '../verified-addresses.ts';
import { type Connection, one, run, type Statement, sourcesOf, statement } from './connection.ts';

const STATEMENTS = {
  insert: statement(
    'verifications.insert',
    `INSERT INTO verified_addresses (secret_hash, email, link_hash, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5)`,
  ),
  askedSince: statement(
    'verifications.askedSince',
    `SELECT count(*) AS asked FROM verified_addresses
     WHERE nocase(email) = nocase($1) AND created_at > $2`,
  ),
  findByLink: statement(
    'verifications.findByLink',
    'SELECT * FROM verified_addresses WHERE link_hash = $1',
  ),
  // Checked and spent in one statement: of two presses at once, the second waits for the
  // first's row, then finds it confirmed.
  confirm: statement(
    'verifications.confirm',
    `UPDATE verified_addresses SET confirmed_at = $2
     WHERE link_hash = $1 AND confirmed_at IS NULL AND expires_at > $2
     RETURNING *`,
  ),
  isConfirmedSecret: statement(
    'verifications.isConfirmedSecret',
    `SELECT EXISTS (SELECT FROM verified_addresses
       WHERE secret_hash = $1 AND nocase(email) = nocase($2) AND confirmed_at IS NOT NULL)
     AS confirmed`,
  ),
  hasConfirmed: statement(
    'verifications.hasConfirmed',
    `SELECT EXISTS (SELECT FROM verified_addresses
       WHERE nocase(email) = nocase($1) AND confirmed_at IS NOT NULL) AS confirmed`,
  ),
  dropExpired: statement(
    'verifications.dropExpired',
    'DELETE FROM verified_addresses WHERE confirmed_at IS NULL AND expires_at <= $1',
  ),
  erase: statement(
    'verifications.erase',
    'DELETE FROM verified_addresses WHERE nocase(email) = nocase($1)',
  ),
};

export function createPgVerifiedAddresses(connection: Connection): Storage['verifications'] {
  /** The one boolean `asked` answers. */
  const confirmed = async (asked: Statement, values: unknown[]) =>
    (await one<{ confirmed: boolean }>(connection, asked, values))?.confirmed === true;
  return {
    statementSources: async () => sourcesOf(STATEMENTS),
    async add(row) {
      await run(connection, STATEMENTS.insert, [
        row.secretHash,
        row.email,
        row.linkHash,
        row.createdAt,
        row.expiresAt,
      ]);
    },
    askedSince: async (email, since) =>
      (await one<{ asked: number }>(connection, STATEMENTS.askedSince, [email, since]))?.asked ?? 0,
    findByLink: (linkHash) => one<VerificationRow>(connection, STATEMENTS.findByLink, [linkHash]),
    confirm: (linkHash, now) =>
      one<VerificationRow>(connection, STATEMENTS.confirm, [linkHash, now]),
    isConfirmedSecret: (secretHash, email) =>
      confirmed(STATEMENTS.isConfirmedSecret, [secretHash, email]),
    hasConfirmed: (email) => confirmed(STATEMENTS.hasConfirmed, [email]),
    async dropExpired(before) {
      await run(connection, STATEMENTS.dropExpired, [before]);
    },
    async eraseAddress(email) {
      await run(connection, STATEMENTS.erase, [email]);
    },
  };
}
