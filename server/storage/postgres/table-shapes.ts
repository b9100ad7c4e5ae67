/**
 * The tables a copy between SQLite and PostgreSQL carries, as SQLite's schema names them (both
 * engines' schemas have the same tables and columns), and the SQL that reads each in the order
 * of its primary key and writes it, in either engine's dialect.
 */
import type { Database } from 'better-sqlite3';

export interface TableShape {
  name: string;
  /** Every column, in the table's own order. */
  columns: readonly string[];
  /** The primary key's columns, each with whether it holds text (ordered by code point). */
  key: readonly { column: string; text: boolean }[];
}

interface ColumnInfo {
  name: string;
  type: string;
  pk: number;
}

/** Every table of the schema, in an order in which each follows the tables it refers to. */
export function tableShapes(db: Database): TableShape[] {
  const names = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const shapes = names.map((name) => {
    const columns = db.pragma(`table_info(${quoted(name)})`) as ColumnInfo[];
    const key = columns.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk);
    return {
      name,
      columns: columns.map((column) => column.name),
      // A table without a primary key would be read in the order of all its columns.
      key: (key.length > 0 ? key : columns).map((column) => ({
        column: column.name,
        text: column.type.toUpperCase() === 'TEXT',
      })),
    };
  });
  const referred = (name: string) =>
    (db.pragma(`foreign_key_list(${quoted(name)})`) as { table: string }[])
      .map((reference) => reference.table)
      .filter((table) => table !== name);
  const ordered: TableShape[] = [];
  const visit = (shape: TableShape) => {
    if (ordered.includes(shape)) return;
    for (const table of referred(shape.name)) {
      const target = shapes.find((each) => each.name === table);
      if (target) visit(target);
    }
    ordered.push(shape);
  };
  for (const shape of shapes) visit(shape);
  return ordered;
}

/** An identifier as both engines read it, whatever word it is ("key", "text", "count"). */
export function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * SELECT of every column in primary key order: text by code point in both engines (SQLite's
 * BINARY, PostgreSQL's "C"), whatever collation a column compares with otherwise.
 */
export function selectInKeyOrder(shape: TableShape, engine: 'sqlite' | 'postgres'): string {
  const binary = engine === 'sqlite' ? 'COLLATE BINARY' : 'COLLATE "C"';
  const order = shape.key
    .map(({ column, text }) => (text ? `${quoted(column)} ${binary}` : quoted(column)))
    .join(', ');
  return `SELECT ${shape.columns.map(quoted).join(', ')} FROM ${quoted(shape.name)} ORDER BY ${order}`;
}

/** INSERT of `rows` rows, with `?` (SQLite) or `$n` (PostgreSQL) parameters in column order. */
export function insertRows(shape: TableShape, rows: number, engine: 'sqlite' | 'postgres'): string {
  const width = shape.columns.length;
  const values = Array.from(
    { length: rows },
    (_, row) =>
      `(${shape.columns.map((_, column) => (engine === 'sqlite' ? '?' : `$${row * width + column + 1}`)).join(', ')})`,
  );
  return `INSERT INTO ${quoted(shape.name)} (${shape.columns.map(quoted).join(', ')}) VALUES ${values.join(', ')}`;
}
