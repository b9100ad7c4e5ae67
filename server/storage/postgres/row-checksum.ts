/**
 * A table's rows as a count and a SHA-256, computed alike from either engine: each row's values
 * in column order as one line of JSON (integers as numbers, texts as strings, NULL as null), the
 * rows in primary key order. Two tables with the same checksum hold the same rows.
 */
import { createHash } from 'node:crypto';

export class RowChecksum {
  private readonly hash = createHash('sha256');
  rows = 0;

  add(row: readonly unknown[]): void {
    this.hash.update(`${JSON.stringify(row)}\n`);
    this.rows++;
  }

  /** The SHA-256 in hex; the checksum is done with. */
  digest(): string {
    return this.hash.digest('hex');
  }
}
