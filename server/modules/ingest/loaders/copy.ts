import type { Queryable } from '#platform/db/db.ts';
import { csvChunks } from '#platform/db/copy-csv.ts';

/** The staging tables created in each open transaction (a run's, or a reprocess's). */
const created = new WeakMap<Queryable, Set<string>>();

/**
 * Loads rows into a temporary table of the transaction, emptied first: the batch is then stored with
 * one `insert … select` that joins what it needs. The table has no indexes and is dropped at commit.
 * `columns` is its column list with types, in the order `line` gives the values.
 */
export async function stage<T>(tx: Queryable, table: string, columns: string, rows: readonly T[], line: (row: T) => (string | number | boolean | null | undefined)[]): Promise<void> {
  let tables = created.get(tx);
  if (!tables) created.set(tx, (tables = new Set()));
  if (!tables.has(table)) {
    await tx.query(`create temporary table ${table} (${columns}) on commit drop`);
    tables.add(table);
  } else {
    // Created in this transaction, so truncating empties it in place: no new file, no dead rows to scan.
    await tx.query(`truncate ${table}`);
  }
  const names = columns.split(',').map((c) => c.trim().split(/\s+/)[0]).join(', ');
  await tx.copyFrom(`copy ${table} (${names}) from stdin with (format csv)`, csvChunks(rows, line));
}
