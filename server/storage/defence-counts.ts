/** The daily counts of the defences (schema/18-defence-counts.ts). */
import type { Database } from 'better-sqlite3';
import { asWriteTransaction } from './transaction.ts';

export interface DefenceCountRow {
  day: string;
  defence: string;
  outcome: string;
  count: number;
}

export type DefenceCounts = ReturnType<typeof createDefenceCounts>;

/** Days of counts kept: the overview shows 90; a year is kept for a look further back. */
const KEPT_DAYS = 366;

export function createDefenceCounts(db: Database) {
  const statements = {
    add: db.prepare<DefenceCountRow>(
      `INSERT INTO defence_counts (day, defence, outcome, count)
       VALUES (@day, @defence, @outcome, @count)
       ON CONFLICT (day, defence, outcome) DO UPDATE SET count = count + excluded.count`,
    ),
    dropBefore: db.prepare<[string]>('DELETE FROM defence_counts WHERE day < ?'),
    since: db.prepare<[string], DefenceCountRow>(
      'SELECT day, defence, outcome, count FROM defence_counts WHERE day >= ?',
    ),
  };
  return {
    /** Adds counts to their days, in one transaction; days past KEPT_DAYS before the newest go. */
    add: asWriteTransaction(db, (rows: readonly DefenceCountRow[]): void => {
      for (const row of rows) statements.add.run(row);
      const newest = rows
        .map((row) => row.day)
        .sort()
        .at(-1);
      if (!newest) return;
      const cut = new Date(Date.parse(`${newest}T00:00:00Z`) - KEPT_DAYS * 86_400_000);
      statements.dropBefore.run(cut.toISOString().slice(0, 10));
    }),
    since(day: string): DefenceCountRow[] {
      return statements.since.all(day);
    },
  };
}
