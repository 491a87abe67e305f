/**
 * column = any(ids), except that a single id is written as an equality: only then can an index on
 * (column, created_at) deliver a leaf unit's or one manager's newest rows in order, instead of
 * the planner walking the whole table's created_at index (3 ms against 1.4 s at 1M customers).
 */
export function memberOf(column: string, ids: number[], params: unknown[]): string {
  if (ids.length === 1) {
    params.push(ids[0]);
    return `${column} = $${params.length}::bigint`;
  }
  params.push(ids);
  return `${column} = any($${params.length}::bigint[])`;
}
