/** The defences' daily counts in PostgreSQL (../defence-counts.ts). */
import type { DefenceCountRow } from '../defence-counts.ts';
import type { Storage } from '../storage.ts';
import { all, type Connection, run, statement } from './connection.ts';

/** Days of counts kept, as SQLite keeps them. */
const KEPT_DAYS = 366;

const STATEMENTS = {
  // All rows in one statement, summed per key first: one upsert may not touch a row twice. In
  // key order, so that instances adding the same days at once lock their rows in one order
  // and wait for each other rather than deadlock.
  add: statement(
    'defenceCounts.add',
    `INSERT INTO defence_counts (day, defence, outcome, count)
     SELECT day, defence, outcome, sum(count)
     FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS added (day, defence, outcome, count)
     GROUP BY day, defence, outcome ORDER BY day, defence, outcome
     ON CONFLICT (day, defence, outcome) DO UPDATE SET count = defence_counts.count + excluded.count`,
  ),
  dropBefore: statement('defenceCounts.dropBefore', 'DELETE FROM defence_counts WHERE day < $1'),
  // In key order, as SQLite's range over its primary key gives them.
  since: statement(
    'defenceCounts.since',
    `SELECT day, defence, outcome, count FROM defence_counts WHERE day >= $1
     ORDER BY day, defence, outcome`,
  ),
};

/** The first day kept when `newest` is the newest day counted. */
function keptFrom(newest: string): string {
  const cut = new Date(Date.parse(`${newest}T00:00:00Z`) - KEPT_DAYS * 86_400_000);
  return cut.toISOString().slice(0, 10);
}

export function createPgDefenceCounts(connection: Connection): Storage['defenceCounts'] {
  return {
    async add(rows) {
      if (rows.length === 0) return;
      const newest = rows
        .map((row) => row.day)
        .sort()
        .at(-1);
      // Worked out before writing: a day that is no date throws, and nothing is written.
      const before = newest ? keptFrom(newest) : null;
      await connection.atomically(async (c) => {
        await run(c, STATEMENTS.add, [
          rows.map((row) => row.day),
          rows.map((row) => row.defence),
          rows.map((row) => row.outcome),
          rows.map((row) => row.count),
        ]);
        if (before) await run(c, STATEMENTS.dropBefore, [before]);
      });
    },
    since: (day) => all<DefenceCountRow>(connection, STATEMENTS.since, [day]),
  };
}
